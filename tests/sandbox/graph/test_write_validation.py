"""Writes check their whole body before changing anything, answer bad input with 400 rather
than a server error, and answer 202/204 with no body and no Content-Type."""

import pytest

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, graph_error
from .test_batch import batch, by_id
from .test_events import MEETING

STANDUP = ids.message_id(ADELE, "note-standup")
TO_MEGAN = [{"emailAddress": {"address": "MeganB@contoso.com"}}]


@pytest.mark.parametrize("body", [
    {"isRead": True, "importance": "bogus"},
    {"isRead": True, "flag": {"flagStatus": 5}},
    {"isRead": True, "flag": {"flagStatus": "maybe"}},
    {"isRead": True, "inferenceClassification": "spam"},
    {"isRead": True, "categories": [{"name": "Red"}]},
    {"importance": "high", "isRead": "yes"},
])
def test_patch_is_all_or_nothing(adele, body):
    """A bad value anywhere in the body is 400 and no earlier key has been applied."""
    before = adele.get(f"/me/messages/{STANDUP}").json()
    graph_error(adele.patch(f"/me/messages/{STANDUP}", json=body), 400, "BadRequest")
    after = adele.get(f"/me/messages/{STANDUP}").json()
    for name in ("isRead", "importance", "flag", "inferenceClassification", "categories",
                 "changeKey"):
        assert after[name] == before[name], name


def test_patch_enumerations_in_any_case(adele):
    """Enumerations match without case and read back in Graph's spelling."""
    body = {"importance": "HIGH", "flag": {"flagStatus": "Flagged"},
            "inferenceClassification": "Other", "categories": ["Red category"]}
    updated = adele.patch(f"/me/messages/{STANDUP}", json=body).json()
    assert updated["importance"] == "high"
    assert updated["flag"]["flagStatus"] == "flagged"
    assert updated["inferenceClassification"] == "other"
    assert updated["categories"] == ["Red category"]


def test_empty_answers_carry_no_content_type(adele):
    """202 (sendMail, accept) and 204 (delete) have no body, so no Content-Type either, also
    inside a batch."""
    sent = adele.post("/me/sendMail", json={"message": {"subject": "x", "toRecipients": TO_MEGAN}})
    assert sent.status_code == 202 and "Content-Type" not in sent.headers
    deleted = adele.delete(f"/me/messages/{STANDUP}")
    assert deleted.status_code == 204 and "Content-Type" not in deleted.headers
    answers = by_id(batch(adele, [{
        "id": "1", "method": "POST", "url": "/me/sendMail",
        "headers": {"Content-Type": "application/json"},
        "body": {"message": {"subject": "y", "toRecipients": TO_MEGAN}}}]))
    assert answers["1"]["status"] == 202 and "Content-Type" not in answers["1"]["headers"]


@pytest.mark.parametrize("attachments", [5, True, "file.pdf", {"name": "x"}])
def test_send_mail_attachments_must_be_a_list(adele, attachments):
    """`attachments` that is not a list is 400, not a crash."""
    message = {"subject": "x", "toRecipients": TO_MEGAN, "attachments": attachments}
    graph_error(adele.post("/me/sendMail", json={"message": message}), 400, "BadRequest")


@pytest.mark.parametrize("path,method", [
    ("/me/events", "POST"), ("/me/sendMail", "POST"), (f"/me/messages/{STANDUP}", "PATCH"),
    ("/$batch", "POST"),
])
def test_deeply_nested_json_is_400(adele, path, method):
    """JSON nested past what the json module can read is a bad payload, not a server error."""
    deep = "[" * 100000 + "]" * 100000
    response = adele.call(method, path, data=deep, headers={"Content-Type": "application/json"})
    graph_error(response, 400, "BadRequest")


@pytest.mark.parametrize("start,end,zone", [
    ("9999-12-31T20:00:00", "9999-12-31T21:00:00", "Dateline Standard Time"),
    ("0001-01-01T00:00:00", "0001-01-01T01:00:00", "Tokyo Standard Time"),
    ("1899-12-31T00:00:00", "1900-01-02T00:00:00", "UTC"),
])
def test_event_times_outside_the_supported_years_are_400(adele, start, end, zone):
    """An offset can push year 9999 or year 1 past what dates can hold: 400, not a crash."""
    body = {**MEETING, "start": {"dateTime": start, "timeZone": zone},
            "end": {"dateTime": end, "timeZone": zone}}
    graph_error(adele.post("/me/events", json=body), 400, "ErrorInvalidRequest")


LONE_SURROGATE = "\\ud800"  # escaped in the JSON text: valid JSON, but no UTF-8 text holds it


@pytest.mark.parametrize("path,raw", [
    ("/me/sendMail", '{"message":{"subject":"hi%s","body":{"contentType":"Text","content":"x"},'
                     '"toRecipients":[{"emailAddress":{"address":"MeganB@contoso.com"}}]}}'),
    ("/me/events", '{"subject":"e%s","start":{"dateTime":"2026-11-30T10:00:00","timeZone":"UTC"},'
                   '"end":{"dateTime":"2026-11-30T11:00:00","timeZone":"UTC"}}'),
    ("/$batch", '{"requests":[{"id":"1","method":"GET","url":"me/messages/%s"}]}'),
])
def test_text_no_utf8_can_hold_is_refused_on_arrival(adele, megan, path, raw):
    """Stored, a lone surrogate would break every later answer that includes it."""
    resp = adele.post(path, data=raw % LONE_SURROGATE,
                      headers={"Content-Type": "application/json"})
    graph_error(resp, 400, "BadRequest")
    assert megan.get("/me/messages").status_code == 200
    assert adele.get("/me/events").status_code == 200
