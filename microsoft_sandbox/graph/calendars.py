"""Reading calendars: the calendar list (own and shared), one calendar, events, calendarView,
a series' instances.

Times come back in UTC unless `Prefer: outlook.timezone="..."` names a zone (Windows or IANA
names); bodies in their stored HTML unless `Prefer: outlook.body-content-type="text"`.
`/events` lists single events and series masters; calendarView and `/events/{id}/instances`
expand the window `startDateTime`..`endDateTime` (ISO 8601; no offset means UTC) to the
single events, occurrences and exceptions overlapping it, earliest first, 10 a page by default.
"""

from flask import request

from ..web import get_sandbox
from . import access, calendar_access, odata, owners, prefer, series, shapes
from .blueprint import bp
from .entities import CALENDAR, EVENT
from .errors import GraphError, not_found
from .responses import json_response
from .timezones import parse_instant

WINDOW_REQUIRED = ("This request requires a time window specified by the query string "
                   "parameters StartDateTime and EndDateTime.")
# Calendars listed with their owners: (User, Calendar) pairs.
_PAIRED = odata.EntityType(CALENDAR.name, CALENDAR.properties,
                           {"name": lambda pair: pair[1].name})


@owners.on_mailbox(bp, "/calendars", "graph_calendars")
def calendars(user_ref: str | None = None):
    """Own calendars then those shared with the caller; for another user, what they share."""
    caller = access.caller()
    user, mailbox = calendar_access.path_owner(caller, user_ref, write=False, basic=True)
    query = odata.parse(_PAIRED)
    viewer = caller.user.oid if caller.user else user.oid
    store, sandbox = owners.store(), get_sandbox()
    with store.lock:
        pairs = [(user, c) for c in mailbox.calendars.values()
                 if viewer == user.oid or caller.user is None or viewer in c.shared_with]
        if viewer == user.oid:
            pairs += [(sandbox.user(mb.owner_oid), c) for mb, c in store.shared_with(viewer)]
        page, total, more = odata.apply(pairs, query, _PAIRED)
        values = [odata.select(_calendar(c, owner, user, viewer), query.select)
                  for owner, c in page]
    context = odata.context_url(f"users('{user.oid}')/calendars")
    return json_response(odata.collection(values, query, total, more, context))


def _calendar(c, owner, path_user, viewer: str) -> dict:
    """A calendar as listed under `path_user`: a shared one under the sharee's own id."""
    data = shapes.calendar_json(c, owner, viewer)
    if owner.oid != path_user.oid:
        data["id"] = calendar_access.sharee_calendar_id(path_user.oid, c)
    return data


@owners.on_mailbox(bp, "/calendar", "graph_calendar")
@owners.on_mailbox(bp, "/calendars/<calendar_id>", "graph_calendar")
def calendar(user_ref: str | None = None, calendar_id: str | None = None):
    """One calendar: the default one, or by id."""
    caller = access.caller()
    target = calendar_access.calendar(caller, user_ref, calendar_id, basic=True)
    query = odata.parse(CALENDAR, allowed=("$select",))
    viewer = caller.user.oid if caller.user else target.owner.oid
    data = {**shapes.calendar_json(target.calendar, target.owner, viewer),
            "id": target.view_id}
    context = odata.context_url(f"users('{target.owner.oid}')/calendars/$entity")
    return json_response({"@odata.context": context, **odata.select(data, query.select)})


def _window() -> tuple[float, float]:
    """calendarView's required time window.

    :raise GraphError: 400 ErrorInvalidParameter when missing or unreadable.
    """
    start, end = request.args.get("startDateTime"), request.args.get("endDateTime")
    if not start or not end:
        raise GraphError(400, "ErrorInvalidParameter", WINDOW_REQUIRED)
    try:
        return parse_instant(start), parse_instant(end)
    except ValueError as exc:
        raise GraphError(400, "ErrorInvalidParameter", WINDOW_REQUIRED) from exc


def event_json(caller, target, event) -> dict:
    """An event as this request asks for it: zone and body type from `Prefer`, no body for a
    Calendars.ReadBasic token."""
    return shapes.event_json(event, prefer.time_zone(), target.owner.is_personal,
                             prefer.body_type(),
                             calendar_access.full_details(caller, target.owner))


