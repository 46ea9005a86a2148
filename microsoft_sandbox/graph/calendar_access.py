"""Which calendar or event a path names, and whether the caller may read or change it.

Own calendars need Calendars.Read (ReadWrite to change; Calendars.ReadBasic reads events
without their bodies). A colleague's calendar through `/users/{id|upn}/...` needs
Calendars.Read.Shared (ReadWrite.Shared to change) and a share from its owner ("read" or
"write"). A calendar shared with the caller is also listed under their own `/me/calendars`,
as Outlook adds it there, under an id of the caller's own (`sharee_calendar_id`), never the
owner's: under `/me` the owner's calendar ids are unknown (404), and the owner's calendar
itself is reached through `/users/{owner}/calendar...`. App-only tokens with
Calendars.Read(Write) roles reach every calendar of their tenant.
"""

from dataclasses import dataclass

from ..directory.models import User
from ..web import get_sandbox
from . import access, ids, owners, series
from .access import Caller, Permission
from .errors import GraphError, access_denied, not_found
from .models import Calendar, Event, Mailbox

READ_BASIC = Permission(own=("Calendars.ReadBasic", *access.CALENDAR_READ.own),
                        others=access.CALENDAR_READ.others, app=access.CALENDAR_READ.app)


@dataclass(frozen=True)
class Target:
    """A resolved calendar: whose it is, the mailbox holding it, the calendar itself, and
    the id the caller knows it by (a sharee's own id for a shared calendar under `/me`)."""

    owner: User
    mailbox: Mailbox
    calendar: Calendar
    view_id: str


def sharee_calendar_id(sharee_oid: str, calendar: Calendar) -> str:
    """The id a shared calendar has in the sharee's own calendar list.

    UNCONFIRMED beyond the calendar resource's documentation: the owner's ids are refused
    under the sharee's `/me` as unknown (404 ErrorItemNotFound), while events of a shared
    calendar keep their owner's ids and still open through `/me/events/{id}`.
    """
    return ids.calendar_id(sharee_oid, f"shared:{calendar.id}")


def full_details(caller: Caller, owner: User) -> bool:
    """Whether the token reads event bodies (anything beyond Calendars.ReadBasic)."""
    try:
        caller.require(access.CALENDAR_READ, owner)
    except GraphError:  # only Calendars.ReadBasic was granted
        return False
    return True


def _check_share(caller: Caller, calendar: Calendar, write: bool) -> None:
    """Someone else's calendar must be shared with the caller, for writing if writing.

    :raise GraphError: 403 ErrorAccessDenied.
    """
    if caller.user is None or calendar.owner_oid == caller.user.oid:
        return
    role = calendar.shared_with.get(caller.user.oid)
    if role is None or (write and role != "write"):
        raise access_denied()


def path_owner(caller: Caller, user_ref: str | None, write: bool,
               basic: bool = False) -> tuple[User, Mailbox]:
    """The user and mailbox a calendar path names, once the permission is checked."""
    user = owners.owner(caller, user_ref)
    wanted = access.CALENDAR_WRITE if write else READ_BASIC if basic else access.CALENDAR_READ
    caller.require(wanted, user)
    return user, owners.store().mailbox(user)


def _shared_entry(caller: Caller, calendar_id: str) -> tuple[Mailbox, Calendar] | None:
    """The shared calendar behind one of the caller's own entries for it."""
    for mailbox, shared in owners.store().shared_with(caller.user.oid):
        if sharee_calendar_id(caller.user.oid, shared) == calendar_id:
            return mailbox, shared
    return None


def calendar(caller: Caller, user_ref: str | None, calendar_id: str | None,
             write: bool = False, basic: bool = False) -> Target:
    """The default calendar of the path's user, or the one with `calendar_id`.

    :raise GraphError: 403 without permission or share, 404 ErrorItemNotFound.
    """
    user, mailbox = path_owner(caller, user_ref, write, basic)
    store = owners.store()
    with store.lock:
        found = mailbox.default_calendar if calendar_id is None \
            else mailbox.calendars.get(calendar_id)
        holder, holder_mailbox = user, mailbox
        if found is None and caller.user is not None and user.oid == caller.user.oid:
            shared = _shared_entry(caller, calendar_id)
            if shared is not None:
                holder_mailbox, found = shared
                holder = get_sandbox().user(holder_mailbox.owner_oid)
        if found is None or holder is None:
            raise not_found()
        _check_share(caller, found, write)
        return Target(holder, holder_mailbox, found, calendar_id or found.id)


def event(caller: Caller, user_ref: str | None, event_id: str, write: bool = False,
          basic: bool = False) -> tuple[Target, Event]:
    """An event (or computed occurrence) the path's user can see: in their mailbox, or (for
    `/me`) on a calendar shared with them.

    :raise GraphError: 403 without permission or share, 404 ErrorItemNotFound.
    """
    user, mailbox = path_owner(caller, user_ref, write, basic)
    store = owners.store()
    with store.lock:
        found = series.find(mailbox, event_id)
        holder, holder_mailbox = user, mailbox
        if found is None and caller.user is not None and user.oid == caller.user.oid:
            for other in store.mailboxes.values():
                found = series.find(other, event_id) if other is not mailbox else None
                if found is not None:
                    holder_mailbox, holder = other, get_sandbox().user(other.owner_oid)
                    break
        if found is None or holder is None:
            raise not_found()
        owning = holder_mailbox.calendars[found.calendar_id]
        if caller.user is not None and holder.oid != caller.user.oid \
                and caller.user.oid not in owning.shared_with:
            raise not_found()
        _check_share(caller, owning, write)
        view_id = owning.id if holder.oid == user.oid else sharee_calendar_id(user.oid, owning)
        return Target(holder, holder_mailbox, owning, view_id), found
