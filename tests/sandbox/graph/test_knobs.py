"""Latency, forced statuses and request counts, through Python and /_sandbox/faults."""

import requests

from microsoft_sandbox.directory import seed

from ..test_token import assert_token_error
from .graph_helpers import graph_error


def knob(base_url: str, path: str, body: dict | None = None) -> requests.Response:
    """POST a fault knob."""
    return requests.post(f"{base_url}/_sandbox/faults/{path}", json=body or {}, timeout=10)


def test_forced_429_for_a_count_then_normal(adele, sandbox):
    """Two throttled answers with Retry-After, in Graph's shape, then the real one."""
    sandbox.faults.force_status("graph_messages", 429, retry_after=3, count=2)
    for _ in range(2):
        response = adele.get("/me/messages")
        error = graph_error(response, 429, "ApplicationThrottled")
        assert response.headers["Retry-After"] == "3" and error["message"]
    assert adele.get("/me/messages").status_code == 200
    assert adele.get("/me").status_code == 200


def test_forced_5xx_until_cleared_and_patterns(adele, sandbox):
    """A pattern forces every Graph endpoint until cleared; knobs go with reset."""
    sandbox.faults.force_status("graph_*", 503)
    graph_error(adele.get("/me"), 503, "serviceNotAvailable")
    graph_error(adele.get("/me/calendars"), 503, "serviceNotAvailable")
    sandbox.faults.clear("graph_*")
    assert adele.get("/me").status_code == 200
    sandbox.faults.force_status("graph_me", 500)
    graph_error(adele.get("/me"), 500, "generalException")
    sandbox.reset()
    assert sandbox.faults.snapshot() == {"latency_ms": {}, "statuses": {}}


def test_identity_endpoints_fail_in_their_own_shape(agent, sandbox):
    """A forced 503 on the token endpoint answers Microsoft's whole token-error JSON (AADSTS
    code, trace and correlation ids, timestamp, error_uri), and counts the request."""
    code = agent.sign_in()["code"]
    sandbox.faults.force_status("token", 503, retry_after=1, count=1)
    response = agent.redeem(code)
    assert response.headers["Retry-After"] == "1"
    body = assert_token_error(response, 503, "temporarily_unavailable", 90006)
    assert body["error_uri"].endswith("/error?code=90006")
    assert agent.redeem(code).status_code == 200
    assert sandbox.request_counts()["token"] == {seed.DEFAULT_CLIENT_ID: 2}
    assert sandbox.request_totals()["token"] == 2  # every client's, summed
    assert sandbox.request_totals() == {endpoint: sum(by_client.values()) for endpoint, by_client
                                        in sandbox.request_counts().items()}


def test_forced_5xx_other_than_503_is_server_error(agent, sandbox):
    """Statuses other than 429 and 503 say server_error, with the same code and shape."""
    sandbox.faults.force_status("token", 500, count=1)
    assert_token_error(agent.redeem("0.Aunused"), 500, "server_error", 90006)


def test_forced_status_on_authorize_is_the_error_page(agent, sandbox):
    """A browser at authorize sees the sandbox's error page, not JSON."""
    sandbox.faults.force_status("authorize", 503, retry_after=2, count=1)
    page = agent.authorize()
    assert page.status_code == 503 and page.headers["Retry-After"] == "2"
    assert page.headers["Content-Type"].startswith("text/html")
    assert "AADSTS90006" in page.text and "trouble signing you in" in page.text
    assert agent.authorize().status_code == 200


def test_latency_is_added_on_the_server(adele, sandbox):
    """A latency knob is in force and the request still succeeds (no timing is asserted)."""
    sandbox.faults.latency("graph_me", 1)
    assert sandbox.faults.delay_for("graph_me") == 0.001
    assert sandbox.faults.delay_for("graph_messages") == 0
    assert adele.get("/me").status_code == 200
    sandbox.faults.latency("graph_me", 0)
    assert sandbox.faults.snapshot()["latency_ms"] == {}


def test_http_knobs(base_url, adele, sandbox):
    """The same knobs over HTTP JSON, with validation and the list of endpoint names."""
    assert knob(base_url, "latency", {"endpoint": "graph_*", "ms": 2}).status_code == 200
    assert knob(base_url, "status", {"endpoint": "graph_calendars", "status": 429,
                                     "retry_after": 5, "count": 1}).status_code == 200
    state = requests.get(f"{base_url}/_sandbox/faults", timeout=10).json()
    assert state["latency_ms"] == {"graph_*": 2}
    assert state["statuses"]["graph_calendars"] == {"status": 429, "retry_after": 5,
                                                    "remaining": 1}
    assert {"graph_messages", "graph_batch", "token", "authorize"} <= set(state["endpoints"])
    assert adele.get("/me/calendars").status_code == 429
    assert knob(base_url, "status", {"endpoint": "x", "status": 200}).status_code == 400
    assert knob(base_url, "latency", {"endpoint": "x", "ms": -1}).status_code == 400
    assert knob(base_url, "latency", {"ms": 1}).status_code == 400
    assert knob(base_url, "status", {"endpoint": "x", "status": 503,
                                     "count": 0}).status_code == 400
    assert knob(base_url, "clear").status_code == 200
    assert sandbox.faults.snapshot() == {"latency_ms": {}, "statuses": {}}


def test_graph_requests_are_counted_per_endpoint_and_app(adele, sandbox, base_url):
    """Counts name the route and the token's appid; knobs are not counted."""
    sandbox.reset_counts()
    adele.get("/me")
    adele.get("/me/messages")
    adele.get("/me/mailFolders/inbox/messages")
    adele.get("/me/nothing-here")
    knob(base_url, "clear")
    counts = requests.get(f"{base_url}/_sandbox/requests", timeout=10).json()
    client = seed.DEFAULT_CLIENT_ID
    assert counts == {"graph_me": {client: 1}, "graph_messages": {client: 2},
                      "graph_unknown": {client: 1}}


def test_server_timing_header(adele):
    """Every response says how long the sandbox itself took."""
    timing = adele.get("/me").headers["Server-Timing"]
    assert timing.startswith("sandbox;dur=") and float(timing.split("=")[1]) >= 0
