"""`GET /{tenant}/v2.0/adminconsent`: an admin grants an app's permissions for the whole tenant.

Validation mirrors authorize: until the client and its redirect URI are trusted, errors show on
the sandbox's page; afterwards they go back to the app with `admin_consent=True`. The request is
then parked and walks the same account picker as a sign-in (see `admin_consent_grant` for the rest).
"""

import secrets

from flask import Blueprint, request

from ..directory import tenants
from ..directory.models import AppRegistration, AuthorizationRequest
from ..directory.scopes import parse_scopes
from ..web import get_sandbox
from . import admin_consent_grant, browser_session, sign_in_flow
from .aadsts_errors import ADMINCONSENT_WRONG_TENANT, AadstsError
from .authorize import trusted_client, trusted_redirect_uri
from .browser_responses import error_page

bp = Blueprint("admin_consent", __name__)


@bp.get("/<tenant>/v2.0/adminconsent")
def adminconsent(tenant: str):
    """Validate, park the request, then show the picker or the organization-wide prompt."""
    args = request.args
    sandbox = get_sandbox()
    try:
        path = tenants.resolve(tenant, sandbox.tenants)
        app = trusted_client(args.get("client_id"), path.display_name)
        redirect_uri = trusted_redirect_uri(app, args.get("redirect_uri"))
    except AadstsError as err:
        return error_page(err)
    try:
        scopes = _checked_scopes(path, app)
    except AadstsError as err:
        return admin_consent_grant.redirect_error(redirect_uri, args.get("state"), err)
    req = AuthorizationRequest(
        ctx=secrets.token_urlsafe(24), browser_id=browser_session.browser_id(), tenant_path=tenant,
        client_id=app.client_id, redirect_uri=redirect_uri, response_mode="query",
        scopes=scopes, state=args.get("state"), nonce=None, code_challenge=None,
        code_challenge_method="plain", prompt=None, login_hint=args.get("login_hint"),
        domain_hint=None, created_at=sandbox.clock.now(), purpose="adminconsent",
    )
    sandbox.park_request(req)
    return sign_in_flow.advance(req)


def _checked_scopes(path: tenants.TenantPath, app: AppRegistration) -> list[str]:
    """The organization path, the app's audience and the required `scope` parameter.

    :raise AadstsError: 90130 (UNCONFIRMED) for /common or personal accounts, an audience
        error, 900144 without scope, 70011 for an unknown one.
    """
    if path.kind not in (tenants.ORGANIZATIONS, "tenant") or path.is_personal:
        raise AadstsError(ADMINCONSENT_WRONG_TENANT,
                          {"client_id": app.client_id, "app_name": app.display_name})
    tenants.check_app(path, app)
    return parse_scopes(request.args.get("scope"), app.required_scopes)
