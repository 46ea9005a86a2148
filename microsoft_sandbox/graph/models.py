"""The mailbox records Graph serves: folders, messages, attachments, calendars and events.

Plain dataclasses in memory, like the rest of the sandbox. Times are epoch seconds (UTC);
the zones clients gave are kept beside them so responses can echo `originalStartTimeZone`.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Recipient:
    """An `emailAddress`: a display name and an address."""

    name: str
    address: str

    def to_json(self) -> dict:
        """Graph's `recipient` shape."""
        return {"emailAddress": {"name": self.name, "address": self.address}}


@dataclass
class Attachment:
    """A file attachment; `content` holds its bytes (None: filler bytes of `size`, made when
    read, for seeded files whose bytes nobody needs to be real)."""

    id: str
    name: str
    content_type: str
    size: int
    modified: float
    is_inline: bool = False
    content_id: str | None = None
    content: bytes | None = None

    def data(self) -> bytes:
        """The attachment's bytes."""
        if self.content is not None:
            return self.content
        return (f"{self.name}\n".encode() * (self.size // max(1, len(self.name) + 1) + 1))[
            : self.size]


@dataclass
class MailFolder:
    """A mail folder; `well_known` is its Graph alias (inbox, sentitems, ...) if it has one."""

    id: str
    display_name: str
    parent_id: str
    well_known: str | None = None
    is_hidden: bool = False


@dataclass
class Message:
    """One message in one mailbox; `version` moves the change key on every edit."""

    id: str
    folder_id: str
    subject: str
    body: str
    body_type: str
    sender: Recipient | None
    to: list[Recipient]
    received: float
    conversation_id: str
    internet_message_id: str
    cc: list[Recipient] = field(default_factory=list)
    bcc: list[Recipient] = field(default_factory=list)
    reply_to: list[Recipient] = field(default_factory=list)
    sent: float | None = None
    is_read: bool = False
    is_draft: bool = False
    importance: str = "normal"
    attachments: list[Attachment] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    flag: str = "notFlagged"
    inference: str = "focused"
    preview: str = ""
    modified: float = 0.0
    version: int = 0


@dataclass
class Calendar:
    """A calendar; `shared_with` maps a sharee's oid to "read" or "write"."""

    id: str
    owner_oid: str
    name: str
    color: str
    hex_color: str
    is_default: bool = False
    shared_with: dict[str, str] = field(default_factory=dict)
    version: int = 0


@dataclass
class Attendee:
    """An invitee and where their answer stands."""

    recipient: Recipient
    type: str = "required"
    response: str = "none"
    response_time: float | None = None


@dataclass
class Event:
    """One event (or one occurrence of a series) in one calendar."""

    id: str
    calendar_id: str
    subject: str
    body: str
    start: float
    end: float
    organizer: Recipient
    ical_uid: str
    created: float
    start_zone: str = "UTC"
    end_zone: str = "UTC"
    is_all_day: bool = False
    location: str = ""
    attendees: list[Attendee] = field(default_factory=list)
    is_organizer: bool = True
    response: str = "organizer"
    response_time: float | None = None
    show_as: str = "busy"
    sensitivity: str = "normal"
    importance: str = "normal"
    join_url: str | None = None
    is_cancelled: bool = False
    categories: list[str] = field(default_factory=list)
    series_master_id: str | None = None
    type: str = "singleInstance"
    # Series: the master's normalized `recurrence` and the original starts of deleted
    # occurrences; occurrences and exceptions keep their original start.
    recurrence: dict | None = None
    cancelled_starts: set[float] = field(default_factory=set)
    original_start: float | None = None
    reminder_minutes: int = 15
    preview: str = ""
    modified: float = 0.0
    version: int = 0


@dataclass
class Mailbox:
    """Everything one user's Graph data holds, keyed by id in insertion order."""

    owner_oid: str
    time_zone: str
    # Mailbox settings beside the time zone (`mailbox_settings`; seeded by `seed.settings`).
    settings: dict = field(default_factory=dict)
    folders: dict[str, MailFolder] = field(default_factory=dict)
    messages: dict[str, Message] = field(default_factory=dict)
    calendars: dict[str, Calendar] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)

    def folder(self, ref: str) -> MailFolder | None:
        """A folder by id or by well-known name (any case), or None."""
        found = self.folders.get(ref)
        if found is not None:
            return found
        lowered = ref.lower()
        for folder in self.folders.values():
            if folder.well_known == lowered:
                return folder
        return None

    @property
    def default_calendar(self) -> Calendar:
        """The calendar `/me/calendar` and `/me/events` mean."""
        return next(c for c in self.calendars.values() if c.is_default)
