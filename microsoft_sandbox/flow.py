"""What happens next in a parked authorize request: pick an account, consent, or get a code.

Called after authorize, after the account picker and after the consent page, so the rules for
`prompt`, `login_hint` and existing grants are decided in one place.
"""

import secrets

from . import browser_session, pages, tenants
from .errors import AadstsError
from .models import AuthorizationCode, AuthorizationRequest, User
from .responses import error_to_client, to_client
from .scopes import OIDC_SCOPES, for_account, graph_scopes
from .web import get_sandbox


def current_session_id() -> str:
    """The browser session an authorize request is bound to."""
    return browser_session.session_id()


def advance(req: AuthorizationRequest):
    """Render the next page of the flow, or answer the client."""
    sandbox = get_sandbox()
    app = sandbox.app(req.client_id)
    user = sandbox.user(browser_session.signed_in_oid())
    if req.prompt == "none":
        return _silent(req, user)
    if _must_choose_account(req, user):
        return pages.account_picker(req)
    path = tenants.resolve(req.tenant_path, sandbox.tenants)
    try:
        tenants.check_user(path, app, user)
    except AadstsError as err:
        return pages.account_picker(req, error=err)
    scopes = for_account(req.scopes, user.is_personal)
    granted = sandbox.granted_scopes(user.oid, app.client_id)
    missing = [s for s in scopes if s not in granted]
    if missing or (req.prompt == "consent" and not req.consent_shown):
        return pages.consent(req, app, user, scopes)
    return issue_code(req, user)


def _must_choose_account(req: AuthorizationRequest, user: User | None) -> bool:
    """Whether the account picker comes first (nobody signed in, prompt, or another hint)."""
    if req.account_chosen:
        return False
    if user is None or req.prompt in ("login", "select_account"):
        return True
    hinted = get_sandbox().user_by_login(req.login_hint)
    return hinted is not None and hinted.oid != user.oid


def _silent(req: AuthorizationRequest, user: User | None):
    """`prompt=none`: a code without any page, or the error that says which page is needed."""
    sandbox = get_sandbox()
    app = sandbox.app(req.client_id)
    try:
        if user is None:
            raise AadstsError(50058)
        path = tenants.resolve(req.tenant_path, sandbox.tenants)
        try:
            tenants.check_user(path, app, user)
        except AadstsError as err:
            raise AadstsError(err.code, err.params, error_override="interaction_required") from err
        scopes = for_account(req.scopes, user.is_personal)
        granted = sandbox.granted_scopes(user.oid, app.client_id)
        if any(s not in granted for s in scopes):
            raise AadstsError(65001, {"client_id": app.client_id, "app_name": app.display_name})
    except AadstsError as err:
        sandbox.finish_request(req.ctx)
        return error_to_client(err, req.redirect_uri, req.response_mode, req.state)
    return issue_code(req, user)


def issue_code(req: AuthorizationRequest, user: User):
    """Mint a code for the granted scopes and send it to the client with `state`."""
    sandbox = get_sandbox()
    granted = for_account(sandbox.granted_scopes(user.oid, req.client_id), user.is_personal)
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
    )
    sandbox.issue_code(record)
    sandbox.finish_request(req.ctx)
    params = {"code": record.code}
    if req.state is not None:
        params["state"] = req.state
    params["session_state"] = record.session_id
    return to_client(req.redirect_uri, req.response_mode, params)


def cancel(req: AuthorizationRequest):
    """The user pressed Cancel on the consent page: access_denied, subcode cancel, 65004."""
    get_sandbox().finish_request(req.ctx)
    err = AadstsError(65004, subcode="cancel")
    return error_to_client(err, req.redirect_uri, req.response_mode, req.state)
