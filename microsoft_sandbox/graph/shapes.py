"""Graph's JSON for users, folders, messages, attachments, calendars and events.

One function per resource, property names and order as Graph answers them, so clients parse
the sandbox exactly as they parse Microsoft.
"""

import base64

from ..directory.models import User
from . import htmltext, ids, recurrence
from .models import Attachment, Calendar, Event, MailFolder, Message, Recipient
from .timezones import date_time_zone, floating_day, iso_utc

NEVER = "0001-01-01T00:00:00Z"
# Without Mail.Read, Graph leaves these out (Mail.ReadBasic).
FULL_MAIL_ONLY = ("body", "bodyPreview", "uniqueBody")
# Without Calendars.Read, Graph leaves these out of events (Calendars.ReadBasic: "except for
# properties such as body, attachments, and extensions"; bodyPreview UNCONFIRMED).
FULL_EVENT_ONLY = ("body", "bodyPreview")


def graph_user_id(user: User) -> str:
    """The `id` Graph gives a user: the oid, or for a personal account its 16-hex-digit CID.

    A personal account's oid is `00000000-0000-0000-` followed by its CID; Graph's `/me` shows
    the CID alone (UNCONFIRMED beyond public reports), one more reason to key users on oid.
    """
    if user.is_personal and user.oid.startswith("00000000-0000-0000-"):
        return user.oid[19:].replace("-", "")
    return user.oid


def user_json(user: User) -> dict:
    """The default `/me` properties."""
    work = not user.is_personal
    return {
        "businessPhones": [getattr(user, "business_phone", None) or "+1 425 555 0109"]
        if work else [],
        "displayName": user.display_name,
        "givenName": user.given_name,
        "jobTitle": user.job_title,
        "mail": user.mail,
        "mobilePhone": getattr(user, "mobile_phone", None),
        "officeLocation": getattr(user, "office_location", None) or ("18/2111" if work else None),
        "preferredLanguage": "en-US",
        "surname": user.surname,
        "userPrincipalName": user.upn,
        "id": graph_user_id(user),
    }


def etag(item_id: str, version: int) -> tuple[str, str]:
    """The change key and the weak `@odata.etag` that wraps it."""
    key = ids.change_key(item_id, version)
    return key, f'W/"{key}"'


def _recipients(people: list[Recipient]) -> list[dict]:
    """A recipient list."""
    return [p.to_json() for p in people]


def web_link(item_id: str, personal: bool, view: str) -> str:
    """Outlook on the web's link to an item (Outlook.com for personal accounts)."""
    host = "outlook.live.com" if personal else "outlook.office365.com"
    # Ids hold only URL-safe base64, so "=" is the one character to escape.
    return f"https://{host}/owa/?ItemID={item_id.replace('=', '%3D')}&exvsurl=1&viewmodel={view}"


def message_json(m: Message, *, personal: bool, body_type: str | None = None,
                 full: bool = True) -> dict:
    """A message; `body_type` converts the body, `full` False drops what Mail.ReadBasic hides."""
    change_key, tag = etag(m.id, m.version)
    content, content_type = htmltext.convert(m.body, m.body_type, body_type)
    data = {
        "@odata.etag": tag,
        "id": m.id,
        "createdDateTime": iso_utc(m.received),
        "lastModifiedDateTime": iso_utc(max(m.received, m.modified)),
        "changeKey": change_key,
        "categories": list(m.categories),
        "receivedDateTime": iso_utc(m.received),
        "sentDateTime": iso_utc(m.sent) if m.sent is not None else None,
        "hasAttachments": any(not a.is_inline for a in m.attachments),
        "internetMessageId": m.internet_message_id,
        "subject": m.subject,
        "bodyPreview": m.preview,
        "importance": m.importance,
        "parentFolderId": m.folder_id,
        "conversationId": m.conversation_id,
        "isDeliveryReceiptRequested": False,
        "isReadReceiptRequested": False,
        "isRead": m.is_read,
        "isDraft": m.is_draft,
        "webLink": web_link(m.id, personal, "ReadMessageItem"),
        "inferenceClassification": m.inference,
        "body": {"contentType": content_type, "content": content},
        "sender": m.sender.to_json() if m.sender else None,
        "from": m.sender.to_json() if m.sender else None,
        "toRecipients": _recipients(m.to),
        "ccRecipients": _recipients(m.cc),
        "bccRecipients": _recipients(m.bcc),
        "replyTo": _recipients(m.reply_to),
        "flag": {"flagStatus": m.flag},
    }
    if not full:
        for name in FULL_MAIL_ONLY:
            data.pop(name, None)
    return data


def folder_json(folder: MailFolder, unread: int, total: int, children: int = 0) -> dict:
    """A mail folder with its counts."""
    return {
        "id": folder.id,
        "displayName": folder.display_name,
        "parentFolderId": folder.parent_id,
        "childFolderCount": children,
        "unreadItemCount": unread,
        "totalItemCount": total,
        "sizeInBytes": total * 24576,
        "isHidden": folder.is_hidden,
    }


