"""`$filter` as mail and calendar plugins write it: property names in any case, date-only
literals for date-time properties, and `any()`/`all()` lambdas over collections."""

import datetime as dt

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, graph_error

STANDUP = ids.message_id(ADELE, "note-standup")


def subjects(client, path: str, clause: str) -> set[str]:
    """The subjects of up to 1000 items matching `clause`."""
    response = client.get(path, params={"$filter": clause, "$top": "1000"})
    assert response.status_code == 200, response.text
    return {item["subject"] for item in response.json()["value"]}


def test_property_names_match_without_case(adele):
    """`IsRead`, `SUBJECT` and `From/EmailAddress/Address` read as their Graph spelling."""
    plain = subjects(adele, "/me/messages", "isRead eq false")
    assert plain and subjects(adele, "/me/messages", "IsRead eq false") == plain
    subject = adele.get(f"/me/messages/{STANDUP}").json()["subject"]
    quoted = subject.replace("'", "''")
    assert subject in subjects(adele, "/me/messages", f"SUBJECT eq '{quoted}'")
    sender = adele.get(f"/me/messages/{STANDUP}").json()["from"]["emailAddress"]["address"]
    assert subject in subjects(adele, "/me/messages",
                               f"From/EmailAddress/Address eq '{sender}'")


def test_case_free_names_still_pair_with_orderby(adele):
    """`$orderby` in one case and `$filter` in another still satisfy InefficientFilter."""
    response = adele.get("/me/messages", params={
        "$filter": "ReceivedDateTime ge 2000-01-01 and isRead eq false",
        "$orderby": "receivedDateTime desc"})
    assert response.status_code == 200, response.text
    graph_error(adele.get("/me/messages", params={"$filter": "isRead eq false",
                                                  "$orderby": "ReceivedDateTime desc"}),
                400, "InefficientFilter")


def test_date_only_literals_are_midnight_utc(adele, sandbox):
    """`receivedDateTime ge 2026-01-01` compares with midnight UTC of that day."""
    now = dt.datetime.fromtimestamp(sandbox.clock.now(), dt.UTC)
    day = (now - dt.timedelta(days=3)).date()
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()
    response = adele.get("/me/messages", params={
        "$filter": f"receivedDateTime ge {day.isoformat()}", "$top": "1000",
        "$select": "receivedDateTime"}).json()["value"]
    expected = [m for m in sandbox.graph.mailbox(sandbox.user(ADELE)).messages.values()
                if m.received >= midnight]
    assert len(response) == len(expected) > 0
    graph_error(adele.get("/me/messages", params={"$filter": "receivedDateTime ge 2026-13-01"}),
                400, "BadRequest")


def test_any_over_categories(adele):
    """`categories/any(c:c eq 'Red category')` finds the categorized message, in any case."""
    adele.patch(f"/me/messages/{STANDUP}", json={"categories": ["Red category", "Blue"]})
    subject = adele.get(f"/me/messages/{STANDUP}").json()["subject"]
    assert subjects(adele, "/me/messages", "categories/any(c:c eq 'red category')") == {subject}
    assert subjects(adele, "/me/messages", "categories/any(c:c eq 'Green')") == set()
    assert subject in subjects(adele, "/me/messages", "categories/any()")
    assert subject not in subjects(adele, "/me/messages",
                                   "isRead eq true and not categories/any()")


def test_any_over_recipients(adele, sandbox):
    """`toRecipients/any(r:r/emailAddress/address eq '...')` matches on any recipient."""
    mailbox = sandbox.graph.mailbox(sandbox.user(ADELE))
    sample = next(m for m in mailbox.messages.values() if len(m.to) == 1)
    address = sample.to[0].address
    expected = {m.subject for m in mailbox.messages.values()
                if any(r.address.lower() == address.lower() for r in m.to)}
    clause = f"toRecipients/any(r:r/emailAddress/address eq '{address.upper()}')"
    assert subjects(adele, "/me/messages", clause) == expected
    everyone = subjects(adele, "/me/messages",
                        "toRecipients/all(r:endswith(r/emailAddress/address, '.com'))")
    assert everyone


def test_any_over_event_attendees(adele, sandbox):
    """`attendees/any(a:a/emailAddress/address eq '...')` on events."""
    events = sandbox.graph.mailbox(sandbox.user(ADELE)).default_calendar
    mailbox = sandbox.graph.mailbox(sandbox.user(ADELE))
    sample = next(e for e in mailbox.events.values() if e.attendees
                  and e.calendar_id == events.id and e.type == "singleInstance")
    address = sample.attendees[0].recipient.address
    found = subjects(adele, "/me/events",
                     f"attendees/any(a:a/emailAddress/address eq '{address}')")
    assert sample.subject in found


def test_malformed_lambdas_are_400(adele):
    """Unknown collections, a missing colon, an unknown inner property: 400, never 500."""
    for clause in ("colours/any(c:c eq 'x')", "categories/any(c c eq 'x')",
                   "toRecipients/any(r:r/emailAddress/phone eq 'x')",
                   "categories/any(c:c eq 'x'", "categories/any(c/x:c eq 'x')"):
        graph_error(adele.get("/me/messages", params={"$filter": clause}), 400, "BadRequest")


def test_select_and_orderby_without_case(adele):
    """`$select=Subject,ISREAD` and `$orderby=ReceivedDateTime DESC` read as Graph's names."""
    page = adele.get("/me/messages", params={"$select": "Subject,ISREAD", "$top": "3",
                                             "$orderby": "ReceivedDateTime DESC"})
    assert page.status_code == 200, page.text
    first = page.json()["value"][0]
    assert {"subject", "isRead"} <= set(first) and "body" not in first
    stamps = [m["id"] for m in page.json()["value"]]
    assert stamps == [m["id"] for m in adele.get("/me/messages?$top=3").json()["value"]]
