"""Sign-in with the Microsoft identity platform: discovery, authorize request, code redemption.

The one place that knows where Microsoft is (``MICROSOFT_LOGIN_URL``) and holds the per-app
metadata cache, so the rest of the app speaks in credentials and flows.
"""

from __future__ import annotations

from flask import Flask, current_app

from ..microsoft import client, id_token
from ..microsoft.metadata import MetadataCache
from ..settings.credentials import Credentials


def init_app(app: Flask) -> None:
    """One discovery and key cache per app (never module-global: tests build many apps)."""
    app.extensions["postpress_metadata"] = MetadataCache(timeout=app.config["HTTP_TIMEOUT"])


def _cache() -> MetadataCache:
    return current_app.extensions["postpress_metadata"]


def discovery(creds: Credentials) -> dict:
    """The checked discovery document for the tenant path these credentials sign in on."""
    return _cache().discovery(current_app.config["MICROSOFT_LOGIN_URL"], creds.tenant)


def authorization_request(creds: Credentials, doc: dict, redirect_uri: str,
                          scopes: list[str], **params: str) -> dict:
    """Authorize URL plus the state, nonce and PKCE verifier the callback will need."""
    return client.authorization_request(
        creds, doc, redirect_uri, scopes, current_app.config["HTTP_TIMEOUT"], **params
    )


def redeem(creds: Credentials, redirect_uri: str, code: str, code_verifier: str,
           nonce: str, now: float) -> tuple[dict, id_token.Identity]:
    """Exchange the code and validate the id_token that comes with it.

    :raise TokenRequestFailed: when Microsoft refuses the code.
    :raise IdTokenError: when the id_token fails any check.
    """
    doc = discovery(creds)
    config = current_app.config
    token = client.redeem_code(creds, doc, redirect_uri, code, code_verifier,
                               config["HTTP_TIMEOUT"])
    who = id_token.validate(token.get("id_token"), discovery=doc, keys=_cache(),
                            client_id=creds.client_id, nonce=nonce, now=now,
                            leeway=config["ID_TOKEN_LEEWAY"])
    return token, who
