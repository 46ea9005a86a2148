"""Every page of the app, as the person who would see it, in one browser: accessible (axe-core,
no serious or critical violation), silent in the console and under the Content-Security-Policy,
no sideways scrolling on a phone, the brand's colour and logo everywhere, error pages included.

Along the way: the sign-in and a mail reached with the keyboard alone, focus visible at each
stop; a refused form announces its errors; buttons that wait on Microsoft say so; times are in
the mailbox's time zone. Checks are in ``page_audit``; problems are gathered and reported
together at the end of the journey.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from microsoft_sandbox.directory import seed
from plugins.mail import mail_time
from tests.browser.page_audit import DESKTOP, PageAudit

pytestmark = pytest.mark.browser
BRAND = {"BRAND_NAME": "Proseware Mail", "BRAND_COLOR": "#7a2e8e",
         "BRAND_LOGO_URL": "/static/img/favicon.svg"}
BRAND_RGB = "rgb(122, 46, 142)"
SECRET_ID_NOT_VALUE = "b7e2c4a1-9d3f-4e85-a6c0-12f8d5e9b347"


def _person(browser, audit, timezone_id="UTC"):
    """A fresh browser profile (a person at their own desk), watched by the audit."""
    context = browser.new_context(viewport=DESKTOP, locale="en-US", timezone_id=timezone_id)
    context.set_default_timeout(10_000)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    audit.watch(context)
    return context.new_page()


def _sign_in(page, url, name, accept=True):
    page.goto(url + "/login")
    page.get_by_role("button", name=re.compile("with Microsoft")).click()
    page.get_by_text(name).click()
    page.get_by_role("button", name="Next").click()
    if accept:
        _accept(page, url)


def _accept(page, url):
    """Accept Microsoft's consent screen and let the home page finish loading (a navigation
    that cuts a load short leaves the server's half-sent files to the garbage collector)."""
    page.get_by_role("button", name="Accept").click()
    page.wait_for_url(url + "/")
    page.wait_for_load_state("load")


def _signed_out(page, url, audit):
    """The error pages; the login page, used with the keyboard, up to Microsoft's picker."""
    audit.visit(page, url + "/no-such-page", status=404)
    audit.visit(page, url + "/api/v1/hosted/microsoft_auth_request_callback?error=access_denied"
                "&error_description=AADSTS65004&state=unknown", status=400,
                name="callback error page")
    audit.visit(page, url + "/login")
    audit.tab_to(page, "Skip to content")
    expect(page.get_by_role("link", name="Skip to content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    audit.tab_to(page, "with Microsoft")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Megan Bowen")).to_be_visible()  # Microsoft's account picker


