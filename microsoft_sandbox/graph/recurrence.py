"""Graph's `patternedRecurrence`: read from a request, written back in full, and expanded
into the local dates a series falls on.

A series repeats by a pattern (daily, weekly on some days, monthly or yearly on a day number
or on "the second Tuesday") over a range (until a date, for ever, or a number of times).
Expansion works on local calendar dates; the caller puts the series' wall-clock time on each
date in the series' own zone, which is what keeps a 9:00 meeting at 9:00 across a
daylight-saving change.
"""

import calendar as cal
import datetime as dt
from collections.abc import Iterator

from .errors import bad_request

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PATTERNS = ("daily", "weekly", "absoluteMonthly", "relativeMonthly", "absoluteYearly",
            "relativeYearly")
RANGES = ("endDate", "noEnd", "numbered")
INDEXES = ("first", "second", "third", "fourth", "last")
NO_DATE = "0001-01-01"
# UNCONFIRMED: Graph documents no ceiling; the sandbox stops expanding a series after this
# many occurrences in one window, so a window of centuries over a daily series stays cheap.
MAX_OCCURRENCES = 10000


def _bad(message: str):
    """400 ErrorInvalidRequest for a recurrence Graph cannot use (UNCONFIRMED: Graph
    documents neither the code nor the wording of these refusals)."""
    return bad_request(message, code="ErrorInvalidRequest")


def _int(raw: dict, name: str, low: int, high: int, default: int) -> int:
    """A bounded whole number of the pattern or range."""
    value = raw.get(name, default)
    if value is None:
        value = default
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _bad(f"Invalid value for property '{name}' of the recurrence.")
    return value


def _date(raw: dict, name: str) -> dt.date | None:
    """A `Date` (`2026-03-05`) of the range, or None when absent or Graph's zero date."""
    value = raw.get(name)
    if value in (None, "", NO_DATE):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise _bad(f"Invalid value for property '{name}' of the recurrence range.") from exc


def _days(raw: dict, required: bool) -> list[str]:
    """`daysOfWeek`, lower-cased and checked."""
    days = raw.get("daysOfWeek") or []
    if not isinstance(days, list) or any(str(d).lower() not in DAYS for d in days):
        raise _bad("Invalid value for property 'daysOfWeek' of the recurrence.")
    if required and not days:
        raise _bad("The recurrence pattern requires 'daysOfWeek'.")
    return [str(d).lower() for d in days]


