"""The portal's app registrations: sign-in, New registration, Overview, Authentication, API
permissions, and that what is registered there is what authorize and token enforce."""

import base64
import json
import re

import pytest
import requests

from microsoft_sandbox.directory import seed

from .helpers import BASE_SCOPES, query_of, text_of
from .portal_helpers import Portal, element_text

GUIDE_PERMISSIONS = ["Mail.ReadWrite", "Mail.Send", "Mail.Read", "Calendars.ReadWrite",
                     "Calendars.Read", "Calendars.Read.Shared", "Calendars.ReadWrite.Shared"]
CALLBACK = "https://api.postpress.ai/api/v1/hosted/microsoft_auth_request_callback"
GUIDE_AUDIENCE_LABEL = ("Accounts in any organizational directory (Any Microsoft Entra ID "
                        "tenant - Multitenant) and personal Microsoft accounts (e.g. Skype, Xbox)")


def test_portal_asks_who_is_signing_in(base_url):
    """Without a portal account every page leads to the sign-in page, developer preselected."""
    visitor = Portal(base_url)
    page = visitor.get("/app-registrations")
    assert page.url.endswith("/portal/signin")
    assert re.search(rf'value="{seed.DEVELOPER_OID}" required\s+checked', page.text)
    assert seed.PERSONAL_USER_UPN not in page.text
    home = visitor.sign_in()
    assert home.url.endswith("/portal/") and seed.PROSEWARE_TENANT_ID in home.text


def test_posts_need_the_form_token(portal, base_url, sandbox):
    """A post without the session's form token is refused, and changes nothing."""
    response = portal.http.post(f"{base_url}/portal/app-registrations/new",
                                data={"name": "x", "sign_in_audience": "AzureADMyOrg"})
    assert response.status_code == 400
    assert sandbox.apps_in_tenant(seed.PROSEWARE_TENANT_ID) == []


@pytest.mark.parametrize("token", ["é", "\u2603" * 40, "\x00"])
def test_a_form_token_of_any_text_is_refused_cleanly(base_url, token):
    """Not ASCII, not the session's: the form has expired (400), never a server error."""
    visitor = Portal(base_url)
    visitor.get("/signin")
    resp = visitor.http.post(f"{base_url}/portal/signin",
                             data={"csrf_token": token, "oid": seed.DEVELOPER_OID})
    assert resp.status_code == 400 and "The form has expired" in resp.text


def test_new_registration_offers_the_guide_audience(portal):
    """The form lists the four supported account types, the guide's second one included."""
    page = portal.get("/app-registrations/new")
    text = text_of(page)
    assert GUIDE_AUDIENCE_LABEL in text
    assert "Accounts in this organizational directory only (Proseware only - Single tenant)" \
        in text


def test_register_then_overview_shows_the_ids(portal, sandbox):
    """Overview: Application (client) ID, Directory (tenant) ID, Object ID; User.Read added."""
    client_id = portal.register("Proseware Mail Connector")
    page = portal.get(f"/app-registrations/{client_id}")
    assert element_text(page.text, "directory-tenant-id") == seed.PROSEWARE_TENANT_ID
    app = sandbox.app(client_id)
    assert element_text(page.text, "object-id") == app.object_id != client_id
    assert app.sign_in_audience == "AzureADandPersonalMicrosoftAccount"
    assert app.required_scopes == ["User.Read"] and not app.publisher_verified
    assert "Proseware Mail Connector" in portal.get("/app-registrations").text


def test_registration_needs_a_name_and_an_audience(portal, sandbox):
    """Missing fields re-show the form with a message; nothing is registered."""
    page = portal.post("/app-registrations/new", {"name": " ", "sign_in_audience": "x"})
    assert page.status_code == 400 and "The application name is required." in page.text
    assert sandbox.apps_in_tenant(seed.PROSEWARE_TENANT_ID) == []


def test_redirect_uris_are_validated_and_used(portal, agent, sandbox):
    """Add URI (https, or http on loopback only), refuse duplicates, remove; authorize follows."""
    client_id = portal.register("Uris")
    assert portal.add_redirect_uri(client_id, CALLBACK).status_code == 200
    assert portal.add_redirect_uri(client_id, CALLBACK + "/port443").status_code == 200
    for bad, message in [("http://api.postpress.ai/cb", "Must start with"),
                         (CALLBACK, "already registered"), ("https://a.example/*", "Wildcards"),
                         ("https://a.example/cb#x", "fragment"), ("not a url", "valid URL")]:
        page = portal.add_redirect_uri(client_id, bad)
        assert page.status_code == 400 and message in page.text, bad
    assert portal.add_redirect_uri(client_id, "http://127.0.0.1:5000/cb").status_code == 200
    assert sandbox.app(client_id).redirect_uris == [CALLBACK, CALLBACK + "/port443",
                                                    "http://127.0.0.1:5000/cb"]
    response = agent.authorize(client_id=client_id, redirect_uri=CALLBACK)
    assert response.status_code == 200 and "Sign in" in response.text
    portal.post(f"/app-registrations/{client_id}/authentication/redirect-uris/remove",
                {"redirect_uri": CALLBACK})
    refused = agent.authorize(client_id=client_id, redirect_uri=CALLBACK)
    assert refused.status_code == 400 and "AADSTS50011" in refused.text


