"""Form posts from the sandbox's pages: choosing an account and answering the consent prompt.

Both forms carry `ctx` (the parked authorize request) and `csrf_token` (the session's form
token); a post from another browser session finds no request and gets an error page.
"""

from flask import Blueprint, make_response, render_template, request

from . import browser_session, flow, pages
from .scopes import for_account
from .web import get_sandbox

bp = Blueprint("interaction", __name__)


def _parked_request():
    """The authorize request this form belongs to, after checking the form token."""
    browser_session.check_form_token(request.form.get("csrf_token"))
    return get_sandbox().pending_request(
        request.form.get("ctx", ""), browser_session.session_id()
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
        return pages.account_picker(req)
    browser_session.sign_in(user.oid)
    req.session_id = browser_session.session_id()
    req.account_chosen = True
    return flow.advance(req)


@bp.post("/<tenant>/Consent/Set")
def consent(tenant: str):
    """The consent page's post: `decision=accept` records the grant, anything else cancels."""
    req = _parked_request()
    if req is None:
        return _expired_page()
    sandbox = get_sandbox()
    user = sandbox.user(browser_session.signed_in_oid())
    if user is None:
        return flow.advance(req)
    if request.form.get("decision") != "accept":
        return flow.cancel(req)
    sandbox.record_grant(user.oid, req.client_id, for_account(req.scopes, user.is_personal))
    return flow.advance(req)
