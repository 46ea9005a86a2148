"""The app's notion of "now", replaceable per app so tests move time instead of sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from flask import Flask, current_app

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Current UTC time, timezone-aware."""
    return datetime.now(UTC)


def init_app(app: Flask) -> None:
    """Use ``CLOCK`` from config when a test provides one, else the system clock."""
    app.extensions["postpress_clock"] = app.config.get("CLOCK") or system_clock


def now() -> datetime:
    """Current time for the running app, always timezone-aware UTC."""
    return current_app.extensions["postpress_clock"]()


def as_utc(value: datetime | None) -> datetime | None:
    """Give naive datetimes read back from SQLite their UTC zone again."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
