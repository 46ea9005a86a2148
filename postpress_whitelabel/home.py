"""The home page: a greeting and the connected accounts at a glance."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from .plugin_host.ui import panels_for

bp = Blueprint("views", __name__)


@bp.get("/")
def home():
    """Anonymous visitors get the sign-in page; signed-in users their accounts."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    accounts = current_user.accounts
    return render_template("home.html", accounts=accounts, panels=panels_for(accounts))
