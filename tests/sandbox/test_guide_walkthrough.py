"""The product guide, walked end to end against the sandbox: from "Creating an app
registration" to "Becoming a verified publisher", then a sign-in through the new app.

The integrator's site is a tiny local server that publishes the association file, so the
sandbox's side is tested on its own; tests/test_guide_end_to_end.py walks the same guide with
the reference app itself. The sign-in is driven over HTTP like a browser (account picker,
consent screen) and a client (token endpoint).
"""

from joserfc import jwt
from joserfc.jwk import KeySet

from microsoft_sandbox.directory import seed

from .helpers import Browser, query_of, text_of, token_post
from .portal_helpers import element_text

CALLBACK_PATHS = ("/api/v1/hosted/microsoft_auth_request_callback",
                  "/api/v1/hosted/microsoft_auth_request_callback/port443")
MAIL = ["Mail.ReadWrite", "Mail.Send", "Mail.Read"]
CALENDAR = ["Calendars.ReadWrite", "Calendars.Read", "Calendars.Read.Shared",
            "Calendars.ReadWrite.Shared"]
APP_NAME = "Proseware Inbox"
AUDIENCE = "AzureADandPersonalMicrosoftAccount"


def register_as_the_guide_says(portal, public_url: str) -> str:
    """"Creating an app registration" to "Specifying API permissions"; returns the client id."""
    assert "+ New registration" in portal.get("/app-registrations").text
    client_id = portal.register(APP_NAME, AUDIENCE)
    overview = portal.get(f"/app-registrations/{client_id}")
    assert element_text(overview.text, "directory-tenant-id") == seed.PROSEWARE_TENANT_ID
    assert "All Microsoft account users" in overview.text
    for path in CALLBACK_PATHS:
        assert portal.add_redirect_uri(client_id, public_url + path).status_code == 200
    page = portal.add_permissions(client_id, MAIL + CALENDAR)
    for name in MAIL + CALENDAR:
        assert f"<td>{name}</td><td>Delegated</td>" in page.text
    return client_id


def create_the_secret(portal, client_id: str) -> str:
    """"Creating OAuth credentials": 730 days, copy the Value (shown once)."""
    value, secret_id, page = portal.new_secret(client_id, "postpress", 730)
    assert "730 days (24 months)" in page.text and value != secret_id
    assert value not in portal.get(f"/app-registrations/{client_id}/credentials").text
    return value


def become_a_verified_publisher(portal, association_site, client_id: str) -> None:
    """"Verify your domain", then "Add your Partner Global Account (PGA) ID"."""
    branding = portal.get(f"/app-registrations/{client_id}/branding")
    assert f'"applicationId": "{client_id}"' in text_of(branding)
    association_site.serve(client_id)
    verified = portal.verify_domain(client_id, association_site.url)
    assert verified.status_code == 200 and "Verified" in verified.text
    published = portal.verify_publisher(client_id, "6543210")
    assert published.status_code == 200
    section = published.text[published.text.index('id="publisher-verification"'):]
    assert "Proseware" in section and "verified-badge" in section


def sign_in_through_the_new_app(base_url: str, client_id: str, secret: str,
                                redirect_uri: str) -> dict:
    """An end user connects their mailbox: consent screen with the app's name and badge."""
    browser = Browser(base_url)
    scope = "openid profile email offline_access User.Read " + " ".join(MAIL + CALENDAR)
    page = browser.authorize(client_id=client_id, redirect_uri=redirect_uri, scope=scope,
                             login_hint=seed.CONTOSO_USER_UPN)
    consent = browser.pick(page)
    text = text_of(consent)
    assert "Permissions requested" in text and APP_NAME in text
    assert "verified-badge" in consent.text and "Unverified" not in text
    assert "Proseware" in text and "Send mail as you" in text
    callback = browser.submit(consent, decision="accept")
    assert callback.headers["Location"].startswith(redirect_uri + "?")
    response = browser.redeem(query_of(callback)["code"], client_id=client_id,
                              client_secret=secret, redirect_uri=redirect_uri)
    assert response.status_code == 200, response.text
    browser.http.close()
    return response.json()


def test_the_guide_end_to_end(portal, association_site, base_url, jwks):
    """Register, add the redirect URIs and permissions, create a secret, verify the publisher
    against the integrator's running site, and sign a user in through the new app."""
    public_url = association_site.url
    client_id = register_as_the_guide_says(portal, public_url)
    secret = create_the_secret(portal, client_id)
    become_a_verified_publisher(portal, association_site, client_id)
    tokens = sign_in_through_the_new_app(base_url, client_id, secret,
                                         public_url + CALLBACK_PATHS[0])
    granted = tokens["scope"].split()
    assert set(MAIL + CALENDAR + ["User.Read", "offline_access"]) <= set(granted)
    claims = jwt.decode(tokens["id_token"], KeySet.import_key_set(jwks)).claims
    assert claims["aud"] == client_id and claims["oid"] == seed.CONTOSO_USER_OID
    refreshed = token_post(base_url, {"grant_type": "refresh_token", "client_id": client_id,
                                      "client_secret": secret,
                                      "refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 200
