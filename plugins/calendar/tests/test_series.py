"""Recurring events: a weekly series, one occurrence moved and one cancelled, edits to one
occurrence or the whole series."""

from __future__ import annotations

from urllib.parse import parse_qs

from .conftest import day_events


def _series(calendar) -> str:
    """A weekly series on Mondays and Wednesdays from 1 Feb 2027, six times."""
    return calendar.created_id(calendar.create(
        subject="Sync", start_date="2027-02-01", start_time="10:00", end_date="2027-02-01",
        end_time="10:30", time_zone="America/Los_Angeles", repeat="weekly",
        days=["monday", "wednesday"], ends="count", count="6"))


def _week(client, monday: str) -> dict:
    page = client.get(f"/calendar/?week={monday}")
    assert page.status_code == 200, page.text[:500]
    return day_events(page.text)


def _only(events: list, subject: str) -> tuple:
    found = [e for e in events if e[3] == subject]
    assert len(found) == 1, events
    return found[0]


def test_a_weekly_series_with_one_moved_and_one_cancelled_occurrence(calendar):
    master = _series(calendar)
    week = _week(calendar.client, "2027-02-08")
    moved_id, query, when, _ = _only(week["2027-02-08"], "Sync")
    assert when == "10:00–10:30" and parse_qs(query)["series"] == [master]
    cancelled_id = _only(week["2027-02-10"], "Sync")[0]

    edit = f"/calendar/event/{moved_id}/edit"
    form = calendar.client.get(edit).text
    assert "Edit this occurrence" in form and "Only this occurrence changes" in form
    assert 'name="repeat"' not in form  # an occurrence has no recurrence of its own
    resp = calendar.post(edit, edit, action="save", subject="Sync (moved)",
                         start_date="2027-02-08", start_time="14:00", end_date="2027-02-08",
                         end_time="14:30", time_zone="America/Los_Angeles")
    assert resp.status_code == 303, resp.text[:1000]
    page = f"/calendar/event/{cancelled_id}"
    assert calendar.post(f"{page}/delete", page).status_code == 303

    week = _week(calendar.client, "2027-02-08")
    moved = _only(week["2027-02-08"], "Sync (moved)")
    assert moved[2] == "14:00–14:30" and parse_qs(moved[1])["series"] == [master]
    assert [e for e in week["2027-02-10"] if e[3].startswith("Sync")] == []
    # The rest of the series is as it was.
    for day in ("2027-02-01", "2027-02-03"):
        assert _only(_week(calendar.client, "2027-02-01")[day], "Sync")[2] == "10:00–10:30"
    later = _week(calendar.client, "2027-02-15")
    assert _only(later["2027-02-15"], "Sync")[2] == "10:00–10:30"
    assert _only(later["2027-02-17"], "Sync")[2] == "10:00–10:30"
    after = _week(calendar.client, "2027-02-22")["2027-02-22"]
    assert [e for e in after if e[3].startswith("Sync")] == []  # six times, no more


def test_an_occurrence_page_names_its_series(calendar):
    master = _series(calendar)
    occurrence, query, _, _ = _only(_week(calendar.client, "2027-02-08")["2027-02-10"], "Sync")
    page = calendar.client.get(f"/calendar/event/{occurrence}?{query}").text
    assert "An occurrence of" in page and "Every week on Monday, Wednesday, 6 times" in page
    assert f"/calendar/event/{master}/edit" in page and "Edit the series" in page


def test_editing_the_series_changes_every_occurrence(calendar):
    master = _series(calendar)
    edit = f"/calendar/event/{master}/edit"
    form = calendar.client.get(edit).text
    assert "Edit the series" in form and '<option selected value="weekly">' in form
    resp = calendar.post(edit, edit, action="save", subject="Sync v2", start_date="2027-02-01",
                         start_time="11:00", end_date="2027-02-01", end_time="11:30",
                         time_zone="America/Los_Angeles", repeat="weekly",
                         days=["monday", "wednesday"], ends="count", count="6", interval="1")
    assert resp.status_code == 303, resp.text[:1000]
    week = _week(calendar.client, "2027-02-08")
    assert _only(week["2027-02-08"], "Sync v2")[2] == "11:00–11:30"
    assert _only(week["2027-02-10"], "Sync v2")[2] == "11:00–11:30"


def test_a_daily_series_until_a_date(calendar):
    calendar.created_id(calendar.create(
        subject="Standup", start_date="2027-02-03", start_time="09:00", end_date="2027-02-03",
        end_time="09:15", time_zone="America/Los_Angeles", repeat="daily", ends="until",
        until="2027-02-05"))
    week = _week(calendar.client, "2027-02-01")
    assert [d for d, items in week.items() if any(e[3] == "Standup" for e in items)] == [
        "2027-02-03", "2027-02-04", "2027-02-05"]


def test_editing_a_series_keeps_its_first_day_of_the_week(calendar, app):
    """A series made in Outlook with weeks starting on Sunday keeps them when edited here:
    for "every 2 weeks" the first day decides which weeks count."""
    from postpress_whitelabel.api import ConnectedAccount, db, graph

    rule = {"pattern": {"type": "weekly", "interval": 2, "daysOfWeek": ["sunday", "monday"],
                        "firstDayOfWeek": "sunday"},
            "range": {"type": "numbered", "startDate": "2027-02-07", "numberOfOccurrences": 6,
                      "recurrenceTimeZone": "Pacific Standard Time"}}
    with app.app_context():
        account = db.session.scalars(db.select(ConnectedAccount)).first()
        made = graph(account).post("/me/events", json={
            "subject": "Fortnightly", "recurrence": rule,
            "start": {"dateTime": "2027-02-07T10:00:00", "timeZone": "Pacific Standard Time"},
            "end": {"dateTime": "2027-02-07T10:30:00", "timeZone": "Pacific Standard Time"}})
    master = made.body["id"]
    edit = f"/calendar/event/{master}/edit"
    resp = calendar.post(edit, edit, action="save", subject="Fortnightly v2",
                         start_date="2027-02-07", start_time="10:00", end_date="2027-02-07",
                         end_time="10:30", time_zone="America/Los_Angeles", repeat="weekly",
                         days=["sunday", "monday"], ends="count", count="6", interval="2")
    assert resp.status_code == 303, resp.text[:1000]
    with app.app_context():
        account = db.session.scalars(db.select(ConnectedAccount)).first()
        saved = graph(account).get(f"/me/events/{master}").body
    assert saved["subject"] == "Fortnightly v2"
    assert saved["recurrence"]["pattern"]["firstDayOfWeek"] == "sunday"
