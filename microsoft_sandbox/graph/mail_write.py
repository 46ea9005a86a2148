"""Changing mail: mark read or unread (and flag, categorize), move, delete, send, reply.

`PATCH` and move/delete need Mail.ReadWrite; sendMail, reply and replyAll need Mail.Send and
answer 202 with no body, as Graph does. A move gives the message a new id unless the client
sent `Prefer: IdType="ImmutableId"`. DELETE soft-deletes: the message leaves every folder the
user sees (to put it in Deleted Items, move it to `deleteditems`).
"""

from ..web import get_sandbox
from . import access, compose, ids, owners, payload, prefer, replies, shapes
from .blueprint import bp
from .entities import MESSAGE_PROPERTIES
from .errors import GraphError, bad_request, not_found
from .mail import find_message
from .models import Message
from .responses import empty, json_response

ANY_MESSAGE = {"isRead": bool, "categories": list, "importance": str, "flag": dict,
               "inferenceClassification": str}
DRAFT_ONLY = {"subject": str, "body": dict, "toRecipients": list, "ccRecipients": list,
              "bccRecipients": list}
IMPORTANCE = ("low", "normal", "high")
FLAG_STATUS = ("notFlagged", "complete", "flagged")
INFERENCE = ("focused", "other")
RECIPIENT_ATTRS = {"toRecipients": "to", "ccRecipients": "cc", "bccRecipients": "bcc"}


def _checked(message: Message, changes: dict) -> dict[str, object]:
    """A PATCH body checked whole, as {message attribute: new value}, before anything changes:
    a bad value anywhere leaves the message untouched.

    :raise GraphError: 400 for unknown properties, wrong types or values, or sent-message
        properties.
    """
    updates: dict[str, object] = {}
    for name, value in changes.items():
        kind = ANY_MESSAGE.get(name) or (DRAFT_ONLY.get(name) if message.is_draft else None)
        if kind is None:
            if name in DRAFT_ONLY or name in MESSAGE_PROPERTIES:
                raise GraphError(400, "ErrorInvalidPropertyUpdateSentMessage",
                                 f"Update operation is not allowed for property '{name}' "
                                 "of sent message.")
            raise bad_request(f"Could not find a property named '{name}' on type "
                              "'microsoft.graph.message'.")
        if not isinstance(value, kind):
            raise bad_request(f"Invalid value for property '{name}'.")
        updates.update(_converted(message, name, value))
    return updates


def _enum(name: str, value, allowed: tuple[str, ...]) -> str:
    """One of an enumeration's members, matched without case, in its canonical spelling.

    :raise GraphError: 400 for anything else.
    """
    canonical = {a.lower(): a for a in allowed}.get(value.lower()) \
        if isinstance(value, str) else None
    if canonical is None:
        raise bad_request(f"Invalid value '{value}' for property '{name}'.")
    return canonical


def _converted(message: Message, name: str, value) -> dict[str, object]:
    """The attribute (or attributes) one checked property sets, and their values.

    :raise GraphError: 400 for a value outside the property's range.
    """
    if name == "isRead":
        return {"is_read": value}
    if name == "categories":
        if not all(isinstance(c, str) for c in value):
            raise bad_request("Invalid value for property 'categories'.")
        return {"categories": list(value)}
    if name == "importance":
        return {"importance": _enum(name, value, IMPORTANCE).lower()}
    if name == "flag":
        payload.check_type(value, "microsoft.graph.followupFlag")
        status = value.get("flagStatus", message.flag)
        return {"flag": _enum("flagStatus", status, FLAG_STATUS)}
    if name == "inferenceClassification":
        return {"inference": _enum(name, value, INFERENCE)}
    if name == "subject":
        return {"subject": value}
    if name == "body":
        content, kind = compose.body_of(value)
        return {"body": content, "body_type": kind}
    return {RECIPIENT_ATTRS[name]: compose.recipients(value, name)}


