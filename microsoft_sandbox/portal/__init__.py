"""The Entra admin center of the guide, under `/portal/`: app registrations and enterprise apps.

Plain server-rendered pages with vendored CSS and one small vendored script (the copy buttons;
every value is also selectable whole). The portal acts for one signed-in work account,
picked on entry; registrations made here are real apps of the identity endpoints. Every change
is a POST carrying the session's form token. Each module owns one blade of the portal.
"""

from flask import Blueprint

bp = Blueprint("portal", __name__, url_prefix="/portal")
# The portal's pages carry no inline script or style, so a strict policy costs nothing and
# limits any injected markup; its only script is the copy buttons' static file.
CONTENT_SECURITY_POLICY = ("default-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")


@bp.after_request
def _content_security_policy(response):
    """Every portal response carries the policy."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response

# Routes attach themselves to `bp` on import.
from . import (  # noqa: E402
    account,
    branding,
    credentials,
    enterprise,
    permissions,
    registrations,
    token_configuration,
)

__all__ = [
    "account", "bp", "branding", "credentials", "enterprise", "permissions", "registrations",
    "token_configuration",
]
