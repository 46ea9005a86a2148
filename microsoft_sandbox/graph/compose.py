"""Outgoing mail: reading a Graph `message` from a request, and delivery (replies and
forwards are built in `replies`).

Delivery is the sandbox's mail transport: a copy lands in the Inbox of every recipient who is
a sandbox user (any tenant, matched on mail or UPN), a copy in the sender's Sent Items unless
`saveToSentItems` is false, and mail for anyone else is kept in `GraphStore.outbound`.
"""

import copy
from collections.abc import Callable

from ..directory.models import User
from . import htmltext, ids, payload
from .attachment_input import attachments_of
from .errors import NO_RECIPIENTS, bad_request
from .models import Message, Recipient
from .store import GraphStore


def recipients(raw, field: str) -> list[Recipient]:
    """A recipient list from JSON.

    :raise GraphError: 400 when it is not a list of `{"emailAddress": {"address": ...}}`.
    """
    if raw is None:
        return []
    result = []
    for item in raw if isinstance(raw, list) else [None]:
        payload.check_type(item, "microsoft.graph.recipient")
        address = item.get("emailAddress") if isinstance(item, dict) else None
        payload.check_type(address, "microsoft.graph.emailAddress")
        if not isinstance(address, dict) or not isinstance(address.get("address"), str) \
                or "@" not in address["address"]:
            raise bad_request(f"Invalid recipient in '{field}'.", code="ErrorInvalidRecipients")
        result.append(Recipient(str(address.get("name") or address["address"]),
                                address["address"]))
    return result


def body_of(raw) -> tuple[str, str]:
    """(content, "html" or "text") from an `itemBody`; missing means an empty text body."""
    if raw is None:
        return "", "text"
    if not isinstance(raw, dict):
        raise bad_request("Invalid value for property 'body'.")
    payload.check_type(raw, "microsoft.graph.itemBody")
    kind = str(raw.get("contentType", "text")).lower()
    if kind not in ("html", "text"):
        raise bad_request(f"Invalid contentType '{raw.get('contentType')}'.")
    return str(raw.get("content", "")), kind


def outgoing(sender: User, data: dict, now: float, draft: bool = False) -> Message:
    """A message to send (or, with `draft`, to keep in Drafts) from a Graph `message` object.

    :raise GraphError: 400 ErrorInvalidRecipients without any recipient (unless a draft),
        400 for an `@odata.type` that is not a message.
    """
    payload.check_type(data, "microsoft.graph.message")
    content, kind = body_of(data.get("body"))
    to = recipients(data.get("toRecipients"), "toRecipients")
    cc = recipients(data.get("ccRecipients"), "ccRecipients")
    bcc = recipients(data.get("bccRecipients"), "bccRecipients")
    if not (to or cc or bcc or draft):
        raise bad_request(NO_RECIPIENTS, code="ErrorInvalidRecipients")
    message_id = ids.new_id()
    domain = sender.mail.rsplit("@", 1)[-1]
    return Message(
        id=message_id, folder_id="", subject=str(data.get("subject") or ""), body=content,
        body_type=kind, sender=Recipient(sender.display_name, sender.mail), to=to, cc=cc,
        bcc=bcc, received=now, sent=None if draft else now, is_read=True, is_draft=draft,
        conversation_id=ids.conversation_id(message_id),
        internet_message_id=ids.internet_message_id(domain, message_id),
        importance=str(data.get("importance") or "normal").lower(),
        attachments=attachments_of(data.get("attachments"), now),
        preview=htmltext.preview(content, kind))


def deliver(store: GraphStore, sender: User, message: Message, save: bool,
            lookup: Callable[[str], User | None]) -> None:
    """Put the message in the sender's Sent Items and every sandbox recipient's Inbox."""
    with store.lock:
        if save:
            _file(store, sender, message, "sentitems", is_read=True, keep_bcc=True)
        seen: set[str] = set()
        for person in message.to + message.cc + message.bcc:
            address = person.address.lower()
            if address in seen:
                continue
            seen.add(address)
            user = lookup(address)
            if user is None:
                store.outbound.append({"from": sender.mail, "to": address,
                                       "subject": message.subject,
                                       "internetMessageId": message.internet_message_id})
                continue
            _file(store, user, message, "inbox", is_read=False, keep_bcc=False)


def _file(store: GraphStore, owner: User, message: Message, folder: str, is_read: bool,
          keep_bcc: bool) -> Message:
    """Store a copy of `message` in one of the owner's well-known folders."""
    mailbox = store.mailbox(owner)
    filed = copy.deepcopy(message)
    filed.id = ids.new_id()
    filed.folder_id = mailbox.folder(folder).id
    filed.is_read = is_read
    if not keep_bcc:
        filed.bcc = []
    mailbox.messages[filed.id] = filed
    return filed
