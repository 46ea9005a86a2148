"""The token endpoint: code redemption, PKCE, client authentication, refresh tokens."""

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from microsoft_sandbox.directory import seed

from .helpers import REDIRECT_URI, token_post

TOKEN_ERROR_KEYS = {"error", "error_description", "error_codes", "timestamp", "trace_id",
                    "correlation_id", "error_uri"}


def assert_token_error(response, status: int, error: str, code: int):
    """Microsoft's token-endpoint error body, exactly."""
    assert response.status_code == status
    body = response.json()
    assert set(body) == TOKEN_ERROR_KEYS
    assert body["error"] == error and body["error_codes"] == [code]
    assert body["error_description"].startswith(f"AADSTS{code}: ")
    assert "\r\nTrace ID: " in body["error_description"]
    assert response.headers["Cache-Control"] == "no-store"
    return body


def test_code_redemption_returns_tokens(agent, base_url, jwks):
    """A full flow's token response, and an id_token that validates against the JWKS."""
    response = agent.redeem(agent.sign_in()["code"])
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3599 and body["ext_expires_in"] == 3599
    assert body["scope"] == "User.Read openid profile email offline_access"
    assert body["refresh_token"] and "." not in body["refresh_token"][3:]
    claims = jwt.decode(body["id_token"], KeySet.import_key_set(jwks), algorithms=["RS256"])
    c = claims.claims
    assert c["ver"] == "2.0" and c["aud"] == seed.DEFAULT_CLIENT_ID
    assert c["iss"] == f"{base_url}/{seed.CONTOSO_TENANT_ID}/v2.0"
    assert c["tid"] == seed.CONTOSO_TENANT_ID and c["oid"] == seed.CONTOSO_USER_OID
    assert c["nonce"] == agent.nonce
    assert c["preferred_username"] == seed.CONTOSO_USER_UPN == c["email"]
    assert c["name"] == "Adele Vance" and c["sid"] and c["uti"]
    assert c["exp"] - c["iat"] == 3600 and c["nbf"] == c["iat"]
    assert c["sub"] != seed.CONTOSO_USER_OID and len(c["sub"]) == 43
    access = jwt.decode(body["access_token"], KeySet.import_key_set(jwks)).claims
    assert access["aud"] == "00000003-0000-0000-c000-000000000000"
    assert access["scp"] == "User.Read" and access["appid"] == seed.DEFAULT_CLIENT_ID
    assert access["oid"] == seed.CONTOSO_USER_OID and access["tid"] == seed.CONTOSO_TENANT_ID


def test_no_openid_no_id_token_no_offline_no_refresh(agent):
    """id_token only with openid; refresh_token only with offline_access."""
    body = agent.redeem(agent.sign_in(scope="User.Read")["code"]).json()
    assert "id_token" not in body and "refresh_token" not in body and body["access_token"]


def test_http_basic_client_auth(agent, base_url):
    """client_secret_basic works as well as client_secret_post."""
    code = agent.sign_in()["code"]
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI,
            "code_verifier": agent.verifier}
    auth = (seed.DEFAULT_CLIENT_ID, seed.DEFAULT_CLIENT_SECRET)
    assert token_post(base_url, data, auth=auth).status_code == 200


def test_pkce_plain_default(agent):
    """Without a method the challenge is plain, and a matching plain verifier redeems."""
    verifier = "p" * 43
    params = agent.sign_in(code_challenge=verifier, code_challenge_method=None)
    assert agent.redeem(params["code"], code_verifier=verifier).status_code == 200


def test_pkce_mismatch_is_501481(agent):
    """A verifier that does not match the S256 challenge is invalid_grant 501481."""
    response = agent.redeem(agent.sign_in()["code"], code_verifier="x" * 43)
    assert_token_error(response, 400, "invalid_grant", 501481)


def test_code_replay_is_54005(agent):
    """Codes redeem once."""
    code = agent.sign_in()["code"]
    assert agent.redeem(code).status_code == 200
    assert_token_error(agent.redeem(code), 400, "invalid_grant", 54005)


def test_code_expires_after_ten_minutes(agent, sandbox):
    """Past ten minutes on the sandbox clock a code is 70008."""
    code = agent.sign_in()["code"]
    sandbox.clock.advance(601)
    assert_token_error(agent.redeem(code), 400, "invalid_grant", 70008)


def test_redirect_uri_must_match_authorize(agent):
    """The token request's redirect_uri must equal the authorize one."""
    response = agent.redeem(agent.sign_in()["code"], redirect_uri=seed.DEFAULT_REDIRECT_URIS[1])
    assert_token_error(response, 400, "invalid_grant", 50011)


