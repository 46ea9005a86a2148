"""Replies, reply-alls and forwards, sent at once or kept as drafts (`createReply` ...).

As Outlook writes them: the subject gets `RE: ` or `FW: ` (once), the body is the comment
above a rule, Outlook's From/Sent/To/Subject header and the original body; the reply stays
in the original's conversation; a forward carries the original's attachments. Graph's
documentation: "Specify either a comment or the body property of the message parameter.
Specifying both will return an HTTP 400 Bad Request error."
"""

import copy
import html
import re
import time

from ..directory.models import User
from . import compose, htmltext, payload
from .errors import bad_request
from .models import Message, Recipient

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.IGNORECASE | re.DOTALL)
PREFIXES = {"reply": "RE: ", "replyAll": "RE: ", "forward": "FW: "}
# The draft-making actions and what they draft.
KINDS = {"createReply": "reply", "createReplyAll": "replyAll", "createForward": "forward"}
PARAMS = {"reply": ("comment", "message"), "replyAll": ("comment", "message"),
          "forward": ("comment", "toRecipients", "message")}
COMMENT_AND_BODY = "Specify either a comment or the body property of the message parameter."


def params(action: str) -> dict:
    """The action's parameters (any case), with `message` checked to be a message.

    :raise GraphError: 400 for unknown parameters, a wrong type, or both a comment and a body.
    """
    data = payload.action_params(action, PARAMS[KINDS.get(action, action)])
    message = data.get("message")
    if message is not None and not isinstance(message, dict):
        raise bad_request("Invalid value for parameter 'message'.")
    payload.check_type(message, "microsoft.graph.message")
    if data.get("comment") and isinstance(message, dict) and message.get("body"):
        raise bad_request(COMMENT_AND_BODY)
    return data


def _targets(original: Message, me: str, everyone: bool) -> tuple[list, list]:
    """(to, cc) of a reply: the reply-to or sender, and for reply-all the others but me."""
    to_people = list(original.reply_to or ([original.sender] if original.sender else []))
    cc_people: list[Recipient] = []
    if everyone:
        to_people += original.to
        cc_people = list(original.cc)
    seen = {me}
    result: tuple[list, list] = ([], [])
    for bucket, people in zip(result, (to_people, cc_people), strict=True):
        for person in people:
            if person.address.lower() not in seen:
                seen.add(person.address.lower())
                bucket.append(person.to_json())
    return result


def respond(original: Message, user: User, data: dict, kind: str, now: float,
            draft: bool) -> Message:
    """A reply, reply-all or forward of `original` by `user` (sent or, with `draft`, kept).

    :raise GraphError: 400 ErrorInvalidRecipients when a message to send has no recipient.
    """
    prefix = PREFIXES[kind]
    subject = original.subject if original.subject.upper().startswith(prefix.strip()) \
        else prefix + original.subject
    comment = html.escape(str(data.get("comment") or "")).replace("\n", "<br>")
    body = f"<html><body><div>{comment}</div>{_quote(original)}</body></html>"
    fields: dict = {"subject": subject, "body": {"contentType": "html", "content": body}}
    if kind == "forward":
        fields["toRecipients"] = data.get("toRecipients") or []
    else:
        to, cc = _targets(original, user.mail.lower(), kind == "replyAll")
        fields.update(toRecipients=to, ccRecipients=cc)
    fields.update(data.get("message") or {})
    message = compose.outgoing(user, fields, now, draft=draft)
    message.conversation_id = original.conversation_id
    if kind == "forward":
        message.attachments = copy.deepcopy(original.attachments) + message.attachments
    return message


def _quote(original: Message) -> str:
    """Outlook's quoted header and the original body, below a rule."""
    content, _ = htmltext.convert(original.body, original.body_type, "html")
    match = _BODY.search(content)
    sender = original.sender or Recipient("", "")
    sent = time.strftime("%A, %B %d, %Y %I:%M %p", time.gmtime(original.sent or original.received))
    to = "; ".join(html.escape(p.name) for p in original.to)
    return ('<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" '
            f'dir="ltr"><b>From:</b> {html.escape(sender.name)} &lt;{html.escape(sender.address)}'
            f"&gt;<br><b>Sent:</b> {sent}<br><b>To:</b> {to}<br><b>Subject:</b> "
            f"{html.escape(original.subject)}</div>{match.group(1) if match else content}")
