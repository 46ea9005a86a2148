"""Which Microsoft app credentials are active.

Today that is postpress's default pair from configuration. Custom (white-label) credentials saved
in Settings plug in here: every caller asks this module, never the config directly, so switching
at run time changes new sign-ins without a restart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app

DEFAULT = "default"


class CredentialsNotConfigured(RuntimeError):
    """No client id or secret is available for the requested credentials."""


@dataclass(frozen=True)
class Credentials:
    """A client id and secret, where they came from, and the tenant path they sign in on."""

    source: str
    client_id: str
    client_secret: str = field(repr=False)
    tenant: str
    app_name: str


def active() -> Credentials:
    """The credentials new sign-ins use.

    :raise CredentialsNotConfigured: when neither custom nor default credentials are set.
    """
    return _default()


def for_flow(source: str, client_id: str) -> Credentials:
    """The credentials that started a flow, so its callback never mixes two apps.

    :raise CredentialsNotConfigured: when they are gone (changed while the user was away).
    """
    creds = _default() if source == DEFAULT else None
    if creds is None or creds.client_id != client_id:
        raise CredentialsNotConfigured("the credentials that started this sign-in changed")
    return creds


def for_client(client_id: str) -> Credentials:
    """The credentials of the app that issued an account's tokens (needed to refresh them).

    :raise CredentialsNotConfigured: when that app's credentials are no longer configured.
    """
    creds = _default()
    if creds.client_id != client_id:
        raise CredentialsNotConfigured("the app that issued these tokens is no longer configured")
    return creds


def _default() -> Credentials:
    config = current_app.config
    client_id, secret = config.get("DEFAULT_CLIENT_ID"), config.get("DEFAULT_CLIENT_SECRET")
    if not client_id or not secret:
        raise CredentialsNotConfigured(
            "DEFAULT_CLIENT_ID and DEFAULT_CLIENT_SECRET are not set"
        )
    return Credentials(
        source=DEFAULT,
        client_id=client_id,
        client_secret=secret,
        tenant=config["MICROSOFT_TENANT"],
        app_name=config["DEFAULT_APP_NAME"],
    )
