"""Saving a completed sign-in as a user and a connected account.

The same ``(tid, oid)`` always lands on the same account row, so signing in again refreshes the
record instead of duplicating it, and an account never moves from one user to another.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import admins, clock
from ..extensions import db
from ..microsoft.client import lifetime
from ..microsoft.errors import MicrosoftError
from ..microsoft.id_token import Identity
from ..models import ConnectedAccount, SignInFlow, User
from ..signin import scopes

# Longer than the refresh's five-minute head start (tokens.EARLY), by a minute of use.
SHORTEST_LIFETIME = 360


class AccountOwnedElsewhere(Exception):
    """The Microsoft account is already linked to another user."""


class LinkedElsewhere(Exception):
    """A sign-in with an account that another user linked: it opens no one's session."""


class WrongAccount(Exception):
    """A re-consent came back for another Microsoft account than the one it was asked for."""


def find(tid: str, oid: str) -> ConnectedAccount | None:
    """The account row for a Microsoft identity, if any."""
    return db.session.execute(
        select(ConnectedAccount).filter_by(tid=tid, oid=oid)
    ).scalar_one_or_none()


def save(identity: Identity, token: dict, flow: SignInFlow, owner: User | None) -> ConnectedAccount:
    """Create or update the account; ``owner`` is the signed-in user for connect flows.

    Signing in only ever opens the session of the user an identity created: an account linked
    to someone else's profile is data, not a key to that profile. Two first sign-ins racing
    for the same identity meet the unique constraints; the loser re-reads and applies the same
    rules.

    :raise AccountOwnedElsewhere: a connect flow found the account linked to someone else.
    :raise LinkedElsewhere: a sign-in used an account another user linked.
    :raise WrongAccount: a re-consent came back for another account.
    """
    try:
        return _save(identity, token, flow, owner)
    except IntegrityError:
        db.session.rollback()
        return _save(identity, token, flow, owner)


def _save(identity: Identity, token: dict, flow: SignInFlow, owner: User | None):
    now = clock.now()
    account = find(identity.tid, identity.oid)
    if owner is None:
        if account is not None and not _is_primary(account):
            raise LinkedElsewhere()
        user = account.user if account is not None else _user_for(identity, now)
        user.last_sign_in_at = now
    else:
        if account is not None and account.user_id != owner.id:
            raise AccountOwnedElsewhere()
        if flow.kind in ("reconsent", "reconnect") and flow.account_id and (
                account is None or account.id != flow.account_id):
            raise WrongAccount()
        user = owner
    if account is None:
        account = ConnectedAccount(user=user, tid=identity.tid, oid=identity.oid,
                                   connected_at=now)
        db.session.add(account)
    if _is_primary(account):
        user.email_verified = admins.still_verified(user, identity)
        user.name, user.email = identity.name, identity.email
    account.name, account.email, account.username = identity.name, identity.email, identity.username
    _store_tokens(account, token, flow, now)
    db.session.commit()
    return account


def _is_primary(account: ConnectedAccount) -> bool:
    """Whether this account is the identity that created its user."""
    return (account.user.tid, account.user.oid) == (account.tid, account.oid)


def _user_for(identity: Identity, now: datetime) -> User:
    user = User(tid=identity.tid, oid=identity.oid, created_at=now)
    db.session.add(user)
    return user


def _store_tokens(account: ConnectedAccount, token: dict, flow: SignInFlow, now: datetime):
    granted = scopes.granted(token, flow.scopes)
    refresh = token.get("refresh_token")
    asked = {name.lower() for name in flow.scopes.split()}
    required = [name for name in scopes.required() if name.lower() in asked]
    missing = scopes.missing(required, granted, bool(refresh))
    account.client_id = flow.client_id
    account.scopes = " ".join(granted)
    account.access_token = token["access_token"]
    account.id_token = token.get("id_token")
    account.access_token_expires_at = _expires_at(token, now)
    account.refresh_token = refresh
    account.refresh_token_issued_at = now if refresh else None
    account.status = "needs_consent" if missing else "connected"
    account.updated_at = now
    _clear_error(account)


def _expires_at(token: dict, now: datetime) -> datetime:
    """When we treat the access token as dead.

    ``expires_in`` may come as a number or a string; anything unreadable counts as Microsoft's
    usual hour. A very short lifetime is stretched to ``SHORTEST_LIFETIME``: refreshes start
    five minutes before the expiry we store, so the next refresh comes after a minute of use
    rather than on every single use.
    """
    seconds = lifetime(token.get("expires_in"))
    return now + timedelta(seconds=3600 if seconds is None else max(seconds, SHORTEST_LIFETIME))


def _clear_error(account: ConnectedAccount) -> None:
    for name in ("code", "aadsts", "description", "trace_id", "correlation_id", "at"):
        setattr(account, f"last_error_{name}", None)


def store_refreshed(account: ConnectedAccount, token: dict) -> None:
    """Keep the tokens of a refresh; Microsoft may rotate the refresh token, or not send one."""
    now = clock.now()
    account.access_token = token["access_token"]
    account.access_token_expires_at = _expires_at(token, now)
    if token.get("refresh_token") and token["refresh_token"] != account.refresh_token:
        account.refresh_token = token["refresh_token"]
        account.refresh_token_issued_at = now
    if token.get("scope"):
        account.scopes = " ".join(scopes.normalise(token["scope"]))
    if account.status == "needs_sign_in":
        account.status = "connected"
    _clear_error(account)
    account.updated_at = now
    db.session.commit()


def record_error(account: ConnectedAccount, error: MicrosoftError,
                 needs_sign_in: bool = False) -> None:
    """Keep the last Microsoft error on the account for support, ids included."""
    if needs_sign_in:
        account.status = "needs_sign_in"
    account.last_error_code = error.error[:64]
    account.last_error_aadsts = error.aadsts
    account.last_error_description = error.description
    account.last_error_trace_id = error.trace_id
    account.last_error_correlation_id = error.correlation_id
    account.last_error_at = clock.now()
    db.session.commit()


def disconnect(account: ConnectedAccount) -> None:
    """Delete the account's tokens. A linked account is unlinked too, freeing the identity;
    the account a user signs in with keeps its row, since it is that user's key."""
    if not _is_primary(account):
        db.session.delete(account)
        db.session.commit()
        return
    account.access_token = account.refresh_token = account.id_token = None
    account.access_token_expires_at = account.refresh_token_issued_at = None
    account.status = "disconnected"
    account.updated_at = clock.now()
    db.session.commit()
