"""Graph's JSON for what the compose form holds: recipients, body, attachments, and which
call sends it or keeps it as a draft.

| mode | Send | Save as draft |
|---|---|---|
| new | ``POST /me/sendMail`` | ``POST /me/messages`` |
| reply, replyAll | ``.../reply`` (``replyAll``) | ``.../createReply`` (``createReplyAll``) |
| forward | ``POST /messages/{id}/forward`` | ``.../createForward`` |
| a saved draft | ``PATCH`` it, add new files, ``POST .../send`` | ``PATCH`` it, add new files |

Replies and forwards send the typed text as ``comment``: Graph puts it above the quoted
original, as Outlook does.
"""

import base64

from . import graph_paths
from .forms import addresses

REPLY_ACTIONS = {"reply": ("reply", "createReply"), "replyAll": ("replyAll", "createReplyAll"),
                 "forward": ("forward", "createForward")}


def recipients(text: str | None) -> list[dict]:
    """Graph recipients from typed addresses."""
    return [{"emailAddress": {"address": a}} for a in addresses(text)]


def attachments(uploads) -> list[dict]:
    """File attachments from the form's uploads (the form checked their total size)."""
    found = []
    for upload in uploads or []:
        if not getattr(upload, "filename", ""):
            continue
        content = upload.read()
        found.append({"@odata.type": "#microsoft.graph.fileAttachment",
                      "name": upload.filename[:255],
                      "contentType": upload.mimetype or "application/octet-stream",
                      "contentBytes": base64.b64encode(content).decode("ascii")})
    return found


def message(form, with_body: bool = True) -> dict:
    """The ``message`` object of the form."""
    data = {"subject": form.subject.data or "",
            "toRecipients": recipients(form.to.data),
            "ccRecipients": recipients(form.cc.data),
            "bccRecipients": recipients(form.bcc.data)}
    if with_body:
        data["body"] = {"contentType": "text", "content": form.body.data or ""}
    return data


def send_new(client, form) -> None:
    """Send a new message, keeping a copy in Sent Items."""
    data = message(form) | {"attachments": attachments(form.files.data)}
    client.post("/me/sendMail", json={"message": data, "saveToSentItems": True})


def save_new(client, form) -> str:
    """A new draft in Drafts; its id."""
    data = message(form) | {"attachments": attachments(form.files.data)}
    return client.post("/me/messages", json=data).body.get("id", "")


def respond(client, form, mode: str, source: str, draft: bool) -> str | None:
    """Reply, reply all or forward now, or keep it as a draft (its id)."""
    send_action, draft_action = REPLY_ACTIONS[mode]
    data = message(form, with_body=False)
    files = attachments(form.files.data)
    if files:
        data["attachments"] = files
    body = {"comment": form.body.data or "", "message": data}
    path = f"{graph_paths.message(source)}/{draft_action if draft else send_action}"
    answer = client.post(path, json=body)
    return (answer.body or {}).get("id") if draft else None


def update_draft(client, form, draft_id: str, send: bool) -> None:
    """Save the form into a saved draft, add new files, and send it when asked."""
    path = graph_paths.message(draft_id)
    client.patch(path, json=message(form))
    for item in attachments(form.files.data):
        client.post(f"{path}/attachments", json=item)
    if send:
        client.post(f"{path}/send")
