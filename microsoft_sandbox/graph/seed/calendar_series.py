"""Seeded recurring meetings: series with one moved and one cancelled occurrence, a weekly
meeting that has run for a year (so it crosses the mailbox zone's daylight-saving changes),
and a weekly call kept in a far-away zone whose clocks change within a few weeks of "now".

Work accounts: a weekday standup (9:30, organized by a colleague), a daily "Plan the day"
(8:45, the user's own), a weekly team sync (Tuesdays 11:00, online) and a weekly store call
in the zone of `nearest_dst_change`. Personal accounts: a daily morning run and a weekly call
on Sundays. Series ids are `ids.event_id(oid, key)` for the keys in SERIES_KEYS; their
exceptions keep the id of the occurrence they replace (`series.occurrence_id`).
"""

import copy
import datetime as dt
import functools

from .. import recurrence, series
from ..models import Attendee, Event
from ..timezones import zone

SERIES_KEYS = ("standup", "plan", "team-sync", "store-call", "run", "call-home")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]
# Zones whose clocks change at different times of year (US, UK, Australia, New Zealand):
# one of them always changes within about twelve weeks of any date.
DST_CANDIDATES = (("Pacific Standard Time", "Seattle"), ("GMT Standard Time", "London"),
                  ("AUS Eastern Standard Time", "Sydney"),
                  ("New Zealand Standard Time", "Auckland"))
STORE_CALL_WEEKS = 13


@functools.lru_cache(maxsize=64)
def nearest_dst_change(anchor_day: int) -> tuple[str, str, float]:
    """(Windows zone, city, epoch) of the daylight-saving change nearest to a day (epoch
    days), among DST_CANDIDATES."""
    best = None
    start = anchor_day * 86400
    for name, city in DST_CANDIDATES:
        tz = zone(name)
        for offset in range(-7 * STORE_CALL_WEEKS, 7 * STORE_CALL_WEEKS):
            low, high = start + offset * 86400, start + (offset + 1) * 86400
            before = dt.datetime.fromtimestamp(low, tz).utcoffset()
            if before != dt.datetime.fromtimestamp(high, tz).utcoffset():
                if best is None or abs(offset) < best[0]:
                    best = (abs(offset), name, city, float(low))
                break
    assert best is not None, "every date lies within weeks of a daylight-saving change"
    return best[1], best[2], best[3]


def _rule(kind: str, first_day: dt.date, days: list[str] | None = None,
          end: dt.date | None = None) -> dict:
    """A normalized recurrence starting on `first_day`."""
    pattern = {"type": kind, "interval": 1, "firstDayOfWeek": "sunday"}
    if days:
        pattern["daysOfWeek"] = days
    span = {"type": "endDate", "startDate": first_day.isoformat(), "endDate": end.isoformat()} \
        if end else {"type": "noEnd", "startDate": first_day.isoformat()}
    return recurrence.parse({"pattern": pattern, "range": span}, first_day)


def _local(maker, day: int, hour: float) -> float:
    """Epoch of `hour` o'clock on the wall clock, `day` days from today (DST-proof)."""
    date = maker.today.date() + dt.timedelta(days=day)
    clock = dt.time(int(hour), int(round(hour % 1 * 60)))
    return float(int(dt.datetime.combine(date, clock, maker.today.tzinfo).timestamp()))


def make_series(maker, key: str, subject: str, rule: dict, hour: float, minutes: int,
                **fields) -> Event:
    """Store a series master whose first occurrence is on the rule's first day at `hour`."""
    first = (rule["range"]["startDate"] - maker.today.date()).days
    master = maker.add(key, subject, _local(maker, first, hour), minutes, type=series.MASTER,
                       **fields)
    master.recurrence = rule
    series.realign(master)
    return master


def move(maker, master: Event, day: int, hour: float, hours: float) -> Event:
    """Store the occurrence of `day` (at `hour`) as an exception moved by `hours`."""
    original = _local(maker, day, hour)
    moved = copy.deepcopy(series.occurrence(master, original))
    moved.type = series.EXCEPTION
    moved.start, moved.end = moved.start + hours * 3600, moved.end + hours * 3600
    maker.mailbox.events[moved.id] = moved
    return moved


def cancel(maker, master: Event, day: int, hour: float) -> None:
    """Delete the occurrence of `day` (at `hour`) from the series."""
    master.cancelled_starts.add(_local(maker, day, hour))


def work_series(maker, workdays: list[int]) -> None:
    """A work account's series, with exceptions on the coming workdays."""
    people, today = maker.people, maker.today.date()
    lead = people[min(1, len(people) - 1)]
    standup = make_series(maker, "standup", "Daily standup",
                          _rule("weekly", today - dt.timedelta(days=28), WEEKDAYS), 9.5, 15,
                          online=True, **maker.invited(lead, people[2:5], False))
    move(maker, standup, workdays[0], 9.5, 1)
    cancel(maker, standup, workdays[2], 9.5)
    plan = make_series(maker, "plan", "Plan the day", _rule(
        "daily", today - dt.timedelta(days=14), end=today + dt.timedelta(days=42)), 8.75, 15,
        show_as="free", sensitivity="private")
    move(maker, plan, -1, 8.75, 0.25)
    cancel(maker, plan, 1, 8.75)
    tuesday = today - dt.timedelta(days=(today.weekday() - 1) % 7 + 364)
    make_series(maker, "team-sync", "Weekly team sync", _rule("weekly", tuesday, ["tuesday"]),
                11, 30, online=True, location="Conf Room Baker",
                attendees=[Attendee(p, response="accepted") for p in people[:3]])
    store_call(maker)


def store_call(maker) -> None:
    """A weekly call at 9:00 in a zone whose clocks change within weeks of "now"."""
    zone_name, city, _ = nearest_dst_change(int(maker.anchor // 86400))
    today = maker.today.date()
    thursday = today - dt.timedelta(days=(today.weekday() - 3) % 7 + 7 * STORE_CALL_WEEKS)
    rule = _rule("weekly", thursday, ["thursday"],
                 end=today + dt.timedelta(weeks=STORE_CALL_WEEKS))
    local = dt.datetime.combine(thursday, dt.time(9), zone(zone_name))
    peer = maker.people[-1]
    master = maker.add("store-call", f"Call with the {city} store", local.timestamp(), 30,
                       type=series.MASTER, online=True, start_zone=zone_name,
                       end_zone=zone_name, attendees=[Attendee(peer, response="accepted")])
    master.recurrence = rule
    series.realign(master)


def home_series(maker) -> None:
    """A personal account's series: a daily run (one moved, one skipped), a weekly call."""
    today = maker.today.date()
    run = make_series(maker, "run", "Morning run", _rule("daily", today - dt.timedelta(days=30)),
                      6.5, 30, location="Riverside path", show_as="free")
    move(maker, run, 1, 6.5, 1)
    cancel(maker, run, 2, 6.5)
    sunday = today - dt.timedelta(days=(today.weekday() + 1) % 7 + 364)
    make_series(maker, "call-home", "Call Mum", _rule("weekly", sunday, ["sunday"]), 18, 30)
