"""An offline stand-in for login.microsoftonline.com, the Entra admin center and Graph v1.0.

`create_app()` builds a separate Flask app that imports nothing from the reference app; the
app reaches it only over HTTP, through the same URLs it would use for Microsoft.
"""

import os
import secrets

from flask import Flask

from .state import Sandbox
from .web import EXTENSION_KEY

__all__ = ["Sandbox", "create_app"]


def create_app(config: dict | None = None) -> Flask:
    """Build the sandbox app; `config` overrides defaults (and the environment) when given."""
    app = Flask(__name__, static_url_path="/sandbox-static")
    app.config.from_mapping(
        # A throwaway key is fine: sandbox sign-ins need not survive a restart.
        SECRET_KEY=secrets.token_hex(32),
        # Its own cookie name, so it never clobbers an app's `session` on the same host.
        SESSION_COOKIE_NAME="sandbox_session",
        SESSION_COOKIE_SAMESITE="Lax",
        # Base URL printed in discovery and tokens; None means "from the request host".
        SANDBOX_PUBLIC_URL=os.environ.get("SANDBOX_PUBLIC_URL"),
    )
    if config:
        app.config.from_mapping(config)

    # One state object per app, reachable by views, knobs and tests alike.
    app.extensions[EXTENSION_KEY] = Sandbox()

    from . import graph, portal
    from .identity import (
        admin_consent,
        authorize,
        discovery,
        interaction,
        logout,
        token_endpoint,
        userinfo,
    )
    from .knobs import directory_knobs, request_counts, server_timing, state_knobs, traffic_knobs

    # Count every request before it is handled.
    request_counts.init_app(app)
    # Then added latency and forced error statuses, per endpoint (and their knobs).
    traffic_knobs.init_app(app)
    # Identity, as on login.microsoftonline.com.
    app.register_blueprint(discovery.bp)
    app.register_blueprint(authorize.bp)
    app.register_blueprint(interaction.bp)
    app.register_blueprint(token_endpoint.bp)
    app.register_blueprint(logout.bp)
    app.register_blueprint(admin_consent.bp)
    # The Entra portal of the guide: app registrations and enterprise applications.
    app.register_blueprint(portal.bp)
    # The OIDC UserInfo endpoint, which Microsoft serves from the Graph host.
    app.register_blueprint(userinfo.bp)
    # Microsoft Graph v1.0 under /v1.0/, as on graph.microsoft.com.
    graph.init_app(app)
    # Test and benchmark knobs, only ever on the sandbox itself.
    app.register_blueprint(state_knobs.bp)
    app.register_blueprint(directory_knobs.bp)
    app.after_request(_frame_guard)
    # Server-Timing on every response: the sandbox's own time, for benchmarks.
    server_timing.init_app(app)
    return app


def _frame_guard(response):
    """Sign-in and consent pages must never be framed (clickjacking)."""
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response
