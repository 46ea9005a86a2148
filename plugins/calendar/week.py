"""The week grid: which week, the window to ask Graph for, and where each event goes.

A week runs Monday to Sunday in the zone the page shows. Graph is asked, in UTC, for a day
more on each side (see ``reads``); events are cut to the local week here.
The grid has half-hour rows; an event's place is given as CSS classes (rows and lanes),
since the page's Content-Security-Policy forbids inline styles.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from .events import Event

FIRST_HOUR, LAST_HOUR = 7, 20  # the grid always shows at least these working hours
MAX_LANES = 4  # side-by-side columns for overlapping events; more share the last one
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def monday_of(day: dt.date) -> dt.date:
    """The Monday starting ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


@dataclass
class Placed:
    """A timed event in one day's column: its rows and lane as CSS classes."""

    event: Event
    starts_before: bool
    ends_after: bool
    row: int = 1
    span: int = 1
    lane: int = 0
    start_minute: int = 0
    end_minute: int = 0

    @property
    def css(self) -> str:
        """The classes that place it on the grid."""
        return f"row-{self.row} span-{min(self.span, 48)} lane-{self.lane}"


@dataclass
class Day:
    """One column of the week."""

    date: dt.date
    is_today: bool
    all_day: list[Event] = field(default_factory=list)
    timed: list[Placed] = field(default_factory=list)
    lanes: int = 1

    @property
    def name(self) -> str:
        """The weekday's name."""
        return WEEKDAYS[self.date.weekday()]


@dataclass
class Week:
    """The laid-out week: its days and the hours the grid shows."""

    monday: dt.date
    days: list[Day]
    first_hour: int
    last_hour: int

    @property
    def hours(self) -> list[int]:
        """The hour labels down the side."""
        return list(range(self.first_hour, self.last_hour))

    @property
    def rows(self) -> int:
        """Half-hour rows in the grid."""
        return (self.last_hour - self.first_hour) * 2


def _is_banner(event: Event) -> bool:
    """All-day events and timed ones of a day or more go in the band above the hours."""
    return event.all_day or event.end - event.start >= dt.timedelta(hours=24)


def _minutes(moment: dt.datetime, day: dt.date, zone: ZoneInfo) -> int:
    """Minutes from the day's local midnight to ``moment``, clamped to the day."""
    local = moment.astimezone(zone)
    if local.date() < day:
        return 0
    if local.date() > day:
        return 24 * 60
    return local.hour * 60 + local.minute


def layout(events: list[Event], monday: dt.date, zone: ZoneInfo, today: dt.date) -> Week:
    """Each event in the days it covers, timed ones with rows and lanes."""
    days = [Day(monday + dt.timedelta(days=i), monday + dt.timedelta(days=i) == today)
            for i in range(7)]
    for event in sorted(events, key=lambda e: (e.start, -(e.end - e.start).total_seconds())):
        for day in days:
            if not event.start.date() <= day.date <= event.last_day:
                continue
            if _is_banner(event):
                day.all_day.append(event)
                continue
            start, end = _minutes(event.start, day.date, zone), _minutes(event.end, day.date,
                                                                          zone)
            day.timed.append(Placed(event, event.start.date() < day.date,
                                    event.end.astimezone(zone).date() > day.date,
                                    start_minute=start, end_minute=max(end, start + 15)))
    first, last = _hours(days)
    for day in days:
        _place(day, first)
    return Week(monday, days, first, last)


def _hours(days: list[Day]) -> tuple[int, int]:
    """The grid's first and last hour: working hours, stretched to the events."""
    minutes = [(p.start_minute, p.end_minute) for d in days for p in d.timed]
    first = min([FIRST_HOUR] + [s // 60 for s, _ in minutes])
    last = max([LAST_HOUR] + [min(24, -(-e // 60)) for _, e in minutes])
    return first, last


def _place(day: Day, first_hour: int) -> None:
    """Rows from the grid's first hour, and lanes so overlapping events sit side by side."""
    lane_ends: list[int] = []
    for placed in day.timed:
        offset = placed.start_minute - first_hour * 60
        placed.row = offset // 30 + 1
        placed.span = max(1, -(-(placed.end_minute - first_hour * 60) // 30) - offset // 30)
        free = next((i for i, end in enumerate(lane_ends) if end <= placed.start_minute), None)
        if free is None:
            free = min(len(lane_ends), MAX_LANES - 1)
            if free == len(lane_ends):
                lane_ends.append(0)
        lane_ends[free] = max(lane_ends[free], placed.end_minute)
        placed.lane = free
    day.lanes = max(1, len(lane_ends))
