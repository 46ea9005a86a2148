"""Server-side records of signed-in browsers.

Flask's session is a signed cookie: on its own, a copy of it stays valid after "Sign out" until
it expires. Each sign-in therefore records a row, the cookie carries a random key to it, and
the user loader accepts the cookie only while its row exists.
"""

from __future__ import annotations

import hashlib
import secrets

from flask import current_app, session
from sqlalchemy import delete

from .. import clock
from ..clock import as_utc
from ..extensions import db
from ..models import BrowserSession, User

KEY = "pp_sid"


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def open_for(user: User) -> None:
    """Record a new signed-in browser for ``user`` and put its key in the session."""
    now = clock.now()
    value = secrets.token_urlsafe(32)
    db.session.execute(delete(BrowserSession).where(BrowserSession.expires_at < now))
    db.session.add(BrowserSession(id=_hash(value), user_id=user.id, created_at=now,
                                  expires_at=now + current_app.permanent_session_lifetime))
    db.session.commit()
    session[KEY] = value


def is_open_for(user_id: int) -> bool:
    """Whether this browser's session key names a live record of ``user_id``."""
    value = session.get(KEY)
    if not isinstance(value, str) or len(value) > 100:
        return False
    row = db.session.get(BrowserSession, _hash(value))
    return bool(row and row.user_id == user_id and as_utc(row.expires_at) > clock.now())


def current_id() -> str | None:
    """The id of this browser's record (a hash of its session key: the key itself cannot be
    derived from it), or None when the session has no key."""
    value = session.get(KEY)
    return _hash(value) if isinstance(value, str) and len(value) <= 100 else None


def is_open(record_id: object, user_id: int) -> bool:
    """Whether the record ``record_id`` (from :func:`current_id`) still signs in ``user_id``:
    false once that browser signed out or its sign-in expired."""
    if not isinstance(record_id, str) or len(record_id) != 64:
        return False
    row = db.session.get(BrowserSession, record_id)
    return bool(row and row.user_id == user_id and as_utc(row.expires_at) > clock.now())


def close() -> None:
    """Forget this browser's record (sign-out)."""
    value = session.get(KEY)
    if isinstance(value, str) and len(value) <= 100:
        db.session.execute(delete(BrowserSession).where(BrowserSession.id == _hash(value)))
        db.session.commit()