def parse(raw, start_day: dt.date) -> dict:
    """A request's `recurrence`, normalized; `start_day` is the event's local start date.

    :raise GraphError: 400 ErrorInvalidRequest for anything Graph would refuse.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("pattern"), dict) \
            or not isinstance(raw.get("range"), dict):
        raise _bad("The recurrence requires a pattern and a range.")
    pattern, span = raw["pattern"], raw["range"]
    kind = pattern.get("type")
    if kind not in PATTERNS:
        raise _bad(f"Invalid recurrence pattern type '{kind}'.")
    index = str(pattern.get("index") or "first")
    first_day = str(pattern.get("firstDayOfWeek") or "sunday").lower()
    if index not in INDEXES or first_day not in DAYS:
        raise _bad("Invalid value for property 'index' or 'firstDayOfWeek' of the recurrence.")
    monthly = kind in ("absoluteMonthly", "absoluteYearly")
    rule = {
        "type": kind, "interval": _int(pattern, "interval", 1, 999, 1),
        "month": _int(pattern, "month", 1 if kind.endswith("Yearly") else 0, 12, 0),
        "dayOfMonth": _int(pattern, "dayOfMonth", 1 if monthly else 0, 31, 0),
        "daysOfWeek": _days(pattern, kind in ("weekly", "relativeMonthly", "relativeYearly")),
        "firstDayOfWeek": first_day, "index": index,
    }
    return {"pattern": rule, "range": _range(span, start_day)}


def _range(span: dict, start_day: dt.date) -> dict:
    """The range part: type, dates and count."""
    kind = span.get("type")
    if kind not in RANGES:
        raise _bad(f"Invalid recurrence range type '{kind}'.")
    start = _date(span, "startDate") or start_day
    end = _date(span, "endDate")
    count = _int(span, "numberOfOccurrences", 0, 999, 0)
    if kind == "endDate" and (end is None or end < start):
        raise _bad("The recurrence range requires an 'endDate' on or after its 'startDate'.")
    if kind == "numbered" and count < 1:
        raise _bad("The recurrence range requires 'numberOfOccurrences' of at least 1.")
    return {"type": kind, "startDate": start, "endDate": end if kind == "endDate" else None,
            "numberOfOccurrences": count if kind == "numbered" else 0}


def to_json(rule: dict, zone_name: str) -> dict:
    """The recurrence as Graph writes it: every pattern property, dates as `Date` strings."""
    span = rule["range"]
    return {
        "pattern": {**rule["pattern"], "daysOfWeek": list(rule["pattern"]["daysOfWeek"])},
        "range": {"type": span["type"], "startDate": span["startDate"].isoformat(),
                  "endDate": span["endDate"].isoformat() if span["endDate"] else NO_DATE,
                  "recurrenceTimeZone": zone_name,
                  "numberOfOccurrences": span["numberOfOccurrences"]},
    }


def _clamped(year: int, month: int, day: int) -> dt.date:
    """The day of a month, or its last day when the month is shorter (UNCONFIRMED: what
    Outlook shows for "the 31st of every month"; Graph's documentation is silent)."""
    return dt.date(year, month, min(day, cal.monthrange(year, month)[1]))


def _relative(year: int, month: int, days: list[str], index: str) -> dt.date:
    """"The second Tuesday": the nth day of the month whose weekday is one of `days`."""
    wanted = {DAYS.index(d) for d in days}
    matches = [dt.date(year, month, n) for n in range(1, cal.monthrange(year, month)[1] + 1)
               if dt.date(year, month, n).weekday() in wanted]
    return matches[-1] if index == "last" else matches[INDEXES.index(index)]


def _month_steps(start: dt.date, interval: int) -> Iterator[tuple[int, int]]:
    """(year, month) from the start's month on, every `interval` months."""
    step = 0
    while start.year + (start.month - 1 + step) // 12 <= dt.MAXYEAR - 1:
        month0 = start.month - 1 + step
        yield start.year + month0 // 12, month0 % 12 + 1
        step += interval


def _candidates(rule: dict, since: dt.date | None) -> Iterator[dt.date]:
    """Every date the pattern names from the range's start on, in order (unbounded); daily
    and weekly patterns skip whole periods before `since` (None: skip nothing)."""
    pattern, start = rule["pattern"], rule["range"]["startDate"]
    kind, interval = pattern["type"], pattern["interval"]
    if kind == "daily":
        skip = (since - start).days // interval if since and since > start else 0
        day = start + dt.timedelta(days=skip * interval)
        while day.year < dt.MAXYEAR:
            yield day
            day += dt.timedelta(days=interval)
    elif kind == "weekly":
        first = DAYS.index(pattern["firstDayOfWeek"])
        week = start - dt.timedelta(days=(start.weekday() - first) % 7)
        if since and since > week:
            week += dt.timedelta(weeks=(since - week).days // 7 // interval * interval)
        offsets = [dt.timedelta(days=n) for n in sorted(
            {(DAYS.index(d) - first) % 7 for d in pattern["daysOfWeek"]})]
        while week.year < dt.MAXYEAR:
            for offset in offsets:
                yield week + offset
            week += dt.timedelta(weeks=interval)
    elif kind in ("absoluteMonthly", "relativeMonthly"):
        for year, month in _month_steps(start, interval):
            yield _pick(pattern, year, month)
    else:
        for year, _ in _month_steps(start, interval * 12):
            yield _pick(pattern, year, pattern["month"])


def _pick(pattern: dict, year: int, month: int) -> dt.date:
    """The day of one month an absolute or relative pattern names."""
    if pattern["type"].startswith("absolute"):
        return _clamped(year, month, pattern["dayOfMonth"])
    return _relative(year, month, pattern["daysOfWeek"], pattern["index"])


def dates(rule: dict, until: dt.date, since: dt.date | None = None) -> Iterator[dt.date]:
    """The local dates of the series' occurrences from `since` (None: the range's start) up to
    `until` (inclusive) and the range's end."""
    span = rule["range"]
    last = min(until, span["endDate"]) if span["endDate"] else until
    numbered = span["type"] == "numbered"
    count = yielded = 0
    for day in _candidates(rule, None if numbered else since):
        if day < span["startDate"]:
            continue
        if day > last or yielded >= MAX_OCCURRENCES:
            return
        if numbered and count >= span["numberOfOccurrences"]:
            return
        count += 1
        if since is None or day >= since:
            yielded += 1
            yield day
