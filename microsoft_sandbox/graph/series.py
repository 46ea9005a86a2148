"""Recurring series in a mailbox: the master, its computed occurrences and its exceptions.

A mailbox stores a series once, as its master (`type` seriesMaster, with `recurrence`).
Occurrences are computed whenever a view asks for them, in the master's own time zone, and
get ids that carry the master's id and their original start, so `GET /events/{occurrence}`
finds them again. Changing one occurrence stores it as an `exception` under that same id;
deleting one records its original start on the master as cancelled. Each occurrence has its
own `iCalUId`, as Graph documents, derived from the series' one, so attendees' copies of a
series agree on it.
"""

import base64
import copy
import datetime as dt
import struct

from . import ids, recurrence
from .models import Event, Mailbox
from .timezones import zone

MASTER, OCCURRENCE, EXCEPTION = "seriesMaster", "occurrence", "exception"
# An occurrence id: the master's id without its "AAA=" tail, this mark, then the original
# start (epoch seconds, 8 bytes big-endian, URL-safe base64): always 61 characters.
MARK = "BBEQ"
ID_LENGTH = 61


def occurrence_id(master_id: str, original_start: float) -> str:
    """The id of the occurrence of `master_id` originally starting at `original_start`."""
    stamp = base64.urlsafe_b64encode(struct.pack(">q", int(original_start))).decode("ascii")
    return f"{master_id[:-4]}{MARK}{stamp}"


def parse_occurrence_id(event_id: str) -> tuple[str, float] | None:
    """(master id, original start) of an occurrence id, or None for any other id."""
    if len(event_id) != ID_LENGTH or event_id[45:49] != MARK:
        return None
    try:
        (start,) = struct.unpack(">q", base64.urlsafe_b64decode(event_id[49:]))
    except (ValueError, struct.error):
        return None
    return event_id[:45] + "AAA=", float(start)


def _zone_of(master: Event):
    """The zone a series repeats in: its own, or UTC for all-day (floating) series."""
    return dt.UTC if master.is_all_day else (zone(master.start_zone) or dt.UTC)


def starts(master: Event, until: float, since: float | None = None) -> list[float]:
    """Original starts of the series' occurrences that begin before `until` (and, when given,
    from the local day before `since` on: earlier ones are skipped or only counted)."""
    tz = _zone_of(master)
    local = dt.datetime.fromtimestamp(master.start, tz)
    last = dt.datetime.fromtimestamp(until, tz).date()
    first = None if since is None else \
        dt.datetime.fromtimestamp(since, tz).date() - dt.timedelta(days=1)
    result = []
    for day in recurrence.dates(master.recurrence, last, first):
        epoch = float(int(dt.datetime.combine(day, local.time(), tz).timestamp()))
        if epoch < until:
            result.append(epoch)
    return result


def realign(master: Event) -> bool:
    """Move the master to its first occurrence (UNCONFIRMED: Graph's examples show masters
    starting on the range's first occurrence; what it does with a start off the pattern is
    undocumented).

    :returns: False when the series has no occurrence at all.
    """
    tz = _zone_of(master)
    local = dt.datetime.fromtimestamp(master.start, tz)
    first = next(recurrence.dates(master.recurrence, dt.date.max), None)
    if first is None:
        return False
    start = dt.datetime.combine(first, local.time(), tz).timestamp()
    master.start, master.end = start, start + (master.end - master.start)
    return True


def occurrence(master: Event, original_start: float) -> Event:
    """One computed occurrence of a series (a copy; changing it changes nothing stored)."""
    item = copy.copy(master)
    item.id = occurrence_id(master.id, original_start)
    item.type, item.series_master_id, item.recurrence = OCCURRENCE, master.id, None
    item.start, item.end = original_start, original_start + (master.end - master.start)
    item.original_start = original_start
    item.ical_uid = ids.ical_uid(master.ical_uid, str(int(original_start)))
    item.cancelled_starts = set()
    return item


def instances(mailbox: Mailbox, master: Event, start: float, end: float) -> list[Event]:
    """Occurrences and exceptions of a series overlapping start..end, earliest first."""
    length = master.end - master.start
    originals = starts(master, end, start - length)
    found = []
    for original in originals:
        if original in master.cancelled_starts:
            continue
        stored = mailbox.events.get(occurrence_id(master.id, original))
        item = stored if stored is not None else occurrence(master, original)
        if stored is None and original + length <= start:
            continue
        if item.start < end and item.end > start:
            found.append(item)
    found += [e for e in mailbox.events.values() if e.series_master_id == master.id
              and e.type == EXCEPTION and e.start < end and e.end > start
              and e.original_start not in originals and e not in found]
    return sorted(found, key=lambda e: e.start)


def view(mailbox: Mailbox, calendar_id: str, start: float, end: float) -> list[Event]:
    """calendarView's items: single events, occurrences and exceptions overlapping the window."""
    items = []
    for event in list(mailbox.events.values()):
        if event.calendar_id != calendar_id or event.type == EXCEPTION:
            continue
        if event.type == MASTER and event.recurrence is not None:
            items += instances(mailbox, event, start, end)
        elif event.start < end and event.end > start:
            items.append(event)
    return items


def listed(mailbox: Mailbox, calendar_id: str) -> list[Event]:
    """`/events`: single events and series masters, never occurrences or exceptions."""
    return [e for e in mailbox.events.values()
            if e.calendar_id == calendar_id and e.type not in (OCCURRENCE, EXCEPTION)]


def find(mailbox: Mailbox, event_id: str) -> Event | None:
    """A stored event, or a computed occurrence that exists (not cancelled), by id."""
    stored = mailbox.events.get(event_id)
    if stored is not None:
        return stored
    parsed = parse_occurrence_id(event_id)
    if parsed is None:
        return None
    master = mailbox.events.get(parsed[0])
    if master is None or master.recurrence is None or parsed[1] in master.cancelled_starts:
        return None
    if parsed[1] not in starts(master, parsed[1] + 1, parsed[1]):
        return None
    return occurrence(master, parsed[1])


def make_exception(mailbox: Mailbox, item: Event) -> Event:
    """Store a computed occurrence as an exception (a no-op for one already stored)."""
    if item.type != OCCURRENCE:
        return item
    stored = copy.deepcopy(item)
    stored.type = EXCEPTION
    mailbox.events[stored.id] = stored
    return stored


def cancel_occurrence(mailbox: Mailbox, item: Event) -> None:
    """Delete one occurrence or exception: the series skips it from now on."""
    master = mailbox.events.get(item.series_master_id or "")
    mailbox.events.pop(item.id, None)
    if master is not None and item.original_start is not None:
        master.cancelled_starts.add(item.original_start)
        master.version += 1


def drop_series(mailbox: Mailbox, master: Event) -> None:
    """Delete a master with its exceptions."""
    mailbox.events.pop(master.id, None)
    for other in [e for e in mailbox.events.values() if e.series_master_id == master.id]:
        mailbox.events.pop(other.id, None)


def reset_exceptions(mailbox: Mailbox, master: Event) -> None:
    """A changed pattern or series time forgets exceptions and cancellations (UNCONFIRMED:
    Outlook warns that such changes discard exceptions; Graph's documentation is silent)."""
    for other in [e for e in mailbox.events.values() if e.series_master_id == master.id]:
        mailbox.events.pop(other.id, None)
    master.cancelled_starts = set()
