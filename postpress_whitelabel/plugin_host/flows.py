"""Flows a plugin sends to Microsoft and gets back through the hosted callback.

The admin consent plugin, for one, sends an administrator to ``/{tenant}/v2.0/adminconsent``;
Microsoft answers on the same two redirect URIs as sign-in. ``start_flow`` gives the plugin a
single-use ``state`` bound to this browser, the redirect URI and the active credentials, and the
callback hands the used-up flow to the plugin's ``handle_callback`` hook.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

from flask import current_app
from flask_login import current_user

from ..settings import credentials
from ..signin import pending_flows
from ..signin.redirect_uris import redirect_uris

CORE_KINDS = frozenset({"sign_in", "connect", "reconsent", "reconnect"})


@dataclass(frozen=True)
class StartedFlow:
    """What a plugin needs to build its Microsoft URL."""

    state: str
    redirect_uri: str
    client_id: str
    tenant: str
    login_url: str

    @property
    def organization_tenant(self) -> str:
        """The tenant for an organization-only endpoint such as ``/adminconsent``, which
        refuses ``common`` and ``consumers``: ``organizations`` instead of those."""
        return "organizations" if self.tenant.lower() in ("common", "consumers") else self.tenant


def start_flow(kind: str, *, data: dict | None = None, next_url: str | None = None,
               scopes: list[str] | None = None) -> StartedFlow:
    """Record a plugin flow; ``kind`` names it (e.g. ``admin_consent``), ``data`` is kept for it.

    :raise ValueError: for a kind the core owns.
    :raise CredentialsNotConfigured: when no Microsoft credentials are set.
    """
    if kind in CORE_KINDS:
        raise ValueError(f"flow kind {kind!r} belongs to the core")
    creds = credentials.active()
    auth = {"state": secrets.token_urlsafe(32), "code_verifier": secrets.token_urlsafe(48),
            "nonce": secrets.token_urlsafe(16)}
    redirect_uri = redirect_uris()[0]
    pending_flows.start(kind=kind, creds=creds, auth=auth, redirect_uri=redirect_uri,
                        scopes=scopes or [], next_url=next_url,
                        user_id=current_user.id if current_user.is_authenticated else None,
                        data=json.dumps(data) if data is not None else None)
    return StartedFlow(auth["state"], redirect_uri, creds.client_id, creds.tenant,
                       current_app.config["MICROSOFT_LOGIN_URL"])
