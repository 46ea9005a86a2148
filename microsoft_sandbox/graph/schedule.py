"""Free/busy: `POST /me/calendar/getSchedule`, for the colleagues a user wants to invite.

For each address in `schedules` the answer lists the busy times between `startTime` and
`endTime` (`scheduleItems`, occurrences of series included, free and cancelled items left
out) and `availabilityView`, one digit per `availabilityViewInterval` minutes (0 free,
1 tentative, 2 busy, 3 out of office, 4 working elsewhere). Subjects and locations are shown
for the caller's own schedule and for calendars shared with the caller; others show times and
status only. Work accounts only, as Graph documents.
"""

import math

from ..directory.models import User
from ..web import get_sandbox
from . import access, calendar_access, owners, payload, prefer, series
from .blueprint import bp
from .errors import GraphError, access_denied, bad_request
from .event_input import when
from .models import Event
from .responses import json_response
from .timezones import date_time_zone

DIGITS = {"free": "0", "tentative": "1", "busy": "2", "oof": "3", "workingElsewhere": "4"}
# Which status wins when items overlap a slot (most significant first).
PRECEDENCE = ("oof", "busy", "tentative", "workingElsewhere")
WORKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]
# UNCONFIRMED: the error Graph puts in a scheduleInformation for an address it cannot look
# up (documented only as a freeBusyError with `message` and `responseCode`), how many
# schedules one request may name, that personal accounts (documented "Not supported") get
# 403, and that subjects show only to those the calendar is shared with. Working hours come
# from the person's mailbox settings.
UNKNOWN_SCHEDULE = ("ErrorMailRecipientNotFound",
                    "Unable to resolve the recipient's free/busy information.")
MAX_SCHEDULES = 100


def _interval(params: dict) -> int:
    """`availabilityViewInterval` in minutes: 5 to 1440, default 30.

    :raise GraphError: 400 ErrorInvalidParameter outside that range.
    """
    value = params.get("availabilityViewInterval", 30)
    if value is None:
        value = 30
    if not isinstance(value, int) or isinstance(value, bool) or not 5 <= value <= 1440:
        raise GraphError(400, "ErrorInvalidParameter",
                         "The availabilityViewInterval must be between 5 and 1440 minutes.")
    return value


def _addresses(params: dict) -> list[str]:
    """`schedules`: one to MAX_SCHEDULES addresses.

    :raise GraphError: 400 ErrorInvalidParameter otherwise.
    """
    names = params.get("schedules")
    if not isinstance(names, list) or not names or len(names) > MAX_SCHEDULES \
            or not all(isinstance(n, str) and n for n in names):
        raise GraphError(400, "ErrorInvalidParameter",
                         "The schedules parameter must list one or more SMTP addresses.")
    return names


@owners.on_mailbox(bp, "/calendar/getSchedule", "graph_get_schedule", methods=("POST",))
def get_schedule(user_ref: str | None = None):
    """Free/busy of each address in `schedules` over the period, in the `Prefer` zone."""
    caller = access.caller()
    user, _ = calendar_access.path_owner(caller, user_ref, write=False)
    if user.is_personal:
        raise access_denied()
    params = payload.action_params(
        "getSchedule", ("schedules", "startTime", "endTime", "availabilityViewInterval"))
    names, interval = _addresses(params), _interval(params)
    start, end = (when(params.get(n), n)[0] for n in ("startTime", "endTime"))
    if end <= start:
        raise bad_request("The end time must be after the start time.",
                          code="ErrorInvalidParameter")
    zone_name = prefer.time_zone()
    values = [_information(caller.user or user, name, start, end, interval, zone_name)
              for name in names]
    context = "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph." \
              "scheduleInformation)"
    return json_response({"@odata.context": context, "value": values})


def _information(viewer: User, name: str, start: float, end: float, interval: int,
                 zone_name: str) -> dict:
    """One `scheduleInformation`: items, availability view and working hours."""
    sandbox = get_sandbox()
    person = sandbox.user_by_login(name)
    if person is None or person.is_personal or person.tenant_id != viewer.tenant_id:
        code, message = UNKNOWN_SCHEDULE
        return {"scheduleId": name, "availabilityView": "", "scheduleItems": [],
                "error": {"message": message, "responseCode": code}}
    store = owners.store()
    mailbox = store.mailbox(person)
    with store.lock:
        calendar = mailbox.default_calendar
        detailed = person.oid == viewer.oid or viewer.oid in calendar.shared_with
        busy = [e for e in series.view(mailbox, calendar.id, start, end)
                if not e.is_cancelled and e.show_as in PRECEDENCE]
        items = [_item(e, zone_name, detailed) for e in sorted(busy, key=lambda e: e.start)]
        view = _view(busy, start, end, interval)
    days = list(mailbox.settings.get("days", WORKDAYS))
    opens, closes = mailbox.settings.get("hours", ("08:00", "17:00"))
    hours = {"daysOfWeek": days, "startTime": f"{opens}:00.0000000",
             "endTime": f"{closes}:00.0000000", "timeZone": {"name": mailbox.time_zone}}
    return {"scheduleId": name, "availabilityView": view, "scheduleItems": items,
            "workingHours": hours}


def _item(e: Event, zone_name: str, detailed: bool) -> dict:
    """A `scheduleItem`; subject and location only for those who may see them."""
    private = e.sensitivity in ("private", "confidential")
    item: dict = {"isPrivate": private, "status": e.show_as}
    if detailed and not private:
        item.update(subject=e.subject, location=e.location)
    item.update(start=date_time_zone(e.start, zone_name), end=date_time_zone(e.end, zone_name))
    return item


def _view(busy: list[Event], start: float, end: float, interval: int) -> str:
    """One digit per slot: the most significant status of the items overlapping it."""
    step = interval * 60
    digits = []
    for index in range(math.ceil((end - start) / step)):
        low, high = start + index * step, min(end, start + (index + 1) * step)
        found = {e.show_as for e in busy if e.start < high and e.end > low}
        status = next((s for s in PRECEDENCE if s in found), "free")
        digits.append(DIGITS[status])
    return "".join(digits)

