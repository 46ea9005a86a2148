"""Fresh access tokens for connected accounts, refreshed with their refresh tokens.

A refresh happens under a lock on the account: a per-process lock, plus, across processes, a row
lock (PostgreSQL) or SQLite's database write lock (``BEGIN IMMEDIATE``, as SQLite has no row
locks), and the account is read again inside it, so requests that find the same expired token
wait for one refresh instead of each spending the refresh token. On SQLite that lock holds every
writer back for the token request's duration: fine for the demo and a few workers; PostgreSQL
locks one row only.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from .. import clock
from ..clock import as_utc
from ..extensions import db
from ..microsoft import client
from ..microsoft.errors import MicrosoftError
from ..microsoft.metadata import DiscoveryError
from ..models import ConnectedAccount
from ..operations import metrics
from ..plugin_host import manager
from ..settings import credentials
from ..settings.credentials import CredentialsNotConfigured
from ..signin import identity
from . import storage

log = logging.getLogger(__name__)
# Refresh a little before expiry so a token never dies in the middle of a Graph call.
EARLY = timedelta(minutes=5)
_process_locks: dict[int, threading.Lock] = defaultdict(threading.Lock)
# Errors after which only a new interactive sign-in helps.
SIGN_IN_AGAIN = {"invalid_grant", "interaction_required", "consent_required"}
UNREACHABLE = "Microsoft could not be reached; try again later"


class RefreshFailed(Exception):
    """The account has no usable refresh token or Microsoft refused it; ``error`` says why."""

    def __init__(self, error: MicrosoftError | None, reason: str | None = None,
                 temporary: bool = False):
        self.error = error
        self.reason = reason or (error.advice().title if error else "there is no refresh token")
        self.temporary = temporary  # Microsoft or the database busy: the same call may work later
        super().__init__(self.reason)

    @property
    def needs_sign_in(self) -> bool:
        """Only a new interactive sign-in helps (the account is marked so)."""
        return not self.temporary and (self.error is None or self.error.error in SIGN_IN_AGAIN)


def access_token(account: ConnectedAccount) -> str:
    """A valid access token for the account, refreshing first when it is about to expire.

    :raise RefreshFailed: when a refresh was needed and did not work.
    """
    expires = as_utc(account.access_token_expires_at)
    if account.access_token and expires and expires - EARLY > clock.now():
        return account.access_token
    return refresh(account, force=False).access_token


def refresh(account: ConnectedAccount, force: bool = True,
            refused: str | None = None) -> ConnectedAccount:
    """Refresh the account's tokens (once, whoever else is asking at the same moment).

    ``force`` refreshes a token that still looks valid, because Graph refused it; pass that
    token as ``refused``: when the stored one differs from it by the time the lock is ours,
    another caller has refreshed already and its token is returned instead, so a burst of 401s
    costs one refresh too.

    :raise RefreshFailed: without a refresh token, or when Microsoft refuses it.
    """
    app_setup = _client_setup(account.client_id)  # before any lock: no network under it
    _lock_database()  # SQLite's write lock, taken before the process lock (one order for all)
    try:
        with _process_locks[account.id]:
            fresh = db.session.execute(
                select(ConnectedAccount).filter_by(id=account.id).with_for_update()
                .execution_options(populate_existing=True)
            ).scalar_one()
            if _refreshed_meanwhile(fresh, force, refused):
                db.session.commit()
                return fresh
            if not fresh.refresh_token:
                db.session.commit()
                raise RefreshFailed(None)
            if fresh.client_id != account.client_id:
                app_setup = _client_setup(fresh.client_id)
            token = _request(fresh, *app_setup)
            storage.store_refreshed(fresh, token)
    except RefreshFailed:
        raise
    except BaseException:
        db.session.rollback()  # never leave the lock (or half a refresh) behind
        raise
    manager.current().hook.account_refreshed(account=fresh)
    return fresh


def _refreshed_meanwhile(fresh: ConnectedAccount, force: bool, refused: str | None) -> bool:
    """Whether the stored token will do: still valid (an ordinary refresh), or, for a forced
    one, no longer the token Graph refused (someone refreshed while we waited)."""
    if not fresh.access_token:
        return False
    if force:
        return refused is not None and fresh.access_token != refused
    expires = as_utc(fresh.access_token_expires_at)
    return bool(expires and expires - EARLY > clock.now())


def _client_setup(client_id: str):
    """The credentials that issued the tokens and their discovery document (usually cached).

    :raise RefreshFailed: when either is unavailable.
    """
    try:
        creds = credentials.for_client(client_id)
        return creds, identity.discovery(creds)
    except CredentialsNotConfigured:
        raise RefreshFailed(None, "the Microsoft app that issued its tokens is no longer "
                                  "configured here; sign in again") from None
    except DiscoveryError:
        raise RefreshFailed(None, UNREACHABLE, temporary=True) from None


def _lock_database() -> None:
    """On a SQLite file, take the database's write lock (elsewhere the row lock does it).

    SQLite has no row locks; ``BEGIN IMMEDIATE`` makes the refreshes of every process take
    turns. It cannot begin inside a transaction, so this request's own work is committed
    first. An in-memory database lives in one process: the process lock is enough there.
    """
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    db.session.commit()
    try:
        db.session.execute(text("BEGIN IMMEDIATE"))
    except OperationalError:
        db.session.rollback()
        raise RefreshFailed(None, "the database is busy; try again in a moment",
                            temporary=True) from None


def _request(account: ConnectedAccount, creds, doc: dict) -> dict:
    try:
        token = client.refresh(creds, doc, account.refresh_token,
                               current_app.config["HTTP_TIMEOUT"])
    except client.TokenRequestFailed as exc:
        metrics.refresh_sent(exc.error.error if exc.error else None, reached=bool(exc.error))
        if exc.error is None:
            log.warning("token refresh for account %s: Microsoft unreachable", account.id)
            db.session.commit()
            raise RefreshFailed(None, UNREACHABLE, temporary=True) from exc
        log.warning("token refresh for account %s refused: %s", account.id,
                    exc.error.to_log_dict())
        storage.record_error(account, exc.error, needs_sign_in=exc.error.error in SIGN_IN_AGAIN)
        raise RefreshFailed(exc.error) from exc
    metrics.refresh_sent(None)
    return token
