"""Drafts and forwards: create a message (a draft, 201), send a draft (202), create reply,
reply-all and forward drafts (201), and forward at once (202).

Creating needs Mail.ReadWrite; sending and forwarding need Mail.Send, as Graph documents.
A sent draft leaves Drafts for Sent Items (under a new id, as Exchange gives it) and is
delivered like sendMail.
"""

from ..web import get_sandbox
from . import access, compose, odata, owners, replies, shapes
from .blueprint import bp
from .errors import NO_RECIPIENTS, bad_request, not_found
from .mail import find_message
from .models import Mailbox, Message
from .responses import empty, json_response

# UNCONFIRMED: Graph's answer to `send` on a message that is not a draft.
NOT_A_DRAFT = "Only draft messages can be sent."


def _created(owner, mailbox: Mailbox, message: Message, folder: str = "drafts"):
    """File a new draft in the folder and answer 201 with it."""
    target = mailbox.folder(folder)
    if target is None:
        raise not_found()
    message.folder_id, message.is_read = target.id, True
    mailbox.messages[message.id] = message
    data = shapes.message_json(message, personal=owner.is_personal)
    context = odata.context_url(f"users('{owner.oid}')/messages/$entity")
    return json_response({"@odata.context": context, **data}, status=201)


@owners.on_mailbox(bp, "/messages", "graph_create_message", methods=("POST",))
@owners.on_mailbox(bp, "/mailFolders/<folder_ref>/messages", "graph_create_message",
                   methods=("POST",))
def create_message(user_ref: str | None = None, folder_ref: str | None = None):
    """A new draft (in Drafts, or the folder named): 201 with the message."""
    caller = access.caller()
    owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_WRITE)
    body = owners.json_body()
    message = compose.outgoing(owner, body, get_sandbox().clock.now(), draft=True)
    with owners.store().lock:
        return _created(owner, mailbox, message, folder_ref or "drafts")


@owners.on_mailbox(bp, "/messages/<message_id>/send", "graph_send_draft", methods=("POST",))
def send_draft(message_id: str, user_ref: str | None = None):
    """Send a draft: 202; it moves to Sent Items and reaches its recipients.

    :raise GraphError: 400 for a message that is not a draft or has no recipient.
    """
    caller = access.caller()
    sender, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_SEND)
    sandbox, store = get_sandbox(), owners.store()
    with store.lock:
        draft = find_message(mailbox, message_id)
        if not draft.is_draft:
            raise bad_request(NOT_A_DRAFT, code="ErrorInvalidRequest")
        if not (draft.to or draft.cc or draft.bcc):
            raise bad_request(NO_RECIPIENTS, code="ErrorInvalidRecipients")
        now = sandbox.clock.now()
        draft.is_draft, draft.sent, draft.received = False, now, now
        del mailbox.messages[draft.id]
        compose.deliver(store, sender, draft, True, sandbox.user_by_login)
    return empty(202)


def _create_response(action: str, kind: str):
    """A view creating a reply, reply-all or forward draft of a message."""
    def view(message_id: str, user_ref: str | None = None):
        """201 with the new draft."""
        caller = access.caller()
        owner, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_WRITE)
        data = replies.params(action)
        with owners.store().lock:
            original = find_message(mailbox, message_id)
            draft = replies.respond(original, owner, data, kind, get_sandbox().clock.now(),
                                    draft=True)
            return _created(owner, mailbox, draft)
    view.__name__ = f"create_{kind}"
    view.__doc__ = f"`POST .../messages/{{id}}/{action}`: 201 with a {kind} draft."
    return view


for _action, _kind, _endpoint in (("createReply", "reply", "graph_create_reply"),
                                  ("createReplyAll", "replyAll", "graph_create_reply_all"),
                                  ("createForward", "forward", "graph_create_forward")):
    owners.on_mailbox(bp, f"/messages/<message_id>/{_action}", _endpoint,
                      methods=("POST",))(_create_response(_action, _kind))


@owners.on_mailbox(bp, "/messages/<message_id>/forward", "graph_forward", methods=("POST",))
def forward(message_id: str, user_ref: str | None = None):
    """Forward a message `{toRecipients, comment, message?}` at once: 202."""
    caller = access.caller()
    sender, mailbox = owners.mailbox_of(caller, user_ref, access.MAIL_SEND)
    data = replies.params("forward")
    sandbox, store = get_sandbox(), owners.store()
    with store.lock:
        original = find_message(mailbox, message_id)
        message = replies.respond(original, sender, data, "forward", sandbox.clock.now(),
                                  draft=False)
        compose.deliver(store, sender, message, True, sandbox.user_by_login)
    return empty(202)

