"""Reading mail: folders with their counts, messages of the mailbox or of one folder (with
OData options, `$search` and paging), one message (HTML or text body, `$expand=attachments`).

Listing needs Mail.ReadBasic at least (bodies are then left out, as Graph does); a whole
message and its attachments need Mail.Read or Mail.ReadWrite.
"""

from flask import Response

from ..directory.models import User
from . import access, odata, owners, prefer, shapes
from .access import Caller
from .blueprint import bp
from .entities import FOLDER, MESSAGE
from .errors import GraphError, not_found
from .models import Mailbox, Message
from .responses import json_response


def find_message(mailbox: Mailbox, message_id: str, folder_ref: str | None = None) -> Message:
    """A message of the mailbox (in the named folder, if one is named).

    :raise GraphError: 404 ErrorItemNotFound, or 400 ErrorInvalidIdMalformed for a non-id.
    """
    if len(message_id) < 16 or not message_id.replace("-", "").replace("_", "").rstrip(
            "=").isalnum():
        raise GraphError(400, "ErrorInvalidIdMalformed", "Id is malformed.")
    message = mailbox.messages.get(message_id)
    if message is None:
        raise not_found()
    if folder_ref is not None:
        folder = mailbox.folder(folder_ref)
        if folder is None or folder.id != message.folder_id:
            raise not_found()
    return message


def _full_access(caller: Caller, owner: User) -> bool:
    """Whether the token may read bodies (Mail.Read or better), not only Mail.ReadBasic."""
    try:
        caller.require(access.MAIL_READ, owner)
    except GraphError:
        return False
    return True


def _counts(mailbox: Mailbox) -> dict[str, tuple[int, int]]:
    """{folder id: (unread, total)}."""
    counts = {fid: [0, 0] for fid in mailbox.folders}
    for message in mailbox.messages.values():
        pair = counts[message.folder_id]
        pair[1] += 1
        pair[0] += 0 if message.is_read or message.is_draft else 1
    return {fid: (unread, total) for fid, (unread, total) in counts.items()}


@owners.on_mailbox(bp, "/mailFolders", "graph_mail_folders")
@owners.on_mailbox(bp, "/mailFolders/<folder_ref>/childFolders", "graph_mail_folders")
def mail_folders(user_ref: str | None = None, folder_ref: str | None = None):
    """The mailbox's top-level folders, or a folder's child folders, with their counts."""
    caller = access.caller()
    owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_READ_BASIC)
    query = odata.parse(FOLDER)
    with owners.store().lock:
        parent = mailbox.folder(folder_ref) if folder_ref is not None else None
        if folder_ref is not None and parent is None:
            raise not_found()
        counts = _counts(mailbox)
        folders = [f for f in mailbox.folders.values() if not f.is_hidden and (
            f.parent_id == parent.id if parent else f.parent_id not in mailbox.folders)]
        page, total, more = odata.apply(folders, query, FOLDER)
        values = [odata.select(_folder_json(mailbox, f, counts), query.select) for f in page]
    where = f"mailFolders('{folder_ref}')/childFolders" if folder_ref else "mailFolders"
    context = odata.context_url(f"users('{owner.oid}')/{where}")
    return json_response(odata.collection(values, query, total, more, context))


def _folder_json(mailbox: Mailbox, folder, counts: dict) -> dict:
    """A folder with its unread, total and child folder counts."""
    children = sum(1 for f in mailbox.folders.values() if f.parent_id == folder.id)
    return shapes.folder_json(folder, *counts[folder.id], children=children)


def child_folder(mailbox: Mailbox, folder_ref: str, child_ref: str | None) -> str:
    """The folder a `/mailFolders/{folder}/childFolders/{child}` path names (its id), or
    `folder_ref` itself when no child is named.

    :raise GraphError: 404 when the child is not a child of that folder.
    """
    if child_ref is None:
        return folder_ref
    parent, child = mailbox.folder(folder_ref), mailbox.folders.get(child_ref)
    if parent is None or child is None or child.parent_id != parent.id:
        raise not_found()
    return child.id


CHILD = "/mailFolders/<folder_ref>/childFolders/<child_ref>"


