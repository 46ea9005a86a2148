"""Invitations: answering with a message and the choice to tell the organizer; cancelling a
meeting the user organizes. Megan Bowen invites Adele Vance, both through the plugin."""

from __future__ import annotations

from .conftest import Calendar, day_events

MEGAN = "MeganB@contoso.com"


def _invite(sign_in, subject="Quarterly plan") -> tuple[Calendar, str]:
    megan = Calendar(sign_in(MEGAN))
    event_id = megan.created_id(megan.create(
        subject=subject, start_date="2027-02-03", start_time="13:00", end_date="2027-02-03",
        end_time="14:00", time_zone="America/Los_Angeles", attendees="AdeleV@contoso.com"))
    return megan, event_id


def _adele_copy(calendar, subject="Quarterly plan") -> tuple[str, str]:
    week = day_events(calendar.client.get("/calendar/?week=2027-02-01").text)
    found = [(i, q) for i, q, _, s in week["2027-02-03"] if s == subject]
    assert len(found) == 1, week["2027-02-03"]
    return found[0]


def test_accepting_with_a_message_tells_the_organizer(sign_in, calendar):
    megan, meeting = _invite(sign_in)
    assert "Not answered" in calendar.client.get("/calendar/?week=2027-02-01").text
    copy, _ = _adele_copy(calendar)
    page = f"/calendar/event/{copy}"
    assert "Answer the invitation" in calendar.client.get(page).text
    resp = calendar.post(f"{page}/respond", page, response="accept", comment="See you there",
                         send_response="y")
    assert resp.status_code == 303
    assert "You accepted the invitation and told the organizer." in \
        calendar.client.get(resp.headers["Location"]).text
    organizer_view = megan.client.get(f"/calendar/event/{meeting}").text
    assert "accepted" in organizer_view.lower().split("adelev@contoso.com", 1)[1][:200]


def test_a_tentative_answer_not_sent_leaves_the_organizer_waiting(sign_in, calendar):
    megan, meeting = _invite(sign_in)
    copy, _ = _adele_copy(calendar)
    page = f"/calendar/event/{copy}"
    resp = calendar.post(f"{page}/respond", page, response="tentativelyAccept", comment="")
    assert resp.status_code == 303
    assert "Tentative" in calendar.client.get(page).text
    organizer_view = megan.client.get(f"/calendar/event/{meeting}").text
    assert "no answer" in organizer_view.lower().split("adelev@contoso.com", 1)[1][:200]


def test_declining_removes_the_meeting(sign_in, calendar):
    _invite(sign_in)
    copy, _ = _adele_copy(calendar)
    page = f"/calendar/event/{copy}"
    resp = calendar.post(f"{page}/respond", page, response="decline", comment="Away",
                         send_response="y")
    assert resp.status_code == 303 and "/calendar/" in resp.headers["Location"]
    week = day_events(calendar.client.get("/calendar/?week=2027-02-01").text)
    assert [e for e in week["2027-02-03"] if e[3] == "Quarterly plan"] == []


def test_the_organizer_cancels_and_the_attendee_sees_it(sign_in, calendar):
    megan, meeting = _invite(sign_in)
    page = f"/calendar/event/{meeting}"
    organizer_view = megan.client.get(page).text
    assert "Cancel the meeting" in organizer_view and "Answer the invitation" not in organizer_view
    resp = megan.post(f"{page}/cancel", page, comment="Postponed")
    assert resp.status_code == 303
    copy, _ = _adele_copy(calendar, "Canceled: Quarterly plan")
    attendee_view = calendar.client.get(f"/calendar/event/{copy}").text
    assert "Cancelled" in attendee_view and "Answer the invitation" not in attendee_view
