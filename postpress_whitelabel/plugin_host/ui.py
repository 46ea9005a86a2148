"""Where plugins show up in pages: top-bar links, template variables, home panels."""

from __future__ import annotations

import logging

from flask import Flask, g, render_template, request
from flask_login import current_user
from markupsafe import Markup

from ..accounts import reconnect
from . import manager, panel_batch

log = logging.getLogger(__name__)
# Names the core's templates rely on; a plugin's template variables never replace them.
RESERVED = frozenset({"brand", "csrf_token", "current_user", "config", "request", "session",
                      "menu_links", "is_admin", "secret_banner", "url_for", "g"})


def _user():
    return current_user if current_user.is_authenticated else None


def _flatten(results) -> list:
    return [item for result in results if result for item in result]


def panels_for(accounts) -> list[dict]:
    """Rendered home panels: ``title``, ``html`` and the account each belongs to.

    Each account costs at most one Graph round trip: its panels' requests go in one $batch.
    """
    hook = manager.current().hook
    rendered = []
    for account in accounts:
        if account.status != "connected":
            continue
        panels = _flatten(hook.home_panels(account=account, user=_user()))
        answers = panel_batch.answers(account, panels)
        for index, panel in enumerate(panels):
            html = _render_panel(panel, account, answers.get(index))
            if html is not None:
                rendered.append({"title": panel.title, "html": html, "account": account})
    return rendered


def _render_panel(panel, account, answer) -> Markup | None:
    """The panel's template with its Graph responses, or the panel's own error box."""
    if not getattr(panel, "requests", ()):
        return render_block(panel, account=account)
    error = panel_batch.first_error(answer, getattr(panel, "optional", ()))
    if error is not None:
        policy = reconnect.reason(account, error) == "policy"
        return Markup(render_template("_panel_error.html", error=error,  # noqa: S704
                                      account=account, refused_by_policy=policy))
    return render_block(panel, account=account, graph=answer)


def render_block(block, **extra) -> Markup | None:
    """A plugin's panel or section as HTML; a template that fails is logged and left out."""
    try:
        # Rendered by an autoescaping template, so the output is HTML we made, not input.
        return Markup(render_template(block.template, **extra, **block.context))  # noqa: S704
    except Exception:  # noqa: BLE001 - one plugin's broken template must not take the page
        log.exception("plugin template %r failed; left out of the page",
                      getattr(block, "template", "?"))
        return None


def init_app(app: Flask) -> None:
    """Register plugin blueprints and feed every template the plugins' links and variables."""
    hook = manager.current(app).hook
    for blueprint in _flatten(hook.register_blueprints(app=app)):
        app.register_blueprint(blueprint)

    @app.context_processor
    def _plugin_context():
        if g.get("plugins_failed"):  # an error page about a plugin must not call it again
            return {"menu_links": []}
        extra = {}
        for result in reversed(hook.extra_template_vars(request=request, user=_user())):
            extra.update(result or {})
        for name in RESERVED & extra.keys():
            log.warning("a plugin's extra_template_vars tried to replace %r; ignored", name)
            del extra[name]
        return {"menu_links": _flatten(hook.menu_links(user=_user())), **extra}
