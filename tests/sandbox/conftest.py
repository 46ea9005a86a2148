"""Fixtures for the sandbox's own tests: one live server per session, fresh state per test.

Tests speak real HTTP to the sandbox with `requests`, the way the reference app will, and drive
its sign-in and consent forms like a browser would.
"""

import pytest
import requests

from microsoft_sandbox.server import SandboxServer

from .association import AssociationServer
from .helpers import Browser
from .portal_helpers import Portal


@pytest.fixture(scope="session")
def sandbox_server():
    """One sandbox on an ephemeral port for the whole run (key generation is the slow part)."""
    with SandboxServer() as server:
        yield server


@pytest.fixture
def sandbox(sandbox_server):
    """The state object, back at its seed for every test."""
    sandbox_server.sandbox.reset()
    return sandbox_server.sandbox


@pytest.fixture
def base_url(sandbox_server, sandbox) -> str:
    """The live sandbox's base URL (state already reset)."""
    return sandbox_server.url


@pytest.fixture
def agent(base_url):
    """A fresh browser-like session against the sandbox."""
    agent = Browser(base_url)
    yield agent
    agent.http.close()


@pytest.fixture
def jwks(base_url) -> dict:
    """The currently published keys."""
    return requests.get(f"{base_url}/common/discovery/v2.0/keys", timeout=10).json()


@pytest.fixture
def portal(base_url):
    """A developer's browser in the sandbox's portal, signed in to the Proseware directory."""
    portal = Portal(base_url)
    portal.sign_in()
    yield portal
    portal.http.close()


@pytest.fixture
def association_site():
    """The integrator's site on a loopback port, serving the association file tests set."""
    with AssociationServer() as site:
        yield site
