"""Identifiers shaped like Exchange's: long base64 strings, stable for seeded items.

Seeded items get ids derived from the owner's oid and a readable key, so tests and demos can
name them (`message_id(oid, "welcome")`); items created at run time get random ones.
"""

import base64
import functools
import hashlib
import secrets


def _b64(data: bytes) -> str:
    """URL-safe base64 with padding, the alphabet Graph ids use."""
    return base64.urlsafe_b64encode(data).decode("ascii")


@functools.lru_cache(maxsize=65536)
def _stable(prefix: str, *parts: str) -> str:
    """A deterministic id from its parts (remembered: every reset reseeds the same ids)."""
    digest = hashlib.sha256(":".join(parts).encode()).digest()
    return prefix + _b64(digest[:30]).rstrip("=") + "AAA="


def new_id() -> str:
    """A fresh item id."""
    return "AAMkA" + _b64(secrets.token_bytes(30)).rstrip("=") + "AAA="


def message_id(oid: str, key: str) -> str:
    """The id of a seeded message."""
    return _stable("AAMkA", "message", oid, key)


def folder_id(oid: str, name: str) -> str:
    """The id of a mailbox folder (its well-known name, or its display name)."""
    return _stable("AAMkA", "folder", oid, name)


def calendar_id(oid: str, key: str) -> str:
    """The id of a calendar ("calendar" is the default one)."""
    return _stable("AAMkA", "calendar", oid, key)


def event_id(oid: str, key: str) -> str:
    """The id of a seeded event."""
    return _stable("AAMkA", "event", oid, key)


def attachment_id(message: str, index: int) -> str:
    """The id of a message's attachment."""
    return _stable("AAMkA", "attachment", message, str(index))


def conversation_id(*parts: str) -> str:
    """A conversation id shared by every message of a thread."""
    return _stable("AAQkA", "conversation", *parts)


def ical_uid(*parts: str) -> str:
    """An event's iCalUId, shared by every attendee's copy."""
    digest = hashlib.sha256(":".join(("ical", *parts)).encode()).hexdigest().upper()
    return "040000008200E00074C5B7101A82E008" + digest[:80]


def internet_message_id(domain: str, *parts: str) -> str:
    """An RFC 5322 Message-ID on the sender's domain."""
    digest = hashlib.sha256(":".join(parts).encode()).hexdigest()
    return f"<{digest[:24].upper()}@{domain}>"


@functools.lru_cache(maxsize=8192)
def change_key(item_id: str, version: int) -> str:
    """The change key that moves on every edit (`@odata.etag` wraps it)."""
    digest = hashlib.sha256(f"{item_id}:{version}".encode()).digest()
    return "CQAAABYAAAA" + _b64(digest[:18])
