"""The scopes a sign-in asks for, and how granted scopes are compared.

Microsoft may answer Graph scopes bare (``User.Read``) or as full URIs
(``https://graph.microsoft.com/User.Read``), in any case; we store them bare and compare them
case-insensitively. ``offline_access`` is proven by a refresh token, not by the ``scope`` string,
which often omits it.
"""

from __future__ import annotations

OIDC_SCOPES = ("openid", "profile", "email", "offline_access")
BASE_SCOPES = (*OIDC_SCOPES, "User.Read")
GRAPH_PREFIX = "https://graph.microsoft.com/"


def requested() -> list[str]:
    """Scopes every sign-in requests."""
    return list(BASE_SCOPES)


def normalise(scope: object) -> list[str]:
    """Granted scopes from a token response's ``scope``, bare and de-duplicated, order kept."""
    if not isinstance(scope, str):
        return []
    seen: dict[str, str] = {}
    for item in scope.split():
        bare = item[len(GRAPH_PREFIX):] if item.lower().startswith(GRAPH_PREFIX) else item
        seen.setdefault(bare.lower(), bare)
    return list(seen.values())


def missing(required: list[str] | tuple[str, ...], granted: list[str],
            has_refresh_token: bool) -> list[str]:
    """Required scopes the grant lacks; the OpenID ones are implied by the response itself."""
    have = {s.lower() for s in granted}
    out = [s for s in required if s not in OIDC_SCOPES and s.lower() not in have]
    if "offline_access" in required and not has_refresh_token:
        out.append("offline_access")
    return out
