"""What happens after Microsoft sends a code back: tokens, identity, account, session."""

from __future__ import annotations

import logging

from flask import current_app, flash, redirect, session, url_for
from flask_login import current_user, login_user

from .. import clock
from ..accounts import storage
from ..errors.problem_pages import render_problem
from ..extensions import db
from ..models import SignInFlow, User
from ..plugin_host import manager
from ..settings import credentials
from . import browser_sessions, identity, pending_flows

log = logging.getLogger(__name__)


def finish_sign_in(flow: SignInFlow, code: str):
    """Redeem the code with the flow's own credentials, then sign in or link the account."""
    creds = credentials.for_flow(flow.credentials_source, flow.client_id)
    token, who = identity.redeem(creds, flow.redirect_uri, code, flow.code_verifier, flow.nonce,
                                 clock.now().timestamp())
    allowed = current_app.config["ALLOWED_TENANTS"]
    if allowed and who.tid not in {t.lower() for t in allowed}:
        log.info("sign-in refused: tenant %s not in ALLOWED_TENANTS", who.tid)
        return render_problem("tenant_not_allowed")
    owner = None
    if flow.kind != "sign_in":
        owner = db.session.get(User, flow.user_id or 0)
        if owner is None or not current_user.is_authenticated or current_user.id != owner.id:
            return render_problem("sign_in_first")
    try:
        account = storage.save(who, token, flow, owner)
    except storage.AccountOwnedElsewhere:
        return render_problem("account_owned")
    except storage.LinkedElsewhere:
        return render_problem("linked_elsewhere")
    except storage.WrongAccount:
        return render_problem("wrong_account")
    if owner is None:
        _start_session(account.user)
    manager.current().hook.account_connected(account=account, user=account.user, kind=flow.kind)
    _announce(flow.kind, account)
    return redirect(flow.next_url or url_for("views.home"))


def _start_session(user: User) -> None:
    """A fresh session for the signed-in user: nothing from before sign-in carries over but
    the browser's open flows, moved to a new binding, so another tab's sign-in can finish."""
    previous = pending_flows.carried_over()
    session.clear()
    pending_flows.rebind(previous)
    login_user(user)
    browser_sessions.open_for(user)


def _announce(kind: str, account) -> None:
    label = account.email or account.name
    if account.status == "needs_consent":
        flash(f"{label} is connected, but some permissions were not granted. "
              "Open Accounts to grant them.", "warning")
    elif kind == "connect":
        flash(f"Connected {label}.", "success")
    elif kind == "reconsent":
        flash(f"Permissions updated for {label}.", "success")
    elif kind == "reconnect":
        flash(f"{label} is connected again.", "success")
    else:
        flash(f"Signed in as {label}.", "success")
