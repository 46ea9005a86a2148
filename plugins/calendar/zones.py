"""Time zones: Graph names them the Windows way ("Pacific Standard Time") or by IANA name,
Python's ``zoneinfo`` only by IANA name.

Mailbox settings usually hold a Windows name, so the week view maps it to an IANA zone to lay
events out; the event form offers IANA names and sends Graph the Windows name where one is
known (the form Graph documents first). The table follows Unicode CLDR's windowsZones (the
"001" territory of each Windows zone) for the zones people commonly pick.
"""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

WINDOWS_TO_IANA = {
    "Dateline Standard Time": "Etc/GMT+12",
    "Hawaiian Standard Time": "Pacific/Honolulu",
    "Alaskan Standard Time": "America/Anchorage",
    "Pacific Standard Time": "America/Los_Angeles",
    "US Mountain Standard Time": "America/Phoenix",
    "Mountain Standard Time": "America/Denver",
    "Central Standard Time": "America/Chicago",
    "Central America Standard Time": "America/Guatemala",
    "Mexico Standard Time": "America/Mexico_City",
    "Eastern Standard Time": "America/New_York",
    "SA Pacific Standard Time": "America/Bogota",
    "Atlantic Standard Time": "America/Halifax",
    "Newfoundland Standard Time": "America/St_Johns",
    "E. South America Standard Time": "America/Sao_Paulo",
    "Argentina Standard Time": "America/Argentina/Buenos_Aires",
    "UTC": "UTC",
    "Coordinated Universal Time": "UTC",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "GMT Standard Time": "Europe/London",
    "W. Europe Standard Time": "Europe/Berlin",
    "Romance Standard Time": "Europe/Paris",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "W. Central Africa Standard Time": "Africa/Lagos",
    "E. Europe Standard Time": "Europe/Chisinau",
    "FLE Standard Time": "Europe/Kiev",
    "GTB Standard Time": "Europe/Bucharest",
    "Turkey Standard Time": "Europe/Istanbul",
    "Israel Standard Time": "Asia/Jerusalem",
    "Egypt Standard Time": "Africa/Cairo",
    "South Africa Standard Time": "Africa/Johannesburg",
    "Russian Standard Time": "Europe/Moscow",
    "Arab Standard Time": "Asia/Riyadh",
    "Arabian Standard Time": "Asia/Dubai",
    "Iran Standard Time": "Asia/Tehran",
    "Pakistan Standard Time": "Asia/Karachi",
    "India Standard Time": "Asia/Kolkata",
    "Bangladesh Standard Time": "Asia/Dhaka",
    "SE Asia Standard Time": "Asia/Bangkok",
    "China Standard Time": "Asia/Shanghai",
    "Singapore Standard Time": "Asia/Singapore",
    "Taipei Standard Time": "Asia/Taipei",
    "W. Australia Standard Time": "Australia/Perth",
    "Tokyo Standard Time": "Asia/Tokyo",
    "Korea Standard Time": "Asia/Seoul",
    "AUS Central Standard Time": "Australia/Darwin",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "E. Australia Standard Time": "Australia/Brisbane",
    "New Zealand Standard Time": "Pacific/Auckland",
}
IANA_TO_WINDOWS = {iana: windows for windows, iana in WINDOWS_TO_IANA.items()
                   if windows != "Coordinated Universal Time"}


def to_iana(name: str | None) -> str | None:
    """The IANA name for a Windows or IANA zone name, or None when it is neither."""
    if not name:
        return None
    if name in WINDOWS_TO_IANA:
        return WINDOWS_TO_IANA[name]
    return name if zone(name) is not None else None


def zone(name: str) -> ZoneInfo | None:
    """The ``ZoneInfo`` of an IANA name, or None for an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def for_graph(iana: str) -> str:
    """The name to send Graph in a ``dateTimeTimeZone``: Windows where known, else IANA."""
    return IANA_TO_WINDOWS.get(iana, iana)


@cache
def choices() -> tuple[tuple[str, str], ...]:
    """Zones a person may pick: the well-known ones first, then every other IANA zone.

    Cached: listing the zone database reads hundreds of files, and it does not change while
    the app runs.
    """
    common = sorted(set(WINDOWS_TO_IANA.values()))
    rest = sorted(available_timezones() - set(common))
    return tuple((name, name.replace("_", " ")) for name in common + rest
                 if not name.startswith(("Etc/", "SystemV/")))
