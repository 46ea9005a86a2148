"""Graph fixtures: clients signed in as the seeded users, over real HTTP."""

import pytest

from .graph_helpers import ADELE, MEGAN, SAM, Graph, access_token


@pytest.fixture
def graph_as(base_url, sandbox):
    """A factory: `graph_as(oid, scopes)` gives a Graph client for that user and scopes."""
    clients = []

    def make(oid: str, scopes: str | None = None) -> Graph:
        """A client with a real token (all the app's scopes unless `scopes` is given)."""
        token = access_token(base_url, sandbox, oid) if scopes is None \
            else access_token(base_url, sandbox, oid, scopes)
        client = Graph(base_url, token)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.http.close()


@pytest.fixture
def adele(graph_as) -> Graph:
    """Adele Vance (Contoso user), every scope the default app asks for."""
    return graph_as(ADELE)


@pytest.fixture
def megan(graph_as) -> Graph:
    """Megan Bowen (Contoso admin), every scope."""
    return graph_as(MEGAN)


@pytest.fixture
def sam(graph_as) -> Graph:
    """Sam Taylor (personal account); the `.Shared` scopes are dropped by the identity side."""
    return graph_as(SAM)
