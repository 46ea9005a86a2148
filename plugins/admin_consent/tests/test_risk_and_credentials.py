"""Tailspin's risk-based step-up against the integrator's own, unverified app (custom
credentials): the page names that app and its publisher state, and a consent given under one
set of credentials is never shown as valid for the other."""

from pathlib import Path

import pytest

from plugins.admin_consent.models import ConsentRecord
from postpress_whitelabel.api import db
from postpress_whitelabel.testing import PUBLIC_URL, MicrosoftBrowser, csrf_token

from .microsoft_steps import at_microsoft, deliver

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "postpress-hello"
CALLBACK = "/api/v1/hosted/microsoft_auth_request_callback"
PROSEWARE = "3d6b1f8a-5c2e-4a79-8d14-e7b9a0c3f652"


@pytest.fixture
def app(make_app, installed_plugin):
    """The plugin, plus the example plugin for a permission beyond basic profile
    (Contacts.Read), which is what risk-based step-up looks at."""
    installed_plugin("hello", "postpress_hello", path=EXAMPLE)
    return make_app(plugins=["admin_consent", "hello"], ADMIN_EMAILS=["MeganB@contoso.com"],
                    PLUGIN_ADMIN_CONSENT_CUSTOM_APP_NAME="Acme Mail Connector",
                    PLUGIN_ADMIN_CONSENT_CUSTOM_PUBLISHER_VERIFIED="no")


@pytest.fixture
def custom(sandbox, sign_in):
    """The integrator registers its own multi-tenant app (unverified) and switches to it."""
    registered = sandbox.register_app("Acme Mail Connector", "AzureADMultipleOrgs", PROSEWARE,
                                      redirect_uris=[PUBLIC_URL + CALLBACK,
                                                     PUBLIC_URL + CALLBACK + "/port443"])
    secret = sandbox.add_secret(registered.client_id, "postpress", 365)
    admin = sign_in("MeganB@contoso.com")
    saved = admin.post("/settings/oauth/custom", data={
        "csrf_token": csrf_token(admin, "/settings/"), "client_id": registered.client_id,
        "client_secret": secret.value, "expires_on": "2027-11-30", "tenant_id": PROSEWARE})
    assert saved.status_code in (302, 303), saved.text[:500]
    return admin, registered.client_id


def switch_mode(admin, mode):
    resp = admin.post("/settings/oauth/mode",
                      data={"csrf_token": csrf_token(admin, "/settings/"), "mode": mode})
    assert resp.status_code in (302, 303)


def test_risky_app_page_names_the_custom_app_and_its_unverified_publisher(
        client, microsoft, people, custom):
    start = client.post("/admin-consent/try-again", data={"csrf_token": csrf_token(client)})
    back = at_microsoft(microsoft, start.headers["Location"], oid=people.lynne,
                        decision="cancel")
    assert "may be risky" in microsoft.pages[-1]
    page = client.get(deliver(client, back).headers["Location"]).text
    assert "Administrator approval required" in page and "AADSTS900941" in page
    assert "Acme Mail Connector" in page and "Unverified publisher" in page
    assert "Custom credentials" in page and custom[1] in page
    assert "its publisher is not" in page and "verified publisher" in page


def test_consent_under_custom_credentials_does_not_count_for_the_default_app(
        app, client, microsoft, people, custom, sandbox, sandbox_server):
    admin, custom_id = custom
    nestor = MicrosoftBrowser(sandbox_server.url)
    start = client.post(f"/admin-consent/approve/{people.tailspin}", data={
        "csrf_token": csrf_token(client, f"/admin-consent/approve/{people.tailspin}")})
    assert f"client_id={custom_id}" in start.headers["Location"]
    assert "Approved" in deliver(client, at_microsoft(nestor, start.headers["Location"],
                                                      oid=people.nestor)).text
    with app.app_context():
        record = db.session.execute(db.select(ConsentRecord)).scalar_one()
        assert (record.credentials, record.client_id) == ("custom", custom_id)
    orgs = admin.get("/admin-consent/organizations").text
    assert "Installed in the organization" in orgs and "(custom credentials)" in orgs
    switch_mode(admin, "default")
    orgs = admin.get("/admin-consent/organizations").text
    assert "Installed in the organization" not in orgs
    assert "not the one in use" in orgs and custom_id in orgs
