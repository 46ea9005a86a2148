"""Writing mail: new, reply, reply all, forward, and drafts saved to send later.

What the user typed stays in the form whenever it goes back to them: when a field is wrong,
and when Microsoft refuses the message (with Microsoft's reason). Files cannot be put back in
a file field by a server, so the page asks for them again.
"""

from flask import current_app, flash, redirect, render_template, request, url_for

from postpress_whitelabel.api import (
    GraphError,
    graph,
    graph_prefer,
    has_scope,
    login_required,
    reconnect,
)

from . import graph_paths, outgoing
from .accounts import chosen_account
from .blueprint import bp
from .forms import ATTACHMENT_LIMIT, ActionForm, ComposeForm
from .graph_errors import flash_text
from .message_view import people

MODES = ("new", "reply", "replyAll", "forward")
# The app reads at most MAX_CONTENT_LENGTH of a request; a message with attachments up to
# Graph's limit needs that limit, plus room for the text and the multipart framing.
UPLOAD_LIMIT = ATTACHMENT_LIMIT + 512 * 1024
TITLES = {"new": "New message", "reply": "Reply", "replyAll": "Reply all",
          "forward": "Forward", "draft": "Draft"}


@bp.url_value_preprocessor
def _room_for_attachments(endpoint, values) -> None:
    """Let the compose form's POST carry attachments up to Graph's limit.

    URL value preprocessors run before every ``before_request`` function, so the larger limit
    is in place before the CSRF check reads the form.
    """
    if endpoint == "mail.send":
        request.max_content_length = max(UPLOAD_LIMIT,
                                         current_app.config.get("MAX_CONTENT_LENGTH") or 0)


def _source(client, message_id: str) -> dict:
    """The message being answered or the draft being edited, its body as text."""
    return client.get(graph_paths.message(message_id),
                      prefer=graph_prefer(body_content_type="text")).body or {}


def _prefill(form: ComposeForm, mode: str, original: dict, me: str) -> None:
    """Recipients and subject of a reply or forward, as Outlook fills them."""
    subject = original.get("subject") or ""
    sender = ((original.get("from") or {}).get("emailAddress") or {}).get("address", "")
    others = [r.get("emailAddress", {}).get("address", "")
              for r in original.get("toRecipients") or []]
    cc = [r.get("emailAddress", {}).get("address", "")
          for r in original.get("ccRecipients") or []]
    if mode == "forward":
        form.subject.data = subject if subject.lower().startswith("fw:") else f"FW: {subject}"
        return
    form.subject.data = subject if subject.lower().startswith("re:") else f"RE: {subject}"
    to = [sender] + ([a for a in others if a.lower() != me.lower()] if mode == "replyAll" else [])
    form.to.data = ", ".join(dict.fromkeys(a for a in to if a))
    if mode == "replyAll":
        form.cc.data = ", ".join(a for a in cc if a and a.lower() != me.lower())


def _fill_draft(form: ComposeForm, draft: dict) -> None:
    """A saved draft back in the form."""
    def listed(key):
        return ", ".join(r.get("emailAddress", {}).get("address", "")
                         for r in draft.get(key) or [])
    form.to.data, form.cc.data = listed("toRecipients"), listed("ccRecipients")
    form.bcc.data, form.subject.data = listed("bccRecipients"), draft.get("subject") or ""
    form.body.data = (draft.get("body") or {}).get("content") or ""


def _quoted(original: dict | None) -> dict | None:
    """The original shown under a reply or forward."""
    if not original:
        return None
    return {"sender": people([original["from"]]) if original.get("from") else "",
            "to": people(original.get("toRecipients")), "subject": original.get("subject"),
            "date": original.get("receivedDateTime") or "",
            "text": (original.get("body") or {}).get("content") or ""}


def _page(account, form, mode, original, status=200, problem=None):
    return render_template("mail/compose.html", account=account, form=form,
                           title=TITLES.get(mode, "New message"), quoted=_quoted(original),
                           problem=problem), status


