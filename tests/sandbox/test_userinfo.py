"""`/oidc/userinfo`, Graph's UserInfo endpoint: the same token checks as every Graph call and
Graph's error shape."""

import requests

from microsoft_sandbox.directory import seed

from .graph.graph_helpers import graph_error
from .helpers import token_post


def userinfo(base_url: str, token: str) -> requests.Response:
    """GET userinfo with a bearer token."""
    return requests.get(f"{base_url}/oidc/userinfo",
                        headers={"Authorization": f"Bearer {token}"}, timeout=10)


def signed_in(agent) -> str:
    """Adele's access token, through the whole flow."""
    return agent.redeem(agent.sign_in()["code"]).json()["access_token"]


def test_userinfo_answers_for_the_access_token(agent, base_url):
    """Name, email and the pairwise sub of the token's user; 401 with a challenge otherwise."""
    ok = userinfo(base_url, signed_in(agent))
    assert ok.status_code == 200 and ok.headers["request-id"]
    body = ok.json()
    assert body["email"] == seed.CONTOSO_USER_UPN and body["name"] == "Adele Vance"
    assert body["sub"]
    bad = userinfo(base_url, "nope")
    graph_error(bad, 401, "InvalidAuthenticationToken")
    assert bad.headers["WWW-Authenticate"].startswith("Bearer ")


def test_rotated_out_keys_still_verify_until_expiry(agent, base_url, sandbox):
    """As at Graph: a key rollover does not end the tokens the old key signed."""
    token = signed_in(agent)
    sandbox.rotate_keys()
    assert userinfo(base_url, token).status_code == 200
    sandbox.clock.advance(3600)
    error = graph_error(userinfo(base_url, token), 401, "InvalidAuthenticationToken")
    assert error["message"] == "Access token has expired or is not yet valid."


def test_revoked_and_pre_reset_tokens_are_refused(agent, base_url, sandbox):
    """Revocation ends tokens issued before it; a reset ends every earlier token."""
    token = signed_in(agent)
    sandbox.revoke_refresh_tokens(seed.CONTOSO_USER_OID)
    error = graph_error(userinfo(base_url, token), 401, "InvalidAuthenticationToken")
    assert "TokenIssuedBeforeRevocationTimestamp" in error["message"]
    sandbox.reset()
    fresh = signed_in(agent)
    assert userinfo(base_url, fresh).status_code == 200
    sandbox.reset()
    graph_error(userinfo(base_url, fresh), 401, "InvalidAuthenticationToken")


def test_app_only_tokens_have_no_user_to_describe(base_url, sandbox):
    """A client-credentials token is valid but names no user: 403."""
    sandbox.grant_tenant_consent(seed.CONTOSO_TENANT_ID, seed.DEFAULT_CLIENT_ID, ["User.Read"])
    app_token = token_post(base_url, {
        "client_id": seed.DEFAULT_CLIENT_ID, "client_secret": seed.DEFAULT_CLIENT_SECRET,
        "grant_type": "client_credentials", "scope": "https://graph.microsoft.com/.default",
    }, tenant=seed.CONTOSO_TENANT_ID).json()["access_token"]
    graph_error(userinfo(base_url, app_token), 403, "ErrorAccessDenied")
