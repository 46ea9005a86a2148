"""Template filters that turn stored values into words a person reads."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Flask
from markupsafe import Markup

from .admins import is_admin
from .clock import as_utc

_UNITS = (("day", 86400), ("hour", 3600), ("minute", 60))


def age(delta: timedelta | None) -> str:
    """``3 days``, ``1 hour``, ``less than a minute``; an em dash when unknown."""
    if delta is None:
        return "—"
    seconds = max(int(delta.total_seconds()), 0)
    for name, size in _UNITS:
        if seconds >= size:
            count = seconds // size
            return f"{count} {name}{'' if count == 1 else 's'}"
    return "less than a minute"


def when(value: datetime | None) -> Markup | str:
    """A stored time, to the minute, as a ``<time>`` the page's script rewrites in the reader's
    own time zone (the browser's: the core knows no other); UTC is what shows without it."""
    value = as_utc(value)
    if not value:
        return "—"
    return Markup('<time datetime="{}" data-local>{}</time>').format(
        value.strftime("%Y-%m-%dT%H:%M:%SZ"), value.strftime("%Y-%m-%d %H:%M UTC"))


def init_app(app: Flask) -> None:
    """Register the filters."""
    app.add_template_filter(age)
    app.add_template_filter(when)
    app.jinja_env.globals["is_admin"] = is_admin
