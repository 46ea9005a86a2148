"""Query options and Prefer: built as Graph parses them, and honoured by the live sandbox."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from postpress_whitelabel.microsoft.graph import (
    BatchRequest,
    odata_string,
    parse_preferences,
    prefer,
    query,
    relative_url,
    search_phrase,
)


def test_query_builds_only_the_options_given():
    assert query() == {}
    assert query(select=["subject", "from/emailAddress"], top=5, skip=10, count=True,
                 filter="isRead eq false", orderby=[("receivedDateTime", "desc"), "subject"]) == {
        "$select": "subject,from/emailAddress", "$top": "5", "$skip": "10", "$count": "true",
        "$filter": "isRead eq false", "$orderby": "receivedDateTime desc,subject"}
    assert query(select="id") == {"$select": "id"}


def test_search_is_double_quoted_with_quotes_and_backslashes_escaped():
    assert search_phrase("pizza") == '"pizza"'
    assert search_phrase('say "hi" C:\\temp') == '"say \\"hi\\" C:\\\\temp"'
    assert query(search="from:randiw")["$search"] == '"from:randiw"'


def test_values_are_percent_encoded_once_on_the_wire():
    params = query(search='a&b "c"', filter=f"subject eq {odata_string('let' + chr(39) + 's')}")
    url = requests.Request("GET", "https://graph.microsoft.com/v1.0/me/messages",
                           params=params).prepare().url
    decoded = parse_qs(urlsplit(url).query)
    assert decoded["$search"] == ['"a&b \\"c\\""']
    assert decoded["$filter"] == ["subject eq 'let''s'"]


def test_odata_strings_double_single_quotes():
    assert odata_string("O'Brien") == "'O''Brien'"


@pytest.mark.parametrize("options", [
    {"top": 0}, {"top": 1001}, {"top": "5"}, {"top": True}, {"skip": -1},
    {"select": []}, {"select": ["subject,body"]}, {"select": ["a&$top=1"]},
    {"orderby": [("subject", "sideways")]},
])
def test_bad_options_are_refused_before_a_request(options):
    with pytest.raises(ValueError):
        query(**options)


def test_prefer_builds_the_outlook_preferences():
    assert prefer(timezone="Pacific Standard Time") == 'outlook.timezone="Pacific Standard Time"'
    assert prefer(body_content_type="text", immutable_ids=True, max_page_size=5) == (
        'outlook.body-content-type="text", IdType="ImmutableId", odata.maxpagesize=5')
    for bad in ({"body_content_type": "markdown"}, {"timezone": 'UTC", x="y'},
                {"timezone": "UTC\r\nX: y"}, {"timezone": ""}, {"max_page_size": 0}):
        with pytest.raises(ValueError):
            prefer(**bad)


def test_preference_applied_is_read_back():
    assert parse_preferences('outlook.timezone="Tokyo Standard Time", '
                             'outlook.body-content-type="text"') == {
        "outlook.timezone": "Tokyo Standard Time", "outlook.body-content-type": "text"}
    assert parse_preferences(None) == {}


def test_select_top_filter_and_orderby_reach_graph(adele):
    page = adele.get("/me/messages", params=query(
        select=["subject", "isRead", "receivedDateTime"], top=3,
        filter="receivedDateTime ge 2000-01-01T00:00:00Z and isRead eq false",
        orderby=[("receivedDateTime", "desc")]))
    messages = page.body["value"]
    assert len(messages) == 3
    assert all(m["isRead"] is False for m in messages)
    assert {k for m in messages for k in m} <= {"id", "@odata.etag", "subject", "isRead",
                                                "receivedDateTime"}
    times = [m["receivedDateTime"] for m in messages]
    assert times == sorted(times, reverse=True)


def test_prefer_timezone_and_body_type_are_applied_and_read_back(adele):
    events = adele.get("/me/events", params=query(top=1),
                       prefer=prefer(timezone="Pacific Standard Time"))
    assert events.preference_applied == {"outlook.timezone": "Pacific Standard Time"}
    assert events.body["value"][0]["start"]["timeZone"] == "Pacific Standard Time"
    message = adele.get("/me/messages", params=query(top=1, select=["body"]),
                        prefer=[prefer(body_content_type="text"),
                                prefer(timezone="Pacific Standard Time")])
    assert message.preference_applied["outlook.body-content-type"] == "text"
    assert message.body["value"][0]["body"]["contentType"] == "text"


def test_relative_url_keeps_dollars_and_encodes_spaces_as_percent_20():
    url = relative_url("/me/messages", {"startDateTime": "2026-01-01T00:00:00Z"},
                       select=["id", "subject"], top=5, filter="subject eq 'a+b & c'",
                       orderby=[("receivedDateTime", "desc")])
    assert url == ("/me/messages?startDateTime=2026-01-01T00%3A00%3A00Z&$select=id,subject"
                   "&$top=5&$filter=subject%20eq%20%27a%2Bb%20%26%20c%27"
                   "&$orderby=receivedDateTime%20desc")
    assert "+" not in url.partition("?")[2]
    assert relative_url("/me") == "/me"
    assert relative_url("/me/events?a=1", top=2) == "/me/events?a=1&$top=2"


def test_relative_url_means_the_same_in_a_batch_item_and_a_get(adele):
    url = relative_url("/me/messages", select=["subject", "isRead"], top=2,
                       filter="receivedDateTime ge 2000-01-01T00:00:00Z and isRead eq false",
                       orderby=[("receivedDateTime", "desc")])
    direct = adele.get(url).body["value"]
    batched = adele.batch([BatchRequest("unread", "GET", url)])["unread"]
    assert batched.status == 200
    assert batched.body["value"] == direct and len(direct) == 2
    assert all(m["isRead"] is False for m in direct)
