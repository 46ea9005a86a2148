"""Fixtures of the calendar plugin's tests, on top of the app's test kit.

The kit (``postpress_whitelabel.testing``) is activated by the checkout's root conftest.py;
this file adds only what is the plugin's own: every app loads the calendar plugin, and a
``Calendar`` helper drives its pages like a browser (reading CSRF tokens from forms).
"""

from __future__ import annotations

import re

import pytest

from postpress_whitelabel.testing import csrf_token


@pytest.fixture
def app(make_app):
    """Every test's app loads the calendar plugin."""
    return make_app(plugins=["calendar"])


def graph_calls(sandbox) -> dict:
    """Graph requests the sandbox received, by endpoint name (inner batch requests too)."""
    return {name: n for name, n in sandbox.request_totals().items() if name.startswith("graph")}


class Calendar:
    """The calendar pages as a browser uses them."""

    def __init__(self, client):
        self.client = client

    def create(self, query: str = "", **fields):
        """Fill in the new-event form and submit it; returns the response."""
        data = {"csrf_token": csrf_token(self.client, f"/calendar/new{query}"),
                "action": "save", "time_zone": "UTC", "repeat": "none", "ends": "never",
                "interval": "1", **fields}
        return self.client.post(f"/calendar/new{query}", data=data)

    def created_id(self, resp) -> str:
        """The new event's id, from the redirect to its page."""
        assert resp.status_code == 303, resp.text[:2000]
        match = re.search(r"/calendar/event/([^?]+)", resp.headers["Location"])
        assert match, resp.headers["Location"]
        return match.group(1)

    def post(self, path: str, page: str, **fields):
        """POST a form found on ``page`` with its CSRF token."""
        return self.client.post(path, data={"csrf_token": csrf_token(self.client, page),
                                            **fields})


@pytest.fixture
def at(monkeypatch):
    """``at(instant)``: the calendar pages' "now" for the test (an aware datetime), so a test
    of today or this week never depends on the day it runs."""
    from plugins.calendar import clock

    return lambda instant: monkeypatch.setattr(clock, "now", lambda: instant)


@pytest.fixture
def calendar(signed_in_client):
    """Adele Vance's calendar pages."""
    return Calendar(signed_in_client)


TIMED = re.compile(r'href="/calendar/event/([^"?]+)\?([^"]*)"[^>]*>\s*<span class="cal-when">'
                   r'([^<]+)</span>\s*<span class="cal-subject">(?:<span[^>]*>[^<]*</span> )?'
                   r'([^<]+)</span>')


def day_events(page: str) -> dict[str, list[tuple[str, str, str, str]]]:
    """The timed events in each day's column of a week page:
    ``{"2027-02-08": [(event id, query, "10:00–11:00", subject), ...]}``."""
    days = {}
    for chunk in page.split('role="gridcell" aria-label="')[1:]:
        date = chunk.split('"', 1)[0].split()[-1]
        days[date] = [(i, q.replace("&amp;", "&"), w, s.strip()) for i, q, w, s in
                      TIMED.findall(chunk.split('role="gridcell"', 1)[0])]
    return days
