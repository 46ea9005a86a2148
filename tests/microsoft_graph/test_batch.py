"""JSON batching: 20 a call, dependency chains kept whole, inner 429s waited out in budget."""

import pytest

from postpress_whitelabel.microsoft.graph import BatchRequest, plan_calls, prefer
from tests.sandbox.graph.graph_helpers import ADELE

from .conftest import graph_calls

URLS = ["/me", "/me/mailFolders/inbox", "/me/calendars", "/me/messages?$top=1"]
EVENT = {"subject": "Batched", "start": {"dateTime": "2030-01-02T10:00:00", "timeZone": "UTC"},
         "end": {"dateTime": "2030-01-02T10:30:00", "timeZone": "UTC"}}


def gets(count: int, prefix: str = "r") -> list[BatchRequest]:
    """``count`` independent GETs."""
    return [BatchRequest(f"{prefix}{n}", "GET", URLS[n % len(URLS)]) for n in range(count)]


def chain(count: int, prefix: str = "c") -> list[BatchRequest]:
    """``count`` GETs, each depending on the one before."""
    return [BatchRequest(f"{prefix}{n}", "GET", "/me",
                         depends_on=(f"{prefix}{n - 1}",) if n else ()) for n in range(count)]


def test_25_requests_take_two_calls_and_all_are_answered_by_id(adele, sandbox):
    answers = adele.batch(gets(25))
    assert sorted(answers) == sorted(f"r{n}" for n in range(25))
    assert all(a.ok for a in answers.values())
    assert answers["r0"].body["id"] == ADELE
    assert answers["r1"].body["displayName"] == "Inbox"
    assert graph_calls(sandbox, "graph_batch") == 2
    assert graph_calls(sandbox, "graph_me") == 7  # r0, r4, ... r24: each inner one counted


def test_depends_on_runs_in_order_and_a_body_gets_its_content_type(adele):
    answers = adele.batch([
        BatchRequest("create", "POST", "/me/events", body=EVENT),
        BatchRequest("list", "GET", "/me/events?$filter=subject eq 'Batched'",
                     depends_on=("create",)),
    ])
    assert answers["create"].status == 201
    assert [e["subject"] for e in answers["list"].body["value"]] == ["Batched"]


def test_a_failed_dependency_gives_424_with_an_error_for_each(adele):
    answers = adele.batch([
        BatchRequest("missing", "GET", "/me/messages/AAMkAGI2TG93AAA="),
        BatchRequest("after", "GET", "/me", depends_on=("missing",)),
    ])
    assert answers["missing"].error.not_found
    assert answers["after"].status == 424 and answers["after"].error.status == 424
    assert answers["after"].error.client_request_id


def test_a_chain_stays_in_one_call(adele, sandbox):
    requests = gets(18) + chain(5)
    assert [len(call) for call in plan_calls(requests)] == [18, 5]
    answers = adele.batch(requests)
    assert len(answers) == 23 and all(a.ok for a in answers.values())
    assert graph_calls(sandbox, "graph_batch") == 2


def test_a_chain_longer_than_a_call_is_refused_before_anything_is_sent(adele, sandbox):
    with pytest.raises(ValueError, match="depend on one another"):
        adele.batch(chain(21))
    assert graph_calls(sandbox, "graph_batch") == 0


def test_an_inner_429_is_sent_again_after_its_retry_after(adele, sandbox, clock):
    sandbox.faults.force_status("graph_me", 429, retry_after=3, count=1)
    answers = adele.batch([
        BatchRequest("me", "GET", "/me"),
        BatchRequest("inbox", "GET", "/me/mailFolders/inbox"),
        BatchRequest("after-me", "GET", "/me/calendars", depends_on=("me",)),
    ])
    assert {i: a.status for i, a in answers.items()} == {"me": 200, "inbox": 200,
                                                         "after-me": 200}
    assert clock.sleeps == [3]
    assert graph_calls(sandbox, "graph_batch") == 2
    assert graph_calls(sandbox, "graph_mail_folder") == 1  # the inbox was not asked twice


def test_an_inner_429_out_of_budget_keeps_its_answer(adele, sandbox, clock):
    sandbox.faults.force_status("graph_me", 429, retry_after=100)
    answers = adele.batch([BatchRequest("me", "GET", "/me"),
                           BatchRequest("inbox", "GET", "/me/mailFolders/inbox")])
    assert answers["inbox"].ok
    error = answers["me"].error
    assert error.throttled and error.retry_after == 100
    assert clock.sleeps == []
    assert graph_calls(sandbox, "graph_batch") == 1


def test_inner_prefer_headers_are_honoured_per_request(adele, sandbox):
    answers = adele.batch([BatchRequest(
        "events", "GET", "/me/events?$top=1",
        headers={"Prefer": prefer(timezone="Pacific Standard Time")})])
    assert answers["events"].preference_applied == {"outlook.timezone": "Pacific Standard Time"}
    assert answers["events"].body["value"][0]["start"]["timeZone"] == "Pacific Standard Time"


def test_the_json_of_an_item():
    with_body = BatchRequest("1", "post", "/me/events", body={"a": 1}, depends_on=("0", "x"))
    assert with_body.as_json({"0", "1"}) == {
        "id": "1", "method": "POST", "url": "/me/events", "body": {"a": 1},
        "headers": {"Content-Type": "application/json"}, "dependsOn": ["0"]}
    typed = BatchRequest("2", "POST", "/x", body="aGk=", headers={"content-type": "text/plain"})
    assert typed.as_json(set())["headers"] == {"content-type": "text/plain"}
    assert "headers" not in BatchRequest("3", "GET", "/me").as_json(set())
    loose = BatchRequest("4", "GET", "/me", headers=None, depends_on="3")
    assert loose.as_json({"3"}) == {"id": "4", "method": "GET", "url": "/me", "dependsOn": ["3"]}


@pytest.mark.parametrize("requests, message", [
    ([BatchRequest("a", "GET", "/me"), BatchRequest("A", "GET", "/me")], "unique"),
    ([BatchRequest("a", "GET", "/me", depends_on=("b",))], "not another request"),
    ([BatchRequest("a", "GET", "/me", depends_on=("a",))], "not another request"),
    ([BatchRequest("", "GET", "/me")], "non-empty"),
])
def test_malformed_batches_are_refused(requests, message):
    with pytest.raises(ValueError, match=message):
        plan_calls(requests)
