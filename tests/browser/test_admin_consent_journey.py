"""Blocked by their organization, then in: the guide's Method 1 in Chromium, from the blocked
person's first click to their inbox.

Method 1 at Northwind (admin consent workflow): Johanna sends a request with a justification,
Isaiah approves it in the Entra admin center, Johanna presses "Try again" and gets in. Method 2
(Fabrikam: an administrator consents on behalf of the organization from Diego's screen) is a
step of the guide's whole story, tests/browser/test_guide_story.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def sign_in_at_microsoft(page, live_app, name):
    """From the app's login page to Microsoft's account picker, picking ``name``."""
    page.goto(live_app)
    page.get_by_role("button", name=re.compile("with Microsoft")).click()
    page.get_by_text(name).click()
    page.get_by_role("button", name="Next").click()


def test_method_1_a_request_approved_in_entra(page, browser, live_app, sandbox_server):
    sign_in_at_microsoft(page, live_app, "Johanna Lorenz")
    expect(page.get_by_role("heading", name="Approval required")).to_be_visible()
    page.locator("#justification").fill("I plan my team's week from my calendar.")
    page.get_by_role("button", name="Request approval").click()
    page.get_by_role("button", name="Back to app").click()
    expect(page.get_by_text("Your request was sent.")).to_be_visible()
    expect(page.get_by_text("Admin consent requests").first).to_be_visible()

    admin = browser.new_context().new_page()  # Isaiah, at his own desk
    admin.goto(sandbox_server.url + "/portal/signin")
    admin.get_by_text("Isaiah Langer").click()
    admin.get_by_role("button", name="Sign in").click()
    admin.goto(sandbox_server.url + "/portal/enterprise-apps/admin-consent-requests")
    expect(admin.get_by_text("I plan my team's week from my calendar.")).to_be_visible()
    admin.get_by_role("button", name="Approve").click()
    expect(admin.get_by_text("There are no pending requests.")).to_be_visible()
    admin.context.close()

    page.get_by_role("button", name="Try again").click()
    expect(page).to_have_url(live_app + "/")
    page.goto(live_app + "/mail/")
    expect(page.get_by_role("heading", name="Mail")).to_be_visible()
    expect(page.locator("a[href*='/messages/']").first).to_be_visible()
