"""Calendars shared with the user, a colleague's calendar by address, read-only refusals.

In the sandbox's Contoso, Megan Bowen shares her calendar with Adele Vance for reading, and
Adele shares "Team events" with Megan for editing.
"""

from __future__ import annotations

import re

from postpress_whitelabel.testing import csrf_token

MEGAN = "MeganB@contoso.com"


def _listed(page: str) -> dict[str, tuple[str, str]]:
    """Calendars in the side list: name -> (id, "Can edit" or "Read only")."""
    found = re.findall(r'calendar=([^"&]+)&amp;week=[^"]*">([^<]+)</a>(?:\s*<span[^>]*>[^<]*'
                       r'</span>)?\s*<span class="badge [^"]+">([^<]+)</span>', page)
    return {name: (cid, badge) for cid, name, badge in found}


def test_the_list_shows_shared_calendars_with_owner_and_rights(calendar):
    page = calendar.client.get("/calendar/").text
    listed = _listed(page)
    assert listed["Megan Bowen"][1] == "Read only"
    assert listed["Team events"][1] == "Can edit"
    assert "Megan Bowen</span>" not in page.split("Team events")[1].split("</li>")[0]


def test_a_read_only_shared_calendar_shows_and_refuses_edits(calendar):
    shared = _listed(calendar.client.get("/calendar/").text)["Megan Bowen"][0]
    page = calendar.client.get(f"/calendar/?calendar={shared}")
    assert page.status_code == 200
    assert "Megan Bowen's calendar" in page.text and "Read only" in page.text
    assert "New event" not in page.text
    resp = calendar.create(f"?calendar={shared}", subject="Sneaky", start_date="2027-02-03",
                           start_time="10:00", end_date="2027-02-03", end_time="11:00")
    assert resp.status_code == 403
    assert "This calendar is read-only for you" in resp.text
    assert "Ask them for edit access" in resp.text


def test_a_colleague_calendar_by_address(calendar):
    page = calendar.client.get(f"/calendar/?user={MEGAN}")
    assert page.status_code == 200, page.text[:500]
    assert "Megan Bowen's calendar" in page.text and "Read only" in page.text
    resp = calendar.create(f"?user={MEGAN}", subject="Sneaky", start_date="2027-02-03",
                           start_time="10:00", end_date="2027-02-03", end_time="11:00")
    assert resp.status_code == 403 and "read-only for you" in resp.text


def test_a_calendar_not_shared_is_explained(sign_in):
    megan = sign_in(MEGAN)
    resp = megan.get("/calendar/?user=AdeleV@contoso.com")
    assert resp.status_code == 403
    assert "This calendar is not shared with you" in resp.text
    assert "Ask adelev@contoso.com to share it" in resp.text


def test_an_editable_shared_calendar_takes_new_events(sign_in):
    megan = sign_in(MEGAN)
    team = _listed(megan.get("/calendar/").text)["Team events"]
    assert team[1] == "Can edit"
    query = f"?calendar={team[0]}"
    data = {"csrf_token": csrf_token(megan, f"/calendar/new{query}"), "action": "save",
            "subject": "Planning", "start_date": "2027-02-03", "start_time": "10:00",
            "end_date": "2027-02-03", "end_time": "11:00", "time_zone": "UTC",
            "repeat": "none", "ends": "never", "interval": "1"}
    resp = megan.post(f"/calendar/new{query}", data=data)
    assert resp.status_code == 303, resp.text[:1000]
    assert "Planning" in megan.get(f"/calendar/{query}&week=2027-02-01").text


def test_an_event_of_a_colleague_calendar_opens_read_only(calendar):
    page = calendar.client.get(f"/calendar/?user={MEGAN}").text
    link = re.search(r'href="(/calendar/event/[^"]+)"', page)
    assert link, "Megan has no events this week"
    details = calendar.client.get(link.group(1).replace("&amp;", "&"))
    assert details.status_code == 200
    assert "This calendar is read-only for you: Megan Bowen shared it for reading." in \
        details.text
    assert "Delete" not in details.text and "/edit" not in details.text


def test_an_unknown_colleague_is_explained(calendar):
    resp = calendar.client.get("/calendar/?user=nobody@contoso.com")
    assert resp.status_code == 404
    assert "No one at nobody@contoso.com has a calendar this account can see." in resp.text