def attachment_json(a: Attachment, content: bool = True) -> dict:
    """A file attachment, with its bytes in `contentBytes` unless `content` is False."""
    data = {
        "@odata.type": "#microsoft.graph.fileAttachment",
        "@odata.mediaContentType": a.content_type,
        "id": a.id,
        "lastModifiedDateTime": iso_utc(a.modified),
        "name": a.name,
        "contentType": a.content_type,
        "size": a.size,
        "isInline": a.is_inline,
        "contentId": a.content_id,
        "contentLocation": None,
    }
    if content:
        data["contentBytes"] = base64.b64encode(a.data()).decode("ascii")
    return data


def calendar_json(c: Calendar, owner: User, viewer_oid: str) -> dict:
    """A calendar as `viewer_oid` sees it: full rights on their own, the share's on others'."""
    change_key, _ = etag(c.id, c.version)
    own = viewer_oid == owner.oid
    role = "write" if own else c.shared_with.get(viewer_oid)
    provider = "skypeForConsumer" if owner.is_personal else "teamsForBusiness"
    return {
        "id": c.id,
        "name": c.name if own or not c.is_default else owner.display_name,
        "color": c.color,
        "hexColor": c.hex_color,
        "isDefaultCalendar": own and c.is_default,
        "changeKey": change_key,
        "canShare": own,
        "canViewPrivateItems": own,
        "canEdit": role == "write",
        "allowedOnlineMeetingProviders": [provider],
        "defaultOnlineMeetingProvider": provider,
        "isTallyingResponses": True,
        "isRemovable": not (own and c.is_default),
        "owner": {"name": owner.display_name, "address": owner.mail},
    }


def _location(name: str) -> dict:
    """An event location from its display name."""
    if not name:
        return {"displayName": "", "locationType": "default", "uniqueIdType": "unknown",
                "address": {}, "coordinates": {}}
    return {"displayName": name, "locationType": "default", "uniqueId": name,
            "uniqueIdType": "private"}


def _attendee(a) -> dict:
    """An attendee with their answer."""
    time = iso_utc(a.response_time) if a.response_time else NEVER
    return {"type": a.type, "status": {"response": a.response, "time": time},
            "emailAddress": {"name": a.recipient.name, "address": a.recipient.address}}


def _bound(epoch: float, zone_name: str, all_day: bool) -> dict:
    """An event's start or end: a floating date for all-day events, else a zoned time."""
    return floating_day(epoch, zone_name) if all_day else date_time_zone(epoch, zone_name)


def event_json(e: Event, zone_name: str, personal: bool, body_type: str | None = None,
               full: bool = True) -> dict:
    """An event with `start`/`end` in `zone_name` (from `Prefer: outlook.timezone`, else UTC);
    `body_type` converts the body, `full` False drops what Calendars.ReadBasic hides."""
    change_key, tag = etag(e.id, e.version)
    data = {
        "@odata.etag": tag,
        "id": e.id,
        "createdDateTime": iso_utc(e.created),
        "lastModifiedDateTime": iso_utc(max(e.created, e.modified)),
        "changeKey": change_key,
        "categories": list(e.categories),
        "transactionId": None,
        "originalStartTimeZone": e.start_zone,
        "originalEndTimeZone": e.end_zone,
        "iCalUId": e.ical_uid,
        "reminderMinutesBeforeStart": e.reminder_minutes,
        "isReminderOn": not e.is_all_day,
        "hasAttachments": False,
        "subject": e.subject,
        "bodyPreview": e.preview,
        "importance": e.importance,
        "sensitivity": e.sensitivity,
        "isAllDay": e.is_all_day,
        "isCancelled": e.is_cancelled,
        "isOrganizer": e.is_organizer,
        "responseRequested": True,
        "seriesMasterId": e.series_master_id,
        "showAs": e.show_as,
        "type": e.type,
        "webLink": web_link(e.id, personal, "CalendarItem"),
        **_meeting(e, zone_name, personal, body_type),
    }
    if e.original_start is not None:
        data["originalStart"] = iso_utc(e.original_start)
    if not full:
        for name in FULL_EVENT_ONLY:
            data.pop(name, None)
    return data


def _meeting(e: Event, zone_name: str, personal: bool, body_type: str | None) -> dict:
    """The second half of an event: online meeting, answer, body, times, place and people."""
    online = e.join_url is not None
    provider = "skypeForConsumer" if personal else "teamsForBusiness"
    content, content_type = htmltext.convert(e.body, "html", body_type)
    return {
        "onlineMeetingUrl": None,
        "isOnlineMeeting": online,
        "onlineMeetingProvider": provider if online else "unknown",
        "allowNewTimeProposals": True,
        "isDraft": False,
        "hideAttendees": False,
        "responseStatus": {"response": e.response,
                           "time": iso_utc(e.response_time) if e.response_time else NEVER},
        "body": {"contentType": content_type, "content": content},
        "start": _bound(e.start, zone_name, e.is_all_day),
        "end": _bound(e.end, zone_name, e.is_all_day),
        "location": _location(e.location),
        "locations": [_location(e.location)] if e.location else [],
        "recurrence": recurrence.to_json(e.recurrence, e.start_zone) if e.recurrence else None,
        "attendees": [_attendee(a) for a in e.attendees],
        "organizer": e.organizer.to_json(),
        "onlineMeeting": {"joinUrl": e.join_url} if online else None,
    }
