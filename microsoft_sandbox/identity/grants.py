"""The token endpoint's grants: a code, a refresh token, or the app's own credentials.

Each delegated grant checks its own parameters, then builds the same token response, so the
response shape (scope string, lifetimes, which tokens appear) is decided in one place;
client_credentials answers the app-only shape (no scope, no refresh token, no id_token).
"""

import hashlib
import hmac

from ..directory import tenants
from ..directory.models import AppRegistration, AuthorizationCode, User
from ..directory.scopes import (
    GRAPH_APP_ID,
    GRAPH_RESOURCE,
    OIDC_SCOPES,
    for_account,
    graph_scopes,
    parse_scopes,
    scope_string,
)
from ..directory.tenants import TenantPath
from ..web import base_url, get_sandbox
from . import client_info, pkce, tokens
from .aadsts_errors import (
    CLIENT_CREDENTIALS_NO_TENANT,
    REDIRECT_MISMATCH_AT_REDEMPTION,
    AadstsError,
)
from .signing_keys import b64url
from .tokens import ACCESS_TOKEN_LIFETIME


def _required(form, name: str) -> str:
    """A form parameter that must be present.

    :raise AadstsError: 900144 naming the parameter.
    """
    value = form.get(name)
    if not value:
        raise AadstsError(900144, {"name": name})
    return value


def _pkce_matches(record: AuthorizationCode, verifier: str | None) -> bool:
    """Whether the verifier answers the code's challenge (S256 or plain).

    A verifier outside RFC 7636's characters and length never matches; the comparison is of
    bytes, since `hmac.compare_digest` refuses non-ASCII strings.
    """
    if record.code_challenge is None:
        return True
    if not pkce.well_formed(verifier):
        return False
    if record.code_challenge_method == "S256":
        computed = b64url(hashlib.sha256(verifier.encode("ascii")).digest())
    else:
        computed = verifier
    return hmac.compare_digest(computed.encode("ascii"), record.code_challenge.encode("ascii"))


def authorization_code(app: AppRegistration, path: TenantPath, form) -> dict:
    """`grant_type=authorization_code`: one redemption of a fresh code with its PKCE verifier.

    :raise AadstsError: 900144, 9002313, 54005, 70008, 50011, 501481 as Microsoft does.
    """
    code = _required(form, "code")
    redirect_uri = _required(form, "redirect_uri")
    verifier = form.get("code_verifier")

    def check(record: AuthorizationCode) -> None:
        """Refuse without using the code up: another app's, other redirect URI, bad verifier."""
        if record.client_id != app.client_id:
            raise AadstsError(9002313)
        if record.redirect_uri != redirect_uri:
            raise AadstsError(50011, {"redirect_uri": redirect_uri,
                                      "expected": record.redirect_uri},
                              error_override="invalid_grant",
                              template=REDIRECT_MISMATCH_AT_REDEMPTION)
        if not _pkce_matches(record, verifier):
            raise AadstsError(501481)

    record = get_sandbox().redeem_code(code, check)
    user = _user(record.oid)
    tenants.check_user(path, app, user)
    return token_response(app, user, record.scopes, record.nonce, record.session_id,
                          auth_time=record.auth_time,
                          with_client_info=client_info.requested(form.get("client_info")))


def refresh_token(app: AppRegistration, path: TenantPath, form) -> dict:
    """`grant_type=refresh_token`: new tokens, a new refresh token, the current grant's scopes.

    The grant is the effective one (the user's own plus their tenant's), so a revoked consent
    ends the refresh token's use with 65001.

    :raise AadstsError: 900144, 9002313, 50173 (revoked), 700082 (expired), 65001.
    """
    sandbox = get_sandbox()
    record = sandbox.use_refresh_token(_required(form, "refresh_token"), app.client_id)
    user = _user(record.oid)
    tenants.check_user(path, app, user)
    granted = for_account(sandbox.effective_scopes(user, app.client_id), user.is_personal)
    consent_needed = AadstsError(65001, {"client_id": app.client_id, "app_name": app.display_name},
                                 error_override="invalid_grant", suberror="consent_required")
    if not granted:
        raise consent_needed
    oidc = [s for s in record.scopes if s in OIDC_SCOPES]
    if form.get("scope"):
        # As at authorize: a personal account's `.Shared` scopes are dropped, not refused, or
        # an app asking for them would loop between refresh and consent forever.
        requested = for_account(parse_scopes(form["scope"], app.required_scopes),
                                user.is_personal)
        if any(s not in granted for s in graph_scopes(requested)):
            raise consent_needed
        oidc = [s for s in oidc if s in requested or s == "offline_access"]
    return token_response(app, user, graph_scopes(granted) + oidc, None, record.session_id,
                          auth_time=record.auth_time,
                          with_client_info=client_info.requested(form.get("client_info")))


