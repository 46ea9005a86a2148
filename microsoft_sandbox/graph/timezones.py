"""Time zones and date-time strings as Graph writes and reads them.

Graph names zones the Windows way ("Pacific Standard Time") and also accepts a documented list
of IANA names; `dateTimeTimeZone` values carry seven fractional digits and no offset, the zone
travels beside them. Instants elsewhere (`receivedDateTime`) are UTC with a `Z`.
"""

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tzlocal.windows_tz import win_tz as WINDOWS_TO_IANA  # Unicode CLDR's windowsZones, in full

UTC = dt.UTC

# The IANA names a dateTimeTimeZone accepts besides every Windows zone, as
# api-reference/v1.0/resources/datetimetimezone.md lists them. Where the page gives two
# spellings ("Europe/Kyiv (Kiev)") both are accepted; the left one is what zoneinfo knows
# unless it is not a zone at all ("Asia/Toshkent"), then the right one is computed with.
DOCUMENTED_IANA = {
    "Etc/GMT+12", "Etc/GMT+11", "Pacific/Honolulu", "America/Anchorage", "America/Santa_Isabel",
    "America/Los_Angeles", "America/Phoenix", "America/Chihuahua", "America/Denver",
    "America/Guatemala", "America/Chicago", "America/Mexico_City", "America/Regina",
    "America/Bogota", "America/New_York", "America/Indiana/Indianapolis", "America/Caracas",
    "America/Asuncion", "America/Halifax", "America/Cuiaba", "America/La_Paz",
    "America/Santiago", "America/St_Johns", "America/Sao_Paulo",
    "America/Argentina/Buenos_Aires", "America/Cayenne", "America/Godthab",
    "America/Montevideo", "America/Bahia", "Etc/GMT+2", "Atlantic/Azores", "Atlantic/Cape_Verde",
    "Africa/Casablanca", "Etc/GMT", "Europe/London", "Atlantic/Reykjavik", "Europe/Berlin",
    "Europe/Budapest", "Europe/Paris", "Europe/Warsaw", "Africa/Lagos", "Africa/Windhoek",
    "Europe/Bucharest", "Asia/Beirut", "Africa/Cairo", "Asia/Damascus", "Africa/Johannesburg",
    "Europe/Kyiv", "Europe/Kiev", "Europe/Istanbul", "Asia/Jerusalem", "Asia/Amman",
    "Asia/Baghdad", "Europe/Kaliningrad", "Asia/Riyadh", "Africa/Nairobi", "Asia/Tehran",
    "Asia/Dubai", "Asia/Baku", "Europe/Moscow", "Indian/Mauritius", "Asia/Tbilisi",
    "Asia/Yerevan", "Asia/Kabul", "Asia/Karachi", "Asia/Toshkent", "Asia/Tashkent",
    "Asia/Kolkata", "Asia/Colombo", "Asia/Kathmandu", "Asia/Astana", "Asia/Almaty", "Asia/Dhaka",
    "Asia/Yekaterinburg", "Asia/Yangon", "Asia/Rangoon", "Asia/Bangkok", "Asia/Novosibirsk",
    "Asia/Shanghai", "Asia/Krasnoyarsk", "Asia/Singapore", "Australia/Perth", "Asia/Taipei",
    "Asia/Ulaanbaatar", "Asia/Irkutsk", "Asia/Tokyo", "Asia/Seoul", "Australia/Adelaide",
    "Australia/Darwin", "Australia/Brisbane", "Australia/Sydney", "Pacific/Port_Moresby",
    "Australia/Hobart", "Asia/Yakutsk", "Pacific/Guadalcanal", "Asia/Vladivostok",
    "Pacific/Auckland", "Etc/GMT-12", "Pacific/Fiji", "Asia/Magadan", "Pacific/Tongatapu",
    "Pacific/Apia", "Pacific/Kiritimati",
}
# Documented spellings zoneinfo does not know, and the zone each stands for.
_SPELLINGS = {"Asia/Toshkent": "Asia/Tashkent", "Asia/Astana": "Asia/Almaty"}

_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)


@functools.lru_cache(maxsize=256)
def zone(name: str | None) -> ZoneInfo | None:
    """The zone a name stands for, or None when Graph would refuse it: any Windows zone
    (Unicode CLDR's windowsZones, computed with its territory "001" zone) or one of the
    documented IANA names; any other IANA name is refused, as Graph does."""
    if not name:
        return None
    name = name.strip()
    if name in WINDOWS_TO_IANA:
        iana = WINDOWS_TO_IANA[name]
    elif name in DOCUMENTED_IANA:
        iana = _SPELLINGS.get(name, name)
    else:
        return None
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
