"""`GET /{tenant}/oauth2/v2.0/logout`: end the sandbox session, then go back if trusted.

The post-logout redirect is followed only when its origin is the origin of one of the app's
registered redirect URIs (app from `client_id` or the `id_token_hint` audience); anything
else lands on the sandbox's "You signed out" page, so logout is never an open redirector.
"""

import base64
import json
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, make_response, redirect, render_template, request

from ..web import get_sandbox
from . import browser_session

bp = Blueprint("logout", __name__)


def _origin(url: str) -> str | None:
    """scheme://host[:port] of an http(s) URL, lower-cased; None for anything else, including
    URLs `urlsplit` cannot read (such as an unclosed IPv6 bracket)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def _hinted_client_id(id_token_hint: str | None) -> str | None:
    """The `aud` of an id_token hint; only used to find the app, so it is not verified."""
    try:
        payload = id_token_hint.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        aud = claims.get("aud")
        return aud if isinstance(aud, str) else None
    except (AttributeError, IndexError, ValueError, RecursionError):
        return None


def trusted_post_logout(target: str | None, client_id: str | None) -> bool:
    """Whether `target` shares an origin with a redirect URI registered for the app."""
    app = get_sandbox().app(client_id)
    if not target or app is None:
        return False
    origin = _origin(target)
    return origin is not None and origin in {_origin(uri) for uri in app.redirect_uris}


@bp.get("/<tenant>/oauth2/v2.0/logout")
def logout(tenant: str):
    """Sign out of the sandbox and return to the app when that is safe."""
    browser_session.sign_out()
    target = request.args.get("post_logout_redirect_uri")
    client_id = request.args.get("client_id") or _hinted_client_id(
        request.args.get("id_token_hint")
    )
    if trusted_post_logout(target, client_id):
        state = request.args.get("state")
        if state is not None:
            separator = "&" if urlsplit(target).query else "?"
            target = f"{target}{separator}{urlencode({'state': state})}"
        return redirect(target, code=302)
    html = render_template(
        "message.html",
        title="You signed out of your account",
        text="It's a good idea to close all browser windows.",
    )
    return make_response(html)
