"""The scopes a sign-in asks for, and how granted scopes are compared.

Microsoft may answer Graph scopes bare (``User.Read``) or as full URIs
(``https://graph.microsoft.com/User.Read``), in any case; we store them bare and compare them
case-insensitively. ``offline_access`` is proven by a refresh token, not by the ``scope`` string,
which often omits it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from flask import current_app, g, has_request_context

from ..plugin_host import manager
from ..plugin_host.contributions import Scope
from ..settings.credentials import disabled_scopes
from .base_scopes import BASE_SCOPES, OIDC_SCOPES  # noqa: F401  (re-exported)

log = logging.getLogger(__name__)
SCOPE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9._-]{1,99}$")
GRAPH_PREFIX = "https://graph.microsoft.com/"


@dataclass(frozen=True)
class ScopeNeed:
    """A scope, why it is needed, and who asked (``core`` or a plugin's name)."""

    name: str
    reason: str
    plugin: str
    optional: bool = False




def needs() -> list[ScopeNeed]:
    """Every scope the app asks for: the core's, then each enabled plugin's; first wins.

    The plugins' answers cannot change while the app runs (plugins load at start-up), so a
    request asks them once however many features check a scope.
    """
    if not has_request_context():
        return _collect()
    if "scope_needs" not in g:
        g.scope_needs = tuple(_collect())
    return list(g.scope_needs)


def _collect() -> list[ScopeNeed]:
    found: dict[str, ScopeNeed] = {}
    app = current_app._get_current_object()
    for plugin, result in manager.answers_by_plugin("register_scopes", app=app):
        for scope in result or []:
            if not _valid(scope):
                log.error("plugin %r returned %r from register_scopes, not a Scope; ignored",
                          plugin, scope)
                continue
            found.setdefault(scope.name.lower(),
                             ScopeNeed(scope.name, scope.reason, plugin, scope.optional))
    return list(found.values())


def _valid(scope) -> bool:
    return (isinstance(scope, Scope) and isinstance(scope.name, str)
            and bool(SCOPE_NAME.match(scope.name)))


def disabled() -> set[str]:
    """Optional scopes an admin turned off in Settings (lower-case)."""
    return set(disabled_scopes())


def requested() -> list[str]:
    """Scopes every sign-in requests: all needs but the optional ones turned off."""
    off = disabled()
    return [n.name for n in needs() if not (n.optional and n.name.lower() in off)]


def required() -> list[str]:
    """Scopes without which an account counts as needing consent again (optional ones aside)."""
    return [n.name for n in needs() if not n.optional]


def enabled(name: str) -> bool:
    """Whether a scope is requested at sign-in (a feature checks this before using Graph)."""
    return name.lower() in {s.lower() for s in requested()}


def normalise(scope: object) -> list[str]:
    """Granted scopes from a token response's ``scope``, bare and de-duplicated, order kept."""
    if not isinstance(scope, str):
        return []
    seen: dict[str, str] = {}
    for item in scope.split():
        bare = item[len(GRAPH_PREFIX):] if item.lower().startswith(GRAPH_PREFIX) else item
        seen.setdefault(bare.lower(), bare)
    return list(seen.values())


def granted(token: dict, requested: list[str] | str) -> list[str]:
    """What a token response grants: its ``scope``, or, when Microsoft leaves ``scope`` out
    (the protocol allows it), the scopes the request asked for, which the token then covers.
    A ``scope`` that is present but empty or garbled grants nothing."""
    if "scope" in token:
        return normalise(token["scope"])
    return normalise(requested if isinstance(requested, str) else " ".join(requested))


def missing(required: list[str] | tuple[str, ...], granted: list[str],
            has_refresh_token: bool) -> list[str]:
    """Required scopes the grant lacks; the OpenID ones are implied by the response itself."""
    have = {s.lower() for s in granted}
    out = [s for s in required if s not in OIDC_SCOPES and s.lower() not in have]
    if "offline_access" in required and not has_refresh_token:
        out.append("offline_access")
    return out
