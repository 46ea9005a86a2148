"""The calendar as a person uses it in Chromium: sign in, open the week, create a recurring
event with an attendee (checking when they are free), see it on the grid, answer an
invitation; and the week as a day list on a phone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def calendar_app(serve):
    """The app with the calendar plugin, on a real port."""
    return serve(PLUGINS=["calendar"])[1]


def shoot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"calendar-{name}.png"), full_page=True)


def test_a_week_a_recurring_meeting_and_an_answer(page, calendar_app):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(calendar_app)
    page.get_by_role("button", name=re.compile("with Microsoft")).click()
    page.get_by_text("Adele Vance").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("heading", name="Hello, Adele Vance")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name="Calendar").click()
    expect(page.locator(".cal-dayhead.today")).to_be_visible()
    shoot(page, "week")

    page.get_by_role("link", name="New event").click()
    page.get_by_label("Title").fill("Team lunch")
    page.get_by_label("Starts").fill("2027-02-01")
    page.get_by_label("Ends", exact=True).first.fill("2027-02-01")
    page.locator("#start_time").fill("12:00")
    page.locator("#end_time").fill("13:00")
    page.get_by_label("Attendees").fill("MeganB@contoso.com")
    page.get_by_role("button", name="Check availability").click()
    expect(page.get_by_role("table", name="Availability")).to_contain_text("MeganB@contoso.com")
    page.get_by_label("Repeats").select_option("weekly")
    page.get_by_label("Monday").check()
    page.locator("#ends").select_option("count")
    page.get_by_label("Times").fill("3")
    shoot(page, "form")
    page.get_by_role("button", name="Create event").click()
    expect(page.get_by_text("Event created.")).to_be_visible()
    expect(page.get_by_text("Every week on Monday, 3 times")).to_be_visible()
    shoot(page, "event")

    page.get_by_role("link", name="Back to the week").click()
    monday = page.get_by_role("gridcell", name="Monday 2027-02-01")
    expect(monday.get_by_role("link", name=re.compile("Team lunch"))).to_be_visible()
    page.get_by_role("link", name="Next week").click()
    expect(page.get_by_role("gridcell", name="Monday 2027-02-08")
           .get_by_role("link", name=re.compile("Team lunch"))).to_be_visible()

    page.get_by_role("link", name="Today").click()
    page.locator(".cal-event:has(.cal-tag)").first.click()  # an invitation not yet answered
    page.get_by_label("Tentative").check()
    page.get_by_label("Message (optional)").fill("Might be late")
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("You tentatively accepted the invitation and told the organizer.")
           ).to_be_visible()
    assert errors == []


def test_the_week_is_a_day_list_on_a_phone(page, calendar_app):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(calendar_app)
    page.get_by_role("button", name=re.compile("with Microsoft")).click()
    page.get_by_text("Adele Vance").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Accept").click()
    page.goto(calendar_app + "/calendar/")
    expect(page.locator(".cal-day.today .cal-daylist-head")).to_be_visible()
    expect(page.locator(".cal-hours")).to_be_hidden()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways: {width}px"
    shoot(page, "phone")
