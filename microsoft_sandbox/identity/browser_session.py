"""The sandbox's own browser session: who is signed in, the session id, the form token.

It lives in the `sandbox_session` cookie so it never clobbers an app on the same host. A
sign-in belongs to the sandbox's state it happened in: after a reset to the seed (between two
demos) every browser is signed out, as the directory it signed in to is gone.
"""

import hmac
import secrets

from flask import abort, session

from ..web import get_sandbox


def session_id() -> str:
    """The browser session's id (the `sid` claim), created on first use."""
    if "sid" not in session:
        session["sid"] = secrets.token_hex(16)
    return session["sid"]


def browser_id() -> str:
    """This browser's id, kept across sign-ins (only signing out forgets it): what parked
    requests are bound to."""
    if "bid" not in session:
        session["bid"] = secrets.token_hex(16)
    return session["bid"]


def form_token() -> str:
    """The per-session token every sign-in and consent form must post back as `csrf_token`."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


def check_form_token(posted: str | None) -> None:
    """Refuse a form post that did not come from a page this session rendered.

    :raise 400: when the token is missing or wrong.
    """
    expected = session.get("csrf")
    # Bytes: compare_digest refuses str with non-ASCII characters instead of answering False.
    if not expected or not posted or not hmac.compare_digest(
            expected.encode(), posted.encode("utf-8", "surrogatepass")):
        abort(400, description="The form has expired. Go back to the application and retry.")


def _epoch() -> str:
    """The sandbox state's reset epoch, as the cookie can hold it."""
    return get_sandbox().reset_epoch.hex()


def signed_in_oid() -> str | None:
    """The oid of the user signed in to the sandbox in this browser since the last reset, if
    any."""
    if session.get("epoch") != _epoch():
        return None
    return session.get("oid")


def authenticated_at() -> float | None:
    """When the signed-in user last authenticated in this browser (sandbox clock), if known."""
    return session.get("auth_time")


def sign_in(oid: str, now: float) -> None:
    """Sign a user in at `now`; a new sign-in starts a new session id, as a fresh login
    would, and is what `max_age` measures from."""
    session["oid"] = oid
    session["epoch"] = _epoch()
    session["sid"] = secrets.token_hex(16)
    session["auth_time"] = now


def sign_out() -> None:
    """Forget everything the sandbox knows about this browser."""
    session.clear()
