"""The Graph requests the calendar pages read with, each page in one ``$batch``.

A page needs its events, the calendar (name, owner, may the user edit it) and, unless the user
picked a zone in the app, the mailbox's time zone; all of them go in one ``$batch``, so the
week view and the event page each cost one Graph round trip. Times are asked for in UTC and
converted here (see ``events``), since the zone is only known once the answer is back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from postpress_whitelabel.api import (
    BatchRequest,
    GraphError,
    graph,
    graph_path,
    graph_prefer,
    mailbox_zone,
)

from . import events, preferences, zones
from .source import Source

VIEW_FIELDS = ("subject", "start", "end", "isAllDay", "location", "type", "seriesMasterId",
               "isCancelled", "showAs", "organizer", "isOrganizer", "responseStatus")
CALENDAR_FIELDS = ("name", "hexColor", "color", "canEdit", "owner", "isDefaultCalendar")
# calendarView's page: Graph documents $top from 1 to 1000 for it. 500 keeps a busy week (or
# the two weeks of a first visit in doubt, see this_week) on one page; a page with more says so
# instead of costing a second round trip.
VIEW_PAGE = 500
TEXT_BODY = {"Prefer": graph_prefer(body_content_type="text")}


@dataclass
class Zone:
    """The zone a page shows, and where it came from (``chosen``, ``mailbox``, ``utc``)."""

    name: str
    origin: str

    @property
    def info(self) -> ZoneInfo:
        """The ``ZoneInfo`` to convert with."""
        return zones.zone(self.name) or ZoneInfo("UTC")


def view_request(rid: str, source: Source, first: dt.date, days: int) -> BatchRequest:
    """calendarView of ``days`` local days from ``first`` (a day wider each side, in UTC)."""
    start, end = _window(first, days)
    path = "/me/calendarView" if source.base == "/me" else f"{source.base}/calendarView"
    return BatchRequest(rid, "GET", graph_path(path, {"startDateTime": start, "endDateTime": end},
                                               top=VIEW_PAGE, select=VIEW_FIELDS))


def _window(first: dt.date, days: int) -> tuple[str, str]:
    """The UTC window for ``days`` local days from ``first``: a day wider on each side, as
    no zone is more than 14 hours from UTC."""
    start = dt.datetime.combine(first - dt.timedelta(days=1), dt.time())
    end = dt.datetime.combine(first + dt.timedelta(days=days + 1), dt.time())
    return start.isoformat(), end.isoformat()


def calendar_request(source: Source) -> BatchRequest:
    """The calendar shown: its name, owner and whether the user may edit it."""
    return BatchRequest("calendar", "GET", graph_path(source.calendar_path,
                                                      select=CALENDAR_FIELDS))


def calendars_request() -> BatchRequest:
    """The user's calendar list, own then shared with them."""
    return BatchRequest("calendars", "GET", graph_path("/me/calendars", top=100,
                                                       select=CALENDAR_FIELDS))


def settings_request() -> BatchRequest:
    """The mailbox's time zone."""
    return BatchRequest("settings", "GET", "/me/mailboxSettings")


def zone_requests(user_id: int, access) -> tuple[Zone | None, list[BatchRequest]]:
    """The zone if the user picked one, else the request that reads the mailbox's."""
    chosen = preferences.chosen_zone(user_id)
    if chosen:
        return Zone(chosen, "chosen"), []
    return None, [settings_request()] if access.mailbox_settings else []


def zone_from(answers: dict, chosen: Zone | None) -> Zone:
    """The page's zone: the chosen one, the mailbox's, or UTC when neither is known."""
    if chosen is not None:
        return chosen
    name = zones.to_iana(mailbox_zone(answers.get("settings")))
    return Zone(name, "mailbox") if name else Zone("UTC", "utc")


def send(account, requests: list[BatchRequest]) -> dict:
    """One ``$batch``; answers by id.

    :raise GraphError: when the batch as a whole failed (sign-in, throttled, unreachable).
    """
    return graph(account).batch(requests)


def require(answers: dict, rid: str):
    """The body of a request that must have worked.

    :raise GraphError: its error.
    """
    answer = answers[rid]
    if not answer.ok:
        raise answer.error or GraphError("Graph refused the request.", status=answer.status)
    return answer.body or {}


def events_of(body: dict, zone: Zone) -> list[events.Event]:
    """The events of a list answer, in the page's zone (cancelled meetings kept: the page
    strikes them through, as Outlook does, until the user removes them)."""
    return [events.from_graph(item, zone.info) for item in body.get("value") or []]
