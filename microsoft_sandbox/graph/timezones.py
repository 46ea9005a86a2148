"""Time zones and date-time strings as Graph writes and reads them.

Graph names zones the Windows way ("Pacific Standard Time") and also accepts IANA names;
`dateTimeTimeZone` values carry seven fractional digits and no offset, the zone travels beside
them. Instants elsewhere (`receivedDateTime`) are UTC with a `Z`.
"""

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = dt.UTC

# The Windows zone names clients send most, with their IANA equivalents (CLDR's mapping).
WINDOWS_ZONES = {
    "UTC": "UTC",
    "Coordinated Universal Time": "UTC",
    "Dateline Standard Time": "Etc/GMT+12",
    "Hawaiian Standard Time": "Pacific/Honolulu",
    "Alaskan Standard Time": "America/Anchorage",
    "Pacific Standard Time": "America/Los_Angeles",
    "Mountain Standard Time": "America/Denver",
    "US Mountain Standard Time": "America/Phoenix",
    "Central Standard Time": "America/Chicago",
    "Eastern Standard Time": "America/New_York",
    "Atlantic Standard Time": "America/Halifax",
    "E. South America Standard Time": "America/Sao_Paulo",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "GMT Standard Time": "Europe/London",
    "W. Europe Standard Time": "Europe/Berlin",
    "Romance Standard Time": "Europe/Paris",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "E. Europe Standard Time": "Europe/Chisinau",
    "FLE Standard Time": "Europe/Kiev",
    "GTB Standard Time": "Europe/Bucharest",
    "Turkey Standard Time": "Europe/Istanbul",
    "Israel Standard Time": "Asia/Jerusalem",
    "South Africa Standard Time": "Africa/Johannesburg",
    "Russian Standard Time": "Europe/Moscow",
    "Arabian Standard Time": "Asia/Dubai",
    "India Standard Time": "Asia/Kolkata",
    "SE Asia Standard Time": "Asia/Bangkok",
    "Singapore Standard Time": "Asia/Singapore",
    "China Standard Time": "Asia/Shanghai",
    "Tokyo Standard Time": "Asia/Tokyo",
    "Korea Standard Time": "Asia/Seoul",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "New Zealand Standard Time": "Pacific/Auckland",
}

_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def zone(name: str | None) -> ZoneInfo | None:
    """The zone a Windows or IANA name stands for, or None when Graph would not know it."""
    if not name:
        return None
    iana = WINDOWS_ZONES.get(name.strip(), name.strip())
    try:
        return ZoneInfo(iana)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def iso_utc(epoch: float) -> str:
    """An instant as Graph writes `receivedDateTime`: `2024-05-01T09:30:00Z`."""
    return _iso_seconds(int(epoch))


@functools.lru_cache(maxsize=8192)
def _iso_seconds(seconds: int) -> str:
    """Formatting is the costliest part of a message list; the same instants recur."""
    return dt.datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def date_time_zone(epoch: float, zone_name: str) -> dict:
    """A `dateTimeTimeZone` in the named zone (an unknown name falls back to UTC)."""
    tz = zone(zone_name)
    if tz is None:
        tz, zone_name = UTC, "UTC"
    local = dt.datetime.fromtimestamp(epoch, tz)
    return {"dateTime": local.strftime("%Y-%m-%dT%H:%M:%S.0000000"), "timeZone": zone_name}


def parse_local(value: str, zone_name: str | None) -> float:
    """The epoch of a `dateTimeTimeZone` value; an offset in the string wins over the zone.

    :raise ValueError: for a malformed date-time or an unknown zone.
    """
    parsed = _parse_iso(value)
    if parsed.tzinfo is None:
        tz = zone(zone_name or "UTC")
        if tz is None:
            raise ValueError(f"unknown time zone {zone_name!r}")
        parsed = parsed.replace(tzinfo=tz)
    return parsed.timestamp()


def parse_instant(value: str) -> float:
    """The epoch of an ISO 8601 query value; no offset means UTC, as calendarView reads it.

    :raise ValueError: when it is not a date-time.
    """
    parsed = _parse_iso(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def _parse_iso(value: str) -> dt.datetime:
    """ISO 8601 with up to seven fractional digits (Python takes six) and an optional offset."""
    text = value.strip()
    offset = _OFFSET.search(text)
    suffix = ""
    if offset:
        suffix = "+00:00" if offset.group(1).upper() == "Z" else offset.group(1)
        text = text[: offset.start()]
    if "." in text:
        head, fraction = text.split(".", 1)
        text = f"{head}.{fraction[:6]}"
    return dt.datetime.fromisoformat(text + suffix)


def local_midnight(epoch: float, zone_name: str) -> dt.datetime:
    """Midnight of the day `epoch` falls on, in the named zone (UTC if unknown)."""
    tz = zone(zone_name) or UTC
    local = dt.datetime.fromtimestamp(epoch, tz)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def floating_day(epoch: float, zone_name: str) -> dict:
    """An all-day event's bound: its date at midnight in whatever zone the reader asked for.

    All-day events are floating dates; the sandbox stores them as UTC midnights.
    """
    day = dt.datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")
    name = zone_name if zone(zone_name) is not None else "UTC"
    return {"dateTime": f"{day}T00:00:00.0000000", "timeZone": name}
