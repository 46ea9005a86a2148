"""Graph's event JSON read into what the pages show: local times, people, the series.

Graph answers in UTC here (no ``Prefer: outlook.timezone``: the zone is not known before the
one round trip that also reads it), so every time is converted with ``zoneinfo`` into the
zone the page shows, which keeps daylight-saving changes right. All-day events are dates:
Graph gives them as midnight to midnight, read as dates whatever the zone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from . import zones

RESPONSES = {"none": "No answer", "notResponded": "No answer", "accepted": "Accepted",
             "tentativelyAccepted": "Tentative", "declined": "Declined",
             "organizer": "Organizer"}


@dataclass
class Attendee:
    """Someone invited, and what they answered."""

    name: str
    address: str
    kind: str
    response: str

    @property
    def answer(self) -> str:
        """The answer in words."""
        return RESPONSES.get(self.response, self.response)


@dataclass
class Event:
    """One event, occurrence or exception, with its times in the page's zone."""

    id: str
    subject: str
    start: dt.datetime
    end: dt.datetime
    all_day: bool
    kind: str = "singleInstance"
    series_id: str | None = None
    location: str = ""
    organizer: str = ""
    organizer_address: str = ""
    is_organizer: bool = False
    cancelled: bool = False
    show_as: str = "busy"
    response: str = "none"
    response_requested: bool = True
    join_url: str | None = None
    body: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    recurrence: dict | None = None
    original_zone: str | None = None

    @property
    def is_recurring(self) -> bool:
        """Part of a series (an occurrence, an exception or the master)."""
        return self.kind in ("occurrence", "exception", "seriesMaster")

    @property
    def is_meeting(self) -> bool:
        """Has attendees other than the organizer."""
        return bool(self.attendees)

    @property
    def last_day(self) -> dt.date:
        """The last date the event covers (an end at midnight belongs to the day before)."""
        if self.all_day:
            return max(self.start.date(), self.end.date() - dt.timedelta(days=1))
        if self.end <= self.start:
            return self.start.date()
        return (self.end - dt.timedelta(microseconds=1)).date()

    @property
    def answer(self) -> str:
        """The user's own answer in words."""
        return RESPONSES.get(self.response, self.response)


def parse_time(value: dict | None, local: ZoneInfo, all_day: bool) -> dt.datetime:
    """A Graph ``dateTimeTimeZone`` as an aware datetime in ``local`` (all-day: naive
    midnight kept as the date, in ``local``)."""
    value = value or {}
    text = (value.get("dateTime") or "1970-01-01T00:00:00")[:26]
    naive = dt.datetime.fromisoformat(text.rstrip("Z"))
    if all_day:
        return naive.replace(tzinfo=local)
    source = zones.zone(zones.to_iana(value.get("timeZone")) or "UTC") or dt.UTC
    return naive.replace(tzinfo=source).astimezone(local)


def _people(data: dict) -> list[Attendee]:
    """The attendee list."""
    people = []
    for item in data.get("attendees") or []:
        email = item.get("emailAddress") or {}
        people.append(Attendee(email.get("name") or email.get("address") or "",
                               email.get("address") or "", item.get("type") or "required",
                               (item.get("status") or {}).get("response") or "none"))
    return people


def _https(url) -> str | None:
    """A join link worth a link: https only (an invitation from outside may carry anything)."""
    return url if isinstance(url, str) and url.lower().startswith("https://") else None


def from_graph(data: dict, local: ZoneInfo) -> Event:
    """An ``Event`` from Graph's JSON, its times in ``local``."""
    all_day = bool(data.get("isAllDay"))
    organizer = (data.get("organizer") or {}).get("emailAddress") or {}
    meeting = data.get("onlineMeeting") or {}
    return Event(
        id=data.get("id") or "", subject=data.get("subject") or "(no title)",
        start=parse_time(data.get("start"), local, all_day),
        end=parse_time(data.get("end"), local, all_day), all_day=all_day,
        kind=data.get("type") or "singleInstance", series_id=data.get("seriesMasterId"),
        location=(data.get("location") or {}).get("displayName") or "",
        organizer=organizer.get("name") or organizer.get("address") or "",
        organizer_address=organizer.get("address") or "",
        is_organizer=bool(data.get("isOrganizer")), cancelled=bool(data.get("isCancelled")),
        show_as=data.get("showAs") or "busy",
        response=(data.get("responseStatus") or {}).get("response") or "none",
        response_requested=data.get("responseRequested", True) is not False,
        join_url=_https(meeting.get("joinUrl") or data.get("onlineMeetingUrl")),
        body=(data.get("body") or {}).get("content") or "",
        attendees=_people(data), recurrence=data.get("recurrence"),
        original_zone=data.get("originalStartTimeZone"))
