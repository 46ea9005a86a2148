"""The week view: one Graph round trip, the mailbox's zone, weeks, today, events laid out."""

from __future__ import annotations

import datetime as dt
import re

from postpress_whitelabel.testing import csrf_token

from .conftest import graph_calls


def test_the_week_costs_one_graph_round_trip(calendar, sandbox):
    sandbox.reset_counts()
    page = calendar.client.get("/calendar/")
    assert page.status_code == 200, page.text[:1000]
    calls = graph_calls(sandbox)
    assert calls.pop("graph_batch") == 1
    # Inside the one batch: the events, the calendar, the calendar list, the mailbox's zone.
    assert calls == {"graph_calendar_view": 1, "graph_calendar": 1, "graph_calendars": 1,
                     "graph_mailbox_settings": 1}


def test_the_week_shows_the_mailbox_zone_and_marks_today(calendar):
    page = calendar.client.get("/calendar/").text
    assert "Times in America/Los_Angeles (your mailbox" in page
    today = dt.datetime.now(dt.UTC).astimezone(__import__("zoneinfo").ZoneInfo(
        "America/Los_Angeles")).date()
    assert f'aria-label="{today.strftime("%A")} {today.isoformat()}"' in page
    assert "cal-dayhead today" in page


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
