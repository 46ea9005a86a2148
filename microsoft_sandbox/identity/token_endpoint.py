"""`POST /{tenant}/oauth2/v2.0/token`: client authentication, then the requested grant.

Errors are JSON in Microsoft's shape (status 400, or 401 for invalid_client). Secrets are
compared in constant time and never logged or echoed.
"""

import hmac
from urllib.parse import unquote_plus

from flask import Blueprint, jsonify, request

from ..directory import tenants
from ..directory.models import AppRegistration
from ..web import get_sandbox, no_store
from . import grants
from .aadsts_errors import CLIENT_ASSERTION_UNSUPPORTED, AadstsError
from .browser_responses import error_json

bp = Blueprint("token", __name__)

GRANTS = {
    "authorization_code": grants.authorization_code,
    "refresh_token": grants.refresh_token,
    "client_credentials": grants.client_credentials,
}


@bp.post("/<tenant>/oauth2/v2.0/token")
def token(tenant: str):
    """Authenticate the client and run the grant; always `Cache-Control: no-store`."""
    try:
        path = tenants.resolve(tenant, get_sandbox().tenants)
        app = authenticate_client(path)
        grant_type = request.form.get("grant_type")
        if not grant_type:
            raise AadstsError(900144, {"name": "grant_type"})
        if grant_type not in GRANTS:
            raise AadstsError(70003, {"grant_type": grant_type})
        body = GRANTS[grant_type](app, path, request.form)
    except AadstsError as err:
        return error_json(err)
    return no_store(jsonify(body))


def client_credentials() -> tuple[str | None, str | None]:
    """The client id and secret from HTTP Basic (form-encoded per RFC 6749) or the form body."""
    auth = request.authorization
    if auth is not None and auth.type == "basic":
        return unquote_plus(auth.username or ""), unquote_plus(auth.password or "")
    return request.form.get("client_id"), request.form.get("client_secret")


def authenticate_client(path: tenants.TenantPath) -> AppRegistration:
    """The app whose secret was presented (client_secret_post or client_secret_basic; Basic is
    accepted though discovery does not list it, as Microsoft accepts it).

    :raise AadstsError: 900144, 700016, 700027 for a client assertion (private_key_jwt), which
        the sandbox cannot verify, 7000218, 7000215, 7000222, or an audience error.
    """
    client_id, secret = client_credentials()
    if not client_id:
        raise AadstsError(900144, {"name": "client_id"})
    app = get_sandbox().app(client_id)
    if app is None:
        raise AadstsError(700016, {"client_id": client_id, "tenant": path.display_name})
    if request.form.get("client_assertion") or request.form.get("client_assertion_type"):
        # Discovery advertises private_key_jwt, as Microsoft's does; saying the assertion was
        # missing (7000218) would send a developer looking for the wrong bug.
        raise AadstsError(CLIENT_ASSERTION_UNSUPPORTED, {"client_id": app.client_id})
    if not secret:
        raise AadstsError(7000218)
    matching = [s for s in app.secrets if hmac.compare_digest(s.value.encode(), secret.encode())]
    if not matching:
        raise AadstsError(7000215, {"client_id": app.client_id})
    if all(s.expires_at < get_sandbox().clock.now() for s in matching):
        raise AadstsError(7000222, {"client_id": app.client_id})
    tenants.check_app(path, app)
    return app
