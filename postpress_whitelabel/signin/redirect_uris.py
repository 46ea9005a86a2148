"""The two redirect URIs of the guide, the only ones an integrator registers in Entra.

Every flow that comes back from Microsoft (sign-in, admin consent, errors) comes back to one of
them, so sign-in, Settings, the CLI and plugin flows all build them here, from ``PUBLIC_URL``.
"""

from __future__ import annotations

from flask import current_app, request

CALLBACK = "/api/v1/hosted/microsoft_auth_request_callback"
CALLBACK_PORT443 = CALLBACK + "/port443"


def redirect_uris() -> list[str]:
    """The two URIs to register in Entra, from ``PUBLIC_URL`` or this request's host."""
    base = current_app.config["PUBLIC_URL"] or request.host_url.rstrip("/")
    return [base + CALLBACK, base + CALLBACK_PORT443]
