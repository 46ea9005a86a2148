"""Which messages' remote images the reader allowed, remembered in their session.

Kept as short digests of (user, account, message) rather than message ids, so the session
cookie stays small; the newest ``KEEP`` choices are remembered.
"""

import hashlib

from flask import session
from flask_login import current_user

SESSION_KEY = "mail_images_allowed"
KEEP = 100


def _digest(account_id: int, message_id: str) -> str:
    """A short key for one user's message."""
    raw = f"{current_user.id}\x00{account_id}\x00{message_id}".encode()
    return hashlib.sha256(raw).hexdigest()[:20]


def allowed(account_id: int, message_id: str) -> bool:
    """Whether the reader allowed this message's remote images."""
    return _digest(account_id, message_id) in session.get(SESSION_KEY, [])


def allow(account_id: int, message_id: str) -> None:
    """Remember that the reader allows this message's remote images."""
    kept = [d for d in session.get(SESSION_KEY, []) if isinstance(d, str)]
    digest = _digest(account_id, message_id)
    if digest not in kept:
        kept.append(digest)
    session[SESSION_KEY] = kept[-KEEP:]
