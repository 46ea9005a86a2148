"""Fabrikam lets only administrators consent: the user is stopped, an administrator consents
for the organization (Method 2), and the same user then signs in with no prompt."""

import re

from plugins.admin_consent.models import ConsentEvent, ConsentRecord
from postpress_whitelabel.api import ConnectedAccount, db
from postpress_whitelabel.testing import MicrosoftBrowser, csrf_token

from .microsoft_steps import at_microsoft, deliver, query


def blocked(client, microsoft, people, decision="cancel"):
    """Diego signs in and leaves "Need admin approval"; returns the app's answer."""
    start = client.post("/admin-consent/try-again", data={"csrf_token": csrf_token(client)})
    back = at_microsoft(microsoft, start.headers["Location"], oid=people.diego,
                        decision=decision)
    return deliver(client, back)


def test_the_blocked_user_is_asked_what_microsoft_showed_then_gets_the_methods(
        client, microsoft, people):
    answer = blocked(client, microsoft, people)
    assert "Need admin approval" in microsoft.pages[-1]
    assert answer.status_code == 303
    page = client.get(answer.headers["Location"])
    assert "You came back without granting access" in page.text
    token = csrf_token(client, answer.headers["Location"])
    chosen = client.post(answer.headers["Location"] + "/seen",
                         data={"csrf_token": token, "seen": "need_admin_approval"},
                         follow_redirects=True)
    text = chosen.text
    assert "Administrator approval required" in text
    assert "Sign in as an administrator" in text and "Method 2" in text
    assert "postpress" in text and "Verified publisher" in text
    assert "AADSTS65004" in text
    link = re.search(r'<code id="admin-link">([^<]+)</code>', text).group(1)
    assert link.endswith("/admin-consent/approve/organizations")


def test_method_2_an_admin_consents_for_everyone_and_the_user_then_gets_in(
        app, client, microsoft, sandbox_server, people, sandbox, sign_in):
    needed = blocked(client, microsoft, people).headers["Location"]
    client.post(needed + "/seen", data={"csrf_token": csrf_token(client, needed),
                                        "seen": "need_admin_approval"})
    # The administrator, at the same computer, presses "Sign in as an administrator".
    admin_browser = MicrosoftBrowser(sandbox_server.url)
    start = client.post("/admin-consent/sign-in-as-admin",
                        data={"csrf_token": csrf_token(client, needed),
                              "token": needed.rsplit("/", 1)[1],
                              "admin_email": "AlexW@fabrikam.com"})
    assert query(start.headers["Location"])["prompt"] == "consent"
    assert query(start.headers["Location"])["login_hint"] == "AlexW@fabrikam.com"
    back = at_microsoft(admin_browser, start.headers["Location"], oid=people.alex,
                        consent_on_behalf="on")
    assert "Consent on behalf of your organization" in admin_browser.pages[-1]
    signed_in = deliver(client, back)
    assert signed_in.status_code == 302 and "/admin-consent/admin-signed-in" in signed_in.headers[
        "Location"]
    done = client.get(signed_in.headers["Location"])
    assert done.status_code == 200 and "Approved for your organization" in done.text
    assert sandbox.tenant_grant(people.fabrikam, people.default_client_id) is not None
    with app.app_context():
        record = db.session.execute(db.select(ConsentRecord)).scalar_one()
        assert (record.tenant_id, record.granted_by, record.credentials, record.method) == (
            people.fabrikam, "Alex Wilber <AlexW@fabrikam.com>", "default", "admin_sign_in")
        assert "User.Read" in record.scopes.split()
        event = db.session.execute(db.select(ConsentEvent)).scalar_one()
        assert event.tenant_id == people.fabrikam  # Diego's error, now named by his admin
    assert client.get(signed_in.headers["Location"]).status_code == 200  # reading, not writing
    # The landing page's address, opened by someone else signed in, records nothing; Alex's
    # own later sign-ins never confirm his claim.
    again = sign_in("AlexW@fabrikam.com").get(signed_in.headers["Location"])
    assert again.status_code == 400 and "Nothing was recorded" in again.text
    with app.app_context():
        assert len(db.session.execute(db.select(ConsentRecord)).all()) == 1
    # Nobody has shown yet that the organization's people get in: not confirmed.
    megan = sign_in("MeganB@contoso.com")
    orgs = megan.get("/admin-consent/organizations").text
    assert "Installed in the organization (tenant-wide consent not confirmed)" in orgs
    assert "an administrator signed in from the approval page" in orgs
    assert "Tenant-wide consent confirmed" not in orgs
    # Diego tries again: no consent page, no approval page, straight in.
    diego = app.test_client()
    pages_before = len(microsoft.pages)
    start = diego.post("/admin-consent/try-again", data={"csrf_token": csrf_token(diego)})
    assert "prompt" not in query(start.headers["Location"])
    back = at_microsoft(microsoft, start.headers["Location"], oid=people.diego)
    assert len(microsoft.pages) == pages_before  # Microsoft showed him nothing
    home = deliver(diego, back)
    assert home.status_code == 302 and home.headers["Location"] == "/"
    assert "Diego" in diego.get("/").text
    orgs = megan.get("/admin-consent/organizations").text
    assert "fabrikam.com" in orgs and "Tenant-wide consent confirmed" in orgs
    assert "by Diego Siciliani" in orgs and "AADSTS65004" in orgs


