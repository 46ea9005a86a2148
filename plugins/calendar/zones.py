"""Time zones: Graph names them the Windows way ("Pacific Standard Time"), Python's ``zoneinfo``
only by IANA name.

The week view lays events out in an IANA zone (the mailbox's Windows name mapped by
``api.to_iana``); the event form offers IANA names and always sends Graph the Windows name
(``api.to_windows``): Graph accepts every Windows zone but only a short list of IANA ones, so
the form offers only zones with a Windows name. The table is the core's (Unicode CLDR's, in full).
"""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from postpress_whitelabel.api import time_zones, to_iana, to_windows

__all__ = ["choices", "for_graph", "to_iana", "to_windows", "zone"]

# Offered first: the zones people most often pick (each one's Windows zone's own city).
COMMON = ("UTC", "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles",
          "America/Phoenix", "America/Denver", "America/Chicago", "America/Mexico_City",
          "America/New_York", "America/Halifax", "America/Sao_Paulo",
          "America/Argentina/Buenos_Aires", "Europe/London", "Europe/Paris", "Europe/Berlin",
          "Europe/Istanbul", "Africa/Cairo", "Africa/Johannesburg", "Europe/Moscow",
          "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Bangkok", "Asia/Shanghai",
          "Asia/Singapore", "Asia/Tokyo", "Australia/Perth", "Australia/Brisbane",
          "Australia/Sydney", "Pacific/Auckland")


def zone(name: str | None) -> ZoneInfo | None:
    """The ``ZoneInfo`` of an IANA name, or None for an unknown one."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def for_graph(iana: str) -> str:
    """The Windows name to send Graph in a ``dateTimeTimeZone`` (the form offers only zones
    that have one; UTC for anything else, never a name Graph would refuse)."""
    return to_windows(iana) or "UTC"


@cache
def choices() -> tuple[tuple[str, str], ...]:
    """Zones a person may pick: the well-known ones first, then every other zone Graph can
    be sent (each has a Windows name); ``Etc/`` offsets and legacy names left out."""
    offered = [name for name in time_zones() if not name.startswith(("Etc/", "SystemV/"))]
    common = [name for name in COMMON if name in offered]
    rest = [name for name in offered if name not in common]
    return tuple((name, name.replace("_", " ")) for name in common + rest)
