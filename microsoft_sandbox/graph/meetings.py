"""Meetings across mailboxes: invitations, updates, cancellations and responses.

Every attendee who is a sandbox user gets their own copy of a meeting in their default
calendar (same `iCalUId`, their own id), as Exchange does. The organizer's changes reach those
copies; a deleted meeting is marked cancelled in them; an attendee's answer (with
`sendResponse` true) updates their status in the organizer's copy. For one occurrence of a
series, the counterpart is the same occurrence (same original start) of each copy of the
series, stored there as an exception once it changes.
"""

import copy
from collections.abc import Callable

from ..directory.models import User
from . import ids, series
from .models import Event, Mailbox
from .store import GraphStore

SYNCED = ("subject", "body", "preview", "start", "end", "start_zone", "end_zone", "is_all_day",
          "location", "attendees", "join_url", "show_as", "importance", "categories",
          "recurrence", "cancelled_starts")

Lookup = Callable[[str], User | None]


def copies(store: GraphStore, event: Event) -> list[tuple[Mailbox, Event]]:
    """Other mailboxes' copies of the same meeting."""
    return [(mailbox, other) for mailbox in store.mailboxes.values()
            for other in mailbox.events.values()
            if other.ical_uid == event.ical_uid and other.id != event.id]


def counterparts(store: GraphStore, event: Event,
                 mailbox: Mailbox | None = None) -> list[tuple[Mailbox, Event]]:
    """Other mailboxes' copies of a meeting; for an occurrence, their stored exceptions."""
    if event.type not in (series.OCCURRENCE, series.EXCEPTION):
        return copies(store, event)
    master = mailbox.events.get(event.series_master_id or "") if mailbox else None
    if master is None:
        return []
    found = []
    for other_box, other_master in copies(store, master):
        wanted = series.occurrence_id(other_master.id, event.original_start)
        item = series.find(other_box, wanted)
        if item is not None:
            found.append((other_box, series.make_exception(other_box, item)))
    return found


def invite(store: GraphStore, organizer: User, event: Event, lookup: Lookup,
           people: list | None = None) -> None:
    """Put a copy of a new meeting in each sandbox attendee's default calendar (or only in
    those of `people`, recipients of a forward)."""
    for person in people if people is not None else [a.recipient for a in event.attendees]:
        user = lookup(person.address)
        if user is None or user.oid == organizer.oid:
            continue
        mailbox = store.mailbox(user)
        invitation = copy.deepcopy(event)
        invitation.id = ids.new_id()
        invitation.calendar_id = mailbox.default_calendar.id
        invitation.is_organizer, invitation.response = False, "notResponded"
        if invitation.type in (series.OCCURRENCE, series.EXCEPTION):
            # One occurrence forwarded on its own arrives as a meeting of its own.
            invitation.type, invitation.series_master_id = "singleInstance", None
            invitation.original_start = None
        invitation.response_time = None
        mailbox.events[invitation.id] = invitation


def propagate(store: GraphStore, event: Event, mailbox: Mailbox | None = None) -> None:
    """Bring attendees' copies in line with the organizer's changes."""
    if not event.is_organizer:
        return
    for _mailbox, other in counterparts(store, event, mailbox):
        for name in SYNCED:
            setattr(other, name, copy.deepcopy(getattr(event, name)))
        other.version += 1


def cancel(store: GraphStore, event: Event, mailbox: Mailbox | None = None) -> None:
    """The organizer deleted the meeting: attendees' copies stay, cancelled."""
    if not event.is_organizer:
        return
    for _mailbox, other in counterparts(store, event, mailbox):
        other.is_cancelled = True
        if not other.subject.startswith("Canceled: "):
            other.subject = f"Canceled: {other.subject}"
        other.version += 1


def record_response(store: GraphStore, event: Event, responder: User, response: str,
                    when: float, mailbox: Mailbox | None = None) -> None:
    """Set the responder's status on the organizer's copy (and anyone else's copy); an
    answer to one occurrence marks that occurrence only."""
    for _mailbox, other in counterparts(store, event, mailbox):
        for attendee in other.attendees:
            if attendee.recipient.address.lower() == responder.mail.lower():
                attendee.response, attendee.response_time = response, when
        other.version += 1
    for attendee in event.attendees:
        if attendee.recipient.address.lower() == responder.mail.lower():
            attendee.response, attendee.response_time = response, when


def reset_series(store: GraphStore, mailbox: Mailbox, master: Event) -> None:
    """A series' times or pattern changed: its exceptions go, in attendees' copies too."""
    series.reset_exceptions(mailbox, master)
    if master.is_organizer:
        for other_box, other in copies(store, master):
            series.reset_exceptions(other_box, other)


def withdraw(store: GraphStore, mailbox: Mailbox, event: Event) -> None:
    """Remove an event from its calendar (delete, or the organizer's cancel): one occurrence
    is skipped from then on, a master goes with its exceptions, and attendees' copies of a
    meeting the owner organized stay, cancelled."""
    cancel(store, event, mailbox)
    if event.type in (series.OCCURRENCE, series.EXCEPTION):
        series.cancel_occurrence(mailbox, event)
    elif event.type == series.MASTER:
        series.drop_series(mailbox, event)
    else:
        mailbox.events.pop(event.id, None)
