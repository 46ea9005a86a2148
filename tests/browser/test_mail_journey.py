"""Mail as a person uses it in Chromium: sign in, open the inbox, search, read an HTML
message in its sandboxed frame, allow its images, reply, and find the reply in Sent Items."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_read_and_reply_to_mail(page, live_app):
    refused = []  # Content-Security-Policy violations the browser reports
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text
            else None)
    page.goto(live_app + "/login")
    page.get_by_role("button", name=re.compile("with Microsoft")).click()
    page.get_by_text("Adele Vance").click()
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Accept").click()

    page.get_by_role("link", name="Mail", exact=True).click()
    expect(page.get_by_role("navigation", name="Folders")).to_contain_text("Sent Items")
    page.get_by_role("searchbox", name="Search this folder").fill("Winter collection")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=re.compile("Winter collection")).first.click()

    frame = page.frame_locator("iframe.mail-frame")
    expect(frame.get_by_text("The winter collection is here")).to_be_visible()
    assert frame.locator("img[src^='http']:not([src*='/mail/inline?t='])").count() == 0
    assert page.locator("iframe.mail-frame").get_attribute("sandbox") == (
        "allow-popups allow-popups-to-escape-sandbox")
    page.get_by_role("button", name="Show images").click()
    expect(page.get_by_text("Remote images are shown for this message.")).to_be_visible()
    expect(frame.locator("img[src^='https://']").first).to_be_attached()

    page.get_by_role("link", name="Reply", exact=True).click()
    expect(page.get_by_label("Subject")).to_have_value(re.compile("^RE: Winter collection"))
    page.get_by_label("Message").fill("Two trains, please.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Reply sent.")).to_be_visible()
    expect(page.get_by_role("link", name="Sent Items")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("link", name=re.compile("RE: Winter collection")).first).to_be_visible()
    assert not refused, refused
