"""Which Microsoft app credentials are active: postpress's default pair or the custom ones.

Every caller asks this module, never the config or the settings row directly, and the row is
read on each call, so a save in Settings applies to the next sign-in in every worker process
with no restart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app, g, has_request_context

from ..extensions import db
from ..models import OAuthSettings

DEFAULT = "default"
CUSTOM = "custom"


class CredentialsNotConfigured(RuntimeError):
    """No client id or secret is available for the requested credentials."""


@dataclass(frozen=True)
class Credentials:
    """A client id and secret, where they came from, and the tenant path they sign in on."""

    source: str
    client_id: str
    client_secret: str = field(repr=False)
    tenant: str


def stored() -> OAuthSettings:
    """The settings row for reading: an unsaved default one until the first change."""
    return db.session.get(OAuthSettings, 1) or OAuthSettings(id=1, mode=DEFAULT,
                                                             disabled_scopes="")


def disabled_scopes() -> frozenset[str]:
    """Optional scopes an admin turned off (lower-case), read once per request.

    Every Graph feature checks its scope, several times a page; the row is still read afresh
    by each request, so another worker's save applies to the next one.
    """
    if not has_request_context():
        return _read_disabled_scopes()
    if "disabled_scopes" not in g:
        g.disabled_scopes = _read_disabled_scopes()
    return g.disabled_scopes


def forget_disabled_scopes() -> None:
    """Drop this request's copy: the list just changed."""
    if has_request_context():
        g.pop("disabled_scopes", None)


def _read_disabled_scopes() -> frozenset[str]:
    return frozenset(name.lower() for name in stored().disabled_scopes.split())


def for_update() -> OAuthSettings:
    """The settings row for changing, added to the session on first use."""
    row = db.session.get(OAuthSettings, 1)
    if row is None:
        row = stored()
        db.session.add(row)
    return row


def active() -> Credentials:
    """The credentials new sign-ins use.

    :raise CredentialsNotConfigured: when the active mode has no client id or secret.
    """
    row = stored()
    if row.mode == CUSTOM:
        return _custom(row)
    return _default()


def for_flow(source: str, client_id: str) -> Credentials:
    """The credentials that started a flow, even if the mode was switched since.

    :raise CredentialsNotConfigured: when that app is no longer configured at all.
    """
    creds = _custom(stored()) if source == CUSTOM else _default()
    if creds.client_id != client_id:
        raise CredentialsNotConfigured("the credentials that started this sign-in changed")
    return creds


def for_client(client_id: str) -> Credentials:
    """The credentials of the app that issued an account's tokens (needed to refresh them).

    :raise CredentialsNotConfigured: when that app's credentials are no longer configured.
    """
    for build in (_default, lambda: _custom(stored())):
        try:
            creds = build()
        except CredentialsNotConfigured:
            continue
        if creds.client_id == client_id:
            return creds
    raise CredentialsNotConfigured("the app that issued these tokens is no longer configured")


def _custom(row: OAuthSettings) -> Credentials:
    if not row.client_id or not row.client_secret:
        raise CredentialsNotConfigured("custom credentials are not saved")
    return Credentials(source=CUSTOM, client_id=row.client_id, client_secret=row.client_secret,
                       tenant=current_app.config["MICROSOFT_TENANT"])


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
    )
