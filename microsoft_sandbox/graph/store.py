"""The Graph half's data: one mailbox per user, seeded on first use, behind one lock.

The `Sandbox` makes a new `GraphStore` on every reset, anchored at the sandbox clock's "now",
so seeded mail and meetings sit around the reset time. Mailboxes are seeded lazily, a tenant at
a time, so users added after the reset get seeded data too and the shares between colleagues
are in place whichever mailbox is opened first. Views hold `store.lock` while they read or
change data.
"""

import threading
from collections.abc import Callable

from ..directory.models import User
from .models import Calendar, Event, Mailbox
from .seed import calendar as seed_calendar
from .seed import mail as seed_mail
from .seed import settings as seed_settings


def seed_zone(user: User, anchor: float) -> str:
    """The mailbox time zone seeded for a user (a mix of zones: `seed.settings`)."""
    return seed_settings.zone_for(user, anchor)


class GraphStore:
    """Mailboxes keyed by oid, plus where each calendar and event lives."""

    def __init__(self, anchor: float, directory: Callable[[], list[User]]):
        """An empty store; `directory` lists the sandbox's users when seeding is needed."""
        self.lock = threading.RLock()
        self.anchor = anchor
        self._directory = directory
        self.mailboxes: dict[str, Mailbox] = {}
        # Mail sent to addresses outside the sandbox, for tests to inspect.
        self.outbound: list[dict] = []

    def mailbox(self, user: User) -> Mailbox:
        """The user's mailbox, seeding the mailboxes of the user's whole tenant if missing."""
        with self.lock:
            if user.oid not in self.mailboxes:
                self._seed_tenant(user)
            return self.mailboxes[user.oid]

    def _seed_tenant(self, wanted: User) -> None:
        """Seed mail and calendars for every user of `wanted`'s tenant without a mailbox.

        A tenant at a time: colleagues' shares must exist together, and seeding the whole
        directory on every reset would cost tests time for mailboxes they never open.
        """
        members = [u for u in self._directory() if u.tenant_id == wanted.tenant_id]
        if all(u.oid != wanted.oid for u in members):
            members.append(wanted)
        plan = seed_calendar.share_plan(members)
        for user in members:
            if user.oid in self.mailboxes:
                continue
            peers = [] if user.is_personal else [u for u in members if u.oid != user.oid]
            mailbox = seed_mail.seed_mailbox(user, peers, self.anchor,
                                           seed_zone(user, self.anchor))
            mailbox.settings = seed_settings.settings_for(user, mailbox.time_zone)
            seed_calendar.seed_calendars(mailbox, user, peers, self.anchor,
                                         plan.get(user.oid, {}))
            self.mailboxes[user.oid] = mailbox

    def ensure_seeded(self) -> None:
        """Seed every directory user's mailbox now (benchmarks call it before measuring)."""
        with self.lock:
            for user in self._directory():
                self.mailbox(user)

    def calendar(self, calendar_id: str) -> tuple[Mailbox, Calendar] | None:
        """The mailbox and calendar with this id, in any mailbox."""
        with self.lock:
            for mailbox in self.mailboxes.values():
                found = mailbox.calendars.get(calendar_id)
                if found is not None:
                    return mailbox, found
        return None

    def shared_with(self, oid: str) -> list[tuple[Mailbox, Calendar]]:
        """Calendars other users share with `oid`, in directory order."""
        with self.lock:
            return [(mailbox, calendar) for mailbox in self.mailboxes.values()
                    for calendar in mailbox.calendars.values() if oid in calendar.shared_with]

    def event(self, event_id: str) -> tuple[Mailbox, Event] | None:
        """The mailbox and event with this id, in any mailbox."""
        with self.lock:
            for mailbox in self.mailboxes.values():
                found = mailbox.events.get(event_id)
                if found is not None:
                    return mailbox, found
        return None