def _event_list(user_ref: str | None, calendar_id: str | None, window: tuple | None,
                where: str):
    """Events of a calendar: single events and masters, or what overlaps `window`."""
    caller = access.caller()
    target = calendar_access.calendar(caller, user_ref, calendar_id, basic=True)
    query = odata.parse(EVENT)
    with owners.store().lock:
        items = series.listed(target.mailbox, target.calendar.id) if window is None \
            else series.view(target.mailbox, target.calendar.id, *window)
        page, total, more = odata.apply(items, query, EVENT)
        values = [odata.select(event_json(caller, target, e), query.select) for e in page]
    context = odata.context_url(f"users('{target.owner.oid}')/{where}")
    return json_response(odata.collection(values, query, total, more, context))


@owners.on_mailbox(bp, "/calendarView", "graph_calendar_view")
@owners.on_mailbox(bp, "/calendar/calendarView", "graph_calendar_view")
@owners.on_mailbox(bp, "/calendars/<calendar_id>/calendarView", "graph_calendar_view")
def calendar_view(user_ref: str | None = None, calendar_id: str | None = None):
    """Events overlapping the window, earliest first (the token is checked before the window)."""
    access.caller()
    window = _window()
    return _event_list(user_ref, calendar_id, window, "calendarView")


@owners.on_mailbox(bp, "/events", "graph_events")
@owners.on_mailbox(bp, "/calendar/events", "graph_events")
@owners.on_mailbox(bp, "/calendars/<calendar_id>/events", "graph_events")
def events(user_ref: str | None = None, calendar_id: str | None = None):
    """Every single event and series master of a calendar (the default one unless named)."""
    return _event_list(user_ref, calendar_id, None, "events")


def _in_calendar(target, found, calendar_id: str | None) -> None:
    """A path through `/calendars/{id}/events/{event}` must name the event's calendar.

    :raise GraphError: 404 ErrorItemNotFound.
    """
    if calendar_id is not None and calendar_id not in (found.calendar_id, target.view_id):
        raise not_found()


@owners.on_mailbox(bp, "/events/<event_id>", "graph_event")
@owners.on_mailbox(bp, "/calendar/events/<event_id>", "graph_event")
@owners.on_mailbox(bp, "/calendars/<calendar_id>/events/<event_id>", "graph_event")
def event(event_id: str, user_ref: str | None = None, calendar_id: str | None = None):
    """One event: a single one, a series master, an occurrence or an exception."""
    caller = access.caller()
    target, found = calendar_access.event(caller, user_ref, event_id, basic=True)
    _in_calendar(target, found, calendar_id)
    query = odata.parse(EVENT, allowed=("$select",))
    data = event_json(caller, target, found)
    context = odata.context_url(f"users('{target.owner.oid}')/events/$entity")
    return json_response({"@odata.context": context, **odata.select(data, query.select)})


@owners.on_mailbox(bp, "/events/<event_id>/instances", "graph_event_instances")
@owners.on_mailbox(bp, "/calendar/events/<event_id>/instances", "graph_event_instances")
@owners.on_mailbox(bp, "/calendars/<calendar_id>/events/<event_id>/instances",
                   "graph_event_instances")
def instances(event_id: str, user_ref: str | None = None, calendar_id: str | None = None):
    """A series' occurrences and exceptions in the window (a single event: just itself if
    it overlaps, UNCONFIRMED: Graph documents instances for series masters only)."""
    caller = access.caller()
    window = _window()
    target, found = calendar_access.event(caller, user_ref, event_id, basic=True)
    _in_calendar(target, found, calendar_id)
    query = odata.parse(EVENT)
    with owners.store().lock:
        if found.type == series.MASTER and found.recurrence is not None:
            items = series.instances(target.mailbox, found, *window)
        else:
            items = [found] if found.start < window[1] and found.end > window[0] else []
        page, total, more = odata.apply(items, query, EVENT)
        values = [odata.select(event_json(caller, target, e), query.select) for e in page]
    context = odata.context_url(f"users('{target.owner.oid}')/events('{event_id}')/instances")
    return json_response(odata.collection(values, query, total, more, context))
