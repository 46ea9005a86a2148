"""The Accounts page: every Microsoft account linked to the user, with support details."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from .. import clock
from ..extensions import db
from ..models import ConnectedAccount
from ..plugin_host import manager
from ..signin import scopes
from . import refresh, storage

bp = Blueprint("accounts", __name__, url_prefix="/accounts")


def _own_account(account_id: int) -> ConnectedAccount:
    """The current user's account by id.

    :raise 404: for someone else's account too, so ids reveal nothing.
    """
    account = db.session.get(ConnectedAccount, account_id)
    if account is None or account.user_id != current_user.id:
        abort(404)
    return account


@bp.get("/")
@login_required
def index():
    """List the user's accounts with status, scopes and the last Microsoft error."""
    return render_template(
        "accounts.html",
        accounts=current_user.accounts,
        now=clock.now(),
        required=[s for s in scopes.required() if s not in scopes.OIDC_SCOPES],
    )


@bp.post("/<int(max=2147483647):account_id>/refresh")
@login_required
def check(account_id: int):
    """Refresh the account's tokens now: proves the connection works, or shows why not."""
    account = _own_account(account_id)
    try:
        refresh.refresh(account)
    except refresh.RefreshFailed as exc:
        details = " The details are under Last Microsoft error." if exc.error else ""
        flash(f"{account.email or account.name}: the connection does not work "
              f"({exc.reason}).{details}", "error")
    else:
        flash(f"{account.email or account.name}: the connection works; new tokens were "
              "issued.", "success")
    return redirect(url_for("accounts.index"))


@bp.post("/<int(max=2147483647):account_id>/disconnect")
@login_required
def disconnect(account_id: int):
    """Delete the account's tokens and say so."""
    account = _own_account(account_id)
    storage.disconnect(account)
    manager.current().hook.account_disconnected(account=account)
    flash(f"Disconnected {account.email or account.name}: its Microsoft tokens were deleted "
          "from this app.", "success")
    return redirect(url_for("accounts.index"))
