"""JSON $batch: up to 20 requests in one round trip, dependsOn, per-request status."""

from microsoft_sandbox.directory import seed
from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, Graph, graph_error, window


def batch(client, requests_: list[dict]):
    """POST a batch."""
    return client.post("/$batch", json={"requests": requests_})


def by_id(response) -> dict:
    """The batch's responses keyed by id."""
    return {r["id"]: r for r in response.json()["responses"]}


def test_mail_and_calendar_in_one_round_trip(adele, sandbox):
    """A page's mail and calendar: one request to the sandbox, two answers."""
    sandbox.reset_counts()
    response = batch(adele, [
        {"id": "mail", "method": "GET", "url": "/me/mailFolders/inbox/messages?$top=5"},
        {"id": "cal", "method": "GET", "url": f"/me/calendarView?{window(sandbox)}",
         "headers": {"Prefer": 'outlook.timezone="Pacific Standard Time"'}},
    ])
    assert response.status_code == 200
    answers = by_id(response)
    assert answers["mail"]["status"] == 200 and len(answers["mail"]["body"]["value"]) == 5
    assert answers["cal"]["headers"]["Preference-Applied"].startswith("outlook.timezone")
    assert answers["cal"]["body"]["value"][0]["start"]["timeZone"] == "Pacific Standard Time"
    counts = sandbox.request_counts()
    client = seed.DEFAULT_CLIENT_ID
    assert counts["graph_batch"] == {client: 1}
    assert counts["graph_messages"] == {client: 1}
    assert counts["graph_calendar_view"] == {client: 1}


def test_per_request_status_and_writes(adele):
    """Each request has its own status: a 404 beside a 200, a PATCH with a body, a 202."""
    standup = ids.message_id(ADELE, "note-standup")
    answers = by_id(batch(adele, [
        {"id": "1", "method": "GET", "url": "/me/messages/" + ids.message_id(ADELE, "gone")},
        {"id": "2", "method": "PATCH", "url": f"/me/messages/{standup}",
         "body": {"isRead": True}, "headers": {"Content-Type": "application/json"}},
        {"id": "3", "method": "POST", "url": "me/sendMail",
         "headers": {"Content-Type": "application/json"},
         "body": {"message": {"subject": "hi", "toRecipients": [
             {"emailAddress": {"address": "MeganB@contoso.com"}}]}}},
    ]))
    assert answers["1"]["status"] == 404
    assert answers["1"]["body"]["error"]["code"] == "ErrorItemNotFound"
    assert answers["2"]["status"] == 200 and answers["2"]["body"]["isRead"] is True
    assert answers["3"]["status"] == 202 and "body" not in answers["3"]
    assert adele.get(f"/me/messages/{standup}").json()["isRead"] is True


def test_depends_on_orders_and_fails_dependents(adele):
    """dependsOn runs requests in order; a failed dependency gives 424 without running."""
    answers = by_id(batch(adele, [
        {"id": "a", "method": "GET", "url": "/me"},
        {"id": "b", "method": "GET", "url": "/me/nope-not-here", "dependsOn": ["a"]},
        {"id": "c", "method": "GET", "url": "/me/mailFolders", "dependsOn": ["b"]},
        {"id": "d", "method": "GET", "url": "/me/mailFolders", "dependsOn": ["a"]},
    ]))
    assert answers["a"]["status"] == 200 and answers["b"]["status"] == 400
    assert answers["c"]["status"] == 424 and answers["d"]["status"] == 200


def test_malformed_batches_are_400(adele):
    """Not a list, over 20, no id, duplicate ids, a body without Content-Type, bad deps."""
    graph_error(adele.post("/$batch", json={"requests": "no"}), 400, "BadRequest")
    graph_error(adele.post("/$batch", data="{", headers={"Content-Type": "application/json"}),
                400, "BadRequest")
    too_many = [{"id": str(i), "method": "GET", "url": "/me"} for i in range(21)]
    graph_error(batch(adele, too_many), 400, "BadRequest")
    assert batch(adele, too_many[:20]).status_code == 200
    graph_error(batch(adele, [{"method": "GET", "url": "/me"}]), 400, "BadRequest")
    twice = [{"id": "1", "method": "GET", "url": "/me"}] * 2
    graph_error(batch(adele, twice), 400, "BadRequest")
    no_type = [{"id": "1", "method": "PATCH", "url": "/me/messages/x", "body": {}}]
    error = graph_error(batch(adele, no_type), 400, "BadRequest")
    assert error["message"] == "Write request id : 1 does not contain Content-Type header or body."
    unknown_dep = [{"id": "1", "method": "GET", "url": "/me", "dependsOn": ["9"]}]
    graph_error(batch(adele, unknown_dep), 400, "BadRequest")
    cycle = [{"id": "1", "method": "GET", "url": "/me", "dependsOn": ["2"]},
             {"id": "2", "method": "GET", "url": "/me", "dependsOn": ["1"]}]
    graph_error(batch(adele, cycle), 400, "BadRequest")
    nested = [{"id": "1", "method": "POST", "url": "/$batch", "body": {},
               "headers": {"Content-Type": "application/json"}}]
    graph_error(batch(adele, nested), 400, "BadRequest")
    absolute = [{"id": "1", "method": "GET", "url": "https://graph.microsoft.com/v1.0/me"}]
    graph_error(batch(adele, absolute), 400, "BadRequest")


def test_each_inner_request_is_throttled_on_its_own(adele, sandbox):
    """A forced 429 on one endpoint hits only that request of the batch, with Retry-After."""
    sandbox.faults.force_status("graph_calendar_view", 429, retry_after=7)
    answers = by_id(batch(adele, [
        {"id": "mail", "method": "GET", "url": "/me/messages?$top=1"},
        {"id": "cal", "method": "GET", "url": f"/me/calendarView?{window(sandbox)}"},
    ]))
    assert answers["mail"]["status"] == 200
    assert answers["cal"]["status"] == 429 and answers["cal"]["headers"]["Retry-After"] == "7"
    assert answers["cal"]["body"]["error"]["code"] == "ApplicationThrottled"


def test_batch_needs_a_token_and_inner_requests_their_permissions(base_url, graph_as):
    """The batch itself needs a valid token; each inner request its own permission."""
    graph_error(batch(Graph(base_url, None), [{"id": "1", "method": "GET", "url": "/me"}]),
                401, "InvalidAuthenticationToken")
    profile_only = graph_as(ADELE, "User.Read")
    answers = by_id(batch(profile_only, [
        {"id": "me", "method": "GET", "url": "/me"},
        {"id": "mail", "method": "GET", "url": "/me/messages"},
    ]))
    assert answers["me"]["status"] == 200 and answers["mail"]["status"] == 403


def test_requests_run_side_by_side_under_latency(adele, sandbox):
    """With a latency knob in force, a wave runs on the pool; answers are unchanged."""
    sandbox.faults.latency("graph_me", 1)
    answers = by_id(batch(adele, [
        {"id": str(i), "method": "GET", "url": "/me"} for i in range(5)]))
    assert [answers[str(i)]["status"] for i in range(5)] == [200] * 5
    assert answers["0"]["body"]["id"] == ADELE
