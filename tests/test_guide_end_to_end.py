"""The product guide, end to end, against the running reference app.

A developer registers an app in the sandbox's Entra portal with what the app's Settings page
says to register, creates a secret, saves it in Settings > Microsoft OAuth, verifies the
publisher domain against the app's own association file, and an end user then signs in through
the new app and sees its name, with the verified badge, on the consent screen.
"""

from __future__ import annotations

import re

from sqlalchemy import text

from microsoft_sandbox.directory import seed
from postpress_whitelabel.extensions import db
from tests.conftest import Journey
from tests.microsoft_browser import MicrosoftBrowser
from tests.sandbox.portal_helpers import Portal
from tests.settings_kit import Admin

APP_NAME = "Acme Mail Connector"


def _what_settings_says_to_register(admin: Admin) -> tuple[list[str], list[str]]:
    page = admin.page()
    register = page[page.index('id="register"'):page.index('id="publisher"')]
    uris = re.findall(r'<li><code>(http[^<]+)</code>', register)
    permissions = [p for p in re.findall(r"<td><code>([A-Za-z.]+)</code>", register)
                   if p not in ("openid", "profile", "email", "offline_access")]
    return uris, permissions


def test_the_guide_from_registration_to_a_verified_sign_in(serve, sandbox_server, sandbox,
                                                            microsoft):
    app, public_url = serve(ADMIN_EMAILS=[seed.CONTOSO_ADMIN_UPN])
    client = app.test_client()
    journey = Journey(client, microsoft)
    journey.sign_in(seed.CONTOSO_ADMIN_OID)
    admin = Admin(app, client, journey)
    uris, permissions = _what_settings_says_to_register(admin)
    assert uris == [public_url + path for path in seed.DEFAULT_REDIRECT_PATHS]

    portal = Portal(sandbox_server.url)
    portal.sign_in()
    client_id = portal.register(APP_NAME, "AzureADandPersonalMicrosoftAccount")
    for uri in uris:
        assert portal.add_redirect_uri(client_id, uri).status_code == 200
    assert portal.add_permissions(client_id, permissions).status_code == 200
    secret, secret_id, _ = portal.new_secret(client_id, "postpress", 730)

    pasted_id = admin.post("/settings/oauth/custom", {
        "client_id": client_id, "client_secret": secret_id, "expires_on": "2028-11-26",
        "tenant_id": seed.PROSEWARE_TENANT_ID})
    assert pasted_id.status_code == 400 and "looks like the Secret ID" in pasted_id.text
    saved = admin.post("/settings/oauth/custom", {
        "client_id": client_id, "client_secret": secret, "expires_on": "2028-11-26",
        "tenant_id": seed.PROSEWARE_TENANT_ID}, follow_redirects=True)
    assert "Microsoft accepted the custom credentials" in saved.text
    tested = admin.post("/settings/oauth/test", {
        "client_id": client_id, "client_secret": "", "expires_on": "2028-11-26",
        "tenant_id": seed.PROSEWARE_TENANT_ID})
    assert "These credentials work" in tested.text

    verified = portal.verify_domain(client_id, public_url)  # fetches the app's own file
    assert verified.status_code == 200 and "Verified" in verified.text
    assert portal.verify_publisher(client_id, "6543210").status_code == 200

    browser = MicrosoftBrowser(sandbox_server.url)
    user = Journey(app.test_client(), browser)
    assert user.sign_in(seed.CONTOSO_USER_OID).status_code == 302
    consent = next(page for page in browser.pages if "Permissions requested" in page)
    assert APP_NAME in consent and "verified-badge" in consent
    assert "Unverified" not in consent and ">postpress<" not in consent
    with app.app_context():
        stored = db.session.execute(
            text("SELECT client_id FROM connected_account WHERE oid = :oid"),
            {"oid": seed.CONTOSO_USER_OID}).scalar_one()
    assert stored == client_id
