"""postpress white-label reference app: Sign in with Microsoft, white-label ready.

``create_app`` is the application factory. Plugins import only ``postpress_whitelabel.api``.
"""

from __future__ import annotations

from flask import Flask

__all__ = ["create_app"]


def create_app(test_config: dict | None = None) -> Flask:
    """Build an app: configuration first, then extensions, then the pages."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        # Templates and assets live at the project root so an integrator rebrands without
        # touching the package, and they override any plugin's templates.
        template_folder="../templates",
        static_folder="../static",
    )
    from . import (
        cli,
        clock,
        config,
        crypto,
        formatting,
        home,
        operations,
        security,
        settings,
        trusted_hosts,
    )
    from .accounts import pages as accounts_pages
    from .errors import http_errors
    from .extensions import csrf, db, migrate
    from .plugin_host import manager, migrations_cli, ui
    from .settings import branding, expiry, publisher_verification
    from .signin import identity, login, routes

    # Settings in contract order; refuses to start without the secrets it needs.
    config.load(app, test_config)
    # Shared services: time, encryption, the database, CSRF on every POST.
    clock.init_app(app)
    # Request ids, the request log line and timing wrap everything registered after them.
    operations.init_app(app)
    crypto.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"))
    csrf.init_app(app)
    identity.init_app(app)
    login.init_app(app)
    # Plugins next: their scopes, links and pages join the core's.
    pm = manager.init_app(app)
    # Pages: the core's, then the plugins'.
    for blueprint in (home.bp, login.bp, routes.bp, accounts_pages.bp, settings.bp,
                      publisher_verification.bp):
        app.register_blueprint(blueprint)
    branding.init_app(app)
    expiry.init_app(app)
    ui.init_app(app)
    security.init_app(app)
    http_errors.init_app(app)
    trusted_hosts.init_app(app)
    formatting.init_app(app)
    cli.init_app(app)
    migrations_cli.init_app(app)  # `flask db upgrade` brings plugins' tables along
    pm.hook.startup(app=app)
    return app
