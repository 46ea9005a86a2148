"""Which days the week view asks Graph for, worked out in the user's zone before the one
``$batch`` is sent.

"This week" is the week of today in the zone the page shows, not in UTC: at 18:00 on a Sunday
in Los Angeles it is already Monday in UTC. The zone is known before the batch when the user
picked one, when the account cannot read its mailbox's (UTC), or when this session already read
the mailbox's (kept per account in the session, as the mail plugin keeps it). On a first visit
it is not, and today may be a day either side of UTC's date; when that leaves two weeks in doubt
(UTC's Monday or Sunday) the view asks for the days of both, in the same round trip, and picks
once the mailbox's zone is back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from flask import session

from . import week, zones

SESSION_KEY = "calendar_mailbox_zones"
REMEMBERED = 10  # accounts whose zone a session keeps


@dataclass(frozen=True)
class Span:
    """The local days to ask for, and the week's Monday when it is already certain."""

    first: dt.date
    days: int
    monday: dt.date | None = None

    def week_of(self, zone: ZoneInfo, now: dt.datetime) -> dt.date:
        """The Monday to show, now that the page's zone is known."""
        return self.monday or week.monday_of(now.astimezone(zone).date())


def span(asked: str | None, zone: ZoneInfo | None, now: dt.datetime) -> Span:
    """The days for ``week=`` (a date in it), else for this week in ``zone`` (None: not known
    yet, so every week today may fall in)."""
    monday = _asked_week(asked)
    if monday is None and zone is not None:
        monday = week.monday_of(now.astimezone(zone).date())
    if monday is not None:
        return Span(monday, 7, monday)
    utc_day = now.astimezone(dt.UTC).date()
    first = week.monday_of(utc_day - dt.timedelta(days=1))
    last = week.monday_of(utc_day + dt.timedelta(days=1))
    return Span(first, (last - first).days + 7)


def _asked_week(text: str | None) -> dt.date | None:
    """The Monday of the week a ``week=YYYY-MM-DD`` argument names, or None without a usable
    one."""
    try:
        day = dt.date.fromisoformat(text or "")
    except ValueError:
        return None
    return week.monday_of(day) if 1901 <= day.year <= 8998 else None


def remember(account_id: int, name: str) -> None:
    """Keep the account's mailbox zone (an IANA name) for this session's next pages."""
    known = dict(session.get(SESSION_KEY) or {})
    if known.get(str(account_id)) != name:
        known[str(account_id)] = name
        session[SESSION_KEY] = dict(list(known.items())[-REMEMBERED:])


def remembered(account_id: int) -> ZoneInfo | None:
    """The account's mailbox zone as this session last read it, or None before any."""
    return zones.zone((session.get(SESSION_KEY) or {}).get(str(account_id)))
