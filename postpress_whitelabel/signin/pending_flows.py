"""Pending sign-ins: the server side of ``state``.

A flow row is created when we send the browser to Microsoft and deleted the first time its
``state`` comes back, whatever happens next, so a callback URL can never be replayed. The row is
bound to the browser that started it through a random value in the session cookie (stored here
only as a hash), which defeats login CSRF and code injection into another person's browser.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import timedelta
from enum import StrEnum

from flask import current_app, session
from sqlalchemy import delete, select, update

from .. import clock
from ..clock import as_utc
from ..extensions import db
from ..models import SignInFlow
from ..settings.credentials import Credentials

BINDING_KEY = "pp_browser"
# The states this very session started: what a sign-in may carry over to the new binding.
STARTED_KEY = "pp_started"
STATE_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,128}$")
# A browser rarely has more than a couple of sign-ins open; older ones are dropped beyond this.
OPEN_FLOWS_PER_BROWSER = 5


class FlowRejected(StrEnum):
    """Why a returning ``state`` was refused."""

    MISSING = "state_missing"
    UNKNOWN = "state_unknown"
    EXPIRED = "state_expired"
    OTHER_BROWSER = "state_other_browser"


def _binding_hash(create: bool) -> str | None:
    value = session.get(BINDING_KEY)
    if value is None and create:
        value = session[BINDING_KEY] = secrets.token_urlsafe(32)
    return _hash(value) if value else None


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def carried_over() -> tuple[str | None, list[str]]:
    """What ``rebind`` needs from the session, read before the session is cleared."""
    return session.get(BINDING_KEY), list(session.get(STARTED_KEY) or [])


def rebind(previous: tuple[str | None, list[str]]) -> None:
    """Give the browser a new binding at sign-in, carrying over the flows it started itself.

    A binding that outlived sign-in would let someone who once planted their own cookie here
    finish a sign-in of theirs in this browser at any later time. Only the states this session
    recorded move (another tab's sign-in can still finish): flows started elsewhere under the
    same planted binding stay behind, refused.
    """
    binding, states = previous
    fresh = session[BINDING_KEY] = secrets.token_urlsafe(32)
    if not (binding and states):
        return
    moved = db.session.execute(
        update(SignInFlow).where(SignInFlow.browser_binding == _hash(binding),
                                 SignInFlow.state.in_(states))
        .values(browser_binding=_hash(fresh)).returning(SignInFlow.state)).scalars().all()
    db.session.commit()
    session[STARTED_KEY] = list(moved)


def start(*, kind: str, creds: Credentials, auth: dict, redirect_uri: str, scopes: list[str],
          next_url: str | None, user_id: int | None,
          account_id: int | None = None, data: str | None = None) -> SignInFlow:
    """Record a flow about to be sent to Microsoft; ``auth`` is Authlib's authorize request."""
    now = clock.now()
    flow = SignInFlow(
        state=auth["state"],
        browser_binding=_binding_hash(create=True),
        kind=kind,
        user_id=user_id,
        account_id=account_id,
        data=data,
        client_id=creds.client_id,
        credentials_source=creds.source,
        code_verifier=auth["code_verifier"],
        nonce=auth["nonce"],
        redirect_uri=redirect_uri,
        scopes=" ".join(scopes),
        next_url=next_url,
        created_at=now,
        expires_at=now + timedelta(seconds=current_app.config["SIGN_IN_FLOW_TTL"]),
    )
    db.session.execute(delete(SignInFlow).where(SignInFlow.expires_at < now))
    _drop_oldest(flow.browser_binding)
    db.session.add(flow)
    db.session.commit()
    started = [s for s in session.get(STARTED_KEY) or [] if s != flow.state]
    session[STARTED_KEY] = [*started, flow.state][-OPEN_FLOWS_PER_BROWSER:]
    return flow


def _drop_oldest(binding: str) -> None:
    """Keep a browser's open flows bounded, so repeated clicks cannot fill the table."""
    keep = select(SignInFlow.state).where(SignInFlow.browser_binding == binding).order_by(
        SignInFlow.created_at.desc()).limit(OPEN_FLOWS_PER_BROWSER - 1)
    db.session.execute(delete(SignInFlow).where(SignInFlow.browser_binding == binding,
                                                SignInFlow.state.not_in(keep)))


def consume(state: str | None) -> SignInFlow | FlowRejected:
    """Use up ``state``: return its flow once, or say why it is refused."""
    if not state:
        return FlowRejected.MISSING
    if not STATE_SHAPE.match(state):
        return FlowRejected.UNKNOWN
    flow = db.session.get(SignInFlow, state)
    if flow is None:
        return FlowRejected.UNKNOWN
    db.session.expunge(flow)
    deleted = db.session.execute(delete(SignInFlow).where(SignInFlow.state == state)).rowcount
    db.session.commit()
    if deleted != 1:  # another request used it between our read and our delete
        return FlowRejected.UNKNOWN
    binding = _binding_hash(create=False)
    if binding is None or not hmac.compare_digest(binding, flow.browser_binding):
        return FlowRejected.OTHER_BROWSER
    if as_utc(flow.expires_at) < clock.now():
        return FlowRejected.EXPIRED
    return flow
