"""Recurrence between the event form and Graph's ``patternedRecurrence``.

The form offers what people ask for: daily, weekly on given days, monthly on the start's day
of the month, every N of them, ending on a date, after a count, or never. Graph's JSON is
``{"pattern": {type, interval, daysOfWeek, dayOfMonth, firstDayOfWeek}, "range": {type,
startDate, endDate, numberOfOccurrences, recurrenceTimeZone}}``.
"""

from __future__ import annotations

import datetime as dt

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PATTERNS = {"daily": "daily", "weekly": "weekly", "monthly": "absoluteMonthly"}
FIRST_DAY = "monday"  # a new series' firstDayOfWeek


def first_day_of(recurrence: dict | None) -> str:
    """The ``firstDayOfWeek`` an existing series was made with (a new one: Monday)."""
    found = ((recurrence or {}).get("pattern") or {}).get("firstDayOfWeek")
    return found if found in DAYS else FIRST_DAY


def to_graph(repeat: str, interval: int, days: list[str], start: dt.date, ends: str,
             until: dt.date | None, count: int | None, zone: str,
             first_day: str = FIRST_DAY) -> dict | None:
    """Graph's ``recurrence`` for the form's choices, or None for a single event.
    ``first_day`` is the series' ``firstDayOfWeek`` (the form does not offer it: an edited
    series keeps its own, see ``first_day_of``; it decides which weeks an "every 2 weeks"
    rule counts)."""
    if repeat not in PATTERNS:
        return None
    pattern: dict = {"type": PATTERNS[repeat], "interval": interval, "firstDayOfWeek": first_day}
    if repeat == "weekly":
        pattern["daysOfWeek"] = [d for d in DAYS if d in days]
    if repeat == "monthly":
        pattern["dayOfMonth"] = start.day
    span: dict = {"type": "noEnd", "startDate": start.isoformat(), "recurrenceTimeZone": zone}
    if ends == "until" and until is not None:
        span.update(type="endDate", endDate=until.isoformat())
    elif ends == "count" and count:
        span.update(type="numbered", numberOfOccurrences=count)
    return {"pattern": pattern, "range": span}


def to_form(recurrence: dict | None) -> dict:
    """The form's fields for a series' recurrence (a single event: no repeat)."""
    if not recurrence:
        return {"repeat": "none"}
    pattern, span = recurrence.get("pattern") or {}, recurrence.get("range") or {}
    repeat = next((k for k, v in PATTERNS.items() if v == pattern.get("type")), "none")
    fields = {"repeat": repeat, "interval": pattern.get("interval") or 1,
              "days": [d for d in pattern.get("daysOfWeek") or [] if d in DAYS],
              "ends": {"endDate": "until", "numbered": "count"}.get(span.get("type"), "never")}
    if span.get("endDate") and span.get("type") == "endDate":
        fields["until"] = dt.date.fromisoformat(span["endDate"][:10])
    if span.get("numberOfOccurrences"):
        fields["count"] = span["numberOfOccurrences"]
    return fields


def describe(recurrence: dict | None) -> str:
    """The series' rule in words: "Every 2 weeks on Monday, Wednesday, until 31 Jan 2027"."""
    if not recurrence:
        return ""
    pattern, span = recurrence.get("pattern") or {}, recurrence.get("range") or {}
    interval = pattern.get("interval") or 1
    unit = {"daily": "day", "weekly": "week", "absoluteMonthly": "month",
            "relativeMonthly": "month", "absoluteYearly": "year",
            "relativeYearly": "year"}.get(pattern.get("type"), "time")
    text = f"Every {unit}" if interval == 1 else f"Every {interval} {unit}s"
    days = pattern.get("daysOfWeek") or []
    if days and unit == "week":
        text += " on " + ", ".join(d.capitalize() for d in days)
    if pattern.get("type") == "absoluteMonthly" and pattern.get("dayOfMonth"):
        text += f" on day {pattern['dayOfMonth']}"
    if span.get("type") == "endDate" and span.get("endDate"):
        text += ", until " + dt.date.fromisoformat(span["endDate"][:10]).strftime("%-d %b %Y")
    elif span.get("type") == "numbered":
        text += f", {span.get('numberOfOccurrences')} times"
    return text
