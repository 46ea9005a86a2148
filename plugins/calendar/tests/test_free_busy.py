"""Free/busy beside the time: the form posted back with "Check availability" shows each
attendee's status from getSchedule, keeps what was typed, and saves nothing."""

from __future__ import annotations

import re

from .conftest import Calendar, graph_calls

FORM = {"subject": "Review", "start_date": "2027-02-03", "end_date": "2027-02-03",
        "time_zone": "America/Los_Angeles", "attendees": "MeganB@contoso.com"}


def _row(page: str, address: str) -> str:
    match = re.search(rf"<tr><td>{re.escape(address)}</td>(.*?)</tr>", page, re.S)
    assert match, page[page.find("<table"):page.find("</table>")]
    return match.group(1)


def test_availability_shows_beside_the_time(sign_in, calendar, sandbox):
    megan = Calendar(sign_in("MeganB@contoso.com"))
    megan.created_id(megan.create(subject="Busy block", start_date="2027-02-03",
                                  start_time="13:00", end_date="2027-02-03", end_time="14:00",
                                  time_zone="America/Los_Angeles"))
    sandbox.reset_counts()
    busy = calendar.create(action="check", start_time="13:30", end_time="14:30", **FORM)
    assert busy.status_code == 200
    row = _row(busy.text, "MeganB@contoso.com")
    assert '<td class="busy">Busy</td>' in row and "13:00–14:00" in row
    assert 'value="Review"' in busy.text  # the form as typed
    calls = graph_calls(sandbox)
    assert calls["graph_get_schedule"] == 1 and "graph_create_event" not in calls
    free = calendar.create(action="check", start_time="16:00", end_time="16:30", **FORM)
    assert '<td class="free">Free</td>' in _row(free.text, "MeganB@contoso.com")


def test_no_attendees_means_nothing_to_check(calendar):
    resp = calendar.create(action="check", start_time="16:00", end_time="16:30",
                           **(FORM | {"attendees": ""}))
    assert resp.status_code == 200 and "Add attendees to see when they are free." in resp.text


def test_personal_accounts_are_told_why(sign_in):
    sam = Calendar(sign_in("sam.taylor@outlook.com"))
    resp = sam.create(action="check", start_time="16:00", end_time="16:30",
                      **(FORM | {"attendees": "friend@outlook.com"}))
    assert resp.status_code == 200
    assert "Free/busy is available for work or school accounts only." in resp.text
