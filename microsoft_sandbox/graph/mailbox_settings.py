"""`/me/mailboxSettings`: the user's time zone, locale, date and time formats, working hours
and automatic replies; one setting at a time (`/mailboxSettings/timeZone` ...); and `PATCH`.

Permissions as Graph documents them: reading needs MailboxSettings.Read or
MailboxSettings.ReadWrite, `PATCH` needs MailboxSettings.ReadWrite. The time zone is the
mailbox's own (`Mailbox.time_zone`), which seeded calendars and free/busy use too, so a
`PATCH` of `timeZone` moves the user's working hours with it. A single primitive setting
answers `{"value": ...}`, as OData serves a primitive property.
"""

from flask import request

from . import access, odata, owners, payload
from .access import Permission
from .blueprint import bp
from .errors import bad_request
from .models import Mailbox
from .responses import json_response
from .seed.settings import LOCALES, Locale
from .timezones import zone

READ = Permission(own=("MailboxSettings.Read", "MailboxSettings.ReadWrite"),
                  app=("MailboxSettings.Read", "MailboxSettings.ReadWrite"))
WRITE = Permission(own=("MailboxSettings.ReadWrite",), app=("MailboxSettings.ReadWrite",))
PRIMITIVES = ("timeZone", "dateFormat", "timeFormat", "userPurpose",
              "delegateMeetingMessageDeliveryOptions")
WRITABLE = ("timeZone", "dateFormat", "timeFormat", "language", "workingHours")


def unsupported_zone(name: str) -> str:
    """UNCONFIRMED: the words of Graph's 400 for a time zone it does not support."""
    return f"The time zone '{name}' is not supported."


def _never(zone_name: str) -> dict:
    """A dateTimeTimeZone for "not scheduled"."""
    return {"dateTime": "0001-01-01T00:00:00.0000000", "timeZone": zone_name}


def settings_json(mailbox: Mailbox) -> dict:
    """Every setting, in the order Graph answers them."""
    stored, zone_name = mailbox.settings, mailbox.time_zone
    locale: Locale = stored.get("language") or LOCALES["en-US"]
    start, end = stored.get("hours", ("08:00", "17:00"))
    archive = mailbox.folder("archive")
    return {
        "archiveFolder": archive.id if archive else None,
        "timeZone": zone_name,
        "delegateMeetingMessageDeliveryOptions": "sendToDelegateOnly",
        "dateFormat": stored.get("date_format", locale.date_format),
        "timeFormat": stored.get("time_format", locale.time_format),
        "userPurpose": "user",
        "automaticRepliesSetting": {
            "status": "disabled", "externalAudience": "all",
            "internalReplyMessage": "", "externalReplyMessage": "",
            "scheduledStartDateTime": _never(zone_name),
            "scheduledEndDateTime": _never(zone_name)},
        "language": {"locale": locale.locale, "displayName": locale.display_name},
        "workingHours": {"daysOfWeek": list(stored.get("days", ())),
                         "startTime": f"{start}:00.0000000", "endTime": f"{end}:00.0000000",
                         "timeZone": {"name": zone_name}},
    }


@owners.on_mailbox(bp, "/mailboxSettings", "graph_mailbox_settings")
def mailbox_settings(user_ref: str | None = None):
    """All the mailbox settings (`$select` picks some)."""
    owner, mailbox = owners.mailbox_of(access.caller(), user_ref, READ)
    with owners.store().lock:
        data = settings_json(mailbox)
    raw = request.args.get("$select")
    if raw is not None:
        names = {n.strip() for n in raw.split(",")}
        unknown = names - set(data)
        if unknown:
            raise bad_request(f"Could not find a property named '{sorted(unknown)[0]}' on "
                              "type 'microsoft.graph.mailboxSettings'.")
        data = {k: v for k, v in data.items() if k in names}
    context = odata.context_url(f"users('{owner.oid}')/mailboxSettings")
    return json_response({"@odata.context": context, **data})


@owners.on_mailbox(bp, "/mailboxSettings/<name>", "graph_mailbox_setting")
def mailbox_setting(name: str, user_ref: str | None = None):
    """One setting: an object as itself, a primitive as `{"value": ...}`."""
    owner, mailbox = owners.mailbox_of(access.caller(), user_ref, READ)
    with owners.store().lock:
        data = settings_json(mailbox)
    if name not in data:
        raise bad_request(f"Resource not found for the segment '{name}'.")
    context = odata.context_url(f"users('{owner.oid}')/mailboxSettings/{name}")
    value = data[name]
    body = {"value": value} if name in PRIMITIVES or not isinstance(value, dict) else value
    return json_response({"@odata.context": context, **body})


def _checked(changes: dict) -> dict:
    """The PATCH body, checked whole before anything changes: {setting: new stored value}.

    :raise GraphError: 400 for settings the sandbox cannot change, wrong types, unknown zones
        or locales.
    """
    updates: dict = {}
    for name, value in changes.items():
        if name.startswith("@odata."):
            continue
        if name not in WRITABLE:
            raise bad_request(f"The property '{name}' cannot be updated in the sandbox.")
        if name == "timeZone":
            if not isinstance(value, str) or zone(value) is None:
                raise bad_request(unsupported_zone(str(value)), code="ErrorInvalidTimeZone")
            updates[name] = value
        elif name in ("dateFormat", "timeFormat"):
            if not isinstance(value, str) or not value:
                raise bad_request(f"Invalid value for property '{name}'.")
            updates[name] = value
        elif name == "language":
            payload.check_type(value, "microsoft.graph.localeInfo")
            locale = value.get("locale") if isinstance(value, dict) else None
            if locale not in LOCALES:
                raise bad_request(f"The locale '{locale}' is not supported.")
            updates[name] = LOCALES[locale]
        else:
            updates[name] = _working_hours(value)
    return updates


def _working_hours(value) -> dict:
    """`workingHours` as stored: days and `HH:MM` hours (its zone is the mailbox's)."""
    payload.check_type(value, "microsoft.graph.workingHours")
    if not isinstance(value, dict):
        raise bad_request("Invalid value for property 'workingHours'.")
    days = value.get("daysOfWeek", [])
    start, end = value.get("startTime", "08:00:00"), value.get("endTime", "17:00:00")
    if not (isinstance(days, list) and all(isinstance(d, str) for d in days)
            and isinstance(start, str) and isinstance(end, str)):
        raise bad_request("Invalid value for property 'workingHours'.")
    return {"days": tuple(d.lower() for d in days), "hours": (start[:5], end[:5])}


@owners.on_mailbox(bp, "/mailboxSettings", "graph_update_mailbox_settings", methods=("PATCH",))
def update_mailbox_settings(user_ref: str | None = None):
    """Change settings (`timeZone`, formats, `language`, `workingHours`): 200 with the
    settings changed, as Graph answers."""
    owner, mailbox = owners.mailbox_of(access.caller(), user_ref, WRITE)
    changes = owners.json_body()
    payload.check_type(changes, "microsoft.graph.mailboxSettings")
    updates = _checked(changes)
    with owners.store().lock:
        for name, value in updates.items():
            if name == "timeZone":
                mailbox.time_zone = value
            elif name == "workingHours":
                mailbox.settings.update(value)
            else:
                key = {"dateFormat": "date_format", "timeFormat": "time_format"}.get(name, name)
                mailbox.settings[key] = value
        data = settings_json(mailbox)
    context = odata.context_url(f"users('{owner.oid}')/mailboxSettings")
    return json_response({"@odata.context": context,
                          **{k: v for k, v in data.items() if k in updates}})
