"""Secrets and tokens encrypted at rest with Fernet.

``ENCRYPTION_KEYS`` is a comma-separated list: the first key encrypts, every key decrypts, so an
operator rotates by putting a new key first and re-saving (or simply waiting for tokens to be
refreshed) before dropping the old one.
"""

from __future__ import annotations

import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import Flask, current_app
from sqlalchemy.types import Text, TypeDecorator

from .config import ConfigurationError

log = logging.getLogger(__name__)


class DecryptionError(RuntimeError):
    """A stored value could not be decrypted with any configured key."""


def init_app(app: Flask) -> None:
    """Build the MultiFernet once per app; a malformed key stops start-up with its position."""
    raw = app.config.get("ENCRYPTION_KEYS") or ""
    keys = raw if isinstance(raw, list | tuple) else str(raw).split(",")
    fernets = []
    for position, key in enumerate((k.strip() for k in keys if k.strip()), start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError) as exc:
            raise ConfigurationError(
                f"ENCRYPTION_KEYS entry {position} is not a valid Fernet key "
                "(32 url-safe base64-encoded bytes)."
            ) from exc
    if not fernets:
        raise ConfigurationError("ENCRYPTION_KEYS is empty.")
    app.extensions["postpress_crypto"] = MultiFernet(fernets)


def encrypt(plaintext: str) -> str:
    """Encrypt text with the current key."""
    return current_app.extensions["postpress_crypto"].encrypt(plaintext.encode()).decode()


def decrypt(ciphertext: str) -> str:
    """Decrypt text written under any configured key.

    :raise DecryptionError: when no key opens it (a key was removed too early).
    """
    try:
        return current_app.extensions["postpress_crypto"].decrypt(ciphertext.encode()).decode()
    except InvalidToken as exc:
        raise DecryptionError("stored value cannot be decrypted with ENCRYPTION_KEYS") from exc


class EncryptedText(TypeDecorator):
    """A text column whose value only ever reaches the database encrypted."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        """Encrypt on the way in."""
        return None if value is None else encrypt(value)

    def process_result_value(self, value, dialect):
        """Decrypt on the way out; a value no key opens reads as missing (and is logged once
        per load, never shown), so pages ask for it again instead of failing."""
        if value is None:
            return None
        try:
            return decrypt(value)
        except DecryptionError:
            log.warning("a stored secret cannot be decrypted with ENCRYPTION_KEYS; treated as "
                        "missing (was a key removed too early?)")
            return None
