"""A message's attachments: the list (with `contentBytes` for file attachments), one
attachment, its raw bytes (`$value`), adding one to a message (`POST`, 201) and removing one
(`DELETE`, 204).

Reading needs Mail.Read or Mail.ReadWrite; adding and removing need Mail.ReadWrite. Every
path exists under `/messages/{id}` and `/mailFolders/{folder}/messages/{id}`.
"""

from flask import Response

from ..web import get_sandbox
from . import access, attachment_input, odata, owners, shapes
from .blueprint import bp
from .entities import ATTACHMENT
from .errors import not_found
from .mail import find_message
from .models import Attachment, Message
from .responses import empty, json_response

PREFIXES = ("/messages/<message_id>", "/mailFolders/<folder_ref>/messages/<message_id>")


def _on_both(rule: str, endpoint: str, methods: tuple[str, ...] = ("GET",)):
    """Register a view below a message reached directly and through its folder."""
    def register(view):
        """Add the rules for both prefixes (each under `/me` and `/users/{id}`)."""
        for prefix in PREFIXES:
            owners.on_mailbox(bp, prefix + rule, endpoint, methods)(view)
        return view
    return register


def _find(message: Message, attachment_id: str) -> Attachment:
    """One attachment of the message.

    :raise GraphError: 404 ErrorItemNotFound.
    """
    found = next((a for a in message.attachments if a.id == attachment_id), None)
    if found is None:
        raise not_found()
    return found


@_on_both("/attachments", "graph_attachments")
def attachments(message_id: str, user_ref: str | None = None, folder_ref: str | None = None):
    """The message's attachments, file attachments with their `contentBytes`."""
    caller = access.caller()
    owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_READ)
    query = odata.parse(ATTACHMENT)
    with owners.store().lock:
        found = find_message(mailbox, message_id, folder_ref)
        page, total, more = odata.apply(list(found.attachments), query, ATTACHMENT)
        values = [odata.select(shapes.attachment_json(a), query.select) for a in page]
    context = odata.context_url(f"users('{owner.oid}')/messages('{message_id}')/attachments")
    return json_response(odata.collection(values, query, total, more, context))


@_on_both("/attachments/<attachment_id>", "graph_attachment")
def attachment(message_id: str, attachment_id: str, user_ref: str | None = None,
               folder_ref: str | None = None):
    """One attachment with its bytes in `contentBytes`."""
    caller = access.caller()
    owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_READ)
    query = odata.parse(ATTACHMENT, allowed=("$select",))
    with owners.store().lock:
        found = _find(find_message(mailbox, message_id, folder_ref), attachment_id)
        data = odata.select(shapes.attachment_json(found), query.select)
    context = odata.context_url(
        f"users('{owner.oid}')/messages('{message_id}')/attachments/$entity")
    return json_response({"@odata.context": context, **data})


@_on_both("/attachments/<attachment_id>/$value", "graph_attachment_content")
def attachment_content(message_id: str, attachment_id: str, user_ref: str | None = None,
                       folder_ref: str | None = None):
    """The attachment's raw bytes, labelled with its content type."""
    caller = access.caller()
    _owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_READ)
    with owners.store().lock:
        found = _find(find_message(mailbox, message_id, folder_ref), attachment_id)
        content, content_type = found.data(), found.content_type
    return Response(content, status=200, content_type=content_type)


@_on_both("/attachments", "graph_add_attachment", methods=("POST",))
def add_attachment(message_id: str, user_ref: str | None = None, folder_ref: str | None = None):
    """Add a file attachment (under 3 MB) to a message: 201 with the attachment."""
    caller = access.caller()
    owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_WRITE)
    body = owners.json_body()
    now = get_sandbox().clock.now()
    added = attachment_input.attachment_of(body, now)
    with owners.store().lock:
        message = find_message(mailbox, message_id, folder_ref)
        message.attachments.append(added)
        message.version, message.modified = message.version + 1, now
        data = shapes.attachment_json(added)
    context = odata.context_url(f"users('{owner.oid}')/messages('{message_id}')/attachments"
                                "/$entity")
    return json_response({"@odata.context": context, **data}, status=201)


@_on_both("/attachments/<attachment_id>", "graph_delete_attachment", methods=("DELETE",))
def delete_attachment(message_id: str, attachment_id: str, user_ref: str | None = None,
                      folder_ref: str | None = None):
    """Remove an attachment from a message: 204."""
    caller = access.caller()
    _owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_WRITE)
    with owners.store().lock:
        message = find_message(mailbox, message_id, folder_ref)
        message.attachments.remove(_find(message, attachment_id))
        message.version, message.modified = message.version + 1, get_sandbox().clock.now()
    return empty(204)
