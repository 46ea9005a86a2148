"""One message as the reading page shows it: headers, body made safe, attachments."""

from dataclasses import dataclass, field

from flask_login import current_user

from . import file_names, inline_images, mail_time, plain_text, reading_frame, sanitize


@dataclass
class Reading:
    """What the template needs of a message."""

    id: str
    subject: str
    sender: str
    to: str
    cc: str
    date: str
    zone_label: str
    is_read: bool
    flagged: bool
    draft: bool
    body: object  # Markup: the frame, or the linkified text
    html: bool
    blocked_images: int = 0
    images_allowed: bool = False
    attachments: list[dict] = field(default_factory=list)


def people(recipients) -> str:
    """``Name <address>, ...`` of a recipient list."""
    shown = []
    for item in recipients or []:
        address = (item or {}).get("emailAddress") or {}
        name, mail = address.get("name") or "", address.get("address") or ""
        shown.append(f"{name} <{mail}>" if name and name != mail else mail or name)
    return ", ".join(s for s in shown if s)


def files(attachments: list[dict]) -> list[dict]:
    """The attachments a reader downloads (inline images are part of the body)."""
    return [{"id": a.get("id", ""), "name": file_names.visible(a.get("name")),
             "type": a.get("contentType") or "application/octet-stream",
             "size": int(a.get("size") or 0)}
            for a in attachments if not a.get("isInline") and a.get("id")]


def reading(account, message: dict, allow_remote: bool) -> Reading:
    """The page's view of a Graph message (with ``$expand=attachments``)."""
    tz, label = mail_time.remembered(account.id)
    attachments = message.get("attachments") or []
    body = message.get("body") or {}
    html = (body.get("contentType") or "text").lower() == "html"
    cleaned = None
    if html:
        make_url = inline_images.url_maker(current_user.id, account.id, message["id"],
                                           attachments)
        cleaned = sanitize.clean_html(body.get("content") or "", allow_remote, make_url)
        shown = reading_frame.iframe(cleaned.html, allow_remote, "Message body")
    else:
        shown = plain_text.linkify(body.get("content") or "")
    return Reading(
        id=message["id"], subject=message.get("subject") or "(no subject)",
        sender=people([message.get("from")] if message.get("from") else []),
        to=people(message.get("toRecipients")), cc=people(message.get("ccRecipients")),
        date=mail_time.full(message.get("receivedDateTime"), tz), zone_label=label,
        is_read=bool(message.get("isRead")),
        flagged=(message.get("flag") or {}).get("flagStatus") == "flagged",
        draft=bool(message.get("isDraft")), body=shown, html=html,
        blocked_images=cleaned.blocked_images if cleaned else 0,
        images_allowed=allow_remote, attachments=files(attachments))
