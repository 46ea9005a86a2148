"""`GET /{tenant}/oauth2/v2.0/authorize`: validate the request, then hand it to the flow.

Until the client and its redirect URI are known, errors go on the sandbox's own page (a
redirect to an unregistered URI would leak the code or error to whoever chose it); afterwards
they are redirected to the client, as Microsoft does.
"""

import secrets

from flask import Blueprint, request

from ..directory import tenants
from ..directory.models import AppRegistration, AuthorizationRequest
from ..directory.scopes import parse_scopes
from ..web import get_sandbox
from . import browser_session, client_info, pkce, sign_in_flow
from .aadsts_errors import AadstsError
from .browser_responses import error_page, error_to_client

bp = Blueprint("authorize", __name__)

RESPONSE_MODES = ("query", "fragment", "form_post")
PROMPTS = ("login", "none", "consent", "select_account")
CHALLENGE_METHODS = ("S256", "plain")


@bp.get("/<tenant>/oauth2/v2.0/authorize")
def authorize(tenant: str):
    """Start a sign-in: validate, park the request server-side, show the next step."""
    args = request.args
    try:
        path = tenants.resolve(tenant, get_sandbox().tenants)
        app = trusted_client(args.get("client_id"), path.display_name)
        redirect_uri = trusted_redirect_uri(app, args.get("redirect_uri"))
    except AadstsError as err:
        return error_page(err)
    raw_mode = args.get("response_mode")
    mode = raw_mode if raw_mode in RESPONSE_MODES else "query"
    try:
        if raw_mode and raw_mode != mode:
            raise AadstsError(90023, {"name": "response_mode", "value": raw_mode})
        tenants.check_app(path, app)
        auth_request = _parse(tenant, app, redirect_uri, mode)
    except AadstsError as err:
        return error_to_client(err, redirect_uri, mode, args.get("state"))
    get_sandbox().park_request(auth_request)
    return sign_in_flow.advance(auth_request)


def trusted_client(client_id: str | None, directory: str) -> AppRegistration:
    """The app named by `client_id`.

    :raise AadstsError: 900144 when absent, 700016 when no such app exists.
    """
    if not client_id:
        raise AadstsError(900144, {"name": "client_id"})
    app = get_sandbox().app(client_id)
    if app is None:
        raise AadstsError(700016, {"client_id": client_id, "tenant": directory})
    return app


def trusted_redirect_uri(app: AppRegistration, redirect_uri: str | None) -> str:
    """The redirect URI, only when it exactly equals a registered one.

    :raise AadstsError: 900144 when absent, 50011 when not registered.
    """
    if not redirect_uri:
        raise AadstsError(900144, {"name": "redirect_uri"})
    if redirect_uri not in app.redirect_uris:
        raise AadstsError(50011, {"redirect_uri": redirect_uri, "client_id": app.client_id})
    return redirect_uri


def _parse(tenant: str, app: AppRegistration, redirect_uri: str, mode: str):
    """Check the remaining parameters and build the request record.

    :raise AadstsError: for a wrong response_type, scope, prompt or PKCE parameter.
    """
    args = request.args
    response_type = args.get("response_type")
    if not response_type:
        raise AadstsError(900144, {"name": "response_type"})
    if response_type != "code":
        raise AadstsError(700051, {"response_type": response_type})
    scopes = parse_scopes(args.get("scope"), app.required_scopes)
    prompt = args.get("prompt") or None
    if prompt is not None and prompt not in PROMPTS:
        raise AadstsError(90023, {"name": "prompt", "value": prompt})
    challenge, method = _pkce(args.get("code_challenge"), args.get("code_challenge_method"))
    max_age = _max_age(args.get("max_age"))
    sandbox = get_sandbox()
    return AuthorizationRequest(
        ctx=secrets.token_urlsafe(24),
        browser_id=browser_session.browser_id(),
        tenant_path=tenant,
        client_id=app.client_id,
        redirect_uri=redirect_uri,
        response_mode=mode,
        scopes=scopes,
        state=args.get("state"),
        nonce=args.get("nonce"),
        code_challenge=challenge,
        code_challenge_method=method,
        prompt=prompt,
        login_hint=args.get("login_hint"),
        domain_hint=args.get("domain_hint"),
        created_at=sandbox.clock.now(),
        max_age=max_age,
        client_info=client_info.requested(args.get("client_info")),
    )


def _max_age(raw: str | None) -> int | None:
    """OIDC `max_age`: seconds since the user last authenticated, a non-negative integer.

    :raise AadstsError: 90023 for anything else.
    """
    if raw is None or raw == "":
        return None
    if not raw.isascii() or not raw.isdigit():
        raise AadstsError(90023, {"name": "max_age", "value": raw})
    return int(raw)


def _pkce(challenge: str | None, method: str | None) -> tuple[str | None, str]:
    """Validate the PKCE pair; `plain` is the default method, as RFC 7636 says.

    :raise AadstsError: 90023 for an unknown method or a challenge with characters RFC 7636
        does not allow, 501491 for a challenge of the wrong size.
    """
    method = method or "plain"
    if method not in CHALLENGE_METHODS:
        raise AadstsError(90023, {"name": "code_challenge_method", "value": method})
    if challenge is None:
        return None, method
    if not pkce.MIN_LENGTH <= len(challenge) <= pkce.MAX_LENGTH:
        raise AadstsError(501491)
    if not pkce.well_formed(challenge):
        raise AadstsError(90023, {"name": "code_challenge", "value": challenge})
    return challenge, method
