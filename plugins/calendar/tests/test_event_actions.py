"""Answering, cancelling and deleting share one path: a form that fails its check goes back
to the event with a message and changes nothing; a refusal from Graph gets the calendar's
error page."""

from __future__ import annotations

import pytest

ACTIONS = ("respond", "cancel", "delete")
TOO_LONG = {"respond": {"response": "accept", "comment": "x" * 2001},
            "cancel": {"comment": "x" * 2001}}


def _scratch(calendar) -> str:
    return calendar.created_id(calendar.create(
        subject="Scratch", start_date="2027-02-04", start_time="15:00",
        end_date="2027-02-04", end_time="16:00"))


@pytest.mark.parametrize("action", TOO_LONG)
def test_a_form_that_fails_its_check_changes_nothing(calendar, action):
    event_id = _scratch(calendar)
    page = f"/calendar/event/{event_id}"
    resp = calendar.post(f"{page}/{action}", page, **TOO_LONG[action])
    assert resp.status_code == 303 and resp.headers["Location"].startswith(page)
    shown = calendar.client.get(resp.headers["Location"]).text
    assert 'class="flash flash-error"' in shown and "at most 2000 characters" in shown
    assert "Scratch" in shown  # the event is still there


@pytest.mark.parametrize("action", ACTIONS)
def test_an_event_graph_does_not_know_is_the_404_page(calendar, action):
    page = "/calendar/event/AAMkAunknownAAA="
    data = {"response": "accept"} if action == "respond" else {}
    resp = calendar.post(f"{page}/{action}", "/calendar/", **data)
    assert resp.status_code == 404 and "no longer exists" in resp.text
