"""The organizer's `cancel` and anyone's `forward` of a meeting (both 202, no body).

Cancel (organizer only): the event leaves the organizer's calendar (a series with its
exceptions, or just the one occurrence), every attendee's copy is marked cancelled, and
attendees get a cancellation message with the comment. Forward: sandbox recipients get their
own copy of the meeting to answer and a message; when an attendee of a work account forwards,
the recipients join the organizer's attendee list and the organizer is told, as Graph
documents. Addresses outside the sandbox receive the message in `sandbox.graph.outbound`.
"""

import copy
import html

from ..directory.models import User
from ..web import get_sandbox
from . import compose, meetings, owners, payload
from .errors import bad_request
from .events import on_event_paths, writable_event
from .models import Attendee, Event, Recipient
from .responses import empty

# An attendee's cancel is 400 with these words (documented); its `code` is UNCONFIRMED, as is
# the forward notification's subject (Outlook's), which Graph's documentation does not give.
NOT_ORGANIZER = "Your request can't be completed. You need to be an organizer to cancel a meeting."
FORWARD_NOTICE = "Meeting Forward Notification: {subject}"


def _comment(params: dict) -> str:
    """The action's `Comment` (may be empty).

    :raise GraphError: 400 when it is not a string.
    """
    comment = params.get("Comment", "")
    if not isinstance(comment, str):
        raise bad_request("Invalid value for parameter 'Comment'.")
    return comment


def _send(sender: User, people: list[Recipient], subject: str, comment: str) -> None:
    """Mail `people` about the meeting (a copy lands in Sent Items)."""
    if not people:
        return
    sandbox = get_sandbox()
    body = f"<html><body><div>{html.escape(comment)}</div></body></html>"
    message = compose.outgoing(sender, {
        "subject": subject, "body": {"contentType": "html", "content": body},
        "toRecipients": [p.to_json() for p in people]}, sandbox.clock.now())
    compose.deliver(owners.store(), sender, message, True, sandbox.user_by_login)


@on_event_paths("<event_id>/cancel", "graph_cancel_event", "POST")
def cancel_event(event_id: str, user_ref: str | None = None, calendar_id: str | None = None):
    """`POST .../events/{id}/cancel` `{Comment}`: 202, the meeting is called off.

    :raise GraphError: 400 ErrorInvalidRequest when the caller did not organize it.
    """
    target, event = writable_event(event_id, user_ref, calendar_id)
    comment = _comment(payload.action_params("cancel", ("Comment",)))
    if not event.is_organizer:
        raise bad_request(NOT_ORGANIZER, code="ErrorInvalidRequest")
    store = owners.store()
    with store.lock:
        people = [a.recipient for a in event.attendees]
        meetings.withdraw(store, target.mailbox, event)
    _send(target.owner, people, f"Canceled: {event.subject}", comment)
    return empty(202)


@on_event_paths("<event_id>/forward", "graph_forward_event", "POST")
def forward_event(event_id: str, user_ref: str | None = None, calendar_id: str | None = None):
    """`POST .../events/{id}/forward` `{ToRecipients, Comment}`: 202.

    :raise GraphError: 400 ErrorInvalidRecipients without recipients.
    """
    target, event = writable_event(event_id, user_ref, calendar_id)
    params = payload.action_params("forward", ("ToRecipients", "Comment"))
    comment = _comment(params)
    people = compose.recipients(params.get("ToRecipients"), "ToRecipients")
    if not people:
        raise bad_request("At least one recipient is required, but none were found.",
                          code="ErrorInvalidRecipients")
    store, sandbox = owners.store(), get_sandbox()
    with store.lock:
        if not event.is_organizer and not target.owner.is_personal:
            _tell_organizer(store, target.mailbox, event, people)
        meetings.invite(store, target.owner, _with_guests(event, people),
                        sandbox.user_by_login, people)
    _send(target.owner, people, f"FW: {event.subject}", comment)
    if not event.is_organizer and not target.owner.is_personal:
        _send(target.owner, [event.organizer], FORWARD_NOTICE.format(subject=event.subject),
              ", ".join(p.name or p.address for p in people))
    return empty(202)


def _with_guests(event: Event, people: list[Recipient]) -> Event:
    """The meeting as forwarded: its attendees and the new recipients."""
    known = {a.recipient.address.lower() for a in event.attendees}
    forwarded = copy.copy(event)
    forwarded.attendees = event.attendees + [Attendee(p) for p in people
                                             if p.address.lower() not in known]
    return forwarded


def _tell_organizer(store, mailbox, event: Event, people: list[Recipient]) -> None:
    """Add the recipients to the organizer's copy (and so to every copy)."""
    for _mailbox, other in meetings.counterparts(store, event, mailbox):
        if other.is_organizer:
            known = {a.recipient.address.lower() for a in other.attendees}
            other.attendees += [Attendee(p) for p in people if p.address.lower() not in known]
            other.version += 1
            meetings.propagate(store, other)