def test_the_admin_page_after_sign_in_records_nothing_without_its_trip(
        app, make_app, sign_in, people):
    client = sign_in("AlexW@fabrikam.com")
    forged = client.get("/admin-consent/admin-signed-in?trip=forged")
    assert forged.status_code == 400 and "Nothing was recorded" in forged.text
    with app.app_context():
        assert db.session.execute(db.select(ConsentRecord)).first() is None


def admin_trip(client, hint="AlexW@fabrikam.com"):
    """Press "Sign in as an administrator" (no error page); return the authorize URL."""
    start = client.post("/admin-consent/sign-in-as-admin",
                        data={"csrf_token": csrf_token(client), "admin_email": hint})
    assert start.status_code == 303
    return start.headers["Location"]


def test_only_the_sign_in_the_trip_started_counts_and_only_once(app, client, microsoft,
                                                                 people, sandbox_server):
    """The trip is its own sign-in in its own browser: another sign-in finished in that browser
    (or the trip's callback replayed) records nothing."""
    admin_trip(client)  # started, never finished
    other = client.post("/admin-consent/try-again", data={"csrf_token": csrf_token(client)})
    back = at_microsoft(microsoft, other.headers["Location"], oid=people.alex)
    assert deliver(client, back).headers["Location"] == "/"
    assert client.get("/admin-consent/admin-signed-in").status_code == 400
    trip = admin_trip(client)
    back = at_microsoft(MicrosoftBrowser(sandbox_server.url), trip, oid=people.alex,
                        consent_on_behalf="on")
    elsewhere = app.test_client()  # the callback planted in another browser
    assert "/admin-consent/" not in deliver(elsewhere, back).headers.get("Location", "")
    assert deliver(client, back).status_code != 302  # used up: not a second time
    with app.app_context():
        assert db.session.execute(db.select(ConsentRecord)).first() is None


def test_anyone_signing_in_from_the_approval_page_is_recorded_only_as_unconfirmed(
        app, client, sandbox_server, people, sign_in):
    """Adele is no administrator: her Contoso consents for her alone. The record says what was
    seen, and the organization is not shown as approved for everyone."""
    back = at_microsoft(MicrosoftBrowser(sandbox_server.url), admin_trip(client, ""),
                        oid=people.adele)
    landed = deliver(client, back)
    assert "/admin-consent/admin-signed-in" in landed.headers["Location"]
    with app.app_context():
        assert db.session.execute(db.select(ConsentRecord.method)).scalar_one() == \
            "admin_sign_in"
    orgs = sign_in("MeganB@contoso.com").get("/admin-consent/organizations").text
    assert "Tenant-wide consent confirmed" not in orgs
    assert "an administrator signed in from the approval page (tenant-wide consent not " \
           "confirmed)" in orgs


def test_personal_accounts_never_get_the_approval_page(app, sign_in, microsoft):
    client = sign_in("sam.taylor@outlook.com")
    with app.app_context():
        account_id = db.session.execute(db.select(ConnectedAccount.id)).scalar_one()
    start = client.post("/connect/microsoft", data={
        "csrf_token": csrf_token(client, "/accounts/"), "intent": "reconsent",
        "account_id": str(account_id)})
    back = at_microsoft(microsoft, start.headers["Location"], decision="cancel")
    answer = deliver(client, back)
    assert "/admin-consent/" not in answer.headers.get("Location", "")
    assert "Administrator approval required" not in answer.text
    with app.app_context():
        assert db.session.execute(db.select(ConsentEvent)).first() is None
