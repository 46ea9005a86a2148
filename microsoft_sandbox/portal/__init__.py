"""The Entra admin center of the guide, under `/portal/`: app registrations and enterprise apps.

Plain server-rendered pages with vendored CSS and one small vendored script (the copy buttons;
every value is also selectable whole). The portal acts for one signed-in work account,
picked on entry; registrations made here are real apps of the identity endpoints. Every change
is a POST carrying the session's form token. Each module owns one blade of the portal.
"""

# Routes attach themselves to `bp` on import.
from . import (
    account,
    branding,
    credentials,
    enterprise,
    permissions,
    registrations,
    token_configuration,
)
from .blueprint import bp

__all__ = [
    "account", "bp", "branding", "credentials", "enterprise", "permissions", "registrations",
    "token_configuration",
]
