"""Which calendar features an account may use: what the app asks for and what Microsoft
granted.

Every calendar permission is optional: an administrator may turn them off in Settings, and
then the pages say how to turn them back on instead of calling Graph. Personal (outlook.com)
accounts never get the ``.Shared`` permissions, so the colleague parts are hidden for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from postpress_whitelabel.api import Scope, has_scope, scope_enabled

READ, READ_WRITE = "Calendars.Read", "Calendars.ReadWrite"
READ_SHARED, READ_WRITE_SHARED = "Calendars.Read.Shared", "Calendars.ReadWrite.Shared"
MAILBOX_SETTINGS = "MailboxSettings.Read"
ALL_READ = (READ, READ_WRITE, READ_SHARED, READ_WRITE_SHARED)
ALL_WRITE = (READ_WRITE, READ_WRITE_SHARED)
SHARED = (READ_SHARED, READ_WRITE_SHARED)

SCOPES = [
    Scope(READ, "Show your calendars, the week view and today's events on the home page.",
          optional=True),
    Scope(READ_WRITE, "Create, change and delete events, and answer invitations.",
          optional=True),
    Scope(READ_SHARED, "Open calendars colleagues share with you (work accounts only).",
          optional=True),
    Scope(READ_WRITE_SHARED, "Add and change events in calendars colleagues let you edit "
          "(work accounts only).", optional=True),
    Scope(MAILBOX_SETTINGS, "Show your calendar in your mailbox's time zone.", optional=True),
]


def _any(account, names) -> bool:
    """Whether Microsoft granted any of ``names`` to the account."""
    return any(has_scope(account, name) for name in names)


@dataclass(frozen=True)
class Access:
    """What one account may do with calendars here."""

    turned_on: bool  # the app asks for a calendar permission at sign-in
    read: bool
    write: bool
    shared_turned_on: bool
    shared: bool
    write_shared: bool
    mailbox_settings: bool
    personal: bool

    @property
    def shared_hidden(self) -> bool:
        """Colleagues' calendars are out of reach: personal account or permission off."""
        return self.personal or not self.shared_turned_on


def of(account) -> Access:
    """The account's calendar access."""
    personal = bool(account.is_personal)
    return Access(
        turned_on=any(scope_enabled(n) for n in ALL_READ),
        read=_any(account, ALL_READ), write=_any(account, ALL_WRITE),
        shared_turned_on=any(scope_enabled(n) for n in SHARED),
        shared=not personal and _any(account, SHARED),
        write_shared=not personal and has_scope(account, READ_WRITE_SHARED),
        mailbox_settings=scope_enabled(MAILBOX_SETTINGS)
        and has_scope(account, MAILBOX_SETTINGS),
        personal=personal)
