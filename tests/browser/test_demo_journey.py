"""The demo as a person walks it: open the app, sign in with Microsoft, consent, be greeted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_demo_sign_in_with_a_work_account(page, live_app, sandbox_server):
    page.goto(live_app)
    expect(page).to_have_url(re.compile(r"/login$"))
    page.get_by_role("button", name="Sign in to postpress with Microsoft").click()

    expect(page).to_have_url(re.compile(re.escape(sandbox_server.url)))
    page.get_by_text("Adele Vance").click()
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_text("Permissions requested")).to_be_visible()
    expect(page.get_by_text("postpress").first).to_be_visible()
    page.get_by_role("button", name="Accept").click()

    expect(page).to_have_url(live_app + "/")
    expect(page.get_by_role("heading", name="Hello, Adele Vance")).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_be_visible()
    expect(page.get_by_text("Work or school account")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "demo-signed-in.png"), full_page=True)

    page.get_by_role("link", name="Accounts").click()
    expect(page.get_by_text("Permissions granted")).to_be_visible()
    expect(page.get_by_text("User.Read")).to_be_visible()