def client_credentials(app: AppRegistration, path: TenantPath, form) -> dict:
    """`grant_type=client_credentials`: an app-only Graph token in a tenant the app is in.

    :raise AadstsError: 50059 (UNCONFIRMED) without a tenant, 900144, 1002012 for a scope that
        is not `{resource}/.default`, 500011 for a resource other than Graph, 700016 when the
        app has no service principal in the tenant.
    """
    if path.kind != "tenant" or path.is_personal:
        raise AadstsError(CLIENT_CREDENTIALS_NO_TENANT)
    scope = _required(form, "scope")
    names = scope.split()
    if len(names) != 1 or not names[0].lower().endswith("/.default"):
        raise AadstsError(1002012, {"scope": scope})
    resource = names[0][: -len(".default")].lower()
    tenant = path.tenant
    if resource not in (GRAPH_RESOURCE, GRAPH_APP_ID + "/"):
        raise AadstsError(500011, {"resource": resource.rstrip("/"), "tenant": tenant.tenant_id})
    sandbox = get_sandbox()
    if not sandbox.has_service_principal(tenant.tenant_id, app.client_id):
        raise AadstsError(700016, {"client_id": app.client_id, "tenant": tenant.display_name})
    return {
        "token_type": "Bearer",
        "expires_in": ACCESS_TOKEN_LIFETIME,
        "ext_expires_in": ACCESS_TOKEN_LIFETIME,
        "access_token": tokens.app_access_token(_issuer(), app=app, tenant_id=tenant.tenant_id),
    }


def _issuer() -> tokens.Issuer:
    """This response's signing context: current key, public origin, now, reset epoch."""
    sandbox = get_sandbox()
    return tokens.Issuer(sandbox.keys, base_url(), sandbox.clock.now(), sandbox.reset_epoch)


def _user(oid: str) -> User:
    """The user a grant belongs to.

    :raise AadstsError: 9002313 when the user no longer exists.
    """
    user = get_sandbox().user(oid)
    if user is None:
        raise AadstsError(9002313)
    return user


def token_response(app: AppRegistration, user: User, scopes: list[str], nonce: str | None,
                   session_id: str, *, auth_time: float | None = None,
                   with_client_info: bool = False) -> dict:
    """The JSON body: access token always, refresh token with offline_access, id_token with
    openid (with `auth_time` when the sign-in had max_age), `client_info` when asked."""
    sandbox, issuer = get_sandbox(), _issuer()
    body = {
        "token_type": "Bearer",
        "scope": scope_string(scopes),
        "expires_in": ACCESS_TOKEN_LIFETIME,
        "ext_expires_in": ACCESS_TOKEN_LIFETIME,
        "access_token": tokens.access_token(issuer, app=app, user=user, scopes=scopes),
    }
    if "offline_access" in scopes:
        body["refresh_token"] = sandbox.new_refresh_token(
            client_id=app.client_id, oid=user.oid, tenant_id=user.tenant_id,
            scopes=list(scopes), session_id=session_id, auth_time=auth_time,
        )
    if "openid" in scopes:
        body["id_token"] = tokens.id_token(
            issuer, app=app, user=user, scopes=scopes, nonce=nonce, session_id=session_id,
            auth_time=auth_time, fault=sandbox.take_id_token_fault(),
        )
    if with_client_info:
        body["client_info"] = client_info.encode(user.oid, user.tenant_id)
    for name, value in sandbox.take_token_response_override().items():
        if value is None:
            body.pop(name, None)
        else:
            body[name] = value
    return body
