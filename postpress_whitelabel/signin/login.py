"""The login page, logout, and how Flask-Login finds the user of a session."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, logout_user

from .. import security
from ..extensions import db, login_manager
from ..models import User
from . import browser_sessions

bp = Blueprint("auth", __name__)
PICK_ACCOUNT = "pp_pick_account"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The session's user while its browser record lives; unknown or malformed ids, and
    signed-out copies of a cookie, mean "nobody", never an error."""
    if not (isinstance(user_id, str) and user_id.isdecimal() and len(user_id) < 10):
        return None
    if not browser_sessions.is_open_for(int(user_id)):
        return None
    return db.session.get(User, int(user_id))


@bp.get("/login")
def login():
    """The sign-in button; ``next`` is kept only when it is a path on this site."""
    next_url = security.safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("views.home"))
    return render_template("login.html", next_url=next_url)


@bp.post("/logout")
def logout():
    """End the session here (any copy of its cookie too); the Microsoft session is the user's
    own business."""
    browser_sessions.close()
    logout_user()
    session.clear()
    # Microsoft keeps its own session: let the next sign-in here pick an account again.
    session[PICK_ACCOUNT] = True
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


def init_app(app) -> None:
    """Send anonymous visitors of protected pages to the login page with a safe ``next``."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Sign in to continue."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
