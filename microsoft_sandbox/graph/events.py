"""Changing events: create (201), update, delete (204), and accept / tentatively accept /
decline (202), on the caller's calendars or, with the `.Shared` permissions, on calendars
shared with them for editing.

Declining removes the meeting from the attendee's calendar, as Outlook does. Changing one
occurrence of a series stores it as an exception; deleting one cancels it; changing the
series' times or pattern forgets its exceptions. Cancel and forward live in `event_actions`.
"""

from ..web import get_sandbox
from . import (
    access,
    calendar_access,
    event_input,
    meetings,
    owners,
    payload,
    prefer,
    series,
    shapes,
)
from .blueprint import bp
from .errors import bad_request, not_found
from .models import Recipient
from .responses import empty, json_response

RESPONSES = {"accept": "accepted", "tentativelyAccept": "tentativelyAccepted",
             "decline": "declined"}
# The parameters each answer takes (matched without case: the SDKs send `SendResponse`).
RESPONSE_PARAMS = {"accept": ("comment", "sendResponse"),
                   "tentativelyAccept": ("comment", "sendResponse", "proposedNewTime"),
                   "decline": ("comment", "sendResponse", "proposedNewTime")}


def _answer(target, event):
    """The event as JSON, in the caller's preferred zone and body type."""
    return shapes.event_json(event, prefer.time_zone(), target.owner.is_personal,
                             prefer.body_type())


@owners.on_mailbox(bp, "/events", "graph_create_event", methods=("POST",))
@owners.on_mailbox(bp, "/calendar/events", "graph_create_event", methods=("POST",))
@owners.on_mailbox(bp, "/calendars/<calendar_id>/events", "graph_create_event",
                   methods=("POST",))
def create_event(user_ref: str | None = None, calendar_id: str | None = None):
    """Create an event (Calendars.ReadWrite); sandbox attendees get invitations."""
    caller = access.caller()
    target = calendar_access.calendar(caller, user_ref, calendar_id, write=True)
    data = owners.json_body()
    payload.check_type(data, "microsoft.graph.event")
    sandbox = get_sandbox()
    organizer = Recipient(target.owner.display_name, target.owner.mail)
    event = event_input.new_event(organizer, target.calendar.id, data, sandbox.clock.now())
    store = owners.store()
    with store.lock:
        target.mailbox.events[event.id] = event
        meetings.invite(store, target.owner, event, sandbox.user_by_login)
        body = _answer(target, event)
    return json_response(body, status=201)


def on_event_paths(rule: str, endpoint: str, method: str):
    """Register a view at `/events/...`, `/calendar/events/...` and `/calendars/{id}/events/...`."""
    def register(view):
        """All three paths, under one endpoint name."""
        for prefix in ("", "/calendar", "/calendars/<calendar_id>"):
            owners.on_mailbox(bp, f"{prefix}/events/{rule}", endpoint, methods=(method,))(view)
        return view
    return register


def writable_event(event_id: str, user_ref: str | None, calendar_id: str | None):
    """The event a writing path names, in the calendar it names (if any).

    :raise GraphError: 403, or 404 ErrorItemNotFound for an event of another calendar.
    """
    caller = access.caller()
    target, event = calendar_access.event(caller, user_ref, event_id, write=True)
    if calendar_id is not None and calendar_id not in (event.calendar_id, target.view_id):
        raise not_found()
    return target, event


@on_event_paths("<event_id>", "graph_update_event", "PATCH")
def update_event(event_id: str, user_ref: str | None = None, calendar_id: str | None = None):
    """Update an event; the organizer's changes reach attendees' copies."""
    target, event = writable_event(event_id, user_ref, calendar_id)
    data = owners.json_body()
    payload.check_type(data, "microsoft.graph.event")
    store = owners.store()
    with store.lock:
        before = (event.start, event.end, event.recurrence)
        event_input.apply(event, data)
        if event.type == series.OCCURRENCE:
            event = series.make_exception(target.mailbox, event)
        elif event.type == series.MASTER and (event.start, event.end,
                                              event.recurrence) != before:
            meetings.reset_series(store, target.mailbox, event)
        event.version += 1
        event.modified = get_sandbox().clock.now()
        meetings.propagate(store, event, target.mailbox)
        body = _answer(target, event)
    return json_response(body)


@on_event_paths("<event_id>", "graph_delete_event", "DELETE")
def delete_event(event_id: str, user_ref: str | None = None, calendar_id: str | None = None):
    """Delete an event: 204; attendees' copies of a meeting become cancelled."""
    target, event = writable_event(event_id, user_ref, calendar_id)
    store = owners.store()
    with store.lock:
        meetings.withdraw(store, target.mailbox, event)
    return empty(204)


def _respond(action: str, event_id: str, user_ref: str | None):
    """Answer a meeting invitation: 202.

    :raise GraphError: 400 when the caller organized the meeting.
    """
    caller = access.caller()
    target, event = calendar_access.event(caller, user_ref, event_id, write=True)
    data = payload.action_params(action, RESPONSE_PARAMS[action])
    if event.is_organizer:
        raise bad_request("Your request can't be completed. You can't respond to a meeting "
                          "that you organized.", code="ErrorInvalidRequest")
    response, now = RESPONSES[action], get_sandbox().clock.now()
    store = owners.store()
    with store.lock:
        event = series.make_exception(target.mailbox, event)
        event.response, event.response_time = response, now
        event.version += 1
        if data.get("sendResponse", True) is not False:
            meetings.record_response(store, event, target.owner, response, now,
                                     target.mailbox)
        if response == "declined":
            meetings.withdraw(store, target.mailbox, event)
    return empty(202)


def _responder(action: str):
    """A view for one of the three answers, under its own endpoint name."""
    def view(event_id: str, user_ref: str | None = None):
        """Answer the invitation."""
        return _respond(action, event_id, user_ref)
    view.__name__ = f"respond_{action}"
    view.__doc__ = f"`POST .../events/{{id}}/{action}` with `{{comment, sendResponse}}`: 202."
    return view


ENDPOINTS = {"accept": "graph_accept_event",
             "tentativelyAccept": "graph_tentatively_accept_event",
             "decline": "graph_decline_event"}
for _action, _endpoint in ENDPOINTS.items():
    owners.on_mailbox(bp, f"/events/<event_id>/{_action}", _endpoint,
                      methods=("POST",))(_responder(_action))
