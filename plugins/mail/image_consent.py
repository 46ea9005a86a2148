"""Which messages' remote images the reader allowed, remembered in their session.

Kept as short digests of (user, account, message) rather than message ids (Graph's are about
150 characters), all in one string, so the session cookie stays far below the 4 KB browsers
accept: ``KEEP`` choices of ``DIGEST`` characters each, the newest kept. A digest of 48 bits
makes a false match with one of 50 kept choices about one in five trillion.
"""

import base64
import hashlib

from flask import session
from flask_login import current_user

SESSION_KEY = "mail_images"
OLD_SESSION_KEY = "mail_images_allowed"  # earlier versions' list of hex digests: dropped
KEEP = 50
DIGEST = 8  # characters of base64url: 48 bits


def _digest(account_id: int, message_id: str) -> str:
    """A short key for one user's message."""
    raw = f"{current_user.id}\x00{account_id}\x00{message_id}".encode()
    return base64.urlsafe_b64encode(hashlib.sha256(raw).digest()[:6]).decode("ascii")


def _kept() -> list[str]:
    """The remembered digests, oldest first."""
    value = session.get(SESSION_KEY)
    text = value if isinstance(value, str) else ""
    return [text[i:i + DIGEST] for i in range(0, len(text) - DIGEST + 1, DIGEST)]


def allowed(account_id: int, message_id: str) -> bool:
    """Whether the reader allowed this message's remote images."""
    return _digest(account_id, message_id) in _kept()


def allow(account_id: int, message_id: str) -> None:
    """Remember that the reader allows this message's remote images."""
    kept = _kept()
    digest = _digest(account_id, message_id)
    if digest not in kept:
        kept.append(digest)
    session[SESSION_KEY] = "".join(kept[-KEEP:])
    session.pop(OLD_SESSION_KEY, None)
