"""Paging links for the message list, kept on Microsoft Graph.

Graph's ``@odata.nextLink`` is checked by the core (``next_page_path``: same origin as the
configured Graph, under ``/v1.0/``) and turned into a Graph-relative path. The browser gets
that path signed, bound to the user, account and list being shown, as the "Older" link's page
token, and sends it back; only a token the app signed for this very list is sent inside the
next ``$batch``. A path the browser wrote itself is never sent to Graph.
"""

import logging

from flask import current_app
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeSerializer

from postpress_whitelabel.api import GraphError, next_page_path

log = logging.getLogger(__name__)
SALT = "mail-list-page"
MAX_TOKEN = 4000


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt=SALT)


def _owner(account_id: int, list_path: str) -> list:
    """Whose list a token pages: the user, the account and the folder's messages path."""
    return [current_user.id, account_id, list_path]


def next_page(link, account_id: int, list_path: str) -> tuple[str | None, bool]:
    """(The "Older" link's page token or None, whether Graph's link was refused)."""
    try:
        path = next_page_path(link)
    except GraphError:
        log.warning("a message list's nextLink left Microsoft Graph; not followed")
        return None, True
    if path is None:
        return None, False
    return _signer().dumps([*_owner(account_id, list_path), path]), False


def accepted_page(token: str | None, account_id: int, list_path: str) -> str | None:
    """The Graph path a page token carries, when the app signed it for this user's list."""
    if not token or len(token) > MAX_TOKEN:
        return None
    try:
        *owner, path = _signer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if owner != _owner(account_id, list_path) or not isinstance(path, str):
        return None
    return path
