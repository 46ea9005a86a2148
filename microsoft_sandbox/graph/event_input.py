"""Reading an event from a request body (`POST /me/events`, `PATCH /me/events/{id}`).

Times arrive as `dateTimeTimeZone` (`{"dateTime": "...", "timeZone": "Pacific Standard
Time"}`); the zone is kept as `originalStartTimeZone`. All-day events must start and end at
midnight and are stored as floating dates. A `recurrence` makes the event a series master,
moved to the series' first occurrence.
"""

import datetime as dt

from . import compose, htmltext, ids, recurrence, series
from .errors import EVENT_YEARS, GraphError, bad_request
from .models import Attendee, Event, Recipient
from .timezones import parse_local, zone

# The years events may use (a guess kept in `errors`), as epochs.
EARLIEST = dt.datetime(EVENT_YEARS[0], 1, 1, tzinfo=dt.UTC).timestamp()
LATEST = dt.datetime(EVENT_YEARS[1], 1, 1, tzinfo=dt.UTC).timestamp()
SHOW_AS = ("free", "tentative", "busy", "oof", "workingElsewhere", "unknown")
SCALARS = {"subject": ("subject", str), "showAs": ("show_as", str),
           "importance": ("importance", str), "sensitivity": ("sensitivity", str),
           "reminderMinutesBeforeStart": ("reminder_minutes", int)}


def when(raw, field: str) -> tuple[float, str, dt.datetime]:
    """(epoch, zone name, local wall time) of a `dateTimeTimeZone`.

    :raise GraphError: 400 for a missing or malformed value, an instant outside the years
        1900 to 8999 (a zone's offset could otherwise carry year 9999 or year 1 past what
        Python's dates hold), or a zone Graph does not know.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("dateTime"), str):
        raise bad_request(f"The event requires a valid '{field}' with dateTime and timeZone.",
                          code="ErrorInvalidRequest")
    name = str(raw.get("timeZone") or "UTC")
    if zone(name) is None:
        raise GraphError(400, "TimeZoneNotSupportedException",
                         "A valid TimeZone value must be specified. The following TimeZone "
                         f"value is not supported: '{name}'.")
    try:
        epoch = parse_local(raw["dateTime"], name)
    except (ValueError, OverflowError) as exc:
        raise bad_request(f"Invalid dateTime '{raw['dateTime']}' in '{field}'.") from exc
    if not EARLIEST <= epoch < LATEST:
        raise bad_request(f"The dateTime '{raw['dateTime']}' in '{field}' is out of range.",
                          code="ErrorInvalidRequest")
    return epoch, name, dt.datetime.fromtimestamp(epoch, zone(name))


def _times(event: Event, data: dict) -> None:
    """Apply start, end and isAllDay together, since they constrain each other.

    :raise GraphError: 400 when the end precedes the start or an all-day event is not whole
        days.
    """
    all_day = data.get("isAllDay", event.is_all_day)
    if not isinstance(all_day, bool):
        raise bad_request("Invalid value for property 'isAllDay'.")
    start, start_zone, start_local = when(data["start"], "start") if "start" in data \
        else (event.start, event.start_zone, None)
    end, end_zone, end_local = when(data["end"], "end") if "end" in data \
        else (event.end, event.end_zone, None)
    if all_day and "start" in data:
        for local in (start_local, end_local):
            if local is not None and local.time() != dt.time():
                raise bad_request("All-day events must start and end at midnight.",
                                  code="ErrorInvalidRequest")
        start = _floating(start_local)
        end = _floating(end_local) if end_local is not None else start + 86400
    if end < start:
        raise bad_request("The end time of the event must be after its start time.",
                          code="ErrorInvalidRequest")
    event.start, event.end, event.start_zone, event.end_zone = start, end, start_zone, end_zone
    event.is_all_day = all_day


def _floating(local: dt.datetime) -> float:
    """UTC midnight of a local date: how all-day bounds are stored."""
    return dt.datetime.combine(local.date(), dt.time(), dt.UTC).timestamp()


def _attendees(raw) -> list[Attendee]:
    """Attendees from JSON, none of whom has answered yet."""
    if not isinstance(raw, list):
        raise bad_request("Invalid value for property 'attendees'.")
    people = compose.recipients(raw, "attendees")
    kinds = [str(item.get("type") or "required") for item in raw]
    return [Attendee(p, type=kind) for p, kind in zip(people, kinds, strict=True)]


def apply(event: Event, data: dict) -> None:
    """Apply the writable properties of `data` to `event`.

    :raise GraphError: 400 for values of the wrong type.
    """
    for name, (attr, kind) in SCALARS.items():
        if name in data:
            if not isinstance(data[name], kind) or isinstance(data[name], bool):
                raise bad_request(f"Invalid value for property '{name}'.")
            setattr(event, attr, data[name])
    if "body" in data:
        content, kind = compose.body_of(data["body"])
        event.body = content if kind == "html" else htmltext.to_html(content)
        event.preview = htmltext.preview(event.body, "html")
    if "location" in data:
        location = data["location"] if isinstance(data["location"], dict) else {}
        event.location = str(location.get("displayName") or "")
    if "attendees" in data:
        event.attendees = _attendees(data["attendees"])
    if "categories" in data and isinstance(data["categories"], list):
        event.categories = [str(c) for c in data["categories"]]
    if data.get("isOnlineMeeting") is True and event.join_url is None:
        event.join_url = f"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{event.id[5:37]}"
    if "start" in data or "end" in data or "isAllDay" in data:
        _times(event, data)
    if "recurrence" in data:
        _recurrence(event, data["recurrence"])
    elif event.recurrence is not None and "start" in data:
        series.realign(event)
    if event.show_as not in SHOW_AS:
        raise bad_request(f"Invalid value '{event.show_as}' for property 'showAs'.")


def _recurrence(event: Event, raw) -> None:
    """Make the event a series master (or, with null, a single event again).

    :raise GraphError: 400 for an occurrence or exception, or a series with no occurrence.
    """
    if event.type in (series.OCCURRENCE, series.EXCEPTION):
        raise bad_request("The recurrence of an occurrence can't be changed; change the "
                          "series master instead.", code="ErrorInvalidRequest")
    if raw is None:
        event.recurrence, event.type = None, "singleInstance"
        return
    tz = dt.UTC if event.is_all_day else (zone(event.start_zone) or dt.UTC)
    day = dt.datetime.fromtimestamp(event.start, tz).date()
    event.recurrence, event.type = recurrence.parse(raw, day), series.MASTER
    if not series.realign(event):
        raise bad_request("The recurrence has no occurrence.", code="ErrorInvalidRequest")


def new_event(organizer: Recipient, calendar_id: str, data: dict, now: float) -> Event:
    """An event created from a POST body.

    :raise GraphError: 400 without start and end, or for invalid values.
    """
    if "start" not in data or "end" not in data:
        raise bad_request("The event requires a start and an end.", code="ErrorInvalidRequest")
    event_id = ids.new_id()
    event = Event(id=event_id, calendar_id=calendar_id, subject="", body="", start=now,
                  end=now, organizer=organizer, ical_uid=ids.ical_uid(event_id), created=now,
                  modified=now)
    apply(event, data)
    return event
