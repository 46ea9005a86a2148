"""The `/_sandbox/` HTTP knobs and the request counts."""

import pytest
import requests

from microsoft_sandbox.directory import seed

from .helpers import REDIRECT_URI


def post(base_url: str, path: str, body: dict | None = None) -> requests.Response:
    """POST JSON to a knob."""
    return requests.post(f"{base_url}/_sandbox/{path}", json=body or {}, timeout=10)


def test_request_counts_per_endpoint_and_client(agent, base_url, sandbox):
    """Every request is counted by endpoint and client id; knobs are not."""
    requests.get(f"{base_url}/common/v2.0/.well-known/openid-configuration", timeout=10)
    requests.get(f"{base_url}/common/discovery/v2.0/keys", timeout=10)
    agent.redeem(agent.sign_in()["code"])
    counts = requests.get(f"{base_url}/_sandbox/requests", timeout=10).json()
    client = seed.DEFAULT_CLIENT_ID
    assert counts["discovery"] == {"-": 1}
    assert counts["jwks"] == {"-": 1}
    assert counts["authorize"] == {client: 1}
    assert counts["token"] == {client: 1}
    assert counts["login"] == {client: 1} and counts["consent"] == {client: 1}
    sandbox.reset_counts()
    assert sandbox.request_counts() == {}


def test_http_knobs(agent, base_url, sandbox):
    """Fault, rotation, clock, revoke, redirect URIs and reset over HTTP."""
    assert post(base_url, "id-token-fault", {"fault": "missing_nonce"}).status_code == 200
    assert post(base_url, "id-token-fault", {"fault": "nope"}).status_code == 400
    old_kid = sandbox.keys.current.kid
    assert post(base_url, "rotate-keys").json()["kid"] != old_kid
    before = sandbox.clock.now()
    assert post(base_url, "clock", {"advance": 120}).json()["now"] >= before + 120
    assert post(base_url, "clock", {"advance": -1}).status_code == 400
    assert post(base_url, "revoke", {"oid": seed.CONTOSO_USER_OID}).json()["revoked"] == 0
    uri = "http://127.0.0.1:61234" + seed.DEFAULT_REDIRECT_PATHS[0]
    body = {"client_id": seed.DEFAULT_CLIENT_ID, "uri": uri}
    assert post(base_url, "redirect-uris", body).status_code == 200
    assert uri in sandbox.app(seed.DEFAULT_CLIENT_ID).redirect_uris
    assert post(base_url, "reset").status_code == 200
    assert sandbox.keys.current.kid == old_kid and sandbox.clock.offset == 0
    assert uri not in sandbox.app(seed.DEFAULT_CLIENT_ID).redirect_uris
    assert sandbox.take_id_token_fault() is None


def test_added_redirect_uri_is_usable(agent, sandbox):
    """add_redirect_uri lets an app on an ephemeral port complete the flow."""
    uri = "http://127.0.0.1:61234" + seed.DEFAULT_REDIRECT_PATHS[1]
    sandbox.add_redirect_uri(seed.DEFAULT_CLIENT_ID, uri)
    code = agent.sign_in(redirect_uri=uri)["code"]
    assert agent.redeem(code, redirect_uri=uri).status_code == 200
    assert REDIRECT_URI != uri


def test_seed_constants_are_azure_shaped():
    """The seeded secret looks like an Azure secret value, not like its GUID id."""
    assert len(seed.DEFAULT_CLIENT_SECRET) == 40 and "Q~" in seed.DEFAULT_CLIENT_SECRET[:6]
    assert seed.CONSUMER_TENANT_ID == "9188040d-6c67-4c5b-b112-36a304b66dad"
    assert len(seed.DEFAULT_REDIRECT_URIS) == 4


@pytest.mark.parametrize("path", ["clock", "faults/latency", "apps", "revoke"])
def test_knobs_answer_400_to_json_nested_too_deeply(base_url, path):
    """One shared reader for the three knob blueprints: a body the json module cannot read
    for depth is a JSON 400, never a server error."""
    response = requests.post(f"{base_url}/_sandbox/{path}", data="[" * 100000,
                             headers={"Content-Type": "application/json"}, timeout=10)
    assert response.status_code == 400
    assert response.json()["message"] == "The JSON body is nested too deeply."


def test_a_token_response_override_applies_once(base_url, agent):
    """Fields go in as given, a null removes one, and the next response is the seed's again."""
    knob = requests.post(f"{base_url}/_sandbox/token-response-override", timeout=10,
                         json={"fields": {"expires_in": "²", "refresh_token": None}})
    assert knob.status_code == 200
    odd = agent.redeem(agent.sign_in()["code"]).json()
    assert odd["expires_in"] == "²" and "refresh_token" not in odd and odd["access_token"]
    plain = agent.redeem(agent.sign_in()["code"]).json()
    assert isinstance(plain["expires_in"], int) and plain["refresh_token"]
    refused = requests.post(f"{base_url}/_sandbox/token-response-override", timeout=10,
                            json={"fields": [1]})
    assert refused.status_code == 400