@owners.on_mailbox(bp, "/mailFolders/<folder_ref>", "graph_mail_folder")
@owners.on_mailbox(bp, CHILD, "graph_mail_folder")
def mail_folder(folder_ref: str, user_ref: str | None = None, child_ref: str | None = None):
    """One folder by id or well-known name (inbox, sentitems, drafts, deleteditems, ...)."""
    caller = access.caller()
    owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_READ_BASIC)
    folder_ref = child_folder(mailbox, folder_ref, child_ref)
    query = odata.parse(FOLDER, allowed=("$select",))
    with owners.store().lock:
        folder = mailbox.folder(folder_ref)
        if folder is None:
            raise not_found()
        data = _folder_json(mailbox, folder, _counts(mailbox))
    context = odata.context_url(f"users('{owner.oid}')/mailFolders/$entity")
    return json_response({"@odata.context": context, **odata.select(data, query.select)})


@owners.on_mailbox(bp, "/messages", "graph_messages")
@owners.on_mailbox(bp, "/mailFolders/<folder_ref>/messages", "graph_messages")
@owners.on_mailbox(bp, f"{CHILD}/messages", "graph_messages")
def messages(user_ref: str | None = None, folder_ref: str | None = None,
             child_ref: str | None = None):
    """Messages of the whole mailbox or of one folder: newest first, 10 a page by default;
    `$search` finds them by KQL (see `mail_search`)."""
    caller = access.caller()
    owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_READ_BASIC)
    query = odata.parse(MESSAGE)
    body_type, full = prefer.body_type(), _full_access(caller, owner)
    with owners.store().lock:
        if folder_ref is not None:
            folder_ref = child_folder(mailbox, folder_ref, child_ref)
        folder = mailbox.folder(folder_ref) if folder_ref is not None else None
        if folder_ref is not None and folder is None:
            raise not_found()
        items = [m for m in mailbox.messages.values()
                 if folder is None or m.folder_id == folder.id]
        page, total, more = odata.apply(items, query, MESSAGE)
        values = [_message_data(m, owner, body_type, full, query) for m in page]
    where = f"mailFolders('{folder_ref}')/messages" if folder_ref else "messages"
    context = odata.context_url(f"users('{owner.oid}')/{where}")
    return json_response(odata.collection(values, query, total, more, context))


@owners.on_mailbox(bp, "/messages/$count", "graph_messages_count")
@owners.on_mailbox(bp, "/mailFolders/<folder_ref>/messages/$count", "graph_messages_count")
def messages_count(user_ref: str | None = None, folder_ref: str | None = None):
    """How many messages (of a folder) match `$filter` or `$search`: a plain-text number."""
    caller = access.caller()
    _owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_READ_BASIC)
    query = odata.parse(MESSAGE, allowed=("$filter", "$search"))
    with owners.store().lock:
        folder = mailbox.folder(folder_ref) if folder_ref is not None else None
        if folder_ref is not None and folder is None:
            raise not_found()
        items = [m for m in mailbox.messages.values()
                 if folder is None or m.folder_id == folder.id]
        _page, total, _more = odata.apply(items, query, MESSAGE)
    return Response(str(total), content_type="text/plain; charset=utf-8")


@owners.on_mailbox(bp, "/messages/<message_id>", "graph_message")
@owners.on_mailbox(bp, "/mailFolders/<folder_ref>/messages/<message_id>", "graph_message")
@owners.on_mailbox(bp, f"{CHILD}/messages/<message_id>", "graph_message")
def message(message_id: str, user_ref: str | None = None, folder_ref: str | None = None,
            child_ref: str | None = None):
    """One message; `Prefer: outlook.body-content-type="text"` converts its body."""
    caller = access.caller()
    owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_READ_BASIC)
    query = odata.parse(MESSAGE, allowed=("$select", "$expand"))
    body_type, full = prefer.body_type(), _full_access(caller, owner)
    with owners.store().lock:
        if folder_ref is not None:
            folder_ref = child_folder(mailbox, folder_ref, child_ref)
        found = find_message(mailbox, message_id, folder_ref)
        data = _message_data(found, owner, body_type, full, query)
    context = odata.context_url(f"users('{owner.oid}')/messages/$entity")
    return json_response({"@odata.context": context, **data})


def _message_data(m: Message, owner: User, body_type: str | None, full: bool,
                  query: odata.Query) -> dict:
    """A message as the query asks: its `$select`, plus `attachments` when expanded, with their
    own `$select` when one is nested (their bytes need Mail.Read, like the attachments
    themselves, and are sent only when no nested `$select` leaves them out)."""
    data = odata.select(shapes.message_json(m, personal=owner.is_personal,
                                            body_type=body_type, full=full), query.select)
    if "attachments" in query.expand:
        chosen = query.expand_select.get("attachments")
        content = full and (chosen is None or "contentBytes" in chosen)
        data["attachments"] = [odata.select(shapes.attachment_json(a, content=content), chosen)
                               for a in m.attachments]
    return data
