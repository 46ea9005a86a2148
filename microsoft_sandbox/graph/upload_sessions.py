"""Large attachments through an upload session, as Graph documents it ("Attach large files to
Outlook messages or events"): `POST .../attachments/createUploadSession` with an
`AttachmentItem` of 3 MB to 150 MB (201 with an `uploadSession`), then `PUT`s of byte ranges,
in order, to its pre-authenticated `uploadUrl` (200 with `nextExpectedRanges`; the last one
201 with the attachment's URL in `Location`); `DELETE` on the URL cancels the session.

At Microsoft the upload URL lives on outlook.office.com (`/api/v2.0/Users(...)/Messages(...)/
AttachmentSessions(...)?authtoken=...`); the sandbox serves the same path on its own origin.
Sessions belong to the Graph store, so a reset forgets them.
"""

import re
import secrets
import weakref
from dataclasses import dataclass, field

from flask import Blueprint, Response, request

from ..web import base_url, get_sandbox
from . import access, errors, ids, owners, payload
from .attachment_input import INLINE_LIMIT
from .blueprint import bp
from .errors import GraphError, bad_request, not_found
from .mail import find_message
from .models import Attachment
from .responses import empty, json_response
from .store import GraphStore
from .timezones import iso_utc

# Documented: files of 3 MB up to 150 MB take an upload session.
MAX_SIZE = 150 * 1024 * 1024
# UNCONFIRMED: how long an upload URL stays valid (Graph gives `expirationDateTime`, not a rule).
LIFETIME = 15 * 60
_RANGE = re.compile(r"^bytes (\d{1,12})-(\d{1,12})/(\d{1,12})$")
_SESSIONS: "weakref.WeakKeyDictionary[GraphStore, dict]" = weakref.WeakKeyDictionary()

uploads = Blueprint("outlook_uploads", __name__, url_prefix="/api/v2.0")
uploads.register_error_handler(GraphError, errors.render)
uploads.after_request(errors.stamp_ids)
SESSION_PATH = "/Users('<user>')/Messages('<message_id>')/AttachmentSessions('<session_id>')"


def refused(status: int, code: str, message: str) -> GraphError:
    """UNCONFIRMED: the statuses, codes and words of the upload URL's refusals (a wrong or
    expired token, a bad or out-of-order `Content-Range`); Graph documents the flow only."""
    return GraphError(status, code, message)


@dataclass
class Session:
    """One upload in progress."""

    id: str
    token: str
    owner_oid: str
    tenant_id: str
    message_id: str
    item: dict
    expires: float
    data: bytearray = field(default_factory=bytearray)


def _sessions() -> dict[str, Session]:
    """The current store's sessions by id."""
    return _SESSIONS.setdefault(owners.store(), {})


def _item(raw) -> dict:
    """The `AttachmentItem` parameter, checked.

    :raise GraphError: 400 for anything but a named file of 3 MB to 150 MB.
    """
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise bad_request("The AttachmentItem parameter must name a file.")
    if str(raw.get("attachmentType", "file")).lower() != "file":
        raise bad_request("The sandbox takes file attachments only.")
    size = raw.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        raise bad_request("The AttachmentItem parameter needs its size in bytes.")
    if size < INLINE_LIMIT:
        raise bad_request("The attachment is smaller than 3 MB: post it to the attachments "
                          "collection instead.",
                          code="ErrorAttachmentSizeShouldNotBeLessThanMinimumSize")
    if size > MAX_SIZE:
        raise bad_request(f"The attachment is larger than 150 MB ({MAX_SIZE} bytes).",
                          code="ErrorInvalidRequest")
    return raw


def _url(session: Session, tail: str) -> str:
    """The session's URL (or a sibling, for `Attachments('...')`) on this origin."""
    return (f"{base_url()}/api/v2.0/Users('{session.owner_oid}@{session.tenant_id}')/"
            f"Messages('{session.message_id}')/{tail}")


@owners.on_mailbox(bp, "/messages/<message_id>/attachments/createUploadSession",
                   "graph_create_upload_session", methods=("POST",))
