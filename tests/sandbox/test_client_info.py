"""`client_info=1`: the user's oid and home tenant, as MSAL keys its accounts by."""

import base64
import json

import pytest

from microsoft_sandbox.directory import seed

from .helpers import Browser, token_post
from .test_client_credentials import credentials


def decoded(value: str) -> dict:
    """base64url JSON, padded back as MSAL does."""
    assert "=" not in value
    return json.loads(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))


@pytest.mark.parametrize("oid,tenant_id", [
    (seed.CONTOSO_USER_OID, seed.CONTOSO_TENANT_ID),
    (seed.PERSONAL_USER_OID, seed.CONSUMER_TENANT_ID),
])
def test_token_response_names_the_user_and_home_tenant(agent, oid, tenant_id):
    body = agent.redeem(agent.sign_in(oid=oid)["code"], client_info="1").json()
    assert decoded(body["client_info"]) == {"uid": oid, "utid": tenant_id}


@pytest.mark.parametrize("value", [None, "0", "true"])
def test_only_client_info_1_asks_for_it(agent, value):
    body = agent.redeem(agent.sign_in()["code"], client_info=value).json()
    assert body["access_token"] and "client_info" not in body


def test_the_authorization_response_carries_it_when_authorize_asked(base_url):
    asked, plain = Browser(base_url), Browser(base_url)
    params = asked.sign_in(client_info="1")
    assert decoded(params["client_info"]) == {"uid": seed.CONTOSO_USER_OID,
                                              "utid": seed.CONTOSO_TENANT_ID}
    assert list(params)[:2] == ["code", "client_info"]
    assert "client_info" not in plain.sign_in()


def test_refresh_carries_it_too(agent, base_url):
    first = agent.redeem(agent.sign_in()["code"]).json()
    body = token_post(base_url, {
        "client_id": seed.DEFAULT_CLIENT_ID, "client_secret": seed.DEFAULT_CLIENT_SECRET,
        "grant_type": "refresh_token", "refresh_token": first["refresh_token"],
        "client_info": "1"}).json()
    assert decoded(body["client_info"])["uid"] == seed.CONTOSO_USER_OID


def test_client_credentials_name_no_user(base_url, sandbox):
    app = sandbox.register_app("Proseware Worker", "AzureADMultipleOrgs",
                               seed.PROSEWARE_TENANT_ID)
    secret = sandbox.add_secret(app.client_id, "worker", 365)
    body = credentials(base_url, app.client_id, secret.value, client_info="1").json()
    assert body["access_token"] and "client_info" not in body
