"""Seeded mailbox settings: each demo user's time zone, locale, formats and working hours.

The zones are a mix on purpose, so demos and tests meet more than one offset: zones with
daylight saving time on either hemisphere's calendar (Pacific, Central, London, Berlin) and
zones without (India, Tokyo, Arizona). Northwind's admin lives wherever the clocks change
nearest to the anchor (Seattle, London, Sydney or Auckland: the calendar seed's choice), so a
demo around a change has a mailbox that crosses it; from December to February the nearest
change is still some weeks away. Contoso's two users share Pacific time, which the
calendar seed and its tests are written in. Users the table does not name (added later, or
from the portal) get one of the first five, picked from their oid.
"""

import hashlib
from dataclasses import dataclass

from ...directory import seed
from ...directory.models import User
from .calendar_series import nearest_dst_change

ZONES = {
    seed.CONTOSO_ADMIN_OID: "Pacific Standard Time",
    seed.CONTOSO_USER_OID: "Pacific Standard Time",
    seed.FABRIKAM_ADMIN_OID: "GMT Standard Time",
    seed.FABRIKAM_USER_OID: "W. Europe Standard Time",
    seed.NORTHWIND_USER_OID: "India Standard Time",
    seed.NORTHWIND_USER2_OID: "Tokyo Standard Time",
    seed.TAILSPIN_ADMIN_OID: "Central Standard Time",
    seed.TAILSPIN_USER_OID: "US Mountain Standard Time",
    seed.PERSONAL_USER_OID: "GMT Standard Time",
}
FALLBACK = ("Pacific Standard Time", "Eastern Standard Time", "GMT Standard Time",
            "W. Europe Standard Time", "AUS Eastern Standard Time")


@dataclass(frozen=True)
class Locale:
    """A locale with the short date and time formats Outlook on the web offers for it."""

    locale: str
    display_name: str
    date_format: str
    time_format: str


LOCALES = {
    "en-US": Locale("en-US", "English (United States)", "M/d/yyyy", "h:mm tt"),
    "en-GB": Locale("en-GB", "English (United Kingdom)", "dd/MM/yyyy", "HH:mm"),
    "de-DE": Locale("de-DE", "German (Germany)", "dd.MM.yyyy", "HH:mm"),
    "en-AU": Locale("en-AU", "English (Australia)", "d/MM/yyyy", "h:mm tt"),
    "en-IN": Locale("en-IN", "English (India)", "dd-MM-yyyy", "HH:mm"),
    "ja-JP": Locale("ja-JP", "Japanese (Japan)", "yyyy/MM/dd", "H:mm"),
}
ZONE_LOCALES = {"GMT Standard Time": "en-GB", "W. Europe Standard Time": "de-DE",
                "AUS Eastern Standard Time": "en-AU", "India Standard Time": "en-IN",
                "Tokyo Standard Time": "ja-JP"}


def zone_for(user: User, anchor: float) -> str:
    """The Windows name of the user's seeded mailbox time zone (Northwind's admin: the zone
    whose clocks change nearest to the anchor)."""
    if user.oid == seed.NORTHWIND_ADMIN_OID:
        return nearest_dst_change(int(anchor // 86400))[0]
    if user.oid in ZONES:
        return ZONES[user.oid]
    return FALLBACK[hashlib.sha256(user.oid.encode()).digest()[0] % len(FALLBACK)]


def locale_for(zone_name: str) -> Locale:
    """The locale a user in this zone most likely reads in."""
    return LOCALES[ZONE_LOCALES.get(zone_name, "en-US")]


def settings_for(user: User, zone_name: str) -> dict:
    """The stored settings of a new mailbox, beside its time zone (kept on the mailbox)."""
    locale = locale_for(zone_name)
    return {"language": locale, "date_format": locale.date_format,
            "time_format": locale.time_format,
            "days": ("monday", "tuesday", "wednesday", "thursday", "friday"),
            "hours": ("09:00", "17:00") if user.is_personal else ("08:00", "17:00")}