def create_upload_session(message_id: str, user_ref: str | None = None):
    """Open an upload session for a large file attachment: 201 with the `uploadSession`."""
    owner, mailbox = owners.mailbox_of(access.caller(), user_ref, access.MAIL_WRITE)
    item = _item(payload.action_params("createUploadSession",
                                       ("AttachmentItem",)).get("AttachmentItem"))
    now = get_sandbox().clock.now()
    with owners.store().lock:
        find_message(mailbox, message_id)
        session = Session(ids.new_id(), secrets.token_urlsafe(32), owner.oid, owner.tenant_id,
                          message_id, item, now + LIFETIME)
        _sessions()[session.id] = session
    return json_response({
        "@odata.context": f"{base_url()}/v1.0/$metadata#microsoft.graph.uploadSession",
        "uploadUrl": _url(session, f"AttachmentSessions('{session.id}')?authtoken={session.token}"),
        "expirationDateTime": iso_utc(session.expires),
        "nextExpectedRanges": ["0-"]}, status=201)


def _session(session_id: str) -> Session:
    """The session the upload URL names, if its token is right and it has not expired.

    :raise GraphError: 401 for a wrong or expired token, 404 for no such session.
    """
    session = _sessions().get(session_id)
    if session is None:
        raise not_found()
    if not secrets.compare_digest(request.args.get("authtoken", ""), session.token) \
            or get_sandbox().clock.now() >= session.expires:
        raise refused(401, "InvalidAuthenticationToken", "The upload URL's token is not valid.")
    return session


def _range(session: Session) -> tuple[int, int]:
    """(start, end) of this PUT, which must continue the upload and match the body.

    :raise GraphError: 400 for a missing or inconsistent `Content-Range`, 416 out of order.
    """
    match = _RANGE.match(request.headers.get("Content-Range", ""))
    if match is None:
        raise refused(400, "ErrorInvalidRequest", "Content-Range must read 'bytes {start}-"
                      "{end}/{total}'.")
    start, end, total = (int(g) for g in match.groups())
    if total != session.item["size"] or end < start or end >= total \
            or len(request.get_data()) != end - start + 1:
        raise refused(400, "ErrorInvalidRequest", "Content-Range does not match the "
                      "attachment's size or the bytes sent.")
    if start != len(session.data):
        raise refused(416, "ErrorInvalidRange", f"The next expected byte is {len(session.data)}.")
    return start, end


@uploads.route(SESSION_PATH, methods=["PUT"], endpoint="graph_upload_attachment_range")
def upload_range(user: str, message_id: str, session_id: str):
    """Upload the next byte range: 200 with what comes next, 201 once the file is whole."""
    with owners.store().lock:
        session = _session(session_id)
        _range(session)
        session.data += request.get_data()
        if len(session.data) < session.item["size"]:
            return json_response({"@odata.context": _url(session, "AttachmentSessions/$entity"),
                                  "expirationDateTime": iso_utc(session.expires),
                                  "nextExpectedRanges": [str(len(session.data))]})
        attachment = _attach(session)
    response = Response(status=201)
    del response.headers["Content-Type"]
    response.headers["Location"] = _url(session, f"Attachments('{attachment.id}')")
    return response


def _attach(session: Session) -> Attachment:
    """Add the finished file to its message and close the session."""
    del _sessions()[session.id]
    owner = get_sandbox().user(session.owner_oid)
    if owner is None:
        raise not_found()
    message = owners.store().mailbox(owner).messages.get(session.message_id)
    if message is None:
        raise not_found()
    item, now = session.item, get_sandbox().clock.now()
    attachment = Attachment(ids.new_id(), item["name"],
                            str(item.get("contentType") or "application/octet-stream"),
                            len(session.data), now, is_inline=item.get("isInline") is True,
                            content_id=item.get("contentId"), content=bytes(session.data))
    message.attachments.append(attachment)
    message.version, message.modified = message.version + 1, now
    return attachment


@uploads.route(SESSION_PATH, methods=["DELETE"], endpoint="graph_cancel_upload_session")
def cancel_upload(user: str, message_id: str, session_id: str):
    """Cancel the upload: 204, and the bytes received so far are dropped."""
    with owners.store().lock:
        _sessions().pop(_session(session_id).id, None)
    return empty(204)

