"""$batch must never hang or crash the server: inner URLs are judged percent-decoded, headers
cannot split lines, and batches under a latency knob never wait on one another's threads."""

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from .graph_helpers import ADELE, graph_error
from .test_batch import batch, by_id

JSON = {"Content-Type": "application/json"}
INNER = {"requests": [{"id": "a", "method": "GET", "url": "/me"},
                      {"id": "b", "method": "GET", "url": "/me"}]}


@pytest.mark.parametrize("url", [
    "%24batch", "/%24batch", "$Batch", "me/../$batch", "me/%2e%2e/%24batch",
    "../_sandbox/reset", "/%2e%2e/_sandbox/requests", "me/./messages", "v1.0/me",
    "%2F%2Fevil.example/me", "https://graph.microsoft.com/v1.0/me",
])
def test_nested_climbing_and_absolute_urls_are_refused(adele, sandbox, url):
    """Percent-decoded as the app will route it, the URL must stay under /v1.0 and not be a
    batch: the whole batch is 400 and nothing inner runs."""
    sandbox.reset_counts()
    item = {"id": "1", "method": "POST", "url": url, "body": INNER, "headers": JSON}
    error = graph_error(batch(adele, [item]), 400, "BadRequest")
    assert "request id : 1" in error["message"]
    assert set(sandbox.request_counts()) == {"graph_batch"}


def test_nested_batches_under_latency_answer_at_once(adele, sandbox):
    """The reviewer's hang: four inner `%24batch` requests with a latency knob in force used to
    fill the shared pool with requests waiting on jobs queued behind them."""
    sandbox.faults.latency("graph_me", 1)
    outer = [{"id": str(i), "method": "POST", "url": "%24batch", "body": INNER,
              "headers": JSON} for i in range(4)]
    graph_error(batch(adele, outer), 400, "BadRequest")
    assert by_id(batch(adele, INNER["requests"]))["a"]["status"] == 200


def test_concurrent_batches_under_latency_all_complete(adele, sandbox):
    """Six batches of four at once, side by side on their own threads: all answer in full."""
    sandbox.faults.latency("graph_*", 1)
    items = [{"id": str(i), "method": "GET", "url": "/me"} for i in range(4)]
    headers = {"Authorization": adele.http.headers["Authorization"]}

    def one_batch(_):
        """A batch on its own connection (a requests.Session is not for sharing threads)."""
        return requests.post(f"{adele.root}/$batch", json={"requests": items},
                             headers=headers, timeout=10)

    with ThreadPoolExecutor(max_workers=6) as clients:
        responses = list(clients.map(one_batch, range(6)))
    for response in responses:
        answers = by_id(response)
        assert [answers[str(i)]["status"] for i in range(4)] == [200] * 4
        assert answers["0"]["body"]["id"] == ADELE


@pytest.mark.parametrize("headers", [
    {"X-Note": "a\r\nInjected: yes"}, {"X-Note": "a\nb"}, {"X-Bad\r\nName": "a"},
    {"X-Note": None}, {"X-Note": {"nested": 1}}, {"X-Note": ["a"]}, {"": "a"},
])
def test_headers_that_could_split_lines_are_refused(adele, headers):
    """CR, LF and NUL anywhere, non-scalar values and empty names: 400, not a crash."""
    item = {"id": "1", "method": "GET", "url": "/me", "headers": headers}
    graph_error(batch(adele, [item]), 400, "BadRequest")


def test_scalar_header_values_are_sent_as_text(adele):
    """Numbers are fine as header values: they are sent as their text."""
    item = {"id": "1", "method": "GET", "url": "/me", "headers": {"X-Attempt": 2}}
    assert by_id(batch(adele, [item]))["1"]["status"] == 200
