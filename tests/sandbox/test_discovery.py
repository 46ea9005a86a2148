"""Discovery documents, issuers per tenant path, the JWKS and key rotation."""

import pytest
import requests
from joserfc import jwt
from joserfc.jwk import KeySet

from microsoft_sandbox.directory import seed

PERSONAL_TID = "9188040d-6c67-4c5b-b112-36a304b66dad"


def discover(base_url: str, tenant: str) -> requests.Response:
    """GET the discovery document for a tenant path."""
    return requests.get(f"{base_url}/{tenant}/v2.0/.well-known/openid-configuration", timeout=10)


@pytest.mark.parametrize(
    ("tenant", "issuer_tid", "endpoint_segment"),
    [
        ("common", "{tenantid}", "common"),
        ("organizations", "{tenantid}", "organizations"),
        ("consumers", PERSONAL_TID, "consumers"),
        (seed.CONTOSO_TENANT_ID, seed.CONTOSO_TENANT_ID, seed.CONTOSO_TENANT_ID),
        ("contoso.com", seed.CONTOSO_TENANT_ID, seed.CONTOSO_TENANT_ID),
        ("contoso.onmicrosoft.com", seed.CONTOSO_TENANT_ID, seed.CONTOSO_TENANT_ID),
    ],
)
def test_discovery_issuer_and_endpoints(base_url, tenant, issuer_tid, endpoint_segment):
    """Each tenant form advertises Microsoft's issuer and endpoints under this host."""
    response = discover(base_url, tenant)
    assert response.status_code == 200
    meta = response.json()
    prefix = f"{base_url}/{endpoint_segment}"
    assert meta["issuer"] == f"{base_url}/{issuer_tid}/v2.0"
    assert meta["authorization_endpoint"] == f"{prefix}/oauth2/v2.0/authorize"
    assert meta["token_endpoint"] == f"{prefix}/oauth2/v2.0/token"
    assert meta["jwks_uri"] == f"{prefix}/discovery/v2.0/keys"
    assert meta["end_session_endpoint"] == f"{prefix}/oauth2/v2.0/logout"
    assert meta["subject_types_supported"] == ["pairwise"]
    assert meta["id_token_signing_alg_values_supported"] == ["RS256"]
    assert meta["token_endpoint_auth_methods_supported"] == [
        "client_secret_post", "private_key_jwt"]
    assert meta["request_uri_parameter_supported"] is False
    assert "code" in meta["response_types_supported"]
    assert {"query", "form_post"} <= set(meta["response_modes_supported"])
    assert {"openid", "offline_access"} <= set(meta["scopes_supported"])
    assert {"tid", "nonce", "sub"} <= set(meta["claims_supported"])
    assert meta["cloud_instance_name"] == "microsoftonline.com"
    assert "tenant_region_scope" in meta and "userinfo_endpoint" in meta


def test_unknown_tenant_is_aadsts90002(base_url):
    """An unknown tenant answers 400 in Microsoft's error shape."""
    response = discover(base_url, "fabrikam.example")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_tenant"
    assert body["error_codes"] == [90002]
    assert body["error_description"].startswith("AADSTS90002: Tenant 'fabrikam.example'")
    assert {"timestamp", "trace_id", "correlation_id", "error_uri"} <= set(body)


def test_public_url_config_overrides_request_host():
    """SANDBOX_PUBLIC_URL wins over the request host in discovery."""
    from microsoft_sandbox import create_app

    app = create_app({"SANDBOX_PUBLIC_URL": "https://login.sandbox.example/"})
    meta = app.test_client().get("/common/v2.0/.well-known/openid-configuration").json
    assert meta["issuer"] == "https://login.sandbox.example/{tenantid}/v2.0"


def test_jwks_shape(jwks):
    """One RS256 signing key with Microsoft's fields; the key set imports cleanly."""
    (key,) = jwks["keys"]
    assert key["kty"] == "RSA" and key["use"] == "sig"
    assert key["kid"] == key["x5t"]
    assert key["n"] and key["e"] == "AQAB" and key["x5c"]
    KeySet.import_key_set(jwks)


def test_rotation_publishes_new_kid_and_signs_with_it(base_url, sandbox, agent, jwks):
    """After rotation the old kid is gone and new tokens carry the new kid; reset restores."""
    old_kid = jwks["keys"][0]["kid"]
    new_kid = sandbox.rotate_keys()
    published = requests.get(f"{base_url}/common/discovery/v2.0/keys", timeout=10).json()
    assert [k["kid"] for k in published["keys"]] == [new_kid] != [old_kid]

    code = agent.sign_in()["code"]
    id_token = agent.redeem(code).json()["id_token"]
    token = jwt.decode(id_token, KeySet.import_key_set(published), algorithms=["RS256"])
    assert token.header["kid"] == new_kid

    sandbox.reset()
    restored = requests.get(f"{base_url}/common/discovery/v2.0/keys", timeout=10).json()
    assert restored["keys"][0]["kid"] == old_kid


@pytest.mark.parametrize("tenant, issuer", [
    ("common", "{tenantid}"), ("organizations", "{tenantid}"),
    ("consumers", seed.CONSUMER_TENANT_ID), (seed.CONTOSO_TENANT_ID, seed.CONTOSO_TENANT_ID),
])
def test_each_key_names_the_issuer_it_signs_for(base_url, tenant, issuer):
    """As Microsoft's key sets do: the template on the multi-tenant paths, else the tenant's."""
    (key,) = requests.get(f"{base_url}/{tenant}/discovery/v2.0/keys", timeout=10).json()["keys"]
    assert key["issuer"] == f"{base_url}/{issuer}/v2.0"


@pytest.mark.parametrize("raw", ["²", "9" * 5000, "-1", "50011x"])
def test_error_page_for_codes_that_are_not_plain_numbers(base_url, raw):
    """`/error?code=` with Unicode digits or thousands of them is the unknown-code page."""
    page = requests.get(f"{base_url}/error", params={"code": raw}, timeout=10)
    assert page.status_code == 404 and "Unknown error code." in page.text
    assert requests.get(f"{base_url}/error?code=50011", timeout=10).status_code == 200
