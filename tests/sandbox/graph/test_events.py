"""Changing events: create, update, delete, accept / tentatively accept / decline, and
meetings that reach other sandbox mailboxes."""

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, MEGAN, graph_error

PACIFIC = {"Prefer": 'outlook.timezone="Pacific Standard Time"'}
MEETING = {
    "subject": "Plan the spring window display",
    "body": {"contentType": "HTML", "content": "<p>Bring ideas.</p>"},
    "start": {"dateTime": "2026-12-01T10:00:00", "timeZone": "Pacific Standard Time"},
    "end": {"dateTime": "2026-12-01T11:00:00", "timeZone": "Pacific Standard Time"},
    "location": {"displayName": "Conf Room Baker"},
    "attendees": [{"emailAddress": {"address": "MeganB@contoso.com", "name": "Megan Bowen"},
                   "type": "required"}],
    "isOnlineMeeting": True,
}


def copy_of(client, subject: str) -> dict:
    """The client's own copy of a meeting, found by subject."""
    found = client.get(f"/me/events?$filter=subject eq '{subject}'").json()["value"]
    assert len(found) == 1, found
    return found[0]


def test_create_answers_201_and_invites_sandbox_attendees(adele, megan):
    """201 with the event in the asked zone; Megan gets her own copy, not yet answered."""
    created = adele.post("/me/events", json=MEETING, headers=PACIFIC)
    assert created.status_code == 201
    event = created.json()
    assert event["start"] == {"dateTime": "2026-12-01T10:00:00.0000000",
                              "timeZone": "Pacific Standard Time"}
    assert event["originalStartTimeZone"] == "Pacific Standard Time"
    assert event["isOrganizer"] and event["location"]["displayName"] == "Conf Room Baker"
    assert event["onlineMeeting"]["joinUrl"].startswith("https://teams.microsoft.com/")
    in_utc = adele.get(f"/me/events/{event['id']}").json()["start"]
    assert in_utc == {"dateTime": "2026-12-01T18:00:00.0000000", "timeZone": "UTC"}
    invitation = copy_of(megan, MEETING["subject"])
    assert invitation["id"] != event["id"] and invitation["iCalUId"] == event["iCalUId"]
    assert invitation["isOrganizer"] is False
    assert invitation["responseStatus"]["response"] == "notResponded"


def test_create_rules(adele, graph_as):
    """Missing times, an unknown zone, an end before the start: 400; Calendars.Read: 403."""
    no_times = {"subject": "x"}
    graph_error(adele.post("/me/events", json=no_times), 400, "ErrorInvalidRequest")
    mars = {**MEETING, "start": {"dateTime": "2026-12-01T10:00:00", "timeZone": "Mars"}}
    graph_error(adele.post("/me/events", json=mars), 400, "TimeZoneNotSupportedException")
    backwards = {**MEETING, "end": {"dateTime": "2026-12-01T09:00:00",
                                    "timeZone": "Pacific Standard Time"}}
    graph_error(adele.post("/me/events", json=backwards), 400, "ErrorInvalidRequest")
    reader = graph_as(ADELE, "User.Read Calendars.Read")
    graph_error(reader.post("/me/events", json=MEETING), 403, "ErrorAccessDenied")


def test_all_day_events(adele):
    """All-day events start and end at midnight and read back as dates in any zone."""
    day = {"subject": "Inventory day", "isAllDay": True,
           "start": {"dateTime": "2026-12-03T00:00:00", "timeZone": "Pacific Standard Time"},
           "end": {"dateTime": "2026-12-04T00:00:00", "timeZone": "Pacific Standard Time"}}
    created = adele.post("/me/events", json=day, headers=PACIFIC).json()
    assert created["isAllDay"] is True
    assert created["start"]["dateTime"] == "2026-12-03T00:00:00.0000000"
    utc = adele.get(f"/me/events/{created['id']}").json()
    assert utc["start"]["dateTime"] == "2026-12-03T00:00:00.0000000"
    noon = {**day, "start": {"dateTime": "2026-12-03T12:00:00", "timeZone": "UTC"}}
    graph_error(adele.post("/me/events", json=noon), 400, "ErrorInvalidRequest")


