"""File attachments from request bodies: sendMail, drafts and `POST .../attachments`.

Graph keeps what it is sent, so the sandbox stores the decoded bytes; reading them back
(`contentBytes`, `$value`) returns them unchanged. Graph documents that an attachment posted
inline must be under 3 MB; larger files go through an upload session, which the sandbox does
not offer, so they are refused with an error that names the limit.
"""

import base64
import binascii
import mimetypes

from . import ids, payload
from .errors import GraphError, bad_request
from .models import Attachment

# Documented: "This operation limits the size of the attachment you can add to under 3 MB."
INLINE_LIMIT = 3 * 1024 * 1024
FILE_TYPE = "microsoft.graph.fileAttachment"


def too_large(size: int) -> GraphError:
    """UNCONFIRMED: the status, code and words of Graph's refusal of an attachment of 3 MB or
    more posted inline (the documentation gives the limit, not the error)."""
    return GraphError(413, "ErrorRequestEntityTooLarge",
                      f"The attachment is {size} bytes; an attachment posted in a request must "
                      f"be under 3 MB ({INLINE_LIMIT} bytes). Upload larger files with an "
                      "upload session.")


def _content(item: dict) -> bytes:
    """The decoded `contentBytes`.

    :raise GraphError: 400 when it is missing or not base64; 413 at 3 MB or more.
    """
    raw = item.get("contentBytes")
    if not isinstance(raw, str):
        raise bad_request("Invalid attachment: contentBytes is required.")
    if len(raw) > (INLINE_LIMIT // 3 + 1) * 4 + 8:
        raise too_large(len(raw) * 3 // 4)
    try:
        content = base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise bad_request("Invalid attachment: contentBytes is not base64.") from exc
    if len(content) >= INLINE_LIMIT:
        raise too_large(len(content))
    return content


def attachment_of(item, now: float) -> Attachment:
    """One file attachment from JSON (content type from the name when not given).

    :raise GraphError: 400 for anything but a named fileAttachment with base64 bytes.
    """
    if not isinstance(item, dict) or not isinstance(item.get("name"), str):
        raise bad_request("Invalid attachment.")
    payload.check_type(item, "microsoft.graph.attachment")
    kind = item.get("@odata.type", "#" + FILE_TYPE).lstrip("#")
    if kind != FILE_TYPE:
        raise bad_request(f"The sandbox keeps file attachments only, not '{kind}'.")
    content = _content(item)
    content_type = item.get("contentType")
    if not isinstance(content_type, str) or not content_type:
        content_type = mimetypes.guess_type(item["name"])[0] or "application/octet-stream"
    content_id = item.get("contentId")
    return Attachment(ids.new_id(), item["name"], content_type, len(content), now,
                      is_inline=item.get("isInline") is True,
                      content_id=content_id if isinstance(content_id, str) else None,
                      content=content)


def attachments_of(raw, now: float) -> list[Attachment]:
    """File attachments from a message's `attachments` list.

    :raise GraphError: 400 for anything but a list of file attachments, 413 for one too large.
    """
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise bad_request("Invalid value for property 'attachments'.")
    return [attachment_of(item, now) for item in raw]
