"""The product guide's whole story in Chromium, each person at their own browser.

Megan, the integrator's admin, reads in Settings what to register; Patti, Proseware's
developer, registers the app in the Entra portal (multitenant and personal accounts, the two
redirect URIs, the delegated Mail and Calendar permissions, a secret with its expiry); Megan
pastes the credentials (the check catches the Secret ID first) and saves them without
switching; Patti verifies the publisher domain against this app's association file, which now
lists the app; Megan switches to the custom credentials. Adele (Contoso, users may
consent) sees Proseware's name and verified badge on the consent screen, reads her mail and
her week; Diego (Fabrikam, admin approval required) is stopped until Alex consents for the
organization. Then the secret is rotated with every sign-in working, the old secret deleted,
and Megan switches back to postpress's default app.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from microsoft_sandbox.directory import seed
from tests.browser.test_admin_consent_journey import sign_in_at_microsoft

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
APP_NAME = "Proseware Mail"


@dataclass
class Registration:
    """What Patti copies from the portal for Megan."""

    client_id: str
    tenant_id: str
    secret: str
    secret_id: str
    expires_on: str  # YYYY-MM-DD, as the Settings date field takes it


class People:
    """Each person's own browser (their own cookies), all watched for console errors."""

    def __init__(self, browser):
        self.browser, self.contexts, self.errors = browser, [], []

    def new(self, width: int = 1280):
        context = self.browser.new_context(viewport={"width": width, "height": 900})
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: self.errors.append((m.text, m.location.get("url")))
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append((str(e), page.url)))
        return page

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def people(browser):
    crowd = People(browser)
    yield crowd
    crowd.close()


def shoot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"guide-{name}.png"), full_page=True)


def sign_in(page, url, name, consent: bool = False):
    """A sign-in from the app's login page, accepting the consent screen when asked."""
    sign_in_at_microsoft(page, url, name)
    if consent:
        page.get_by_role("button", name="Accept").click()
    expect(page.get_by_role("heading", name=re.compile("^Hello, "))).to_be_visible()


def what_settings_says(megan, url) -> tuple[list[str], list[str]]:
    """Megan signs in with postpress's default app, then reads in Settings the redirect URIs
    and permissions to register."""
    megan.goto(url)
    expect(megan).to_have_url(re.compile(r"/login$"))
    megan.get_by_role("button", name="Sign in to postpress with Microsoft").click()
    megan.get_by_text("Megan Bowen").click()
    megan.get_by_role("button", name="Next").click()
    expect(megan.locator(".app-name")).to_have_text("postpress")
    expect(megan.locator(".publisher.verified")).to_be_visible()
    megan.get_by_role("button", name="Accept").click()
    expect(megan).to_have_url(url + "/")
    expect(megan.get_by_role("heading", name="Hello, Megan Bowen")).to_be_visible()
    expect(megan.get_by_text("Signed in as")).to_be_visible()
    megan.get_by_role("link", name="Accounts").click()
    expect(megan.get_by_text("Permissions granted")).to_be_visible()
    expect(megan.get_by_text("User.Read", exact=True)).to_be_visible()
    megan.get_by_role("link", name="Settings").click()
    register = megan.locator("#register")
    uris = [u.strip() for u in register.locator("ul.plain code").all_inner_texts()]
    permissions = [p for p in register.locator("tbody td:nth-child(2) code").all_inner_texts()
                   if p not in ("openid", "profile", "email", "offline_access")]
    assert uris == [url + path for path in seed.DEFAULT_REDIRECT_PATHS]
    assert {"Mail.Read", "Calendars.Read"} <= set(permissions)
    return uris, permissions


def register_app(patti, portal, uris, permissions) -> Registration:
    """Patti, in her own directory, follows the guide in the Entra portal."""
    patti.goto(portal + "/portal/signin")
    patti.get_by_text("Patti Fernandez").click()
    patti.get_by_role("button", name="Sign in").click()
    patti.goto(portal + "/portal/app-registrations")
    patti.get_by_role("link", name="+ New registration").click()
    patti.get_by_label("Name", exact=True).fill(APP_NAME)
    patti.get_by_label(re.compile(r"Multitenant\) and personal Microsoft accounts")).check()
    patti.get_by_label("Redirect URI").fill(uris[0])
    patti.get_by_role("button", name="Register").click()
    client_id = patti.locator("#application-client-id").inner_text().strip()
    tenant_id = patti.locator("#directory-tenant-id").inner_text().strip()

    patti.get_by_role("link", name="Authentication", exact=True).click()
    patti.get_by_label("Redirect URI").fill(uris[1])
    patti.get_by_role("button", name="Add URI").click()
    expect(patti.get_by_text(uris[1])).to_be_visible()

    patti.get_by_role("link", name="API permissions").click()
    patti.get_by_role("link", name="+ Add a permission").click()
    for permission in permissions:
        box = patti.locator(f"input[name=permission][value='{permission}']")
        if not box.is_disabled():  # User.Read comes with every registration
            box.check()
    patti.get_by_role("button", name="Add permissions").click()
    for permission in permissions:
        expect(patti.get_by_text(permission, exact=True).first).to_be_visible()
    return Registration(client_id, tenant_id, *new_secret(patti, "postpress"))


