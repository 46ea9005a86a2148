"""Event bodies as text, Calendars.ReadBasic, and the organizer's cancel and anyone's forward."""

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, graph_error, window
from .test_events import MEETING, copy_of

TEXT = {"Prefer": 'outlook.body-content-type="text"'}


def test_prefer_text_body_on_events(adele, sandbox):
    """outlook.body-content-type="text" turns event bodies into text, and says so."""
    event_id = ids.event_id(ADELE, "next-up")
    html = adele.get(f"/me/events/{event_id}").json()["body"]
    assert html["contentType"] == "html" and "<p>" in html["content"]
    answer = adele.get(f"/me/events/{event_id}", headers=TEXT)
    assert answer.headers["Preference-Applied"] == 'outlook.body-content-type="text"'
    text = answer.json()["body"]
    assert text["contentType"] == "text" and "<" not in text["content"]
    assert "Agenda" in text["content"]
    listed = adele.get(f"/me/calendarView?{window(sandbox)}", headers=TEXT).json()["value"]
    assert {e["body"]["contentType"] for e in listed} == {"text"}


def test_calendars_read_basic_has_no_bodies(graph_as, sandbox):
    """Calendars.ReadBasic reads events and calendars, without body or bodyPreview."""
    basic = graph_as(ADELE, "User.Read Calendars.ReadBasic")
    event = basic.get(f"/me/events/{ids.event_id(ADELE, 'next-up')}").json()
    assert event["subject"] and "body" not in event and "bodyPreview" not in event
    view = basic.get(f"/me/calendarView?{window(sandbox)}").json()["value"]
    assert view and all("body" not in e for e in view)
    assert basic.get("/me/calendars").status_code == 200
    graph_error(basic.post("/me/events", json=MEETING), 403, "ErrorAccessDenied")


def test_cancel_by_the_organizer(adele, megan, sandbox):
    """202; gone from Adele's calendar, cancelled in Megan's, who gets the comment by mail."""
    event = adele.post("/me/events", json=MEETING).json()
    answer = adele.post(f"/me/events/{event['id']}/cancel",
                        json={"Comment": "Postponed to spring."})
    assert answer.status_code == 202 and answer.content == b""
    graph_error(adele.get(f"/me/events/{event['id']}"), 404, "ErrorItemNotFound")
    theirs = copy_of(megan, f"Canceled: {MEETING['subject']}")
    assert theirs["isCancelled"] is True
    inbox = megan.get(f"/me/mailFolders/inbox/messages?$filter=subject eq "
                      f"'Canceled: {MEETING['subject']}'").json()["value"]
    assert len(inbox) == 1 and "Postponed to spring." in inbox[0]["bodyPreview"]


def test_only_the_organizer_cancels(adele, megan):
    """An attendee's cancel: 400 ErrorInvalidRequest; a comment that is not text: 400."""
    event = adele.post("/me/events", json=MEETING).json()
    invitation = copy_of(megan, MEETING["subject"])
    graph_error(megan.post(f"/me/events/{invitation['id']}/cancel", json={"Comment": ""}), 400,
                "ErrorInvalidRequest")
    graph_error(adele.post(f"/me/events/{event['id']}/cancel", json={"Comment": 5}), 400,
                "BadRequest")
    assert adele.get(f"/me/events/{event['id']}").status_code == 200


def test_cancel_one_occurrence(adele, megan):
    """Cancelling one occurrence of a series leaves the rest."""
    series = {**MEETING, "recurrence": {
        "pattern": {"type": "daily", "interval": 1},
        "range": {"type": "numbered", "startDate": "2026-12-01", "numberOfOccurrences": 3}}}
    master = adele.post("/me/events", json=series).json()
    window_ = "startDateTime=2026-11-30&endDateTime=2026-12-05"
    first = adele.get(f"/me/events/{master['id']}/instances?{window_}").json()["value"][0]
    assert adele.post(f"/me/events/{first['id']}/cancel", json={}).status_code == 202
    left = adele.get(f"/me/events/{master['id']}/instances?{window_}").json()["value"]
    assert [e["start"]["dateTime"][:10] for e in left] == ["2026-12-02", "2026-12-03"]


def test_forward_by_an_attendee(adele, megan, sandbox):
    """Megan forwards Adele's meeting to Alex (another sandbox organization) and to someone
    outside: 202; Alex gets a copy to answer, Adele's attendee list grows, the outsider's mail
    leaves the sandbox."""
    alex = sandbox.user_by_login("AlexW@fabrikam.com")
    event = adele.post("/me/events", json=MEETING).json()
    invitation = copy_of(megan, MEETING["subject"])
    body = {"ToRecipients": [{"emailAddress": {"address": alex.mail, "name": alex.display_name}},
                             {"emailAddress": {"address": "dana@fabrikam.example"}}],
            "Comment": "Dana, hope you can make this."}
    answer = megan.post(f"/me/events/{invitation['id']}/forward", json=body)
    assert answer.status_code == 202 and answer.content == b""
    attendees = {a["emailAddress"]["address"].lower()
                 for a in adele.get(f"/me/events/{event['id']}").json()["attendees"]}
    assert {alex.mail.lower(), "dana@fabrikam.example"} <= attendees
    alex_box = sandbox.graph.mailbox(alex)
    copies = [e for e in alex_box.events.values() if e.ical_uid == event["iCalUId"]]
    assert len(copies) == 1 and copies[0].response == "notResponded"
    assert any(m["to"] == "dana@fabrikam.example" for m in sandbox.graph.outbound)
    graph_error(megan.post(f"/me/events/{invitation['id']}/forward", json={"Comment": "x"}),
                400, "ErrorInvalidRecipients")
