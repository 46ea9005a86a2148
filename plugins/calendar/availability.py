"""Free/busy of the people invited, from ``getSchedule``, shown beside the chosen time.

One POST ``/me/calendar/getSchedule`` for every attendee over the event's days, in the zone
of the form; for each person: their status during the chosen time and their busy times that
day. Graph answers it for work accounts only; personal ones get a line saying so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from postpress_whitelabel.api import GraphError, graph, graph_prefer

from . import zones

INTERVAL = 30  # minutes per availabilityView digit
STATUS = {"0": "free", "1": "tentative", "2": "busy", "3": "oof", "4": "workingElsewhere"}
WORDS = {"free": "Free", "tentative": "Tentative", "busy": "Busy", "oof": "Out of office",
         "workingElsewhere": "Working elsewhere", "unknown": "Unknown"}
RANK = ("oof", "busy", "tentative", "workingElsewhere", "free")


@dataclass
class Person:
    """One attendee's availability."""

    address: str
    status: str = "unknown"
    busy: list[tuple[str, str, str]] = field(default_factory=list)  # start, end, status
    error: str | None = None

    @property
    def words(self) -> str:
        """The status in words."""
        return WORDS.get(self.status, self.status)


def check(account, people: list[str], start: dt.datetime, end: dt.datetime,
          zone: str) -> list[Person]:
    """Each person's availability for ``start``..``end`` (wall times in ``zone``).

    :raise GraphError: when Graph refused the whole request.
    """
    day_start = dt.datetime.combine(start.date(), dt.time())
    day_end = dt.datetime.combine(end.date(), dt.time()) + dt.timedelta(days=1)
    name = zones.for_graph(zone)
    body = {"schedules": people, "availabilityViewInterval": INTERVAL,
            "startTime": {"dateTime": day_start.isoformat(), "timeZone": name},
            "endTime": {"dateTime": day_end.isoformat(), "timeZone": name}}
    answer = graph(account).post("/me/calendar/getSchedule", json=body,
                                 prefer=graph_prefer(timezone=name))
    items = {str(i.get("scheduleId", "")).lower(): i for i in (answer.body or {}).get("value", [])}
    first = int((start - day_start).total_seconds() // 60 // INTERVAL)
    last = int(-(-(end - day_start).total_seconds() // 60 // INTERVAL))
    return [_person(address, items.get(address.lower()), first, last) for address in people]


def _person(address: str, item: dict | None, first: int, last: int) -> Person:
    """One scheduleInformation read for the chosen slots."""
    if item is None:
        return Person(address, error="Microsoft did not answer for this address.")
    if item.get("error"):
        return Person(address, error=str((item["error"] or {}).get("message")
                                         or "Free/busy is not available."))
    view = str(item.get("availabilityView") or "")[first:last]
    seen = {STATUS.get(digit, "unknown") for digit in view}
    status = next((s for s in RANK if s in seen), "unknown" if not view else "free")
    busy = [((i.get("start") or {}).get("dateTime", "")[11:16],
             (i.get("end") or {}).get("dateTime", "")[11:16], i.get("status") or "busy")
            for i in item.get("scheduleItems") or []]
    return Person(address, status, busy)


def explain(error: GraphError, personal: bool) -> str:
    """Why free/busy could not be shown."""
    if personal:
        return "Free/busy is available for work or school accounts only."
    if error.throttled:
        return "Microsoft is busy; free/busy could not be checked. Try again in a moment."
    return f"Free/busy could not be checked: {error}"