def new_secret(patti, description) -> tuple[str, str, str]:
    """A client secret of 24 months: its Value, its Secret ID and its expiry, read once."""
    patti.get_by_role("link", name="Certificates & secrets").click()
    patti.get_by_text("+ New client secret").click()
    patti.get_by_label("Description").fill(description)
    patti.get_by_label("Expires").select_option("730")
    patti.get_by_role("button", name="Add", exact=True).click()
    value = patti.locator("#new-secret-value").inner_text().strip()
    secret_id = patti.locator("#new-secret-id").inner_text().strip()
    row = patti.locator("#client-secrets tr", has=patti.locator("#new-secret-value"))
    expires = row.locator("td").nth(1).inner_text().split()[0]
    return value, secret_id, datetime.strptime(expires, "%m/%d/%Y").date().isoformat()


def paste_credentials(megan, app: Registration):
    """The Secret ID pasted by mistake is caught; the Value is tested and saved, not yet used,
    so that no one meets the app before its publisher is verified."""
    megan.fill("#client_id", app.client_id)
    megan.fill("#client_secret", app.secret_id)
    megan.fill("#expires_on", app.expires_on)
    megan.fill("#tenant_id", app.tenant_id)
    megan.get_by_role("button", name="Save without switching").click()
    expect(megan.get_by_text("This looks like the Secret ID, not the secret.").first
           ).to_be_visible()
    megan.fill("#client_secret", app.secret)
    megan.get_by_role("button", name="Save without switching").click()
    expect(megan.get_by_text("Microsoft accepted the custom credentials")).to_be_visible()
    expect(megan.locator("#active-mode")).to_have_text("Default credentials")
    expect(megan.locator("#stored-secret")).to_contain_text(app.secret[-4:])
    assert app.secret not in megan.content()  # write-only
    expect(megan.locator("#publisher")).to_contain_text(app.client_id)  # in the domain file


def switch_to_custom(megan):
    megan.get_by_role("button", name="Switch to custom credentials").click()
    expect(megan.locator("#active-mode")).to_have_text("Custom credentials")


def verify_publisher(patti, url, app: Registration):
    """Patti verifies this app's domain (its association file lists the saved app), then
    Proseware's partner ID."""
    patti.get_by_role("link", name="Branding & properties").click()
    patti.get_by_label("Domain").fill(url)
    patti.get_by_role("button", name="Verify and save domain").click()
    host = url.removeprefix("http://")
    expect(patti.locator("#publisher-domain")).to_contain_text(f"{host} Verified")
    patti.get_by_label("Partner Global Account ID (PGA ID)").fill("6543210")
    patti.get_by_role("button", name="Verify and save", exact=True).click()
    expect(patti.locator("#publisher-verification")).to_contain_text("Verified publisher")
    shoot(patti, "portal-verified")


def contoso_user_reads_mail_and_calendar(adele, url):
    """Adele sees Proseware's app, verified, on the consent screen; then her mail and week."""
    sign_in_at_microsoft(adele, url, "Adele Vance")
    expect(adele.get_by_role("heading", name="Permissions requested")).to_be_visible()
    expect(adele.locator(".app-name")).to_have_text(APP_NAME)
    expect(adele.locator(".publisher.verified")).to_contain_text("Proseware")
    expect(adele.locator(".verified-badge")).to_be_visible()
    shoot(adele, "consent-custom-app")
    adele.get_by_role("button", name="Accept").click()
    expect(adele.get_by_role("heading", name="Hello, Adele Vance")).to_be_visible()
    expect(adele.get_by_text("Work or school account").first).to_be_visible()

    adele.get_by_role("navigation").get_by_role("link", name="Mail").click()
    expect(adele.get_by_role("heading", name="Mail")).to_be_visible()
    adele.locator("a[href*='/messages/']").first.click()
    expect(adele.locator("iframe.mail-frame")).to_be_visible()
    adele.get_by_role("navigation").get_by_role("link", name="Calendar").click()
    expect(adele.locator(".cal-dayhead.today .cal-dayname")).to_have_text("Sun")
    expect(adele.locator(".cal-day a.cal-event:not(.cal-listonly)").first).to_be_visible()
    adele.get_by_role("link", name="Accounts").click()
    expect(adele.get_by_text("Mail.Read", exact=True)).to_be_visible()


