"""Which calendar a page shows, and the Graph paths that reach it.

Three kinds: the user's default calendar (``/me``), a calendar of their list, own or shared
with them (``/me/calendars/{id}``), and a colleague's default calendar opened by address
(``/users/{address}``, which needs the ``.Shared`` permissions and the colleague's share).
The choice travels in the query string (``calendar=`` or ``user=``), so every page link
keeps it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

ADDRESS = re.compile(r"^[^@\s<>\"',;()\[\]\\]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
CALENDAR_ID = re.compile(r"^[A-Za-z0-9_=+/-]{1,512}$")


def valid_address(text: str) -> bool:
    """An e-mail address as Graph takes it in a path or an attendee list."""
    return bool(ADDRESS.match(text or "")) and len(text) <= 254


@dataclass(frozen=True)
class Source:
    """A calendar to show: ``calendar_id`` or ``user`` or neither (the default one)."""

    calendar_id: str | None = None
    user: str | None = None

    @classmethod
    def from_args(cls, args) -> Source:
        """The calendar named by a request's query (anything malformed means the default)."""
        user = (args.get("user") or "").strip()
        if user and valid_address(user):
            return cls(user=user.lower())
        calendar_id = args.get("calendar") or ""
        return cls(calendar_id=calendar_id) if CALENDAR_ID.match(calendar_id) else cls()

    @property
    def is_colleague(self) -> bool:
        """A colleague's calendar opened by address."""
        return self.user is not None

    @property
    def base(self) -> str:
        """The path events live under: ``/me``, ``/me/calendars/{id}`` or ``/users/{addr}``."""
        if self.user:
            return f"/users/{quote(self.user, safe='@')}"
        if self.calendar_id:
            return f"/me/calendars/{quote(self.calendar_id, safe='')}"
        return "/me"

    @property
    def calendar_path(self) -> str:
        """The calendar itself (its name, owner, whether the user may edit it)."""
        return self.base if self.calendar_id else f"{self.base}/calendar"

    def event_path(self, event_id: str) -> str:
        """One event of this calendar."""
        return f"{self.base}/events/{quote(event_id, safe='')}"

    @property
    def args(self) -> dict:
        """The query arguments that name this calendar again."""
        if self.user:
            return {"user": self.user}
        return {"calendar": self.calendar_id} if self.calendar_id else {}
