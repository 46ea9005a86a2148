"""OpenID Connect discovery and the JWKS, per tenant path, plus the `error_uri` page."""

from flask import Blueprint, jsonify, make_response, render_template, request

from ..directory import tenants
from ..web import base_url, get_sandbox, small_int
from .aadsts_errors import CATALOG, AadstsError
from .browser_responses import error_json

bp = Blueprint("discovery", __name__)

CLAIMS_SUPPORTED = [
    "sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name",
    "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username",
    "name", "tid", "ver", "at_hash", "c_hash", "email",
]


def _metadata(path: tenants.TenantPath, base: str) -> dict:
    """The discovery document for one tenant path, with the fields clients rely on."""
    prefix = f"{base}/{path.endpoint_segment}"
    return {
        "token_endpoint": f"{prefix}/oauth2/v2.0/token",
        # The reference's list; HTTP Basic is accepted all the same, and a client assertion is
        # answered with AADSTS700027 (the sandbox registers no certificates).
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt"],
        "jwks_uri": f"{prefix}/discovery/v2.0/keys",
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "issuer": path.issuer(base),
        "request_uri_parameter_supported": False,
        "userinfo_endpoint": f"{base}/oidc/userinfo",
        "authorization_endpoint": f"{prefix}/oauth2/v2.0/authorize",
        "http_logout_supported": True,
        "frontchannel_logout_supported": True,
        "end_session_endpoint": f"{prefix}/oauth2/v2.0/logout",
        "claims_supported": CLAIMS_SUPPORTED,
        "kerberos_endpoint": f"{prefix}/kerberos",
        "tenant_region_scope": path.tenant.region_scope if path.kind == "tenant" else None,
        "cloud_instance_name": "microsoftonline.com",
        "cloud_graph_host_name": "graph.windows.net",
        "msgraph_host": "graph.microsoft.com",
        "rbac_url": "https://pas.windows.net",
    }


@bp.get("/<tenant>/v2.0/.well-known/openid-configuration")
def discovery(tenant: str):
    """Discovery for `common`, `organizations`, `consumers`, a tenant GUID or domain."""
    try:
        path = tenants.resolve(tenant, get_sandbox().tenants)
    except AadstsError as err:
        return error_json(err)
    return jsonify(_metadata(path, base_url()))


@bp.get("/<tenant>/discovery/v2.0/keys")
def jwks(tenant: str):
    """The signing keys: the same set for every tenant path, each key naming the issuer it may
    sign for on that path (the ``{tenantid}`` template on ``common``), as Microsoft publishes."""
    keys = get_sandbox().keys.jwks()
    try:
        issuer = tenants.resolve(tenant, get_sandbox().tenants).issuer(base_url())
    except AadstsError:
        return jsonify(keys)
    return jsonify({"keys": [{**key, "issuer": issuer} for key in keys["keys"]]})


@bp.get("/error")
def error_help():
    """The page `error_uri` points at: the code and what it means."""
    raw = request.args.get("code", "")
    code = small_int(raw)
    entry = CATALOG.get(code) if code is not None else None
    text = entry[2].replace("{", "").replace("}", "") if entry else "Unknown error code."
    html = render_template("message.html", title=f"AADSTS{raw}", text=text)
    return make_response(html, 200 if entry else 404)
