"""Message times in the mailbox's own time zone.

Graph gives ``receivedDateTime`` in UTC whatever ``Prefer: outlook.timezone`` says (that
header governs event times), so the page reads the zone from ``mailboxSettings`` and converts
here. Exchange names zones the Windows way ("Pacific Standard Time"); the core maps them to
IANA names (``api.to_iana``: Unicode CLDR's windowsZones in full). A name it does not know
falls back to UTC and the page says so.
"""

from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from flask import session

from postpress_whitelabel.api import BatchRequest, has_scope, mailbox_zone, to_iana


def zone(name: str | None) -> tuple[tzinfo, str]:
    """``(tzinfo, label)`` for a mailbox time zone name (Windows or IANA, mapped by the core's
    full CLDR table); UTC when unknown or missing."""
    iana = to_iana(name)
    return (ZoneInfo(iana), name.strip()) if iana and name else (UTC, "UTC")


def from_answer(response) -> tuple[tzinfo, str]:
    """The mailbox's zone from a ``/me/mailboxSettings`` answer in a batch (UTC when it
    failed or was not asked for)."""
    return zone(mailbox_zone(response))


def settings_request(account, rid: str) -> list[BatchRequest]:
    """The mailboxSettings read for a batch, when the account granted either scope that
    allows it; none otherwise (the page then shows UTC)."""
    if has_scope(account, "MailboxSettings.Read") or has_scope(account,
                                                               "MailboxSettings.ReadWrite"):
        return [BatchRequest(rid, "GET", "/me/mailboxSettings")]
    return []


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
