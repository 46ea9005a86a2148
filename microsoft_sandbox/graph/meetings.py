"""Meetings across mailboxes: invitations, updates, cancellations and responses.

Every attendee who is a sandbox user gets their own copy of a meeting in their default
calendar (same `iCalUId`, their own id), as Exchange does. The organizer's changes reach those
copies; a deleted meeting is marked cancelled in them; an attendee's answer (with
`sendResponse` true) updates their status in the organizer's copy.
"""

import copy
from collections.abc import Callable

from ..directory.models import User
from . import ids
from .models import Event, Mailbox
from .store import GraphStore

SYNCED = ("subject", "body", "preview", "start", "end", "start_zone", "end_zone", "is_all_day",
          "location", "attendees", "join_url", "show_as", "importance", "categories")

Lookup = Callable[[str], User | None]


def copies(store: GraphStore, event: Event) -> list[tuple[Mailbox, Event]]:
    """Other mailboxes' copies of the same meeting."""
    return [(mailbox, other) for mailbox in store.mailboxes.values()
            for other in mailbox.events.values()
            if other.ical_uid == event.ical_uid and other.id != event.id]


def invite(store: GraphStore, organizer: User, event: Event, lookup: Lookup) -> None:
    """Put a copy of a new meeting in each sandbox attendee's default calendar."""
    for attendee in event.attendees:
        user = lookup(attendee.recipient.address)
        if user is None or user.oid == organizer.oid:
            continue
        mailbox = store.mailbox(user)
        invitation = copy.deepcopy(event)
        invitation.id = ids.new_id()
        invitation.calendar_id = mailbox.default_calendar.id
        invitation.is_organizer, invitation.response = False, "notResponded"
        invitation.response_time = None
        mailbox.events[invitation.id] = invitation


def propagate(store: GraphStore, event: Event) -> None:
    """Bring attendees' copies in line with the organizer's changes."""
    if not event.is_organizer:
        return
    for _mailbox, other in copies(store, event):
        for name in SYNCED:
            setattr(other, name, copy.deepcopy(getattr(event, name)))
        other.version += 1


def cancel(store: GraphStore, event: Event) -> None:
    """The organizer deleted the meeting: attendees' copies stay, cancelled."""
    if not event.is_organizer:
        return
    for _mailbox, other in copies(store, event):
        other.is_cancelled = True
        if not other.subject.startswith("Canceled: "):
            other.subject = f"Canceled: {other.subject}"
        other.version += 1


def record_response(store: GraphStore, event: Event, responder: User, response: str,
                    when: float) -> None:
    """Set the responder's status on the organizer's copy (and anyone else's copy)."""
    for _mailbox, other in copies(store, event):
        for attendee in other.attendees:
            if attendee.recipient.address.lower() == responder.mail.lower():
                attendee.response, attendee.response_time = response, when
        other.version += 1
    for attendee in event.attendees:
        if attendee.recipient.address.lower() == responder.mail.lower():
            attendee.response, attendee.response_time = response, when
