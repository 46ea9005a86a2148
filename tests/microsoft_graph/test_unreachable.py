"""Graph silent, gone or answering nonsense: always a GraphError, never a raw exception."""

import socket
import time

import pytest

from postpress_whitelabel.microsoft.graph import GraphClient, GraphError, RetryPolicy

from .conftest import Tokens
from .fake_servers import Canned, Silent


@pytest.fixture
def silent():
    server = Silent()
    yield server
    server.close()


def test_a_silent_socket_times_out_within_the_budget(silent):
    client = GraphClient(silent.url, Tokens("the-token"), timeout=0.5)
    started = time.monotonic()
    with pytest.raises(GraphError) as caught:
        client.get("/me")
    elapsed = time.monotonic() - started
    error = caught.value
    assert error.status is None and error.code == "timeout" and error.unreachable
    assert "could not be reached" in str(error)
    assert error.client_request_id  # the id sent, kept for support
    assert "the-token" not in str(error)
    assert 0.4 < elapsed < 3


def test_the_call_deadline_trims_a_longer_timeout(silent):
    client = GraphClient(silent.url, Tokens("the-token"), timeout=30,
                         retry=RetryPolicy(deadline=0.5))
    started = time.monotonic()
    with pytest.raises(GraphError) as caught:
        client.get("/me")
    assert caught.value.code == "timeout"
    assert time.monotonic() - started < 3


def test_a_refused_connection_is_unreachable():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nobody listens there
    client = GraphClient(f"http://127.0.0.1:{port}", Tokens("the-token"), timeout=2)
    with pytest.raises(GraphError) as caught:
        client.get("/me")
    assert caught.value.code == "unreachable" and caught.value.status is None
    assert caught.value.unreachable and "could not be reached" in str(caught.value)


@pytest.mark.parametrize("body, content_type", [
    (b"<html><script>alert(1)</script>Bad gateway</html>", "text/html"),
    (b'{"error": "not Graph\'s shape"}', "application/json"),
    (b'{"error": {"code": 5, "message": ["x"], "innerError": "y"}}', "application/json"),
    (b"[" * 100000, "application/json"),
    (b"", ""),
])
def test_an_error_body_of_any_shape_gives_a_graph_error(body, content_type):
    server = Canned(502, body, content_type)
    try:
        with pytest.raises(GraphError) as caught:
            GraphClient(server.url, Tokens("the-token"), timeout=5).get("/me")
        error = caught.value
        assert error.status == 502
        assert "HTTP 502" in str(error) and "<" not in str(error)
        assert error.client_request_id
    finally:
        server.close()


def test_a_success_that_is_not_json_has_no_body():
    server = Canned(200, b"plain text", "text/plain")
    try:
        response = GraphClient(server.url, Tokens("the-token"), timeout=5).get("/me/x/$value")
        assert response.status == 200 and response.body is None
    finally:
        server.close()


def test_error_text_is_safe_to_show():
    error = GraphError("line one\r\nSet-Cookie: x" + "y" * 1000, status=400, code="Bad\nRequest",
                       client_request_id="abc")
    text = str(error)
    assert "\n" not in text and "\r" not in text
    assert len(text) < 450
