"""The week view: one Graph round trip, the mailbox's zone, weeks, today, events laid out."""

from __future__ import annotations

import datetime as dt
import re

from postpress_whitelabel.testing import csrf_token

from .conftest import day_events, graph_calls


def test_the_week_costs_one_graph_round_trip(calendar, sandbox):
    sandbox.reset_counts()
    page = calendar.client.get("/calendar/")
    assert page.status_code == 200, page.text[:1000]
    calls = graph_calls(sandbox)
    assert calls.pop("graph_batch") == 1
    # Inside the one batch: the events, the calendar, the calendar list, the mailbox's zone.
    assert calls == {"graph_calendar_view": 1, "graph_calendar": 1, "graph_calendars": 1,
                     "graph_mailbox_settings": 1}


def test_the_week_shows_the_mailbox_zone_and_marks_today(calendar, at):
    at(dt.datetime(2027, 3, 10, 20, tzinfo=dt.UTC))  # Wednesday noon in Los Angeles
    page = calendar.client.get("/calendar/").text
    assert "Times in America/Los_Angeles (your mailbox" in page
    assert "8 March 2027 – 14 March 2027" in page
    assert _today(page) == ("Wed", "10")


def _today(page: str) -> tuple[str, str] | None:
    """The day the week marks as today: (weekday, day of the month)."""
    found = re.search(r'cal-dayhead today"[^>]*>\s*<span class="cal-dayname">(\w+)</span> '
                      r'<span class="cal-daynum">(\d+)<', page)
    return found.groups() if found else None


SUNDAY_EVENING_IN_LA = dt.datetime(2027, 3, 8, 2, tzinfo=dt.UTC)  # Sunday 7 March, 18:00 PST


def _sunday_and_monday(calendar) -> None:
    """An event on each side of the week's edge, in Los Angeles."""
    for subject, day, start in (("Sunday supper", "2027-03-07", "17:00"),
                                ("Monday stand-up", "2027-03-08", "09:00")):
        calendar.created_id(calendar.create(
            subject=subject, start_date=day, start_time=start, end_date=day,
            end_time=start.replace(":00", ":30"), time_zone="America/Los_Angeles"))


def _forget_the_mailbox_zone(client) -> None:
    """A first visit: the session has not read the mailbox's zone yet."""
    with client.session_transaction() as session:
        session.pop("calendar_mailbox_zones", None)


def test_a_sunday_evening_in_los_angeles_shows_the_week_ending_that_sunday(calendar, at,
                                                                            sandbox):
    """UTC says Monday already; the mailbox's zone says Sunday: the week is the one ending
    today, on a first visit (zone not known before the batch) and on the next."""
    _sunday_and_monday(calendar)
    at(SUNDAY_EVENING_IN_LA)
    for first_visit in (True, False):
        if first_visit:
            _forget_the_mailbox_zone(calendar.client)
        sandbox.reset_counts()
        page = calendar.client.get("/calendar/").text
        assert graph_calls(sandbox)["graph_calendar_view"] == 1  # still one round trip
        assert "1 March 2027 – 7 March 2027" in page, first_visit
        assert _today(page) == ("Sun", "7")
        days = day_events(page)
        assert [w for _, _, w, s in days["2027-03-07"] if s == "Sunday supper"] == ["17:00–17:30"]
        assert "Monday stand-up" not in page
        assert "week=2027-03-07" in page  # the Today link


def test_a_monday_morning_in_tokyo_shows_the_week_starting_that_monday(calendar, at):
    """UTC says Sunday still; a zone picked in the app says Monday."""
    resp = calendar.post("/calendar/time-zone", "/calendar/time-zone", time_zone="Asia/Tokyo")
    assert resp.status_code == 303
    at(dt.datetime(2027, 3, 7, 20, tzinfo=dt.UTC))  # Monday 8 March, 05:00 in Tokyo
    page = calendar.client.get("/calendar/").text
    assert "8 March 2027 – 14 March 2027" in page
    assert _today(page) == ("Mon", "8")


def test_a_new_event_starts_today_in_the_mailbox_zone(calendar, at):
    at(SUNDAY_EVENING_IN_LA)
    form = calendar.client.get("/calendar/new").text
    assert re.search(r'name="start_date"[^>]*value="2027-03-07"', form), form[:3000]


def test_weeks_move_back_and_forth(calendar):
    page = calendar.client.get("/calendar/?week=2027-03-10").text
    assert "8 March 2027 – 14 March 2027" in page
    assert "week=2027-03-01" in page and "week=2027-03-15" in page
    assert "cal-dayhead today" not in page


def test_an_online_meeting_offers_its_join_link(calendar):
    """The seeded Friday all-hands is a Teams meeting."""
    page = calendar.client.get("/calendar/").text
    link = re.search(r'href="(/calendar/event/[^"]+)"[^>]*>\s*<span class="cal-when">[^<]*'
                     r'</span>\s*<span class="cal-subject">(?:<span[^>]*>[^<]*</span> )?'
                     r'All hands', page)
    assert link, "no all-hands this week"
    details = calendar.client.get(link.group(1).replace("&amp;", "&")).text
    assert "Join the meeting" in details and "Auditorium" in details
    assert re.search(r'<a href="https://[^"]+" rel="noopener noreferrer" target="_blank">Join',
                     details)


def test_the_plugin_table_comes_from_its_migration(make_app, sign_in):
    """``flask db upgrade`` builds the core's tables then the plugin's: the zone is kept."""
    app = make_app(plugins=["calendar"], migrate=True)
    client = sign_in(app=app)
    data = {"csrf_token": csrf_token(client, "/calendar/time-zone"), "time_zone": "Europe/Paris"}
    assert client.post("/calendar/time-zone", data=data).status_code == 303
    assert "Times in Europe/Paris" in client.get("/calendar/").text
