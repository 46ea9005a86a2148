"""A message's file attachment, fetched through the Graph client.

The client returns parsed JSON, so bytes come as ``contentBytes`` (base64) from
``GET /me/messages/{id}/attachments/{id}``: one request, the file held in memory once.
Item and reference attachments have no bytes to download.
"""

import base64
import binascii
from dataclasses import dataclass

from postpress_whitelabel.api import GraphError, graph

from . import graph_paths

FILE_ATTACHMENT = "#microsoft.graph.fileAttachment"


@dataclass
class AttachmentFile:
    """An attachment's name, declared type and bytes."""

    name: str
    declared_type: str
    content: bytes


def fetch(account, message_id: str, attachment_id: str) -> AttachmentFile:
    """The attachment's bytes.

    :raise GraphError: Graph's refusal; ``not_found`` also for an attachment without bytes
        (an item or reference attachment) or with bytes that are not base64.
    """
    path = f"{graph_paths.message(message_id)}/attachments/{graph_paths.segment(attachment_id)}"
    body = graph(account).get(path).body or {}
    encoded = body.get("contentBytes") if isinstance(body, dict) else None
    if body.get("@odata.type", FILE_ATTACHMENT) != FILE_ATTACHMENT or not isinstance(encoded,
                                                                                     str):
        raise GraphError("This attachment has no file to download.", status=404,
                         code="ErrorItemNotFound")
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise GraphError("The attachment's bytes could not be read.", status=404,
                         code="ErrorItemNotFound") from None
    return AttachmentFile(str(body.get("name") or "attachment"),
                          str(body.get("contentType") or "application/octet-stream"), content)