def fabrikam_user_blocked_then_approved(diego, url):
    """Diego is stopped; Alex consents on behalf of Fabrikam from Diego's screen; Diego is in."""
    sign_in_at_microsoft(diego, url, "Diego Siciliani")
    expect(diego.get_by_role("heading", name="Need admin approval")).to_be_visible()
    expect(diego.locator(".app-name")).to_have_text(APP_NAME)
    diego.get_by_role("button", name="Return to the application without granting consent").click()
    diego.get_by_role("button", name=re.compile("Need admin approval")).click()
    expect(diego.get_by_role("heading", name="Administrator approval required")).to_be_visible()
    expect(diego.get_by_text("Verified publisher")).to_be_visible()
    shoot(diego, "approval-required")
    diego.get_by_label("Administrator's work address").fill(seed.FABRIKAM_ADMIN_UPN)
    diego.get_by_role("button", name="Sign in as an administrator").click()
    diego.get_by_text("Alex Wilber").click()
    diego.get_by_role("button", name="Next").click()
    diego.get_by_label("Consent on behalf of your organization").check()
    diego.get_by_role("button", name="Accept").click()
    expect(diego.get_by_role("heading", name="Approved for your organization")).to_be_visible()
    diego.get_by_role("button", name="Sign out").click()
    sign_in(diego, url, "Diego Siciliani")  # no consent screen, no approval page
    diego.goto(url + "/mail/")
    expect(diego.locator("a[href*='/messages/']").first).to_be_visible()


def rotate_secret(patti, megan, people, url, old: Registration):
    """A second secret from the portal, added beside the first, tested, promoted; sign-ins
    work throughout, and still after the old secret is deleted at Microsoft."""
    value, _, expires_on = new_secret(patti, "postpress rotation")
    megan.goto(url + "/settings/")
    megan.locator("#new-client_secret").fill(value)
    megan.locator("#new-expires_on").fill(expires_on)
    megan.get_by_role("button", name="Add new secret").click()
    sign_in(people.new(), url, "Sam Taylor", consent=True)  # personal accounts too
    megan.get_by_role("button", name="Test new secret").click()
    expect(megan.locator("#test-result")).to_contain_text("These credentials work")
    megan.get_by_role("button", name="Promote new secret").click()
    expect(megan.get_by_text("The new secret is now active")).to_be_visible()
    expect(megan.locator("#stored-secret")).to_contain_text(value[-4:])

    patti.get_by_role("button", name="Delete secret postpress", exact=True).click()
    expect(patti.locator("#client-secrets")).not_to_contain_text(old.secret_id)
    sign_in(people.new(), url, "Adele Vance")  # the new secret alone, no consent asked again


def back_to_default(megan, people, url):
    """Megan switches back; the next person meets postpress's own app."""
    megan.get_by_role("button", name="Switch to default credentials").click()
    expect(megan.locator("#active-mode")).to_have_text("Default credentials")
    lynne = people.new()
    sign_in_at_microsoft(lynne, url, "Lynne Robbins")
    expect(lynne.locator(".app-name")).to_have_text("postpress")


def a_sunday_evening_in_adeles_week(sandbox) -> datetime:
    """18:00 on the Sunday ending the sandbox's current week in Adele's zone (Los Angeles):
    UTC's date is already Monday, the week shown must still be the seeded one."""
    local = datetime.fromtimestamp(sandbox.clock.now(), ZoneInfo("America/Los_Angeles"))
    sunday = local.date() + timedelta(days=6 - local.weekday())
    return datetime.combine(sunday, time(18), ZoneInfo("America/Los_Angeles"))


def test_the_guide_story(people, serve, sandbox, sandbox_server, monkeypatch):
    # What an integrator states about their own Entra app for the approval page (the app
    # cannot read its own registration from Entra).
    app, url = serve(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN],
                     PLUGIN_ADMIN_CONSENT_CUSTOM_APP_NAME=APP_NAME,
                     PLUGIN_ADMIN_CONSENT_CUSTOM_PUBLISHER_VERIFIED="yes")
    megan, patti = people.new(), people.new()
    uris, permissions = what_settings_says(megan, url)
    registration = register_app(patti, sandbox_server.url, uris, permissions)
    paste_credentials(megan, registration)
    verify_publisher(patti, url, registration)
    switch_to_custom(megan)
    sunday_evening = a_sunday_evening_in_adeles_week(sandbox)
    monkeypatch.setattr("plugins.calendar.clock.now", lambda: sunday_evening)
    contoso_user_reads_mail_and_calendar(people.new(), url)
    fabrikam_user_blocked_then_approved(people.new(), url)
    rotate_secret(patti, megan, people, url, registration)
    back_to_default(megan, people, url)
    refused_secret_id = ("Failed to load resource: the server responded with a status of 400 "
                         "(BAD REQUEST)", url + "/settings/oauth/custom")  # the form's 400
    assert [e for e in people.errors if e != refused_secret_id] == []
