"""Blocked by their organization, then in: the guide's two methods in Chromium, from the
blocked person's first click to their inbox.

Method 2 at Fabrikam (only administrators may consent): Diego is stopped, an administrator signs
in from his screen and consents on behalf of the organization, Diego signs in with no prompt.
Method 1 at Northwind (admin consent workflow): Johanna sends a request with a justification,
Isaiah approves it in the Entra admin center, Johanna presses "Try again" and gets in.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def sign_in_at_microsoft(page, live_app, name):
    """From the app's login page to Microsoft's account picker, picking ``name``."""
    page.goto(live_app)
    page.get_by_role("button", name=re.compile("with Microsoft")).click()
    page.get_by_text(name).click()
    page.get_by_role("button", name="Next").click()


def shoot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"admin-consent-{name}.png"), full_page=True)


def test_method_2_an_administrator_consents_for_the_organization(page, live_app):
    sign_in_at_microsoft(page, live_app, "Diego Siciliani")
    expect(page.get_by_role("heading", name="Need admin approval")).to_be_visible()
    page.get_by_role("button", name="Return to the application without granting consent").click()

    expect(page.get_by_role("heading", name="You came back without granting access")
           ).to_be_visible()
    page.get_by_role("button", name=re.compile("Need admin approval")).click()
    expect(page.get_by_role("heading", name="Administrator approval required")).to_be_visible()
    expect(page.get_by_text("Verified publisher")).to_be_visible()
    shoot(page, "approval-required")

    page.get_by_label("Administrator's work address").fill("AlexW@fabrikam.com")
    page.get_by_role("button", name="Sign in as an administrator").click()
    page.get_by_text("Alex Wilber").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_label("Consent on behalf of your organization").check()
    page.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("heading", name="Approved for your organization")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in_at_microsoft(page, live_app, "Diego Siciliani")
    expect(page).to_have_url(live_app + "/")  # no consent screen, no approval page
    page.goto(live_app + "/mail/")
    expect(page.get_by_role("heading", name="Mail")).to_be_visible()
    expect(page.locator("a[href*='/messages/']").first).to_be_visible()  # his inbox


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
