"""``/connect/microsoft`` and the two hosted callback routes of the guide.

Both callback paths are registered in Entra by every integrator, so both run one handler. Every
flow that comes back from Microsoft comes back here; the single-use ``state`` says which flow it
was, and the handler dispatches on the flow's kind.
"""

from __future__ import annotations

import logging

from flask import (
    Blueprint,
    flash,
    g,
    make_response,
    redirect,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required

from .. import security
from ..accounts import storage
from ..errors.problem_pages import render_problem
from ..extensions import db
from ..microsoft.client import TokenRequestFailed
from ..microsoft.errors import MicrosoftError
from ..microsoft.id_token import IdTokenError
from ..microsoft.metadata import DiscoveryError
from ..models import ConnectedAccount, SignInFlow
from ..operations import metrics
from ..plugin_host import manager
from ..plugin_host.flows import CORE_KINDS
from ..settings import credentials
from ..settings.credentials import CredentialsNotConfigured
from . import identity, pending_flows, scopes
from .finish import finish_sign_in
from .login import PICK_ACCOUNT
from .redirect_uris import CALLBACK, CALLBACK_PORT443, redirect_uris

log = logging.getLogger(__name__)
bp = Blueprint("hosted", __name__)

# "reconnect" asks for no prompt: Microsoft then shows consent only for what is not granted yet.
INTENTS = {"sign_in": None, "connect": "select_account", "reconsent": "consent",
           "reconnect": None}


@bp.post("/connect/microsoft")
def connect():
    """Send the browser to Microsoft: sign in, add an account, or grant missing permissions."""
    intent = request.form.get("intent", "sign_in")
    if intent not in INTENTS:
        intent = "sign_in"
    if intent != "sign_in" and not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    params = {"prompt": INTENTS[intent]} if INTENTS[intent] else {}
    if intent == "sign_in" and session.pop(PICK_ACCOUNT, False):
        params["prompt"] = "select_account"  # just signed out: offer the other accounts
    account = _own_account(request.form.get("account_id")) if intent != "sign_in" else None
    if account is not None and (account.username or account.email):
        params["login_hint"] = account.username or account.email
    try:
        return _start(intent, security.safe_next(request.form.get("next")), params, account)
    except CredentialsNotConfigured:
        return render_problem("not_configured")
    except DiscoveryError as exc:
        log.warning("sign-in not started: %s", exc)
        return render_problem("microsoft_unreachable")


def _own_account(account_id: str | None) -> ConnectedAccount | None:
    """The signed-in user's account a re-consent is about; anything else is ignored."""
    if not (isinstance(account_id, str) and account_id.isdecimal() and len(account_id) < 10):
        return None
    account = db.session.get(ConnectedAccount, int(account_id))
    return account if account is not None and account.user_id == current_user.id else None


def _start(intent: str, next_url: str | None, params: dict, account: ConnectedAccount | None):
    creds = credentials.active()
    discovery = identity.discovery(creds)
    redirect_uri = redirect_uris()[0]
    wanted = scopes.requested()
    auth = identity.authorization_request(creds, discovery, redirect_uri, wanted, **params)
    pending_flows.start(kind=intent, creds=creds, auth=auth, redirect_uri=redirect_uri,
                        scopes=wanted, next_url=next_url,
                        user_id=current_user.id if current_user.is_authenticated else None,
                        account_id=account.id if account else None)
    metrics.SIGN_INS_STARTED.labels(intent).inc()
    return redirect(auth["url"], code=303)


@bp.get(CALLBACK)
@bp.get(CALLBACK_PORT443)
def callback():
    """Finish whatever flow ``state`` names; refuse anything it does not vouch for."""
    response = make_response(_callback())
    response.headers["Referrer-Policy"] = "no-referrer"  # the URL carries the code
    error = g.get("microsoft_error")
    metrics.sign_in_answered(response.status_code, error is not None,
                             error.aadsts if error else None)
    return response


def _callback():
    flow = pending_flows.consume(request.args.get("state"))
    if isinstance(flow, pending_flows.FlowRejected):
        # Whatever else the URL says (an error text included) is unvouched for: not shown.
        log.info("callback refused: %s", flow.value)
        return render_problem(flow.value)
    if flow.kind not in CORE_KINDS:
        return _plugin_callback(flow)
    if "error" in request.args:
        return _microsoft_error(MicrosoftError.from_redirect(request.args), flow)
    code = request.args.get("code")
    if not code or len(code) > 4096:
        return render_problem("code_missing")
    try:
        return finish_sign_in(flow, code)
    except CredentialsNotConfigured:
        return render_problem("credentials_changed")
    except DiscoveryError as exc:
        log.warning("callback failed: %s", exc)
        return render_problem("microsoft_unreachable")
    except TokenRequestFailed as exc:
        if exc.error is None:
            return render_problem("microsoft_unreachable")
        return _microsoft_error(exc.error, flow)
    except IdTokenError as exc:
        log.warning("id_token rejected: %s", exc)
        return render_problem("id_token_invalid")


def _microsoft_error(error: MicrosoftError, flow: SignInFlow):
    """Record Microsoft's error for support, let a plugin answer it, else explain it."""
    log.info("Microsoft returned an error: %s", error.to_log_dict())
    g.microsoft_error = error
    account = db.session.get(ConnectedAccount, flow.account_id or 0)
    if account is not None and account.user_id == flow.user_id:
        storage.record_error(account, error)
    answer = manager.current().hook.handle_oauth_error(error=error, flow=flow)
    return answer if answer is not None else render_problem(error.advice(), error)


def _plugin_callback(flow: SignInFlow):
    """A plugin's flow came back: the plugin that owns the kind answers it."""
    answer = manager.current().hook.handle_callback(flow=flow, args=request.args)
    if answer is None:
        log.warning("no plugin answered a callback of kind %r", flow.kind)
        return render_problem("flow_unclaimed")
    return answer


@bp.get("/connect/microsoft")
@login_required
def connect_page():
    """A GET here (a bookmark, a typed URL) lands on the accounts page, where the POST lives."""
    flash("Use the button below to connect another Microsoft account.", "info")
    return redirect(url_for("accounts.index"))
