"""The week view: one Graph round trip, the mailbox's zone, weeks, today, events laid out."""

from __future__ import annotations

import datetime as dt

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
