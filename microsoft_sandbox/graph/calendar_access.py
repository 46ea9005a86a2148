"""Which calendar or event a path names, and whether the caller may read or change it.

Own calendars need Calendars.Read (ReadWrite to change). A colleague's calendar through
`/users/{id|upn}/...` needs Calendars.Read.Shared (ReadWrite.Shared to change) and a share from
its owner ("read" or "write"). A calendar shared with the caller also appears under `/me` with
its owner's id, where the caller's ordinary Calendars permissions apply, as in Graph.
App-only tokens with Calendars.Read(Write) roles reach every calendar of their tenant.
"""

from dataclasses import dataclass

from ..directory.models import User
from ..web import get_sandbox
from . import access, owners
from .access import Caller
from .errors import access_denied, not_found
from .models import Calendar, Event, Mailbox


@dataclass(frozen=True)
class Target:
    """A resolved calendar: whose it is, the mailbox holding it, the calendar itself."""

    owner: User
    mailbox: Mailbox
    calendar: Calendar


def _check_share(caller: Caller, calendar: Calendar, write: bool) -> None:
    """Someone else's calendar must be shared with the caller, for writing if writing.

    :raise GraphError: 403 ErrorAccessDenied.
    """
    if caller.user is None or calendar.owner_oid == caller.user.oid:
        return
    role = calendar.shared_with.get(caller.user.oid)
    if role is None or (write and role != "write"):
        raise access_denied()


def path_owner(caller: Caller, user_ref: str | None, write: bool) -> tuple[User, Mailbox]:
    """The user and mailbox a calendar path names, once the permission is checked."""
    user = owners.owner(caller, user_ref)
    caller.require(access.CALENDAR_WRITE if write else access.CALENDAR_READ, user)
    return user, owners.store().mailbox(user)


def calendar(caller: Caller, user_ref: str | None, calendar_id: str | None,
             write: bool = False) -> Target:
    """The default calendar of the path's user, or the one with `calendar_id`.

    :raise GraphError: 403 without permission or share, 404 ErrorItemNotFound.
    """
    user, mailbox = path_owner(caller, user_ref, write)
    store = owners.store()
    with store.lock:
        found = mailbox.default_calendar if calendar_id is None \
            else mailbox.calendars.get(calendar_id)
        holder, holder_mailbox = user, mailbox
        if found is None and caller.user is not None and user.oid == caller.user.oid:
            shared = store.calendar(calendar_id)
            if shared is not None and caller.user.oid in shared[1].shared_with:
                holder_mailbox, found = shared
                holder = get_sandbox().user(holder_mailbox.owner_oid)
        if found is None or holder is None:
            raise not_found()
        _check_share(caller, found, write)
        return Target(holder, holder_mailbox, found)


def event(caller: Caller, user_ref: str | None, event_id: str,
          write: bool = False) -> tuple[Target, Event]:
    """An event the path's user can see: in their mailbox, or (for `/me`) on a calendar
    shared with them.

    :raise GraphError: 403 without permission or share, 404 ErrorItemNotFound.
    """
    user, mailbox = path_owner(caller, user_ref, write)
    store = owners.store()
    with store.lock:
        found = mailbox.events.get(event_id)
        holder, holder_mailbox = user, mailbox
        if found is None and caller.user is not None and user.oid == caller.user.oid:
            located = store.event(event_id)
            if located is not None:
                holder_mailbox, found = located
                holder = get_sandbox().user(holder_mailbox.owner_oid)
        if found is None or holder is None:
            raise not_found()
        owning = holder_mailbox.calendars[found.calendar_id]
        if caller.user is not None and holder.oid != caller.user.oid \
                and caller.user.oid not in owning.shared_with:
            raise not_found()
        _check_share(caller, owning, write)
        return Target(holder, holder_mailbox, owning), found
