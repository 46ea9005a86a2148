"""Time zone names as Graph speaks them, and as Python's ``zoneinfo`` does.

Graph names zones the Windows way ("Pacific Standard Time"): mailbox settings hold one, and a
``dateTimeTimeZone`` accepts any Windows zone plus a short documented list of IANA names
(api-reference/v1.0/resources/datetimetimezone.md). ``zoneinfo`` knows only IANA names. So an
app computes with IANA names and sends Graph Windows ones, through Unicode CLDR's
windowsZones table in full (every Windows zone, every territory), as tzlocal ships it
(``tzlocal.windows_tz``, generated from CLDR's file and kept current with it).
"""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from tzlocal.windows_tz import tz_win, win_tz

WINDOWS_TO_IANA: dict[str, str] = win_tz  # each Windows zone's territory-"001" IANA zone
IANA_TO_WINDOWS: dict[str, str] = {iana: win for iana, win in tz_win.items() if iana}


def to_iana(name: str | None) -> str | None:
    """The IANA zone for a Windows or IANA name (Windows: CLDR's territory "001" zone), or
    None when ``zoneinfo`` cannot compute with it (unknown, missing)."""
    if not name or not isinstance(name, str):
        return None
    name = name.strip()
    iana = WINDOWS_TO_IANA.get(name, name)
    return iana if zone_info(iana) is not None else None


def to_windows(name: str | None) -> str | None:
    """The Windows zone Graph accepts for an IANA (or already Windows) name, or None when
    CLDR maps it to none (never send such a name to Graph)."""
    if not name or not isinstance(name, str):
        return None
    name = name.strip()
    if name in WINDOWS_TO_IANA:
        return name
    return IANA_TO_WINDOWS.get(name)


@cache
def zone_info(iana: str) -> ZoneInfo | None:
    """The ``ZoneInfo`` of an IANA name, or None for one the zone database lacks."""
    try:
        return ZoneInfo(iana)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@cache
def mappable() -> tuple[str, ...]:
    """Every IANA zone a person may pick: known to ``zoneinfo`` and mapped to a Windows zone
    (so Graph accepts it), sorted. Cached: listing the zone database reads hundreds of files."""
    known = available_timezones()
    return tuple(sorted(name for name in IANA_TO_WINDOWS if name in known))


def mailbox_zone(response) -> str | None:
    """The time zone of a ``/me/mailboxSettings`` answer (a ``GraphResponse`` or a
    ``BatchResponse``) as the mailbox names it (usually Windows: compute with ``to_iana``), or
    None when the answer failed, lacks it or names a zone no one can compute with: the caller
    then shows UTC and says so."""
    if response is None or not getattr(response, "ok", True):  # a GraphResponse is a success
        return None
    body = getattr(response, "body", None)
    name = body.get("timeZone") if isinstance(body, dict) else None
    return name.strip() if to_iana(name) is not None else None
