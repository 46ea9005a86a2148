"""Graph's `/.default` stands for the app's whole configured list: never next to named Graph
permissions (AADSTS70011), though the OIDC scopes may join it."""

import pytest

from microsoft_sandbox.directory import seed

from .helpers import token_post
from .test_authorize import assert_redirect_error
from .test_token import assert_token_error

MIXED = [
    "openid https://graph.microsoft.com/.default User.Read",
    "https://graph.microsoft.com/.default https://graph.microsoft.com/Mail.Read",
    ".default Calendars.Read",
]


@pytest.mark.parametrize("scope", MIXED)
def test_authorize_refuses_default_with_named_permissions(agent, scope):
    params = assert_redirect_error(agent.authorize(scope=scope), "invalid_scope", 70011,
                                   agent.state)
    assert params["error_description"].startswith(
        "AADSTS70011: The provided request must include a 'scope' input parameter. The "
        "provided value for the input parameter 'scope' is not valid. "
        f"The scope {scope} is not valid.\r\n")


def test_oidc_scopes_may_join_default(agent):
    params = agent.sign_in(scope="openid profile offline_access https://graph.microsoft.com/"
                                 ".default")
    body = agent.redeem(params["code"]).json()
    assert "User.Read" in body["scope"].split() and body["id_token"]


def test_refresh_refuses_the_same_mix(agent, base_url):
    first = agent.redeem(agent.sign_in()["code"]).json()
    response = token_post(base_url, {
        "client_id": seed.DEFAULT_CLIENT_ID, "client_secret": seed.DEFAULT_CLIENT_SECRET,
        "grant_type": "refresh_token", "refresh_token": first["refresh_token"],
        "scope": "https://graph.microsoft.com/.default User.Read"})
    body = assert_token_error(response, 400, "invalid_scope", 70011)
    assert "The scope https://graph.microsoft.com/.default User.Read is not valid." in body[
        "error_description"]
