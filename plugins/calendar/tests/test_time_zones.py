"""Time zones: the mailbox's by default, the user's own choice in the app, and a week with a
daylight-saving change for a user in another zone than the server (which runs on UTC)."""

from __future__ import annotations

import time

import pytest

from .conftest import day_events, graph_calls


def _choose(calendar, zone: str):
    resp = calendar.post("/calendar/time-zone", "/calendar/time-zone", time_zone=zone,
                         next="/calendar/?week=2027-03-08")
    assert resp.status_code == 303 and resp.headers["Location"] == "/calendar/?week=2027-03-08"
    return calendar.client.get(resp.headers["Location"]).text


def test_a_chosen_zone_replaces_the_mailbox_zone_until_reset(calendar, sandbox):
    page = _choose(calendar, "America/New_York")
    assert "Times in America/New_York" in page and "Times are now shown in" in page
    sandbox.reset_counts()
    calendar.client.get("/calendar/?week=2027-03-08")
    assert "graph_mailbox_settings" not in graph_calls(sandbox)  # no need to ask
    page = _choose(calendar, "")
    assert "Times in America/Los_Angeles (your mailbox" in page


def test_an_unknown_zone_is_refused(calendar):
    resp = calendar.post("/calendar/time-zone", "/calendar/time-zone", time_zone="Mars/Olympus")
    assert resp.status_code == 303
    assert "Pick a time zone from the list." in calendar.client.get("/calendar/").text


@pytest.fixture
def server_in_tokyo(monkeypatch):
    """The server's own zone is Tokyo's for the test (it must not matter)."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_week_with_a_clock_change_in_new_york(calendar, server_in_tokyo):
    """US clocks go forward on Sunday 14 March 2027: 09:00 stays 09:00 in New York, while
    the same hour in UTC moves from 14:00 to 13:00."""
    _choose(calendar, "America/New_York")
    calendar.created_id(calendar.create(
        subject="Morning run", start_date="2027-03-12", start_time="09:00",
        end_date="2027-03-12", end_time="10:00", time_zone="America/New_York", repeat="daily",
        ends="count", count="4"))
    for day in ("2027-03-12", "2027-03-15"):
        calendar.created_id(calendar.create(
            subject="UTC call", start_date=day, start_time="14:00", end_date=day,
            end_time="15:00", time_zone="UTC"))
    week = day_events(calendar.client.get("/calendar/?week=2027-03-08").text)
    runs = {d: [w for _, _, w, s in items if s == "Morning run"] for d, items in week.items()}
    assert runs == {"2027-03-08": [], "2027-03-09": [], "2027-03-10": [], "2027-03-11": [],
                    "2027-03-12": ["09:00–10:00"], "2027-03-13": ["09:00–10:00"],
                    "2027-03-14": ["09:00–10:00"]}
    assert [w for _, _, w, s in week["2027-03-12"] if s == "UTC call"] == ["09:00–10:00"]
    later = day_events(calendar.client.get("/calendar/?week=2027-03-15").text)
    assert [w for _, _, w, s in later["2027-03-15"] if s == "UTC call"] == ["10:00–11:00"]
    assert [w for _, _, w, s in later["2027-03-15"] if s == "Morning run"] == ["09:00–10:00"]