@pytest.mark.parametrize("uri", [
    "https://[x/cb", "https://[::1/cb", "https://a.example:99999/cb", "https://a.example:-1/cb",
    "http://localhost:notaport/cb",
])
def test_unreadable_redirect_uris_are_the_portals_error(portal, sandbox, uri):
    """Ports out of range and unclosed IPv6 brackets: "Must be a valid URL.", on the Add URI
    form and on New registration, and nothing is registered."""
    client_id = portal.register("Ports")
    page = portal.add_redirect_uri(client_id, uri)
    assert page.status_code == 400 and "Must be a valid URL." in page.text
    assert sandbox.app(client_id).redirect_uris == []
    new = portal.post("/app-registrations/new", {
        "name": "Ports 2", "sign_in_audience": "AzureADMyOrg", "redirect_uri": uri})
    assert new.status_code == 400 and "Must be a valid URL." in new.text
    assert [a.display_name for a in sandbox.apps_in_tenant(seed.PROSEWARE_TENANT_ID)] == [
        "Ports"]


def test_application_names_are_capped_at_120_characters(portal, sandbox):
    """On New registration and on Branding & properties, as the portal caps them."""
    refused = portal.post("/app-registrations/new", {
        "name": "N" * 121, "sign_in_audience": "AzureADMyOrg"})
    assert refused.status_code == 400 and "120 characters or fewer" in refused.text
    client_id = portal.register("N" * 120)
    renamed = portal.post(f"/app-registrations/{client_id}/branding", {"name": "M" * 121})
    assert renamed.status_code == 400 and "120 characters or fewer" in renamed.text
    assert sandbox.app(client_id).display_name == "N" * 120


def test_add_a_permission_lists_every_guide_permission(portal):
    """Microsoft Graph > Delegated permissions offers each permission the guide names."""
    client_id = portal.register("Perms")
    page = portal.get(f"/app-registrations/{client_id}/api-permissions/add")
    assert "Delegated permissions" in page.text
    for name in [*GUIDE_PERMISSIONS, "User.Read", "offline_access"]:
        assert f'name="permission" value="{name}"' in page.text, name


def test_added_permissions_are_configured_and_used_by_default_scope(portal, agent, sandbox):
    """Configured permissions show in the table and are what `/.default` asks for."""
    client_id = portal.register("Perms", redirect_uri=CALLBACK)
    page = portal.add_permissions(client_id, GUIDE_PERMISSIONS)
    assert page.status_code == 200
    table = page.text[page.text.index('id="configured-permissions"'):]
    for name in GUIDE_PERMISSIONS:
        assert f"<td>{name}</td><td>Delegated</td>" in table
    assert sandbox.app(client_id).required_scopes == ["User.Read", *GUIDE_PERMISSIONS]
    consent = agent.pick(agent.authorize(client_id=client_id, redirect_uri=CALLBACK,
                                         scope="openid https://graph.microsoft.com/.default"),
                         seed.CONTOSO_USER_OID)
    assert "Read and write calendars you can access" in text_of(consent)
    removed = portal.post(f"/app-registrations/{client_id}/api-permissions/remove",
                          {"permission": "Mail.Send"})
    assert "Mail.Send" not in sandbox.app(client_id).required_scopes and removed.ok


def test_grant_admin_consent_from_api_permissions(portal, sandbox):
    """"Grant admin consent for Proseware": the configured list, tenant-wide, shown granted."""
    client_id = portal.register("Granted")
    portal.add_permissions(client_id, ["Mail.Read"])
    page = portal.post(f"/app-registrations/{client_id}/api-permissions/grant")
    assert "Granted for Proseware" in page.text
    grant = sandbox.tenant_grant(seed.PROSEWARE_TENANT_ID, client_id)
    assert grant.scopes == ["User.Read", "Mail.Read"] and grant.source == "portal"