@owners.on_mailbox(bp, "/messages/<message_id>", "graph_update_message", methods=("PATCH",))
def update_message(message_id: str, user_ref: str | None = None):
    """`PATCH` a message, typically `{"isRead": true}`; answers the updated message."""
    caller = access.caller()
    owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_WRITE)
    changes = owners.json_body()
    payload.check_type(changes, "microsoft.graph.message")
    changes = {k: v for k, v in changes.items() if k != "@odata.type"}
    now = get_sandbox().clock.now()
    with owners.store().lock:
        message = find_message(mailbox, message_id)
        for attr, value in _checked(message, changes).items():
            setattr(message, attr, value)
        message.version += 1
        message.modified = now
        data = shapes.message_json(message, personal=owner.is_personal,
                                   body_type=prefer.body_type())
    return json_response(data)


@owners.on_mailbox(bp, "/messages/<message_id>/move", "graph_move_message", methods=("POST",))
def move_message(message_id: str, user_ref: str | None = None):
    """`{"destinationId": id or well-known name}`: 201 with the moved message."""
    caller = access.caller()
    owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_WRITE)
    destination = payload.action_params("move", ("destinationId",)).get("destinationId")
    if not isinstance(destination, str) or not destination:
        raise bad_request("The destinationId parameter is required.", code="ErrorInvalidRequest")
    keep_id = prefer.immutable_ids()
    with owners.store().lock:
        message = find_message(mailbox, message_id)
        folder = mailbox.folder(destination)
        if folder is None:
            raise not_found()
        del mailbox.messages[message.id]
        if not keep_id:
            message.id = ids.new_id()
        message.folder_id, message.version = folder.id, message.version + 1
        mailbox.messages[message.id] = message
        data = shapes.message_json(message, personal=owner.is_personal)
    return json_response(data, status=201)


@owners.on_mailbox(bp, "/messages/<message_id>", "graph_delete_message", methods=("DELETE",))
def delete_message(message_id: str, user_ref: str | None = None):
    """Soft-delete a message: 204, and it is gone from every folder."""
    caller = access.caller()
    _owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_WRITE)
    with owners.store().lock:
        del mailbox.messages[find_message(mailbox, message_id).id]
    return empty(204)


@owners.on_mailbox(bp, "/sendMail", "graph_send_mail", methods=("POST",))
def send_mail(user_ref: str | None = None):
    """Send `{"message": {...}, "saveToSentItems": bool}`: 202, then delivery."""
    caller = access.caller()
    sender, _mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_SEND)
    body = payload.action_params("sendMail", ("message", "saveToSentItems"))
    if not isinstance(body.get("message"), dict):
        raise bad_request("Empty Payload. JSON content expected.", code="ErrorInvalidRequest")
    sandbox = get_sandbox()
    message = compose.outgoing(sender, body["message"], sandbox.clock.now())
    compose.deliver(owners.store(), sender, message, body.get("saveToSentItems") is not False,
                    sandbox.user_by_login)
    return empty(202)


def _reply(message_id: str, user_ref: str | None, everyone: bool):
    """Reply or reply-all to a message of the caller's mailbox: 202."""
    caller = access.caller()
    sender, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_SEND)
    kind = "replyAll" if everyone else "reply"
    data = replies.params(kind)
    sandbox = get_sandbox()
    with owners.store().lock:
        original = find_message(mailbox, message_id)
        reply = replies.respond(original, sender, data, kind, sandbox.clock.now(), draft=False)
        compose.deliver(owners.store(), sender, reply, True, sandbox.user_by_login)
    return empty(202)


@owners.on_mailbox(bp, "/messages/<message_id>/reply", "graph_reply", methods=("POST",))
def reply(message_id: str, user_ref: str | None = None):
    """Reply to the sender, `{"comment": "..."}` above the quoted message."""
    return _reply(message_id, user_ref, everyone=False)


@owners.on_mailbox(bp, "/messages/<message_id>/replyAll", "graph_reply_all",
                   methods=("POST",))
def reply_all(message_id: str, user_ref: str | None = None):
    """Reply to the sender and every other recipient."""
    return _reply(message_id, user_ref, everyone=True)
