"""The `graph_sdk` fixture itself: the SDK reaches the https sandbox as the signed-in user."""


import pytest
from kiota_abstractions.api_error import APIError

from microsoft_sandbox.directory import seed
from tests.conformance.sdk_clients import run


@pytest.mark.parametrize("oid,graph_id,name", [
    (seed.CONTOSO_USER_OID, seed.CONTOSO_USER_OID, "Adele Vance"),
    # Graph names a personal account by its short id, not the oid.
    (seed.PERSONAL_USER_OID, "7a3e5c91b2d4f608", "Sam Taylor"),
])
def test_me_is_the_signed_in_user(graph_sdk, oid, graph_id, name):
    client = graph_sdk(oid, scopes=["User.Read"])
    me = run(client.me.get())
    assert me.id == graph_id and me.display_name == name
    # A second event loop on the same client works too.
    assert run(client.me.get()).id == graph_id


def test_a_scope_not_granted_is_graphs_403(graph_sdk):
    client = graph_sdk(seed.CONTOSO_USER_OID, scopes=["User.Read"])
    with pytest.raises(APIError) as raised:
        run(client.me.messages.get())
    assert raised.value.response_status_code == 403


@pytest.mark.parametrize("oid", [seed.CONTOSO_USER_OID, seed.PERSONAL_USER_OID])
def test_calls_use_msals_cached_token_without_refreshing(graph_sdk, sandbox, oid):
    """The default scopes are all ones the account can hold, so MSAL's cache answers."""
    client = graph_sdk(oid)
    sandbox.reset_counts()
    for _ in range(3):
        run(client.me.get())
    assert sandbox.request_counts() == {"graph_me": {seed.DEFAULT_CLIENT_ID: 3}}
