"""Plain calls: responses as small values, errors as one type, ids, and one pool per process."""

import uuid

import pytest

from postpress_whitelabel.microsoft.graph import GraphError, GraphResponse, transport
from tests.sandbox.graph.graph_helpers import ADELE, access_token

from .conftest import Tokens


def test_a_call_returns_status_headers_and_parsed_body(adele):
    me = adele.get("/me")
    assert isinstance(me, GraphResponse)
    assert me.status == 200
    assert me.body["id"] == ADELE
    assert me.headers["content-type"].startswith("application/json")  # any case
    assert me.preference_applied == {}


def test_a_fresh_client_request_id_is_sent_with_each_call(adele):
    first, second = adele.get("/me"), adele.get("/me")
    ids = [first.client_request_id, second.client_request_id]  # as the sandbox echoed them
    assert all(str(uuid.UUID(i)) == i for i in ids)
    assert ids[0] != ids[1]
    assert first.request_id and first.request_id != second.request_id


def test_an_error_keeps_the_client_request_id_and_graphs_ids(adele):
    with pytest.raises(GraphError) as caught:
        adele.get("/me/messages/AAMkAGI2TG93AAA=")
    error = caught.value
    assert error.status == 404 and error.code == "ErrorItemNotFound" and error.not_found
    assert str(uuid.UUID(error.client_request_id)) == error.client_request_id
    assert error.request_id and error.date
    assert error.client_request_id in str(error) and "ErrorItemNotFound" in str(error)
    assert not (error.missing_permission or error.throttled or error.needs_sign_in)


def test_a_missing_scope_is_missing_permission(graph_url, sandbox, make_client):
    token = access_token(graph_url, sandbox, ADELE, "User.Read")
    with pytest.raises(GraphError) as caught:
        make_client(Tokens(token)).get("/me/messages")
    assert caught.value.status == 403 and caught.value.code == "ErrorAccessDenied"
    assert caught.value.missing_permission
    assert token not in str(caught.value) and token not in repr(caught.value.args)


@pytest.mark.parametrize("name", ["client-request-id", "Client-Request-Id"])
def test_a_caller_supplied_client_request_id_is_kept(adele, name):
    mine = str(uuid.uuid4())
    assert adele.get("/me", headers={name: mine}).client_request_id == mine


def test_paths_must_stay_under_v1(adele):
    for path in ("https://evil.example/v1.0/me", "//evil.example/me", "me", "/me\\..\\x"):
        with pytest.raises(ValueError):
            adele.get(path)
    with pytest.raises(ValueError):
        adele.get("/me", headers={"authorization": "Bearer other"})


def test_post_patch_delete_carry_json_and_answer_with_empty_bodies(adele):
    created = adele.post("/me/events", json={
        "subject": "Graph client check",
        "start": {"dateTime": "2030-01-02T10:00:00", "timeZone": "UTC"},
        "end": {"dateTime": "2030-01-02T10:30:00", "timeZone": "UTC"}})
    assert created.status == 201
    event_id = created.body["id"]
    patched = adele.patch(f"/me/events/{event_id}", json={"subject": "Renamed"})
    assert patched.body["subject"] == "Renamed"
    deleted = adele.delete(f"/me/events/{event_id}")
    assert deleted.status == 204 and deleted.body is None
    with pytest.raises(GraphError) as caught:
        adele.get(f"/me/events/{event_id}")
    assert caught.value.not_found


def test_every_client_shares_one_session_and_reuses_its_connection(adele, make_client,
                                                                   adele_token):
    other = make_client(Tokens(adele_token))
    session = transport.shared_session()
    assert transport.shared_session() is session
    adele.get("/me")
    pool = session.get_adapter(adele.root).poolmanager.connection_from_url(adele.root)
    opened = pool.num_connections
    for client in (adele, other, adele, other):
        client.get("/me")
    assert pool.num_connections == opened  # four calls, two clients, no new connection
    assert session.get_adapter("https://graph.microsoft.com")._pool_maxsize >= 10


def test_a_forked_process_gets_its_own_session(monkeypatch):
    parent = transport.shared_session()
    monkeypatch.setattr(transport, "_session", parent)  # put back when the test ends
    monkeypatch.setattr(transport, "_session_pid", transport.os.getpid())
    monkeypatch.setattr(transport.os, "getpid", lambda: -1)  # as a child after fork sees it
    child = transport.shared_session()
    assert child is not parent
    assert transport.shared_session() is child
    child.close()
