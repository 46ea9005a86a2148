"""Message times in the mailbox's own time zone.

Graph gives ``receivedDateTime`` in UTC whatever ``Prefer: outlook.timezone`` says (that
header governs event times), so the page reads the zone from ``mailboxSettings`` and converts
here. Exchange names zones the Windows way ("Pacific Standard Time"); the table below maps
the common ones to IANA names (CLDR's windowsZones, territory "001"). A zone not in it, or an
IANA name Python does not know, falls back to UTC and the page says so.
"""

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import session

WINDOWS_ZONES = {
    "Dateline Standard Time": "Etc/GMT+12", "UTC-11": "Etc/GMT+11",
    "Hawaiian Standard Time": "Pacific/Honolulu", "Alaskan Standard Time": "America/Anchorage",
    "Pacific Standard Time": "America/Los_Angeles",
    "US Mountain Standard Time": "America/Phoenix",
    "Mountain Standard Time": "America/Denver", "Central Standard Time": "America/Chicago",
    "Central America Standard Time": "America/Guatemala",
    "Canada Central Standard Time": "America/Regina",
    "Eastern Standard Time": "America/New_York",
    "US Eastern Standard Time": "America/Indianapolis",
    "Atlantic Standard Time": "America/Halifax",
    "Newfoundland Standard Time": "America/St_Johns",
    "E. South America Standard Time": "America/Sao_Paulo",
    "Argentina Standard Time": "America/Buenos_Aires", "UTC": "Etc/UTC",
    "GMT Standard Time": "Europe/London", "Greenwich Standard Time": "Atlantic/Reykjavik",
    "W. Europe Standard Time": "Europe/Berlin", "Romance Standard Time": "Europe/Paris",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "E. Europe Standard Time": "Europe/Chisinau", "GTB Standard Time": "Europe/Bucharest",
    "FLE Standard Time": "Europe/Kiev", "Israel Standard Time": "Asia/Jerusalem",
    "South Africa Standard Time": "Africa/Johannesburg",
    "Russian Standard Time": "Europe/Moscow", "Turkey Standard Time": "Europe/Istanbul",
    "Arabian Standard Time": "Asia/Dubai", "Arab Standard Time": "Asia/Riyadh",
    "Iran Standard Time": "Asia/Tehran", "Pakistan Standard Time": "Asia/Karachi",
    "India Standard Time": "Asia/Calcutta", "Nepal Standard Time": "Asia/Katmandu",
    "Bangladesh Standard Time": "Asia/Dhaka", "SE Asia Standard Time": "Asia/Bangkok",
    "China Standard Time": "Asia/Shanghai", "Singapore Standard Time": "Asia/Singapore",
    "Taipei Standard Time": "Asia/Taipei", "Tokyo Standard Time": "Asia/Tokyo",
    "Korea Standard Time": "Asia/Seoul", "AUS Eastern Standard Time": "Australia/Sydney",
    "E. Australia Standard Time": "Australia/Brisbane",
    "Cen. Australia Standard Time": "Australia/Adelaide",
    "W. Australia Standard Time": "Australia/Perth",
    "New Zealand Standard Time": "Pacific/Auckland",
}


def zone(name: str | None) -> tuple[tzinfo, str]:
    """``(tzinfo, label)`` for a mailbox time zone name; UTC when unknown or missing."""
    if name:
        iana = WINDOWS_ZONES.get(name, name)
        try:
            return ZoneInfo(iana), name
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return UTC, "UTC"


def parse(value: str | None) -> datetime | None:
    """A Graph date-time (``2024-05-01T10:00:00Z``, any fraction) as an aware UTC datetime."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def local(value: str | None, tz: tzinfo) -> datetime | None:
    """A Graph date-time in the mailbox's zone."""
    parsed = parse(value)
    return parsed.astimezone(tz) if parsed else None


def short(value: str | None, tz: tzinfo, now: datetime | None = None) -> str:
    """How the list shows a time: the clock time today, else the date."""
    when = local(value, tz)
    if when is None:
        return ""
    today = (now or datetime.now(UTC)).astimezone(tz).date()
    if when.date() == today:
        return when.strftime("%H:%M")
    if when.year == today.year:
        return when.strftime("%d %b")
    return when.strftime("%d %b %Y")


def full(value: str | None, tz: tzinfo) -> str:
    """How a message shows its time: weekday, date and clock time."""
    when = local(value, tz)
    return when.strftime("%a %d %b %Y %H:%M") if when else ""


SESSION_KEY = "mail_time_zones"


def remember(account_id: int, name: str) -> None:
    """Keep the account's mailbox zone for the pages that show one message (one request)."""
    zones = dict(session.get(SESSION_KEY) or {})
    if zones.get(str(account_id)) != name:
        zones[str(account_id)] = name
        session[SESSION_KEY] = dict(list(zones.items())[-10:])


def remembered(account_id: int) -> tuple[tzinfo, str]:
    """The zone the folder view last read for the account (UTC before any)."""
    return zone((session.get(SESSION_KEY) or {}).get(str(account_id)))