@bp.get("/<int:account_id>/compose")
@login_required
def compose(account_id: int):
    """The compose form, filled for a reply, forward or saved draft."""
    account = chosen_account(account_id)
    if not has_scope(account, "Mail.Send"):
        return reconnect(account, next=request.full_path)
    form = ComposeForm()
    mode = request.args.get("mode") if request.args.get("mode") in MODES else "new"
    source, draft = request.args.get("source", ""), request.args.get("draft", "")
    form.mode.data, form.source.data, form.draft.data = mode, source, draft
    original = None
    try:
        if draft:
            _fill_draft(form, _source(graph(account), draft))
        elif mode != "new" and source:
            original = _source(graph(account), source)
            _prefill(form, mode, original, account.email or "")
    except GraphError as error:
        if error.missing_permission or error.needs_sign_in:
            return reconnect(account, next=request.full_path, error=error)
        flash(flash_text(error), "error")
        return redirect(url_for("mail.inbox", account=account.id), code=303)
    return _page(account, form, "draft" if draft else mode, original)


@bp.post("/<int:account_id>/compose")
@login_required
def send(account_id: int):
    """Send, or save as a draft; the form comes back as typed when anything is refused."""
    account = chosen_account(account_id)
    form = ComposeForm()
    mode = form.mode.data if form.mode.data in MODES else "new"
    source = form.source.data or "" if mode != "new" else ""
    client = graph(account)
    if not form.validate_on_submit():
        return _page(account, form, mode, _original_or_none(client, source), 400)
    keep = bool(form.save.data) and not form.send.data
    try:
        done = _deliver(client, form, mode, source, keep)
    except GraphError as error:
        if error.missing_permission or error.needs_sign_in:
            back = url_for("mail.compose", account_id=account.id, mode=mode,
                           source=source or None, draft=form.draft.data or None)
            return reconnect(account, next=back, error=error)
        return _page(account, form, mode, _original_or_none(client, source),
                     400 if error.status and error.status < 500 else 503, problem=error)
    flash(done, "success")
    folder = "drafts" if keep else "sentitems"
    return redirect(url_for("mail.inbox", account=account.id, folder=folder), code=303)


def _deliver(client, form, mode: str, source: str, keep: bool) -> str:
    """Make the Graph calls; the flash that says what happened."""
    if form.draft.data:
        outgoing.update_draft(client, form, form.draft.data, send=not keep)
    elif mode == "new":
        outgoing.save_new(client, form) if keep else outgoing.send_new(client, form)
    else:
        outgoing.respond(client, form, mode, source, draft=keep)
    if keep:
        return "Draft saved in Drafts: open it there to send it later."
    return {"reply": "Reply sent.", "replyAll": "Reply sent to everyone.",
            "forward": "Message forwarded."}.get(mode, "Message sent.")


def _original_or_none(client, source: str) -> dict | None:
    """The original again for the form's page; none if it cannot be read now."""
    if not source:
        return None
    try:
        return _source(client, source)
    except GraphError:
        return None


@bp.post("/<int:account_id>/drafts/<message_id>/send")
@login_required
def send_draft(account_id: int, message_id: str):
    """Send a saved draft as it is."""
    account = chosen_account(account_id)
    if not ActionForm().validate_on_submit():
        flash("The form expired; press the button again.", "error")
    else:
        try:
            graph(account).post(f"{graph_paths.message(message_id)}/send")
        except GraphError as error:
            if error.missing_permission or error.needs_sign_in:
                return reconnect(account, next=url_for("mail.read", account_id=account.id,
                                                       message_id=message_id), error=error)
            flash(flash_text(error), "error")
            return redirect(url_for("mail.read", account_id=account.id,
                                    message_id=message_id), code=303)
        flash("Draft sent.", "success")
    return redirect(url_for("mail.inbox", account=account.id, folder="sentitems"), code=303)
