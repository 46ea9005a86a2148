"""MSAL for Python against the sandbox, unchanged but for localhost settings: sign-in with
PKCE, the token cache and silent refresh, client credentials, and Microsoft's errors."""

import pytest

from microsoft_sandbox.directory import seed

GRAPH_DEFAULT = "https://graph.microsoft.com/.default"


def test_sign_in_with_auth_code_and_pkce(msal_app, msal_sign_in, sandbox):
    """MSAL's own flow (state, nonce, PKCE S256 and id_token checks) accepts the answer."""
    app = msal_app()
    result = msal_sign_in(seed.CONTOSO_USER_OID, scopes=["User.Read", "Mail.Read"], app=app)
    assert "error" not in result, result
    assert result["token_source"] == "identity_provider"
    assert set(result["scope"].split()) >= {"User.Read", "Mail.Read", "openid", "profile",
                                            "offline_access"}
    claims = result["id_token_claims"]
    assert claims["oid"] == seed.CONTOSO_USER_OID and claims["aud"] == seed.DEFAULT_CLIENT_ID
    assert claims["preferred_username"] == seed.CONTOSO_USER_UPN
    assert result["refresh_token"] and result["access_token"]


def test_a_wrong_code_verifier_is_refused_with_microsofts_code(msal_app, sign_in_browser):
    app = msal_app()
    flow = app.initiate_auth_code_flow(["User.Read"], redirect_uri=seed.DEFAULT_REDIRECT_URIS[0],
                                       response_mode="form_post")
    answer = sign_in_browser.sign_in(flow["auth_uri"], seed.CONTOSO_USER_OID)
    flow["code_verifier"] = "x" * 43
    result = app.acquire_token_by_auth_code_flow(flow, answer)
    assert result["error"] == "invalid_grant" and result["error_codes"] == [501481]
    assert result["error_description"].startswith("AADSTS501481: ")


@pytest.mark.parametrize("oid,tenant_id,upn", [
    (seed.CONTOSO_USER_OID, seed.CONTOSO_TENANT_ID, seed.CONTOSO_USER_UPN),
    (seed.PERSONAL_USER_OID, seed.CONSUMER_TENANT_ID, "sam.taylor@outlook.com"),
])
def test_accounts_are_keyed_oid_dot_tid(msal_app, msal_sign_in, oid, tenant_id, upn):
    """From client_info, as with Entra: the same key whichever app signs the user in."""
    app = msal_app()
    assert "access_token" in msal_sign_in(oid, app=app)
    [account] = app.get_accounts()
    assert account["home_account_id"] == f"{oid}.{tenant_id}"
    assert account["local_account_id"] == oid
    assert account["username"].lower() == upn.lower()
    assert app.get_accounts(username=upn) == [account]


@pytest.mark.parametrize("tenant,oid", [
    (seed.CONTOSO_TENANT_ID, seed.CONTOSO_USER_OID),
    ("contoso.com", seed.CONTOSO_USER_OID),
    ("organizations", seed.CONTOSO_USER_OID),
    ("consumers", seed.PERSONAL_USER_OID),
])
def test_every_kind_of_authority_signs_in_and_refreshes(msal_app, msal_sign_in, tenant, oid):
    """MSAL checks the id_token's issuer against the authority's discovery document."""
    app = msal_app(tenant)
    assert "access_token" in msal_sign_in(oid, app=app)
    [account] = app.get_accounts()
    refreshed = app.acquire_token_silent_with_error(["User.Read"], account=account,
                                                    force_refresh=True)
    assert refreshed["token_source"] == "identity_provider" and refreshed["access_token"]


