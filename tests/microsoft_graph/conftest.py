"""Fixtures for the Graph client: real tokens from the live sandbox, a clock that never sleeps.

Every test talks to the sandbox over real HTTP. Waits are recorded by a fake clock instead of
slept, so a test of a 120-second Retry-After takes milliseconds.
"""

import pytest

from postpress_whitelabel.microsoft.graph import GraphClient, RetryPolicy
from tests.sandbox.graph.graph_helpers import ADELE, access_token


class FakeClock:
    """``monotonic`` and ``sleep`` for a client: sleeping only moves the hands."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        """The current fake time."""
        return self.now

    def sleep(self, seconds: float) -> None:
        """Record the wait and let fake time pass."""
        self.sleeps.append(seconds)
        self.now += seconds


class Tokens:
    """A token provider that records each call's ``force_refresh``.

    It hands out ``first`` until asked to refresh, then ``refreshed``.
    """

    def __init__(self, first: str, refreshed: str | None = None):
        self.first = first
        self.refreshed = refreshed if refreshed is not None else first
        self.calls: list[bool] = []

    def __call__(self, force_refresh: bool) -> str:
        self.calls.append(force_refresh)
        return self.refreshed if True in self.calls else self.first


@pytest.fixture
def graph_url(sandbox_server, sandbox) -> str:
    """The sandbox's base URL, state reset: what MICROSOFT_GRAPH_URL is set to."""
    return sandbox_server.url


@pytest.fixture
def adele_token(graph_url, sandbox) -> str:
    """A real access token for Adele Vance with every scope the app asks for."""
    return access_token(graph_url, sandbox, ADELE)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_client(graph_url, clock):
    """``make_client(tokens, **options)``: a client on the sandbox with the fake clock."""

    def make(tokens, **options) -> GraphClient:
        options.setdefault("retry", RetryPolicy())
        return GraphClient(graph_url, tokens, timeout=options.pop("timeout", 10),
                           sleep=clock.sleep, monotonic=clock.monotonic,
                           rand=options.pop("rand", lambda: 0.5), **options)

    return make


@pytest.fixture
def adele(make_client, adele_token) -> GraphClient:
    """A client for Adele whose token provider always has a good token."""
    return make_client(Tokens(adele_token))


def graph_calls(sandbox, endpoint: str) -> int:
    """Requests the sandbox received at an endpoint, every client id together."""
    return sandbox.request_totals().get(endpoint, 0)
