"""Attachment downloads: through the app, always as a download, labelled by what the bytes
are, never rendered on this site's origin."""

from urllib.parse import quote

from flask import Response, url_for

from postpress_whitelabel.api import GraphError, login_required

from . import attachment_files, sniff
from .accounts import chosen_account
from .blueprint import bp
from .file_names import safe_name
from .graph_errors import error_response

CHUNK = 64 * 1024


def disposition(name: str) -> str:
    """``Content-Disposition: attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266,
    RFC 8187's ``filename*``)."""
    name = safe_name(name)
    fallback = name.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _chunks(content: bytes):
    """The bytes in pieces, so the response is streamed to the browser."""
    for start in range(0, len(content), CHUNK):
        yield content[start:start + CHUNK]


@bp.get("/<int:account_id>/messages/<message_id>/attachments/<attachment_id>")
@login_required
def download(account_id: int, message_id: str, attachment_id: str):
    """One attachment, as a download."""
    account = chosen_account(account_id)
    try:
        found = attachment_files.fetch(account, message_id, attachment_id)
    except GraphError as error:
        back = url_for("mail.read", account_id=account.id, message_id=message_id)
        return error_response(account, error, back=back)
    response = Response(_chunks(found.content),
                        content_type=sniff.served_type(found.declared_type, found.content))
    response.headers["Content-Length"] = str(len(found.content))
    response.headers["Content-Disposition"] = disposition(found.name)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response