def test_update_reaches_attendee_copies(adele, megan):
    """PATCH answers the updated event; the organizer's change reaches Megan's copy."""
    event = adele.post("/me/events", json=MEETING).json()
    moved = {"start": {"dateTime": "2026-12-02T14:00:00", "timeZone": "UTC"},
             "end": {"dateTime": "2026-12-02T15:00:00", "timeZone": "UTC"},
             "subject": "Spring window (moved)"}
    response = adele.patch(f"/me/events/{event['id']}", json=moved)
    assert response.status_code == 200
    assert response.json()["start"]["dateTime"] == "2026-12-02T14:00:00.0000000"
    assert response.json()["changeKey"] != event["changeKey"]
    theirs = copy_of(megan, "Spring window (moved)")
    assert theirs["start"]["dateTime"] == "2026-12-02T14:00:00.0000000"


def test_delete_cancels_attendee_copies(adele, megan):
    """DELETE: 204, gone for the organizer, cancelled for attendees."""
    event = adele.post("/me/events", json=MEETING).json()
    assert adele.delete(f"/me/events/{event['id']}").status_code == 204
    graph_error(adele.get(f"/me/events/{event['id']}"), 404, "ErrorItemNotFound")
    cancelled = copy_of(megan, f"Canceled: {MEETING['subject']}")
    assert cancelled["isCancelled"] is True


def test_accept_and_tentative_reach_the_organizer(adele, megan):
    """Megan accepts, then tentatively accepts: 202, her copy and Adele's attendee list follow."""
    event = adele.post("/me/events", json=MEETING).json()
    invitation = copy_of(megan, MEETING["subject"])
    for action, status in (("accept", "accepted"), ("tentativelyAccept", "tentativelyAccepted")):
        answer = megan.post(f"/me/events/{invitation['id']}/{action}",
                            json={"comment": "See you", "sendResponse": True})
        assert answer.status_code == 202 and answer.content == b""
        mine = megan.get(f"/me/events/{invitation['id']}").json()
        assert mine["responseStatus"]["response"] == status
        organizer_view = adele.get(f"/me/events/{event['id']}").json()
        assert organizer_view["attendees"][0]["status"]["response"] == status


def test_decline_removes_the_meeting(adele, megan):
    """Declining answers 202, removes Megan's copy and tells the organizer."""
    event = adele.post("/me/events", json=MEETING).json()
    invitation = copy_of(megan, MEETING["subject"])
    assert megan.post(f"/me/events/{invitation['id']}/decline", json={}).status_code == 202
    graph_error(megan.get(f"/me/events/{invitation['id']}"), 404, "ErrorItemNotFound")
    attendees = adele.get(f"/me/events/{event['id']}").json()["attendees"]
    assert attendees[0]["status"]["response"] == "declined"


def test_organizer_cannot_respond(adele):
    """Responding to one's own meeting is 400."""
    mine = ids.event_id(ADELE, "next-up")
    graph_error(adele.post(f"/me/events/{mine}/accept", json={}), 400, "ErrorInvalidRequest")


def test_seeded_invitation_can_be_answered(adele):
    """A seeded meeting organized by a colleague can be accepted."""
    values = adele.get("/me/events?$filter=isOrganizer eq false and isCancelled eq false"
                       "&$top=1").json()["value"]
    assert adele.post(f"/me/events/{values[0]['id']}/accept", json={}).status_code == 202


def test_writing_to_shared_calendars_follows_the_share(adele, megan):
    """Adele may read but not write Megan's calendar; Megan may write Adele's team calendar."""
    megan_calendar = ids.calendar_id(MEGAN, "calendar")
    graph_error(adele.post(f"/users/MeganB@contoso.com/calendars/{megan_calendar}/events",
                           json=MEETING), 403, "ErrorAccessDenied")
    team = ids.calendar_id(ADELE, "team")
    created = megan.post(f"/users/AdeleV@contoso.com/calendars/{team}/events",
                         json={**MEETING, "attendees": []})
    assert created.status_code == 201
    assert created.json()["organizer"]["emailAddress"]["address"] == "AdeleV@contoso.com"
    listed = adele.get(f"/me/calendars/{team}/events").json()["value"]
    assert created.json()["id"] in {e["id"] for e in listed}
    seeded = ids.event_id(MEGAN, "next-up")
    graph_error(adele.patch(f"/users/{MEGAN}/events/{seeded}", json={"subject": "x"}), 403,
                "ErrorAccessDenied")
