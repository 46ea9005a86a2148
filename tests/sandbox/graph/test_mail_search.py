"""`$search` on messages: KQL words, phrases and properties, the documented refusals beside
`$filter` and `$orderby`, newest first, and paging."""

import datetime as dt

import pytest

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, graph_error

ITINERARY = ids.message_id(ADELE, "itinerary")


def search(client, kql: str, **params) -> list[dict]:
    """Every message `$search` finds, following nextLinks."""
    response = client.get("/me/messages", params={"$search": f'"{kql}"', "$top": "50",
                                                   **params})
    assert response.status_code == 200, response.text
    body = response.json()
    values = body["value"]
    while "@odata.nextLink" in body:
        body = client.get(body["@odata.nextLink"]).json()
        values += body["value"]
    return values


def mailbox(sandbox):
    """Adele's stored messages."""
    return list(sandbox.graph.mailbox(sandbox.user(ADELE)).messages.values())


def test_subject_word_and_default_properties(adele, sandbox):
    """A bare word searches from, subject and body; `subject:` only the subject."""
    itinerary = adele.get(f"/me/messages/{ITINERARY}").json()
    word = itinerary["subject"].split()[0]
    by_subject = search(adele, f"subject:{word}")
    assert itinerary["id"] in {m["id"] for m in by_subject}
    assert all(word.lower() in m["subject"].lower() for m in by_subject)
    assert {m["id"] for m in by_subject} <= {m["id"] for m in search(adele, word)}


def test_from_to_and_has_attachments(adele, sandbox):
    """`from:` matches the sender's address or name; `hasAttachments:true/false` splits."""
    stored = mailbox(sandbox)
    sender = next(m.sender for m in stored if m.sender and m.sender.address != "")
    found = search(adele, f"from:{sender.address}")
    assert found and all(m["from"]["emailAddress"]["address"].lower() ==
                         sender.address.lower() for m in found)
    with_files = search(adele, "hasAttachments:true")
    without = search(adele, "hasAttachments:false")
    assert with_files and all(m["hasAttachments"] for m in with_files)
    assert len(with_files) + len(without) == min(len(stored), 1000)
    to_me = search(adele, "to:AdeleV")
    assert to_me and all(any("adelev" in r["emailAddress"]["address"].lower()
                             for r in m["toRecipients"]) for m in to_me)


def test_phrases_body_and_operators(adele, sandbox):
    """A quoted phrase must appear as a phrase; `body:`, `OR` and `NOT` combine terms."""
    target = adele.get(f"/me/messages/{ITINERARY}",
                       headers={"Prefer": 'outlook.body-content-type="text"'}).json()
    words = target["body"]["content"].split()[:3]
    phrase = " ".join(words)
    found = search(adele, f'body:\\"{phrase}\\"')
    assert target["id"] in {m["id"] for m in found}
    either = search(adele, "subject:zzzunknownzzz OR hasAttachments:true")
    assert {m["id"] for m in either} == {m["id"] for m in search(adele, "hasAttachments:true")}
    neither = search(adele, "NOT hasAttachments:true")
    assert all(not m["hasAttachments"] for m in neither)


def test_newest_first_and_paging(adele):
    """Results come newest first and page with nextLink."""
    page = adele.get("/me/messages", params={"$search": '"hasAttachments:false"',
                                             "$top": "3"}).json()
    assert len(page["value"]) == 3 and "@odata.nextLink" in page
    every = search(adele, "hasAttachments:false")
    stamps = [m["receivedDateTime"] for m in every]
    assert stamps == sorted(stamps, reverse=True)


@pytest.mark.parametrize(("extra", "code"), [
    ({"$filter": "isRead eq false"}, "SearchWithFilter"),
    ({"$orderby": "receivedDateTime desc"}, "SearchWithOrderBy"),
])
def test_search_refuses_filter_and_orderby(adele, extra, code):
    """Graph refuses `$filter` and `$orderby` beside `$search`."""
    response = adele.get("/me/messages", params={"$search": '"pizza"', **extra})
    error = graph_error(response, 400, code)
    assert "is not supported with '$search'" in error["message"]


def test_search_limits(adele):
    """An empty search or an unbalanced quote is 400; folders search too."""
    graph_error(adele.get("/me/messages", params={"$search": '""'}), 400, "BadRequest")
    graph_error(adele.get("/me/messages", params={"$search": '"subject:\\"open"'}), 400,
                "BadRequest")
    inbox = adele.get("/me/mailFolders/inbox/messages",
                      params={"$search": '"hasAttachments:true"'})
    assert inbox.status_code == 200


def test_received_dates_and_importance(adele, sandbox):
    """`received:` a day, a range or a comparison (UTC days); `importance:high`."""
    stored = list(sandbox.graph.mailbox(sandbox.user(ADELE)).messages.values())
    sample = sorted(stored, key=lambda m: m.received)[len(stored) // 2]
    day = dt.datetime.fromtimestamp(sample.received, dt.UTC).date()
    start = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()
    same_day = {m.id for m in stored if start <= m.received < start + 86400}
    us_style = f"{day.month}/{day.day}/{day.year}"
    assert {m["id"] for m in search(adele, f"received:{us_style}")} == same_day
    assert {m["id"] for m in search(adele, f"received:{day}..{day}")} == same_day
    newer = {m["id"] for m in search(adele, f"received>={day}")}
    assert newer == {m.id for m in stored if m.received >= start}
    older = {m["id"] for m in search(adele, f"received<{day}")}
    assert older == {m.id for m in stored if m.received < start}
    high = search(adele, "importance:high")
    assert high and all(m["importance"] == "high" for m in high)
    graph_error(adele.get("/me/messages", params={"$search": '"received:yesterday-ish"'}), 400,
                "BadRequest")


def test_count_segment(adele, sandbox):
    """`/me/messages/$count` (and a folder's) answers a plain number, filtered or searched."""
    stored = list(sandbox.graph.mailbox(sandbox.user(ADELE)).messages.values())
    whole = adele.get("/me/messages/$count")
    assert whole.status_code == 200 and whole.headers["Content-Type"].startswith("text/plain")
    assert int(whole.text) == len(stored)
    unread = adele.get("/me/mailFolders/inbox/messages/$count",
                       params={"$filter": "isRead eq false"})
    inbox = ids.folder_id(ADELE, "inbox")
    assert int(unread.text) == sum(1 for m in stored if m.folder_id == inbox and not m.is_read)
    found = adele.get("/me/messages/$count", params={"$search": '"hasAttachments:true"'})
    assert int(found.text) == len(search(adele, "hasAttachments:true"))
