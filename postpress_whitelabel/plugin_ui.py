"""Where plugins show up in pages: top-bar links, template variables, home panels."""

from __future__ import annotations

from flask import Flask, g, render_template, request
from flask_login import current_user
from markupsafe import Markup

from . import plugins


def _user():
    return current_user if current_user.is_authenticated else None


def _flatten(results) -> list:
    return [item for result in results if result for item in result]


def panels_for(accounts) -> list[dict]:
    """Rendered home panels: ``title``, ``html`` and the account each belongs to."""
    hook = plugins.manager().hook
    rendered = []
    for account in accounts:
        if account.status != "connected":
            continue
        for panel in _flatten(hook.home_panels(account=account, user=_user())):
            # Rendered by an autoescaping template, so the output is HTML we made, not input.
            html = Markup(render_template(panel.template, account=account, **panel.context))  # noqa: S704
            rendered.append({"title": panel.title, "html": html, "account": account})
    return rendered


def init_app(app: Flask) -> None:
    """Register plugin blueprints and feed every template the plugins' links and variables."""
    hook = plugins.manager(app).hook
    for blueprint in _flatten(hook.register_blueprints(app=app)):
        app.register_blueprint(blueprint)

    @app.context_processor
    def _plugin_context():
        if g.get("plugins_failed"):  # an error page about a plugin must not call it again
            return {"menu_links": []}
        extra = {}
        for result in reversed(hook.extra_template_vars(request=request, user=_user())):
            extra.update(result or {})
        return {"menu_links": _flatten(hook.menu_links(user=_user())), **extra}
