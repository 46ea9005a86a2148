"""What happens next in a parked authorize request: pick an account, consent, or get a code.

Called after authorize, after the account picker and after every consent-page post, so the rules
for `prompt`, `login_hint` and grants are applied in one place; `consent_rules.decide` says which
page, if any, the person sees. Admin consent requests share the picker, then go to
`admin_consent_grant`.
"""

import secrets

from ..directory import tenants
from ..directory.models import AppRegistration, AuthorizationCode, AuthorizationRequest, User
from ..directory.scopes import OIDC_SCOPES, for_account, graph_scopes
from ..web import get_sandbox
from . import admin_consent_grant, browser_session, client_info, consent_pages, sign_in_pages
from .aadsts_errors import RETURN_WITHOUT_CONSENT, SILENT_REAUTHENTICATION, AadstsError
from .browser_responses import error_to_client, to_client
from .consent_rules import Decision, Outcome, Situation, decide


def advance(req: AuthorizationRequest):
    """Render the next page of the flow, or answer the client."""
    sandbox = get_sandbox()
    app = sandbox.app(req.client_id)
    user = sandbox.user(browser_session.signed_in_oid())
    if req.prompt == "none":
        return _silent(req, user)
    if _must_choose_account(req, user):
        return sign_in_pages.account_picker(req)
    path = tenants.resolve(req.tenant_path, sandbox.tenants)
    try:
        tenants.check_user(path, app, user)
    except AadstsError as err:
        return sign_in_pages.account_picker(req, error=err)
    if req.purpose == "adminconsent":
        return admin_consent_grant.advance(req, app, user)
    decision = consent_decision(req, app, user)
    if decision.outcome == Outcome.ISSUE:
        return issue_code(req, user)
    if decision.outcome == Outcome.PROMPT:
        return sign_in_pages.consent(req, app, user, decision)
    return consent_pages.interrupt(req, app, user, decision.outcome)


def consent_decision(req: AuthorizationRequest, app: AppRegistration, user: User,
                     answering: bool = False) -> Decision:
    """Ask the consent rules about this request, with the user's effective grant.

    `answering` is set for the consent post: prompt=consent still counts, since the page being
    answered was shown because of it.
    """
    sandbox = get_sandbox()
    return decide(Situation(
        tenant=sandbox.tenant(user.tenant_id),
        user=user,
        app=app,
        requested=for_account(req.scopes, user.is_personal),
        granted=sandbox.effective_scopes(user, app.client_id),
        force_prompt=req.prompt == "consent" and (answering or not req.consent_shown),
        blocked=sandbox.is_blocked(user.tenant_id, app.client_id),
        already_requested=sandbox.has_requested(user.tenant_id, app.client_id, user.oid),
    ))


def _must_choose_account(req: AuthorizationRequest, user: User | None) -> bool:
    """Whether the account picker comes first (nobody signed in, prompt, another hint, or
    "Sign in with that account")."""
    if req.pick_again:
        return True
    if req.account_chosen:
        return False
    if user is None or req.prompt in ("login", "select_account"):
        return True
    if reauthentication_due(req):
        return True
    hinted = get_sandbox().user_by_login(req.login_hint)
    return hinted is not None and hinted.oid != user.oid


def reauthentication_due(req: AuthorizationRequest) -> bool:
    """OIDC `max_age`: the user must sign in again when their last sign-in in this browser is
    older than max_age seconds, or of unknown age (or in the future: the sandbox clock was
    reset); `max_age=0` always asks, as prompt=login."""
    if req.max_age is None:
        return False
    authenticated = browser_session.authenticated_at()
    if req.max_age == 0 or authenticated is None:
        return True
    elapsed = get_sandbox().clock.now() - authenticated
    return not 0 <= elapsed <= req.max_age


def auth_time_claim(req: AuthorizationRequest) -> float | None:
    """The id_token's `auth_time` for this request: when the user last signed in here.

    UNCONFIRMED: OpenID Connect requires it when the request had max_age, and Microsoft's
    reference does not list it; the sandbox sends it then (and on id_tokens refreshed from that
    sign-in), never otherwise.
    """
    return browser_session.authenticated_at() if req.max_age is not None else None


def _silent(req: AuthorizationRequest, user: User | None):
    """`prompt=none`: a code without any page, or the error that says which page is needed."""
    sandbox = get_sandbox()
    app = sandbox.app(req.client_id)
    try:
        if user is None:
            raise AadstsError(50058)
        if reauthentication_due(req):
            raise AadstsError(SILENT_REAUTHENTICATION)
        path = tenants.resolve(req.tenant_path, sandbox.tenants)
        try:
            tenants.check_user(path, app, user)
        except AadstsError as err:
            raise AadstsError(err.code, err.params, error_override="interaction_required") from err
        if consent_decision(req, app, user).outcome != Outcome.ISSUE:
            raise AadstsError(65001, {"client_id": app.client_id, "app_name": app.display_name})
    except AadstsError as err:
        sandbox.finish_request(req.ctx)
        return error_to_client(err, req.redirect_uri, req.response_mode, req.state)
    return issue_code(req, user)


def issue_code(req: AuthorizationRequest, user: User):
    """Mint a code for the granted scopes and send it to the client with `state`."""
    sandbox = get_sandbox()
    granted = for_account(sandbox.effective_scopes(user, req.client_id), user.is_personal)
    oidc = [s for s in OIDC_SCOPES if s in req.scopes and s in granted]
    record = AuthorizationCode(
        code="0.A" + secrets.token_urlsafe(64),
        client_id=req.client_id,
        redirect_uri=req.redirect_uri,
        oid=user.oid,
        tenant_id=user.tenant_id,
        scopes=graph_scopes(granted) + oidc,
        nonce=req.nonce,
        code_challenge=req.code_challenge,
        code_challenge_method=req.code_challenge_method,
        session_id=browser_session.session_id(),
        issued_at=sandbox.clock.now(),
        auth_time=auth_time_claim(req),
    )
    sandbox.issue_code(record)
    sandbox.finish_request(req.ctx)
    params = {"code": record.code}
    if req.client_info:
        params["client_info"] = client_info.encode(user.oid, user.tenant_id)
    if req.state is not None:
        params["state"] = req.state
    params["session_state"] = record.session_id
    return to_client(req.redirect_uri, req.response_mode, params)


def leave(req: AuthorizationRequest, page: str):
    """The person left `page` without consenting: the error RETURN_WITHOUT_CONSENT names."""
    sandbox = get_sandbox()
    app = sandbox.app(req.client_id)
    sandbox.finish_request(req.ctx)
    code, subcode = RETURN_WITHOUT_CONSENT[page]
    err = AadstsError(code, {"client_id": app.client_id, "app_name": app.display_name},
                      subcode=subcode)
    return error_to_client(err, req.redirect_uri, req.response_mode, req.state)
