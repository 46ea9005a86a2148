"""An admin in Settings, as a person sees it: copy buttons, a credentials test that shows it is
working while Microsoft answers, then Microsoft's verdict."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from microsoft_sandbox.directory import seed
from tests.settings_kit import register_custom_app

pytestmark = pytest.mark.browser


def test_admin_tests_custom_credentials(page, serve, sandbox, sandbox_server):
    _, url = serve(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN])
    custom = register_custom_app(sandbox)
    page.goto(url + "/login")
    page.get_by_role("button", name=re.compile("with Microsoft")).click()
    page.get_by_text("Megan Bowen").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Accept").click()
    page.get_by_role("link", name="Settings").click()

    expect(page.get_by_role("button", name="Copy").first).to_be_visible()  # script ran
    page.fill("#client_id", custom.client_id)
    page.fill("#client_secret", custom.secret)
    page.fill("#tenant_id", custom.tenant_id)
    sandbox.faults.latency("token", 300)  # Microsoft takes a moment, as it does
    button = page.get_by_role("button", name="Test credentials")
    # What the button shows the moment it is pressed, while the request is under way.
    shown = button.evaluate("b => { b.click(); return [b.textContent, b.ariaBusy]; }")
    assert shown == ["Testing…", "true"]
    expect(page.locator("#test-result")).to_contain_text("These credentials work")
    sandbox.faults.clear()
    expect(page.locator("#client_secret")).to_have_value("")  # never sent back to the page

    page.fill("#client_secret", custom.secret)
    page.get_by_role("button", name="Save and use custom credentials").click()
    expect(page.get_by_text("Microsoft accepted the custom credentials")).to_be_visible()

    page.set_viewport_size({"width": 375, "height": 800})  # a phone: nothing scrolls sideways
    for path in ("/settings/", "/accounts/", "/"):
        page.goto(url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