def test_acquire_token_silent_uses_the_cache_then_the_refresh_token(msal_app, msal_sign_in,
                                                                    sandbox):
    app = msal_app()
    first = msal_sign_in(seed.CONTOSO_USER_OID, app=app)
    [account] = app.get_accounts()
    cached = app.acquire_token_silent(["User.Read"], account=account)
    assert cached["token_source"] == "cache"
    assert cached["access_token"] == first["access_token"]
    sandbox.reset_counts()
    refreshed = app.acquire_token_silent_with_error(["User.Read"], account=account,
                                                    force_refresh=True)
    assert refreshed["token_source"] == "identity_provider"
    assert refreshed["access_token"] != first["access_token"]
    # One refresh-token redemption, nothing else.
    assert sandbox.request_counts() == {"token": {seed.DEFAULT_CLIENT_ID: 1}}
    # The rotated refresh token replaced the old one in MSAL's cache, and works in turn.
    again = app.acquire_token_silent_with_error(["User.Read"], account=account,
                                                force_refresh=True)
    assert again["access_token"] not in (first["access_token"], refreshed["access_token"])


def test_a_revoked_refresh_token_surfaces_microsofts_error(msal_app, msal_sign_in, sandbox):
    app = msal_app()
    msal_sign_in(seed.CONTOSO_USER_OID, app=app)
    [account] = app.get_accounts()
    assert sandbox.revoke_refresh_tokens(seed.CONTOSO_USER_OID) == 1
    result = app.acquire_token_silent_with_error(["User.Read"], account=account,
                                                 force_refresh=True)
    assert result["error"] == "invalid_grant" and result["error_codes"] == [50173]
    assert result["error_description"].startswith("AADSTS50173: ")


def test_prompt_login_and_max_age_sign_in_again_and_msal_checks_auth_time(
        msal_app, msal_sign_in, sign_in_browser):
    """With a sandbox session the sign-in page shows again; MSAL requires auth_time for
    max_age and checks it is recent enough."""
    app = msal_app()
    assert "access_token" in msal_sign_in(seed.CONTOSO_USER_OID, app=app)
    flow = app.initiate_auth_code_flow(["User.Read"], redirect_uri=seed.DEFAULT_REDIRECT_URIS[0],
                                       response_mode="form_post", prompt="login")
    assert 'name="oid"' in sign_in_browser.open(flow["auth_uri"]).text
    result = msal_sign_in(seed.CONTOSO_USER_OID, app=app, max_age=0)
    assert "error" not in result, result
    assert result["id_token_claims"]["auth_time"] <= result["id_token_claims"]["iat"]


def test_client_credentials(msal_app, sandbox):
    """An app-only token in the app's home tenant, then MSAL's cache answers."""
    worker = sandbox.register_app("Proseware Worker", "AzureADMultipleOrgs",
                                  seed.PROSEWARE_TENANT_ID)
    secret = sandbox.add_secret(worker.client_id, "worker", 365)
    app = msal_app(seed.PROSEWARE_TENANT_ID, client_id=worker.client_id, secret=secret.value)
    first = app.acquire_token_for_client([GRAPH_DEFAULT])
    assert first["token_type"] == "Bearer" and first["token_source"] == "identity_provider"
    assert "refresh_token" not in first and "id_token" not in first
    assert app.acquire_token_for_client([GRAPH_DEFAULT])["token_source"] == "cache"
    assert app.get_accounts() == []


def test_a_wrong_secret_surfaces_microsofts_error(msal_app):
    app = msal_app(seed.PROSEWARE_TENANT_ID, secret="not-the-secret")
    result = app.acquire_token_for_client([GRAPH_DEFAULT])
    assert result["error"] == "invalid_client" and result["error_codes"] == [7000215]
    assert result["error_description"].startswith("AADSTS7000215: ")
    assert "not-the-secret" not in str(result)


def test_default_scope_mixed_with_named_permissions_is_70011(msal_app, msal_sign_in):
    """MSAL passes the scopes through; the sandbox refuses the mix on refresh as Entra does."""
    app = msal_app()
    msal_sign_in(seed.CONTOSO_USER_OID, app=app)
    [account] = app.get_accounts()
    result = app.acquire_token_silent_with_error([GRAPH_DEFAULT, "User.Read"], account=account)
    assert result["error"] == "invalid_scope" and result["error_codes"] == [70011]
