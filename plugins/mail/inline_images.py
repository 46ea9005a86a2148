"""``cid:`` images: served from the message's attachments through the app.

The reading frame is sandboxed (an opaque origin), so the browser sends it no cookies of this
site; each image URL therefore carries a signed token naming the user, account, message,
attachment and the signed-in browser that opened the message. The route serves it only for
``MAX_AGE`` seconds, only while that browser is still signed in (signing out kills every such
link at once), and only while the account still belongs to that user. The token travels in
the query string (``/mail/inline?t=...``), which neither the app's request log nor the access
log records. Only raster image types are served, sniffed from the bytes, never as HTML or SVG.
"""

from flask import Response, abort, current_app, request, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from postpress_whitelabel.api import (
    ConnectedAccount,
    GraphError,
    browser_session_id,
    browser_session_open,
    db,
)

from . import attachment_files, sniff
from .blueprint import bp
from .web_origin import public_origin

SALT = "mail-inline-image"
MAX_AGE = 300  # seconds a page's image links keep working (a reload makes new ones)


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=SALT)


def content_ids(attachments: list[dict]) -> dict[str, str]:
    """{content id without angle brackets, lower-case: attachment id}."""
    found = {}
    for item in attachments:
        cid = (item.get("contentId") or "").strip().strip("<>").lower()
        if cid and item.get("id"):
            found[cid] = item["id"]
    return found


def url_maker(user_id: int, account_id: int, message_id: str, attachments: list[dict]):
    """``cid -> URL`` for the sanitizer; None for a cid the message has no attachment for."""
    by_cid = content_ids(attachments)
    signer = _signer()
    browser = browser_session_id()

    def make(cid: str) -> str | None:
        attachment_id = by_cid.get(cid.strip().strip("<>").lower())
        if attachment_id is None:
            return None
        token = signer.dumps([user_id, account_id, message_id, attachment_id, browser])
        return public_origin() + url_for("mail.inline_image", t=token)

    return make


@bp.get("/inline")
def inline_image():
    """One inline image of a message.

    :raise 404: for a bad or expired token, a browser that signed out, an account no longer
        the user's, or bytes that are not a raster image.
    """
    try:
        user_id, account_id, message_id, attachment_id, browser = _signer().loads(
            request.args.get("t", ""), max_age=MAX_AGE)
    except (BadSignature, ValueError, TypeError):
        abort(404)
    if not browser_session_open(browser, user_id):
        abort(404)
    account = db.session.get(ConnectedAccount, account_id)
    if account is None or account.user_id != user_id:
        abort(404)
    try:
        content = attachment_files.fetch(account, message_id, attachment_id).content
    except GraphError:
        abort(404)
    kind = sniff.image_type(content)
    if kind is None:
        abort(404)
    response = Response(content, mimetype=kind)
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