def _core_pages(page, url, audit):
    """Megan, Contoso's admin: home, accounts, Settings and its refused form."""
    audit.tab_to(page, "Mail")  # the top bar, from the keyboard
    for path in ("/", "/accounts/", "/settings/"):
        audit.visit(page, url + path)
        if path == "/accounts/":  # stored times, in the browser's zone (Tokyo: UTC+9)
            connected = page.locator("time[data-local]").first
            expect(connected).to_have_text(re.compile(r"GMT\+9$"))
            expect(connected).to_have_attribute("title", re.compile(r" UTC$"))
    redirect_uri = page.locator("#register li").first
    redirect_uri.get_by_role("button", name="Copy").click()
    expect(redirect_uri.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == url + seed.DEFAULT_REDIRECT_PATHS[0]
    page.fill("#client_id", seed.DEFAULT_CLIENT_ID)
    page.fill("#client_secret", SECRET_ID_NOT_VALUE)
    audit.expect_status(url + "/settings/oauth/custom", 400)  # the refused form's answer
    audit.tab_to(page, "Save and use custom credentials")  # the rest of the form, by keyboard
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert").filter(has_text="Some fields need a look")
    expect(summary).to_be_focused()
    secret = page.locator("#client_secret")
    expect(secret).to_have_attribute("aria-invalid", "true")
    expect(secret).to_have_accessible_description(re.compile("Secret ID"))
    audit.check(page, "Settings, refused")
    audit.visit(page, url + "/settings/no-such-form", status=404, name="404 signed in")


def _mail_pages(page, url, audit, sandbox):
    """The inbox, a message read from the keyboard (its time in the mailbox's zone), compose."""
    audit.visit(page, url + "/mail/")
    audit.tab_to(page, "Lunch?")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Lunch?")).to_be_visible()
    audit.check(page, "a message")
    mailbox = sandbox.graph.mailbox(sandbox.user_by_login(seed.CONTOSO_ADMIN_UPN))
    message = mailbox.messages[unquote(page.url.rsplit("/", 1)[-1].split("?")[0])]
    tz, _ = mail_time.zone(mailbox.time_zone)
    shown = datetime.fromtimestamp(message.received, tz).strftime("%a %d %b %Y %H:%M")
    expect(page.get_by_text(shown)).to_be_visible()
    page.get_by_role("link", name="Other folder…").click()
    expect(page.get_by_role("heading", name="Move to a folder")).to_be_visible()
    audit.check(page, "move to a folder")
    page.go_back()
    page.get_by_role("link", name="Reply", exact=True).click()
    expect(page.get_by_label("Subject")).to_have_value(re.compile("^RE: Lunch"))
    audit.check(page, "reply")
    page.get_by_label("Message").fill("Yes, noon.")
    send = page.get_by_role("button", name="Send", exact=True)
    # What the button shows the moment it is pressed, while Microsoft is being asked.
    assert send.evaluate("b => { b.click(); return [b.value, b.ariaBusy]; }") == [
        "Sending…", "true"]
    expect(page.get_by_text("Reply sent.")).to_be_visible()
    audit.check(page, "after sending")


def _calendar_pages(page, url, audit):
    for path in ("/calendar/", "/calendar/new", "/calendar/time-zone"):
        audit.visit(page, url + path)
    page.goto(url + "/calendar/")
    page.locator(".cal-day .cal-event").first.click()
    expect(page.get_by_role("link", name=re.compile("Back to the week"))).to_be_visible()
    audit.check(page, "an event")


def test_every_page(browser, serve, sandbox):
    _, url = serve(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN], **BRAND)
    audit = PageAudit(brand_color=BRAND_RGB)

    page = _person(browser, audit, timezone_id="Asia/Tokyo")
    _signed_out(page, url, audit)
    page.get_by_text("Megan Bowen").click()
    page.get_by_role("button", name="Next").click()
    _accept(page, url)
    _core_pages(page, url, audit)
    _mail_pages(page, url, audit, sandbox)
    _calendar_pages(page, url, audit)
    audit.visit(page, url + "/admin-consent/organizations")
    sandbox.revoke_refresh_tokens(seed.CONTOSO_ADMIN_OID)
    audit.visit(page, url + "/mail/", name="sign in again")
    again = page.get_by_role("button", name="Sign in again with Microsoft")
    # The moment it is pressed, while Microsoft's page is on its way.
    assert again.evaluate("b => { b.click(); return [b.innerText.trim(), b.ariaBusy]; }") == [
        "Opening Microsoft…", "true"]
    page.wait_for_url(url + "/mail/")  # Microsoft knew her: straight back
    page.wait_for_load_state("load")
    page.context.close()

    page = _person(browser, audit)  # Adele, who is no admin
    _sign_in(page, url, "Adele Vance")
    audit.visit(page, url + "/settings/", status=403)
    page.context.close()

    page = _person(browser, audit)  # Diego, whose organization lets only admins consent
    _sign_in(page, url, "Diego Siciliani", accept=False)
    page.get_by_role("button", name="Return to the application without granting consent").click()
    expect(page.get_by_role("heading", name="You came back without granting access")
           ).to_be_visible()
    audit.check(page, "came back without consent")
    page.get_by_role("button", name=re.compile("Need admin approval")).click()
    expect(page.get_by_role("heading", name="Administrator approval required")).to_be_visible()
    audit.check(page, "administrator approval required")
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Copied to the clipboard")).to_be_attached()
    link = page.evaluate("navigator.clipboard.readText()")
    page.context.close()

    page = _person(browser, audit)  # Alex, Fabrikam's admin, opens the link Diego sent
    audit.visit(page, link, name="the administrator's link")
    expect(page.get_by_role("button", name="Continue to Microsoft")).to_be_visible()
    page.context.close()

    assert not audit.problems, "\n".join(audit.problems)