def test_single_tenant_app_accepts_only_its_home_tenant(portal, agent, sandbox):
    """AzureADMyOrg: /common is 50194, another tenant 700016, the home tenant signs in."""
    client_id = portal.register("Internal", "AzureADMyOrg", redirect_uri=CALLBACK)
    common = agent.authorize(client_id=client_id, redirect_uri=CALLBACK)
    assert query_of(common)["error_description"].startswith("AADSTS50194")
    other = agent.authorize(seed.CONTOSO_TENANT_ID, client_id=client_id, redirect_uri=CALLBACK)
    assert query_of(other)["error_description"].startswith("AADSTS700016")
    params = agent.sign_in(seed.DEVELOPER_OID, tenant="proseware.com", client_id=client_id,
                           redirect_uri=CALLBACK, scope=BASE_SCOPES)
    assert params["code"]


def test_changing_the_audience_takes_effect(portal, agent, sandbox):
    """Supported account types edited on Authentication apply at the next authorize."""
    client_id = portal.register("Audience", "AzureADMyOrg", redirect_uri=CALLBACK)
    portal.post(f"/app-registrations/{client_id}/authentication/audience",
                {"sign_in_audience": "AzureADMultipleOrgs"})
    assert sandbox.app(client_id).sign_in_audience == "AzureADMultipleOrgs"
    page = agent.authorize(client_id=client_id, redirect_uri=CALLBACK)
    assert page.status_code == 200


def test_another_directorys_app_is_not_found(portal, base_url, sandbox):
    """Apps are only visible in their home directory's portal."""
    client_id = portal.register("Mine")
    other = Portal(base_url)
    other.sign_in(seed.CONTOSO_ADMIN_OID)
    assert other.get(f"/app-registrations/{client_id}").status_code == 404
    assert other.get(f"/app-registrations/{seed.DEFAULT_CLIENT_ID}").status_code == 404
    assert other.add_redirect_uri(client_id, CALLBACK).status_code == 404


@pytest.mark.parametrize("path", ["/", "/app-registrations", "/enterprise-apps",
                                  "/enterprise-apps/admin-consent-requests",
                                  "/enterprise-apps/consent-settings"])
def test_portal_pages_render_for_the_developer(portal, path):
    """Every top-level portal page renders, uses the vendored stylesheet and copy-button script,
    loads nothing else."""
    page = portal.get(path)
    assert page.status_code == 200
    assert "/sandbox-static/portal.css" in page.text
    assert re.findall(r"<script[^>]*>", page.text) == [
        '<script src="/sandbox-static/portal.js" defer>']
    assert "https://" not in page.text.split("<main")[0]


def test_portal_is_not_counted(portal, sandbox):
    """Portal traffic is a person's, not a client app's: it is not in the request counts."""
    sandbox.reset_counts()
    portal.get("/app-registrations")
    assert sandbox.request_counts() == {}
    assert requests.get(f"{portal.base_url}/sandbox-static/portal.css", timeout=10).ok


def _id_token_claims(agent, client_id: str, secret: str) -> dict:
    """Sign the developer in to `client_id` and read the id_token's claims (signature aside)."""
    params = agent.sign_in(seed.DEVELOPER_OID, client_id=client_id, redirect_uri=CALLBACK,
                           scope=BASE_SCOPES)
    tokens = agent.redeem(params["code"], client_id=client_id, client_secret=secret,
                          redirect_uri=CALLBACK).json()
    payload = tokens["id_token"].split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_xms_edov_comes_only_once_token_configuration_adds_it(portal, agent, sandbox):
    """An optional claim, as in Entra: absent from a new app's id_tokens until added."""
    client_id = portal.register("Claims", redirect_uri=CALLBACK)
    secret, _, _ = portal.new_secret(client_id)
    before = _id_token_claims(agent, client_id, secret)
    assert before["email"] == seed.DEVELOPER_UPN and "xms_edov" not in before
    page = portal.post(f"/app-registrations/{client_id}/token-configuration",
                       {"claim": "xms_edov", "action": "add"})
    table = page.text.split('id="optional-claims"')[1].split("</table>")[0]
    assert page.status_code == 200 and "<code>xms_edov</code>" in table
    assert _id_token_claims(agent, client_id, secret)["xms_edov"] is True
    portal.post(f"/app-registrations/{client_id}/token-configuration",
                {"claim": "xms_edov", "action": "delete"})
    assert "xms_edov" not in _id_token_claims(agent, client_id, secret)
    refused = portal.post(f"/app-registrations/{client_id}/token-configuration",
                          {"claim": "groups", "action": "add"})
    assert refused.status_code == 400 and sandbox.app(client_id).optional_claims == []
    assert sandbox.app(seed.DEFAULT_CLIENT_ID).optional_claims == ["email", "xms_edov"]
