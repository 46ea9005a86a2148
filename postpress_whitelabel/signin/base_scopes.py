"""The scopes every sign-in asks for, contributed like any plugin's: the core's own plugin.

Registering them through ``register_scopes`` keeps one path for every scope, so Settings lists
the core's beside the plugins' with the same reason and attribution, and nothing special-cases
them.
"""

from __future__ import annotations

from ..hookspecs import hookimpl
from ..plugin_host.contributions import Scope

NAME = "core"
OIDC_SCOPES = ("openid", "profile", "email", "offline_access")
BASE_SCOPES = (*OIDC_SCOPES, "User.Read")
REASONS = {
    "openid": "Sign the user in (OpenID Connect).",
    "profile": "Read the user's name and stable ids (tid, oid) from the id_token.",
    "email": "Show the user's email address.",
    "offline_access": "Keep access between visits with a refresh token.",
    "User.Read": "Read the signed-in user's profile.",
}


@hookimpl
def register_scopes():
    """The base scopes, none optional."""
    return [Scope(name, REASONS[name]) for name in BASE_SCOPES]