@pytest.mark.parametrize(
    ("overrides", "status", "error", "code"),
    [
        ({"client_secret": "wrong"}, 401, "invalid_client", 7000215),
        ({"client_secret": seed.DEFAULT_CLIENT_SECRET_ID}, 401, "invalid_client", 7000215),
        ({"client_secret": None}, 401, "invalid_client", 7000218),
        ({"client_id": "11111111-2222-3333-4444-555555555555"}, 400, "unauthorized_client",
         700016),
        ({"code": None}, 400, "invalid_request", 900144),
        ({"code": "0.Aunknown"}, 400, "invalid_grant", 9002313),
        ({"grant_type": "password"}, 400, "unsupported_grant_type", 70003),
    ],
)
def test_token_request_errors(agent, overrides, status, error, code):
    """Client-authentication and parameter errors, in Microsoft's shape and status."""
    body = assert_token_error(agent.redeem("0.Aunused", **overrides), status, error, code)
    if code == 7000215:
        assert "client secret value, not the client secret ID" in body["error_description"]
    if code == 900144:
        assert "'code'." in body["error_description"]
    assert seed.DEFAULT_CLIENT_SECRET not in body["error_description"]


def refresh(base_url: str, refresh_token: str):
    """Redeem a refresh token with the default app's credentials."""
    return token_post(base_url, {
        "client_id": seed.DEFAULT_CLIENT_ID, "client_secret": seed.DEFAULT_CLIENT_SECRET,
        "grant_type": "refresh_token", "refresh_token": refresh_token,
    })


def test_refresh_grant_rotates_refresh_token(agent, base_url):
    """A refresh gives a new access token and a new refresh token."""
    first = agent.redeem(agent.sign_in()["code"]).json()
    second = refresh(base_url, first["refresh_token"])
    assert second.status_code == 200 and second.headers["Cache-Control"] == "no-store"
    body = second.json()
    assert body["refresh_token"] != first["refresh_token"]
    assert body["access_token"] != first["access_token"]
    assert "User.Read" in body["scope"].split()
    assert refresh(base_url, body["refresh_token"]).status_code == 200


def test_revoked_refresh_token_is_50173(agent, base_url, sandbox):
    """Revocation (a password reset, say) ends every refresh token of the user."""
    tokens = agent.redeem(agent.sign_in()["code"]).json()
    assert sandbox.revoke_refresh_tokens(seed.CONTOSO_USER_OID) == 1
    assert_token_error(refresh(base_url, tokens["refresh_token"]), 400, "invalid_grant", 50173)


def test_refresh_token_expires_after_90_days(agent, base_url, sandbox):
    """Ninety days by the sandbox clock end a refresh token (700082)."""
    tokens = agent.redeem(agent.sign_in()["code"]).json()
    sandbox.clock.advance(90 * 24 * 3600 + 1)
    assert_token_error(refresh(base_url, tokens["refresh_token"]), 400, "invalid_grant", 700082)


def test_personal_refresh_asking_for_shared_scopes_drops_them(agent, base_url):
    """As at authorize, a personal account's `.Shared` scopes are dropped at refresh rather
    than answered with 65001, which would loop the app between refresh and consent."""
    scope = "openid offline_access Calendars.Read Calendars.Read.Shared"
    first = agent.redeem(agent.sign_in(seed.PERSONAL_USER_OID, scope=scope)["code"]).json()
    assert "Calendars.Read.Shared" not in first["scope"].split()
    again = token_post(base_url, {
        "client_id": seed.DEFAULT_CLIENT_ID, "client_secret": seed.DEFAULT_CLIENT_SECRET,
        "grant_type": "refresh_token", "refresh_token": first["refresh_token"],
        "scope": scope})
    assert again.status_code == 200, again.text
    assert again.json()["scope"].split()[0] == "Calendars.Read"
    assert "Calendars.Read.Shared" not in again.json()["scope"].split()


@pytest.mark.parametrize("assertion", [
    {"client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
     "client_assertion": "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"},
    {"client_assertion": "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"},
])
def test_client_assertion_is_refused_by_name(agent, assertion):
    """private_key_jwt is advertised, as Microsoft does, but the sandbox holds no
    certificates: an assertion gets 700027 invalid_client, not "missing secret" (7000218)."""
    body = assert_token_error(agent.redeem("0.Aunused", client_secret=None, **assertion),
                              401, "invalid_client", 700027)
    assert "client_assertion" in body["error_description"]


def test_unknown_refresh_token_is_9002313(base_url, sandbox):
    """An unknown refresh token is invalid_grant 9002313."""
    assert_token_error(refresh(base_url, "1.Anope"), 400, "invalid_grant", 9002313)
