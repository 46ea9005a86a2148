"""A refused access token: one forced refresh, one retry, never more."""

import pytest

from postpress_whitelabel.microsoft.graph import GraphClient, GraphError, SignInRequired
from tests.sandbox.graph.graph_helpers import ADELE, access_token

from .conftest import Tokens, graph_calls
from .fake_servers import Canned


def test_a_401_is_cured_by_exactly_one_refresh(make_client, adele_token, sandbox):
    tokens = Tokens("not-a-valid-token", refreshed=adele_token)
    me = make_client(tokens).get("/me")
    assert me.status == 200
    assert tokens.calls == [False, True]


def test_a_401_twice_needs_sign_in_after_one_refresh_only(make_client, sandbox):
    tokens = Tokens("stale-token", refreshed="still-not-valid")
    with pytest.raises(GraphError) as caught:
        make_client(tokens).get("/me")
    assert tokens.calls == [False, True]
    error = caught.value
    assert error.status == 401 and error.code == "InvalidAuthenticationToken"
    assert error.needs_sign_in and not error.throttled
    assert "still-not-valid" not in str(error)


def test_a_refused_refresh_reaches_the_caller_as_needs_sign_in(make_client, sandbox):
    calls = []

    def refused(force_refresh: bool) -> str:
        calls.append(force_refresh)
        if force_refresh:
            raise SignInRequired(code="invalid_grant")
        return "expired-token"

    with pytest.raises(SignInRequired) as caught:
        make_client(refused).get("/me")
    assert calls == [False, True]
    assert caught.value.needs_sign_in and isinstance(caught.value, GraphError)


def test_a_provider_with_no_token_means_sign_in(make_client, sandbox):
    with pytest.raises(SignInRequired) as caught:
        make_client(lambda force: "").get("/me")
    assert caught.value.needs_sign_in
    assert graph_calls(sandbox, "graph_me") == 0  # nothing sent without a token


def test_a_403_is_not_refreshed(graph_url, sandbox, make_client):
    tokens = Tokens(access_token(graph_url, sandbox, ADELE, "User.Read"))
    with pytest.raises(GraphError) as caught:
        make_client(tokens).get("/me/mailFolders")
    assert caught.value.missing_permission
    assert tokens.calls == [False]


def test_only_an_invalid_token_401_is_worth_a_refresh():
    server = Canned(401, {"error": {"code": "UnknownError", "message": "Unauthorized."}})
    tokens = Tokens("the-token")
    try:
        with pytest.raises(GraphError) as caught:
            GraphClient(server.url, tokens, timeout=5).get("/me")
    finally:
        server.close()
    assert tokens.calls == [False] and len(server.requests) == 1
    assert caught.value.needs_sign_in
