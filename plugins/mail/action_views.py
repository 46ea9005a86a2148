"""What a reader does to a message: mark read or unread, flag, move, delete (to Deleted
Items). Each is a POST with a CSRF token that answers with a redirect back and a flash, so
it works without JavaScript."""

from flask import flash, redirect, render_template, request, url_for

from postpress_whitelabel.api import (
    GraphError,
    graph,
    has_scope,
    login_required,
    reconnect,
    safe_next,
)

from . import graph_paths, mailbox
from .accounts import chosen_account
from .blueprint import bp
from .forms import ActionForm
from .graph_errors import error_response, flash_text

WRITE = "Mail.ReadWrite"
FLAGS = {"flagged": "Flagged.", "notFlagged": "Flag removed.", "complete": "Marked complete."}


def back_to(account, message_id: str | None = None) -> str:
    """Where to return: the form's ``next`` when the core's check finds it a path on this
    site, else the message (or the inbox)."""
    wanted = safe_next(request.form.get("next"))
    if wanted:
        return wanted
    if message_id:
        return url_for("mail.read", account_id=account.id, message_id=message_id)
    return url_for("mail.inbox", account=account.id)


def _act(account_id: int, message_id: str, call, done: str, after: str | None = None):
    """Check the form and the permission, make the Graph call, flash the outcome, go back."""
    account = chosen_account(account_id)
    if not ActionForm().validate_on_submit():
        flash("The form expired; press the button again.", "error")
        return redirect(back_to(account, message_id), code=303)
    if not has_scope(account, WRITE):
        return reconnect(account, next=back_to(account, message_id))
    try:
        call(graph(account), graph_paths.message(message_id))
    except GraphError as error:
        if error.missing_permission or error.needs_sign_in:
            return reconnect(account, next=back_to(account, message_id), error=error)
        flash(flash_text(error), "error")
        return redirect(back_to(account, message_id), code=303)
    flash(done, "success")
    return redirect(after or back_to(account, message_id), code=303)


@bp.post("/<int:account_id>/messages/<message_id>/read")
@login_required
def mark(account_id: int, message_id: str):
    """Mark read (``read=1``) or unread."""
    is_read = request.form.get("read") == "1"
    return _act(account_id, message_id,
                lambda client, path: client.patch(path, json={"isRead": is_read}),
                "Marked read." if is_read else "Marked unread.")


@bp.post("/<int:account_id>/messages/<message_id>/flag")
@login_required
def flag(account_id: int, message_id: str):
    """Flag, unflag or complete."""
    status = request.form.get("status")
    status = status if status in FLAGS else "flagged"
    return _act(account_id, message_id,
                lambda client, path: client.patch(path, json={"flag": {"flagStatus": status}}),
                FLAGS[status])


@bp.post("/<int:account_id>/messages/<message_id>/move")
@login_required
def move(account_id: int, message_id: str):
    """Move to a folder; the message gets a new id there, so the way back is the folder."""
    destination = (request.form.get("destination") or "").strip()[:300]
    if not destination:
        flash("Choose a folder to move the message to.", "error")
        return redirect(back_to(chosen_account(account_id), message_id), code=303)
    inbox = url_for("mail.inbox", account=account_id)
    return _act(account_id, message_id,
                lambda client, path: client.post(f"{path}/move",
                                                 json={"destinationId": destination}),
                "Message moved.", after=inbox)


@bp.post("/<int:account_id>/messages/<message_id>/delete")
@login_required
def delete(account_id: int, message_id: str):
    """Delete: to Deleted Items, where it can still be found."""
    inbox = url_for("mail.inbox", account=account_id)
    return _act(account_id, message_id,
                lambda client, path: client.post(f"{path}/move",
                                                 json={"destinationId": "deleteditems"}),
                "Message moved to Deleted Items.", after=inbox)


@bp.get("/<int:account_id>/messages/<message_id>/move")
@login_required
def choose_folder(account_id: int, message_id: str):
    """Every folder, to pick where the message goes."""
    account = chosen_account(account_id)
    client = graph(account)
    try:
        values = client.get("/me/mailFolders", params={"$top": "100"}).body.get("value", [])
        folders, _parents = mailbox.tree(client, values, {})
    except GraphError as error:
        return error_response(account, error)
    return render_template("mail/move.html", account=account, message_id=message_id,
                           form=ActionForm(), folders=folders)
