"""`grant_type=client_credentials` on tenant endpoints: app-only tokens and their errors."""

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from microsoft_sandbox.directory import seed

from .helpers import token_post
from .test_token import assert_token_error

GRAPH_DEFAULT = "https://graph.microsoft.com/.default"


@pytest.fixture
def registered(sandbox):
    """A Proseware app with a 12-month secret: (client id, secret value, Secret ID)."""
    app = sandbox.register_app("Proseware Worker", "AzureADMultipleOrgs",
                               seed.PROSEWARE_TENANT_ID)
    secret = sandbox.add_secret(app.client_id, "worker", 365)
    return app.client_id, secret.value, secret.secret_id


def credentials(base_url, client_id, secret, tenant=seed.PROSEWARE_TENANT_ID, **overrides):
    """POST client_credentials with client_secret_post."""
    data = {"grant_type": "client_credentials", "client_id": client_id,
            "client_secret": secret, "scope": GRAPH_DEFAULT}
    data.update(overrides)
    return token_post(base_url, {k: v for k, v in data.items() if v is not None}, tenant=tenant)


def test_app_only_token_in_the_home_tenant(base_url, jwks, registered):
    """Access token only (no scope, refresh token or id_token), signed, idtyp=app."""
    client_id, value, _ = registered
    response = credentials(base_url, client_id, value)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = response.json()
    assert set(body) == {"token_type", "expires_in", "ext_expires_in", "access_token"}
    claims = jwt.decode(body["access_token"], KeySet.import_key_set(jwks)).claims
    assert claims["idtyp"] == "app" and claims["appid"] == client_id
    assert claims["tid"] == seed.PROSEWARE_TENANT_ID and "scp" not in claims
    assert claims["aud"] == "00000003-0000-0000-c000-000000000000"
    assert claims["iss"] == f"{base_url}/{seed.PROSEWARE_TENANT_ID}/v2.0"


def test_tenant_by_domain_and_http_basic(base_url, registered):
    """A domain names the tenant too; client_secret_basic works."""
    client_id, value, _ = registered
    data = {"grant_type": "client_credentials", "scope": GRAPH_DEFAULT}
    response = token_post(base_url, data, tenant="proseware.com", auth=(client_id, value))
    assert response.status_code == 200


def test_other_tenant_needs_the_app_installed(base_url, sandbox, registered):
    """700016 until someone in the tenant consented; then the app has a service principal."""
    client_id, value, _ = registered
    refused = credentials(base_url, client_id, value, tenant=seed.CONTOSO_TENANT_ID)
    body = assert_token_error(refused, 400, "unauthorized_client", 700016)
    assert "'Contoso'" in body["error_description"]
    sandbox.grant_tenant_consent(seed.CONTOSO_TENANT_ID, client_id, ["User.Read"])
    assert credentials(base_url, client_id, value, tenant=seed.CONTOSO_TENANT_ID).status_code \
        == 200


@pytest.mark.parametrize("tenant", ["common", "organizations"])
def test_a_tenant_must_be_named(base_url, registered, tenant):
    """No tenant in the path: 50059."""
    client_id, value, _ = registered
    assert_token_error(credentials(base_url, client_id, value, tenant=tenant), 400,
                       "invalid_request", 50059)


def test_personal_accounts_have_no_app_only_access(base_url):
    """/consumers names no organization either (50059), for an app that admits it."""
    response = credentials(base_url, seed.DEFAULT_CLIENT_ID, seed.DEFAULT_CLIENT_SECRET,
                           tenant="consumers")
    assert_token_error(response, 400, "invalid_request", 50059)


@pytest.mark.parametrize(("scope", "error", "code"), [
    (None, "invalid_request", 900144),
    ("https://graph.microsoft.com/Mail.Read", "invalid_scope", 1002012),
    ("User.Read", "invalid_scope", 1002012),
    ("https://management.azure.com/.default", "invalid_resource", 500011),
])
def test_scope_must_be_a_resource_default(base_url, registered, scope, error, code):
    """Only `{resource}/.default`, and the sandbox hosts Microsoft Graph only."""
    client_id, value, _ = registered
    assert_token_error(credentials(base_url, client_id, value, scope=scope), 400, error, code)


def test_graph_app_id_resource_is_accepted(base_url, registered):
    """The resource may be named by Graph's application id."""
    client_id, value, _ = registered
    scope = "00000003-0000-0000-c000-000000000000/.default"
    assert credentials(base_url, client_id, value, scope=scope).status_code == 200


def test_wrong_secret_and_secret_id_are_7000215(base_url, registered):
    """A wrong value, or the Secret ID pasted instead of the value: 7000215, which tells the
    developer to send the value, not the ID."""
    client_id, value, secret_id = registered
    for wrong in ("not-the-secret", secret_id):
        body = assert_token_error(credentials(base_url, client_id, wrong), 401,
                                  "invalid_client", 7000215)
        assert "client secret value, not the client secret ID" in body["error_description"]
        assert client_id in body["error_description"] and wrong not in body["error_description"]


def test_expired_secret_is_7000222(base_url, sandbox, registered):
    """Past its expiry on the sandbox clock (or expired by the knob) the secret is 7000222."""
    client_id, value, secret_id = registered
    sandbox.clock.advance(366 * 24 * 3600)
    assert_token_error(credentials(base_url, client_id, value), 401, "invalid_client", 7000222)
    sandbox.reset()
    app = sandbox.register_app("Again", "AzureADMyOrg", seed.PROSEWARE_TENANT_ID)
    secret = sandbox.add_secret(app.client_id, "x", 180)
    assert sandbox.expire_secret(app.client_id, secret.secret_id) == 1
    assert_token_error(credentials(base_url, app.client_id, secret.value), 401,
                       "invalid_client", 7000222)


def test_unknown_app_is_700016(base_url, sandbox):
    """An unknown client id: 700016 naming the directory."""
    response = credentials(base_url, "11111111-2222-3333-4444-555555555555", "x",
                           tenant=seed.FABRIKAM_TENANT_ID)
    body = assert_token_error(response, 400, "unauthorized_client", 700016)
    assert "'Fabrikam'" in body["error_description"]


def test_single_tenant_app_elsewhere_is_700016_and_on_common_50194(base_url, sandbox):
    """A single-tenant app answers only in its home tenant."""
    app = sandbox.register_app("Proseware Internal", "AzureADMyOrg", seed.PROSEWARE_TENANT_ID)
    value = sandbox.add_secret(app.client_id, "x", 180).value
    assert credentials(base_url, app.client_id, value).status_code == 200
    assert_token_error(credentials(base_url, app.client_id, value,
                                   tenant=seed.CONTOSO_TENANT_ID), 400, "unauthorized_client",
                       700016)
    assert_token_error(credentials(base_url, app.client_id, value, tenant="common"), 400,
                       "invalid_request", 50194)
