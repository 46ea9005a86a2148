"""Form posts from the sandbox's pages: choosing an account and answering the consent pages.

Both forms carry `ctx` (the parked authorize request) and `csrf_token` (the session's form
token); a post from another browser session finds no request and gets an error page.
"""

from flask import Blueprint, make_response, render_template, request

from ..directory.scopes import for_account
from ..web import get_sandbox
from . import admin_consent_grant, browser_session, consent_pages, sign_in_flow, sign_in_pages
from .consent_rules import Outcome

bp = Blueprint("interaction", __name__)


def _parked_request():
    """The authorize request this form belongs to, after checking the form token."""
    browser_session.check_form_token(request.form.get("csrf_token"))
    return get_sandbox().pending_request(
        request.form.get("ctx", ""), browser_session.browser_id()
    )


def _expired_page():
    """Shown when the request behind a form is gone (finished, reset or another session)."""
    html = render_template(
        "message.html",
        title="Sorry, but we're having trouble signing you in.",
        text="This sign-in request is no longer valid. Go back to the application and retry.",
    )
    return make_response(html, 400)


@bp.post("/<tenant>/login")
def login(tenant: str):
    """The account picker's post: sign the chosen demo user in and continue the flow."""
    req = _parked_request()
    if req is None:
        return _expired_page()
    user = get_sandbox().user(request.form.get("oid"))
    if user is None:
        return sign_in_pages.account_picker(req)
    browser_session.sign_in(user.oid, get_sandbox().clock.now())
    req.account_chosen, req.pick_again = True, False
    return sign_in_flow.advance(req)


@bp.post("/<tenant>/Consent/Set")
def consent(tenant: str):
    """Every consent-page post, told apart by `decision`: accept, cancel (leave), request
    (admin consent workflow) or switch_account ("Have an admin account?")."""
    req = _parked_request()
    if req is None:
        return _expired_page()
    sandbox = get_sandbox()
    user = sandbox.user(browser_session.signed_in_oid())
    app = sandbox.app(req.client_id)
    if user is None or app is None:
        return sign_in_flow.advance(req)
    decision = request.form.get("decision")
    if decision == "switch_account":
        req.pick_again, req.account_chosen = True, False
        return sign_in_flow.advance(req)
    if req.purpose == "adminconsent":
        return admin_consent_grant.answer(req, app, user, decision)
    return _answer(req, app, user, decision)


def _answer(req, app, user, decision: str | None):
    """Act on a sign-in's consent post only as far as the rules allow right now."""
    sandbox = get_sandbox()
    current = sign_in_flow.consent_decision(req, app, user, answering=True)
    scopes = for_account(req.scopes, user.is_personal)
    if decision == "accept" and current.outcome == Outcome.PROMPT:
        # An unchecked checkbox is never posted; a checked one posts "on" (no value attribute).
        if current.on_behalf and request.form.get("consent_on_behalf"):
            sandbox.grant_tenant_consent(user.tenant_id, app.client_id, scopes, user.oid,
                                         "consent_prompt")
        else:
            sandbox.record_grant(user.oid, app.client_id, scopes)
        return sign_in_flow.advance(req)
    if decision == "request" and current.outcome == Outcome.REQUEST_APPROVAL:
        justification = (request.form.get("justification") or "").strip()[:1000]
        sandbox.request_admin_consent(user, app.client_id, scopes, justification)
        return consent_pages.request_sent(req, app, user)
    if decision == "cancel":
        page = Outcome.PROMPT if current.outcome == Outcome.ISSUE else current.outcome
        return sign_in_flow.leave(req, page)
    return sign_in_flow.advance(req)
