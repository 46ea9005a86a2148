"""Paging: every page of a real list, links followed only on Graph, lists bounded in pages."""

import pytest

from postpress_whitelabel.microsoft.graph import GraphClient, GraphError, NextLinkRefused
from postpress_whitelabel.microsoft.graph.paging import checked_next_link, relative_next_link

from .conftest import Tokens, graph_calls
from .fake_servers import Canned

GRAPH = "https://graph.microsoft.com/v1.0"


def test_iter_items_follows_next_links_to_the_end(adele, sandbox):
    total = adele.get("/me/messages", params={"$count": "true", "$top": "1"}).body["@odata.count"]
    ids = [m["id"] for m in adele.iter_items("/me/messages", params={"$select": "subject"})]
    assert len(ids) == total == len(set(ids)) > 10  # more than one page of Graph's default 10
    assert graph_calls(sandbox, "graph_messages") == 1 + -(-total // 10)


def test_pages_carry_the_prefer_header_to_every_page(adele):
    pages = list(adele.iter_pages("/me/events", params={"$top": "20"},
                                  prefer='outlook.timezone="Pacific Standard Time"'))
    assert len(pages) > 1
    for page in pages:
        assert page.preference_applied == {"outlook.timezone": "Pacific Standard Time"}


def test_max_pages_bounds_a_list(adele, sandbox):
    items = list(adele.iter_items("/me/messages", max_pages=2))
    assert len(items) == 20
    assert graph_calls(sandbox, "graph_messages") == 2


def test_a_next_link_to_another_host_is_refused_and_nothing_is_sent_there():
    evil = Canned(200, {"value": [{"id": "stolen"}]})
    graph = Canned(200, {"value": [{"id": "1"}],
                         "@odata.nextLink": f"{evil.url}/v1.0/me/messages?$skip=1"})
    try:
        client = GraphClient(graph.url, Tokens("the-token"), timeout=5)
        seen = []
        with pytest.raises(NextLinkRefused) as caught:
            for item in client.iter_items("/me/messages"):
                seen.append(item["id"])
        assert seen == ["1"]
        assert evil.requests == []
        assert graph.requests[0]["headers"]["Authorization"] == "Bearer the-token"
        assert isinstance(caught.value, GraphError)
        assert "the access token was not sent" in str(caught.value)
    finally:
        evil.close()
        graph.close()


def test_a_link_that_repeats_itself_is_an_error_not_an_endless_list():
    graph = Canned()
    graph.answer(200, {"value": [{"id": "1"}],
                       "@odata.nextLink": f"{graph.url}/v1.0/me/messages?$skip=10"})
    try:
        client = GraphClient(graph.url, Tokens("the-token"), timeout=5)
        with pytest.raises(GraphError) as caught:
            list(client.iter_items("/me/messages"))
        assert caught.value.code == "paging_loop"
        assert len(graph.requests) == 2  # the first page, its link once, never again
    finally:
        graph.close()


def test_a_page_without_a_list_is_an_error_not_a_crash():
    graph = Canned(200, {"value": "not a list"})
    try:
        client = GraphClient(graph.url, Tokens("the-token"), timeout=5)
        with pytest.raises(GraphError) as caught:
            list(client.iter_items("/me/messages"))
        assert caught.value.code == "invalid_list_response"
    finally:
        graph.close()


@pytest.mark.parametrize("link", [
    "https://graph.microsoft.com.evil.example/v1.0/me/messages",
    "https://graph.microsoft.com:8443/v1.0/me/messages",
    "http://graph.microsoft.com/v1.0/me/messages",
    "https://user:pw@graph.microsoft.com/v1.0/me/messages",
    "https://graph.microsoft.com/beta/me/messages",
    "https://graph.microsoft.com/v1.0/../beta/me",
    "https://graph.microsoft.com/v1.0",
    "/v1.0/me/messages?$skip=10",
    "https://graph.microsoft.com\\@evil.example/v1.0/me",
    "https://graph.microsoft.com/v1.0/me\r\nX: y",
    42,
])
def test_links_off_graph_are_refused(link):
    with pytest.raises(NextLinkRefused):
        checked_next_link(link, GRAPH)


@pytest.mark.parametrize("link", [
    "https://graph.microsoft.com/v1.0/me/messages?$skip=10",
    "https://GRAPH.microsoft.com:443/v1.0/me/messages?$skip=10",
])
def test_links_on_graph_are_followed_as_they_are(link):
    assert checked_next_link(link, GRAPH) == link


def test_a_relative_next_link_is_the_checked_links_part_under_v1():
    assert relative_next_link("https://GRAPH.microsoft.com:443/v1.0/me/messages?$skip=10",
                              GRAPH) == "/me/messages?$skip=10"
    assert relative_next_link(None, GRAPH) is None
    for link in ("https://graph.microsoft.com//v1.0//evil.example/me",
                 "https://graph.microsoft.com/v1.0//evil.example/me",
                 "https://graph.microsoft.com.evil.example/v1.0/me/messages"):
        with pytest.raises(NextLinkRefused):
            relative_next_link(link, GRAPH)
