"""Reading a message (one Graph round trip: the message with its attachments' metadata, and,
when the list said it was unread, the PATCH that marks it read in the same ``$batch``), and
allowing its remote images."""

from flask import flash, redirect, render_template, request, url_for

from postpress_whitelabel.api import (
    BatchRequest,
    GraphError,
    graph,
    graph_path,
    has_scope,
    login_required,
    reconnect,
)

from . import graph_paths, image_consent
from .accounts import MAIL_READ, chosen_account
from .blueprint import bp
from .forms import ActionForm
from .graph_errors import error_response
from .message_view import reading
from .web_origin import message_page_csp

MARK_READ = ("Mail.ReadWrite",)
# The attachments' metadata only: their bytes (up to 150 MB each) stay on Graph until a
# download or an inline image asks for one. ``contentId`` belongs to fileAttachment, so it is
# named with OData's type cast.
ATTACHMENT_FIELDS = ("id", "name", "contentType", "size", "isInline",
                     "microsoft.graph.fileAttachment/contentId")
EXPAND = f"attachments($select={','.join(ATTACHMENT_FIELDS)})"


@bp.get("/<int:account_id>/messages/<message_id>")
@login_required
def read(account_id: int, message_id: str):
    """The message: headers, the body made safe, attachments, and what can be done to it."""
    account = chosen_account(account_id)
    if not any(has_scope(account, name) for name in MAIL_READ):
        return reconnect(account, next=request.full_path)
    client = graph(account)
    try:
        message, note = _fetch(client, account, message_id)
    except GraphError as error:
        return error_response(account, error)
    message.setdefault("id", message_id)
    note = note or _mark_read(client, account, message)
    allow = image_consent.allowed(account.id, message_id)
    shown = reading(account, message, allow)
    html = render_template("mail/message.html", account=account, message=shown,
                           form=ActionForm(), note=note)
    return html, 200, {"Content-Security-Policy": message_page_csp(allow)}


def _fetch(client, account, message_id: str) -> tuple[dict, str | None]:
    """The message with its attachments' metadata; with ``?unread=1`` (the list's links to unread
    messages) and Mail.ReadWrite, marked read in the same batch. A refused mark is a note.

    :raise GraphError: when the message cannot be read.
    """
    path = graph_paths.message(message_id)
    url = graph_path(path, {"$expand": EXPAND})
    if request.args.get("unread") != "1" or not has_scope(account, MARK_READ[0]):
        return client.get(url).body or {}, None
    answers = client.batch([
        BatchRequest("message", "GET", url),
        BatchRequest("read", "PATCH", path, body={"isRead": True}, depends_on="message")])
    found = answers["message"]
    if not found.ok:
        raise found.error
    message = found.body if isinstance(found.body, dict) else {}
    marked = answers.get("read")
    if marked is not None and marked.ok:
        message["isRead"] = True
        return message, None
    reason = marked.error if marked is not None else "Microsoft did not answer"
    return message, f"This message could not be marked read: {reason}"


def _mark_read(client, account, message: dict) -> str | None:
    """Opening marks an unread message read (a second request, only then); a refusal is
    said on the page, the message is still shown."""
    if message.get("isRead", True) or message.get("isDraft"):
        return None
    if not any(has_scope(account, name) for name in MARK_READ):
        return "This message stays unread: the account has not granted Mail.ReadWrite."
    try:
        client.patch(graph_paths.message(message["id"]), json={"isRead": True})
    except GraphError as error:
        return f"This message could not be marked read: {error}"
    message["isRead"] = True
    return None


@bp.post("/<int:account_id>/messages/<message_id>/images")
@login_required
def allow_images(account_id: int, message_id: str):
    """Show this message's remote images from now on (for this reader)."""
    account = chosen_account(account_id)
    if ActionForm().validate_on_submit():
        image_consent.allow(account.id, message_id)
        flash("Remote images are shown for this message.", "success")
    else:
        flash("The form expired; press the button again.", "error")
    return redirect(url_for("mail.read", account_id=account.id, message_id=message_id),
                    code=303)
