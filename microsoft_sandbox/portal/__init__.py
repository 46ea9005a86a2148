"""The Entra admin center of the guide, under `/portal/`: app registrations and enterprise apps.

Plain server-rendered pages with vendored CSS. The portal acts for one signed-in work account,
picked on entry; registrations made here are real apps of the identity endpoints. Every change
is a POST carrying the session's form token. Each module owns one blade of the portal.
"""

from flask import Blueprint

bp = Blueprint("portal", __name__, url_prefix="/portal")

# Routes attach themselves to `bp` on import.
from . import (  # noqa: E402
    account,
    branding,
    credentials,
    enterprise,
    permissions,
    registrations,
)

__all__ = [
    "account", "bp", "branding", "credentials", "enterprise", "permissions", "registrations",
]
