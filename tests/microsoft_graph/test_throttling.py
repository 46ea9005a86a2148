"""429, 503 and 504: Retry-After honoured, backoff without it, never a sleep past the deadline."""

import pytest

from postpress_whitelabel.microsoft.graph import GraphError, RetryPolicy

from .conftest import Tokens, graph_calls


def test_a_429_waits_its_retry_after_then_succeeds(adele, sandbox, clock):
    sandbox.faults.force_status("graph_me", 429, retry_after=7, count=1)
    me = adele.get("/me")
    assert me.status == 200
    assert clock.sleeps == [7]
    assert graph_calls(sandbox, "graph_me") == 2


def test_without_retry_after_the_wait_backs_off_exponentially_with_jitter(
        make_client, adele_token, sandbox, clock):
    draws = iter([0.0, 1.0, 0.5])
    client = make_client(Tokens(adele_token), rand=lambda: next(draws),
                         retry=RetryPolicy(max_retries=3, backoff_base=2.0))
    sandbox.faults.force_status("graph_me", 503, count=3)
    assert client.get("/me").status == 200
    # 2 s, 4 s, 8 s ceilings, each jittered into its upper half by the random draw.
    assert clock.sleeps == [1.0, 4.0, 6.0]


def test_out_of_budget_the_error_says_when_to_retry_and_nothing_is_slept(adele, sandbox, clock):
    sandbox.faults.force_status("graph_me", 429, retry_after=120)
    with pytest.raises(GraphError) as caught:
        adele.get("/me")
    error = caught.value
    assert error.throttled and error.status == 429
    assert error.retry_after == 120
    assert "retry after 120 seconds" in str(error)
    assert error.client_request_id
    assert clock.sleeps == []  # a 120 s wait would cross the 30 s deadline: not slept
    assert graph_calls(sandbox, "graph_me") == 1


def test_waits_stop_before_the_deadline(make_client, adele_token, sandbox, clock):
    client = make_client(Tokens(adele_token),
                         retry=RetryPolicy(max_retries=10, deadline=30))
    started = clock.now
    sandbox.faults.force_status("graph_me", 429, retry_after=10)
    with pytest.raises(GraphError) as caught:
        client.get("/me")
    assert clock.sleeps == [10, 10]  # a third 10 s wait would end exactly at the deadline
    assert clock.now - started <= 30
    assert caught.value.retry_after == 10 and caught.value.throttled


def test_retries_are_bounded_in_number(make_client, adele_token, sandbox, clock):
    client = make_client(Tokens(adele_token), retry=RetryPolicy(max_retries=2))
    sandbox.faults.force_status("graph_me", 503, retry_after=1)
    with pytest.raises(GraphError) as caught:
        client.get("/me")
    assert clock.sleeps == [1, 1]
    assert graph_calls(sandbox, "graph_me") == 3
    assert caught.value.status == 503 and caught.value.throttled


def test_a_504_is_retried_for_a_get_but_a_post_is_never_sent_twice(adele, sandbox, clock):
    sandbox.faults.force_status("graph_me", 504, count=1)
    assert adele.get("/me").status == 200
    sandbox.faults.force_status("graph_send_mail", 504, count=1)
    message = {"message": {"subject": "Once", "body": {"contentType": "text", "content": "x"},
                           "toRecipients": [{"emailAddress": {"address": "a@example.com"}}]}}
    with pytest.raises(GraphError) as caught:
        adele.post("/me/sendMail", json=message)
    assert caught.value.status == 504
    assert graph_calls(sandbox, "graph_send_mail") == 1
    assert sandbox.graph.outbound == []


def test_a_post_is_retried_after_a_429_which_refused_it(adele, sandbox, clock):
    sandbox.faults.force_status("graph_send_mail", 429, retry_after=2, count=1)
    message = {"message": {"subject": "Twice asked, once sent",
                           "body": {"contentType": "text", "content": "x"},
                           "toRecipients": [{"emailAddress": {"address": "a@example.com"}}]}}
    assert adele.post("/me/sendMail", json=message).status == 202
    assert clock.sleeps == [2]
    assert len(sandbox.graph.outbound) == 1
