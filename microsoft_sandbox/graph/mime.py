"""`GET /me/messages/{id}/$value`: a message as MIME, as Graph serves it for archiving or
forwarding raw mail (reference section 7).

The sandbox keeps no raw mail, so it renders one: RFC 5322 headers (From, To, Cc, Bcc on the
sender's own copies, Reply-To, Subject, Date, Message-ID) over a single `text/html` or
`text/plain` UTF-8 part, CRLF line endings and 7-bit transfer encodings, served as
`text/plain` like Graph's. Attachment contents are not kept, so they are not rendered.
Header values are folded to one line first: a client-chosen subject must not be able to add
headers, nor make the email package refuse to render.
"""

import datetime as dt
import re
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

from flask import Response

from . import access, owners
from .blueprint import bp
from .mail import find_message
from .models import Message, Recipient

POLICY = SMTP.clone(cte_type="7bit")
CONTENT_TYPE = "text/plain"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _one_line(text: str) -> str:
    """A header value with control characters (CR and LF among them) turned into spaces."""
    return _CONTROL.sub(" ", text).strip()


def _addresses(people: list[Recipient]) -> str:
    """An address-list header value."""
    return ", ".join(formataddr((_one_line(p.name), _one_line(p.address))) for p in people)


def render(message: Message) -> bytes:
    """The message as RFC 5322 bytes."""
    mime = EmailMessage(policy=POLICY)
    if message.sender is not None:
        mime["From"] = _addresses([message.sender])
    for header, people in (("To", message.to), ("Cc", message.cc), ("Bcc", message.bcc),
                           ("Reply-To", message.reply_to)):
        if people:
            mime[header] = _addresses(people)
    mime["Subject"] = _one_line(message.subject)
    sent = dt.datetime.fromtimestamp(message.sent or message.received, dt.UTC)
    mime["Date"] = format_datetime(sent)
    mime["Message-ID"] = _one_line(message.internet_message_id)
    subtype = "html" if message.body_type == "html" else "plain"
    mime.set_content(message.body, subtype=subtype, charset="utf-8")
    return mime.as_bytes()


@owners.on_mailbox(bp, "/messages/<message_id>/$value", "graph_message_content")
@owners.on_mailbox(bp, "/mailFolders/<folder_ref>/messages/<message_id>/$value",
                   "graph_message_content")
def message_content(message_id: str, user_ref: str | None = None,
                    folder_ref: str | None = None):
    """One message's MIME (Mail.Read or Mail.ReadWrite: the body is part of it)."""
    caller = access.caller()
    _owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_READ)
    with owners.store().lock:
        raw = render(find_message(mailbox, message_id, folder_ref))
    return Response(raw, content_type=CONTENT_TYPE)
