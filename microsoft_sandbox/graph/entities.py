"""What each Graph collection can be selected, filtered and sorted on.

Selectable names come from the JSON shapes themselves, so `$select` accepts exactly the
properties a response carries; filter and sort accessors read the stored records directly.
"""

from .mail_search import compile_search
from .models import Event, Message
from .odata import EntityType


def _sender(m: Message, part: str):
    """A part of the message's `from` address."""
    return getattr(m.sender, part) if m.sender else None


MESSAGE_PROPERTIES = frozenset((
    "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "receivedDateTime",
    "sentDateTime", "hasAttachments", "internetMessageId", "subject", "bodyPreview",
    "importance", "parentFolderId", "conversationId", "isDeliveryReceiptRequested",
    "isReadReceiptRequested", "isRead", "isDraft", "webLink", "inferenceClassification", "body",
    "sender", "from", "toRecipients", "ccRecipients", "bccRecipients", "replyTo", "flag", "id",
))

# A recipient's properties inside a `$filter` lambda (`r/emailAddress/address`).
RECIPIENT = {"emailAddress/address": lambda r: r.address, "emailAddress/name": lambda r: r.name}

ATTACHMENT = EntityType(
    name="microsoft.graph.attachment",
    properties=frozenset(("id", "name", "contentType", "size", "isInline", "lastModifiedDateTime",
                          "contentId", "contentLocation")),
    values={"name": lambda a: a.name, "size": lambda a: a.size,
            "isInline": lambda a: a.is_inline},
    # Selected inside `$expand=attachments($select=...)` with a cast, as OData names a derived
    # type's property: `microsoft.graph.fileAttachment/contentId`.
    derived={"microsoft.graph.fileAttachment": frozenset(("contentId", "contentLocation",
                                                          "contentBytes"))},
)

MESSAGE = EntityType(
    name="microsoft.graph.message",
    properties=MESSAGE_PROPERTIES,
    values={
        "receivedDateTime": lambda m: m.received,
        "sentDateTime": lambda m: m.sent,
        "createdDateTime": lambda m: m.received,
        "lastModifiedDateTime": lambda m: max(m.received, m.modified),
        "subject": lambda m: m.subject,
        "bodyPreview": lambda m: m.preview,
        "isRead": lambda m: m.is_read,
        "isDraft": lambda m: m.is_draft,
        "hasAttachments": lambda m: any(not a.is_inline for a in m.attachments),
        "importance": lambda m: m.importance,
        "inferenceClassification": lambda m: m.inference,
        "conversationId": lambda m: m.conversation_id,
        "parentFolderId": lambda m: m.folder_id,
        "internetMessageId": lambda m: m.internet_message_id,
        "flag/flagStatus": lambda m: m.flag,
        "from/emailAddress/address": lambda m: _sender(m, "address"),
        "from/emailAddress/name": lambda m: _sender(m, "name"),
        "sender/emailAddress/address": lambda m: _sender(m, "address"),
        "sender/emailAddress/name": lambda m: _sender(m, "name"),
    },
    dates=frozenset(("receivedDateTime", "sentDateTime", "createdDateTime",
                     "lastModifiedDateTime")),
    default_order=(("receivedDateTime", True),),
    collections={
        "categories": (lambda m: m.categories, {"": lambda c: c}),
        "toRecipients": (lambda m: m.to, RECIPIENT),
        "ccRecipients": (lambda m: m.cc, RECIPIENT),
        "bccRecipients": (lambda m: m.bcc, RECIPIENT),
        "replyTo": (lambda m: m.reply_to, RECIPIENT),
    },
    expandable=frozenset(("attachments",)),
    expanded={"attachments": ATTACHMENT},
    search=compile_search,
)

FOLDER = EntityType(
    name="microsoft.graph.mailFolder",
    properties=frozenset(("id", "displayName", "parentFolderId", "childFolderCount",
                          "unreadItemCount", "totalItemCount", "sizeInBytes", "isHidden")),
    values={"displayName": lambda f: f.display_name, "id": lambda f: f.id},
)

CALENDAR = EntityType(
    name="microsoft.graph.calendar",
    properties=frozenset(("id", "name", "color", "hexColor", "isDefaultCalendar", "changeKey",
                          "canShare", "canViewPrivateItems", "canEdit",
                          "allowedOnlineMeetingProviders", "defaultOnlineMeetingProvider",
                          "isTallyingResponses", "isRemovable", "owner")),
    values={"name": lambda c: c.name},
)


def _start(e: Event) -> float:
    """Sort key for start."""
    return e.start


EVENT = EntityType(
    name="microsoft.graph.event",
    properties=frozenset((
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories",
        "transactionId", "originalStartTimeZone", "originalEndTimeZone", "iCalUId",
        "reminderMinutesBeforeStart", "isReminderOn", "hasAttachments", "subject",
        "bodyPreview", "importance", "sensitivity", "isAllDay", "isCancelled", "isOrganizer",
        "responseRequested", "seriesMasterId", "showAs", "type", "webLink", "onlineMeetingUrl",
        "isOnlineMeeting", "onlineMeetingProvider", "allowNewTimeProposals", "isDraft",
        "hideAttendees", "responseStatus", "body", "start", "end", "location", "locations",
        "recurrence", "attendees", "organizer", "onlineMeeting", "originalStart")),
    values={
        "start/dateTime": _start,
        "end/dateTime": lambda e: e.end,
        "createdDateTime": lambda e: e.created,
        "lastModifiedDateTime": lambda e: max(e.created, e.modified),
        "subject": lambda e: e.subject,
        "isAllDay": lambda e: e.is_all_day,
        "isCancelled": lambda e: e.is_cancelled,
        "isOrganizer": lambda e: e.is_organizer,
        "showAs": lambda e: e.show_as,
        "importance": lambda e: e.importance,
        "sensitivity": lambda e: e.sensitivity,
        "type": lambda e: e.type,
        "iCalUId": lambda e: e.ical_uid,
        "seriesMasterId": lambda e: e.series_master_id,
        "responseStatus/response": lambda e: e.response,
        "organizer/emailAddress/address": lambda e: e.organizer.address,
    },
    dates=frozenset(("start/dateTime", "end/dateTime", "createdDateTime",
                     "lastModifiedDateTime")),
    default_order=(("start/dateTime", False),),
    collections={
        "categories": (lambda e: e.categories, {"": lambda c: c}),
        "attendees": (lambda e: e.attendees, {
            "emailAddress/address": lambda a: a.recipient.address,
            "emailAddress/name": lambda a: a.recipient.name,
            "type": lambda a: a.type, "status/response": lambda a: a.response}),
    },
)
