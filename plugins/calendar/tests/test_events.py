"""Creating, reading, changing and deleting events through the plugin's pages."""

from __future__ import annotations

import re

from .conftest import graph_calls

WEEK = "2027-02-01"  # a Monday far from the seeded weeks, so only the tests' events are there


def _week(client, week=WEEK, query=""):
    page = client.get(f"/calendar/?week={week}{query}")
    assert page.status_code == 200, page.text[:1000]
    return page.text


def test_an_event_is_created_and_shown_on_the_grid(calendar):
    resp = calendar.create(subject="Design review", start_date="2027-02-03", start_time="10:00",
                           end_date="2027-02-03", end_time="11:30", location="Room 4",
                           time_zone="Europe/Paris")
    calendar.created_id(resp)
    page = _week(calendar.client, query="")
    # Adele's mailbox is on Pacific time: 10:00 in Paris is 01:00 there.
    assert re.search(r"row-\d+ span-3 lane-0[^\"]*\"[^>]*>\s*<span class=\"cal-when\">01:00–02:30",
                     page), page[page.find("Design review") - 600:page.find("Design review")]
    assert "Design review" in page and "Room 4" in page


def test_the_event_page_costs_one_round_trip_and_shows_the_details(calendar, sandbox):
    event_id = calendar.created_id(calendar.create(
        subject="Budget", start_date="2027-02-02", start_time="09:00", end_date="2027-02-02",
        end_time="10:00", attendees="MeganB@contoso.com, alexw@contoso.com",
        body="Bring the <b>numbers</b>"))
    sandbox.reset_counts()
    page = calendar.client.get(f"/calendar/event/{event_id}")
    assert page.status_code == 200, page.text[:1000]
    assert graph_calls(sandbox).pop("graph_batch") == 1
    assert "Budget" in page.text and "MeganB@contoso.com".lower() in page.text.lower()
    assert "Bring the &lt;b&gt;numbers&lt;/b&gt;" in page.text  # text, never HTML
    assert "No answer" in page.text  # the attendees have not answered yet


def test_validation_keeps_the_form(calendar):
    resp = calendar.create(subject="Backwards", start_date="2027-02-03", start_time="10:00",
                           end_date="2027-02-03", end_time="09:00",
                           attendees="megan@contoso.com, not-an-address",
                           repeat="weekly", ends="until", until="2027-01-01")
    assert resp.status_code == 400
    assert "The end must be after the start." in resp.text
    assert 'value="Backwards"' in resp.text  # kept as typed
    assert "not-an-address" in resp.text


def test_recurrence_must_make_sense(calendar):
    resp = calendar.create(subject="Weekly", start_date="2027-02-03", start_time="10:00",
                           end_date="2027-02-03", end_time="11:00", repeat="weekly",
                           ends="until", until="2027-01-01")
    assert resp.status_code == 400
    assert "Pick the days of the week it repeats on." in resp.text
    assert "Give a last date on or after the start date." in resp.text
    resp = calendar.create(subject="Weekly", start_date="2027-02-03", start_time="10:00",
                           end_date="2027-02-03", end_time="11:00", repeat="weekly",
                           days=["monday"], ends="count", count="3")
    assert "Include the start date&#39;s day of the week." in resp.text
    assert resp.status_code == 400
    resp = calendar.create(subject="Weekly", start_date="2027-02-03", start_time="10:00",
                           end_date="2027-02-03", end_time="11:00", repeat="weekly",
                           days=["wednesday"], ends="count", count="0")
    assert resp.status_code == 400 and "Number must be between 1 and 999." in resp.text


def test_an_all_day_multi_day_event_spans_its_days(calendar):
    calendar.created_id(calendar.create(subject="Offsite", all_day="y",
                                        start_date="2027-02-03", end_date="2027-02-05"))
    page = _week(calendar.client)
    assert page.count("Offsite") == 6  # three days, in the grid's band and the phone list
    assert "(3 Feb – 5 Feb)" in page


def test_deleting_an_event_removes_it(calendar):
    event_id = calendar.created_id(calendar.create(
        subject="Scratch", start_date="2027-02-04", start_time="15:00",
        end_date="2027-02-04", end_time="16:00"))
    page = f"/calendar/event/{event_id}"
    resp = calendar.post(f"{page}/delete", page, week="2027-02-04")
    assert resp.status_code == 303
    assert "Scratch" not in _week(calendar.client)


def test_editing_an_event_changes_it(calendar):
    event_id = calendar.created_id(calendar.create(
        subject="Draft", start_date="2027-02-04", start_time="15:00",
        end_date="2027-02-04", end_time="16:00", time_zone="America/Los_Angeles"))
    edit = f"/calendar/event/{event_id}/edit"
    form = calendar.client.get(edit).text
    assert 'value="Draft"' in form and 'value="15:00"' in form
    resp = calendar.post(edit, edit, action="save", subject="Final", start_date="2027-02-04",
                         start_time="16:00", end_date="2027-02-04", end_time="17:00",
                         time_zone="America/Los_Angeles", repeat="none", ends="never",
                         interval="1")
    assert resp.status_code == 303, resp.text[:1000]
    page = _week(calendar.client)
    assert "Final" in page and "Draft" not in page and "16:00–17:00" in page
