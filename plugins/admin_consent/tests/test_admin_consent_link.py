"""Method 2 by link: the approval page, Microsoft's admin consent endpoint, and each answer:
approved, refused (both documented and captured error shapes), another organization's
administrator, someone who is not an administrator."""

import re
from urllib.parse import urlencode

import pytest

from plugins.admin_consent.models import ConsentEvent, ConsentRecord
from postpress_whitelabel.api import ConnectedAccount, db
from postpress_whitelabel.testing import MicrosoftBrowser, csrf_token

from .microsoft_steps import at_microsoft, deliver, query


def to_microsoft(client, organization):
    """The administrator opens the link and presses "Continue to Microsoft"."""
    page = client.get(f"/admin-consent/approve/{organization}")
    assert page.status_code == 200 and "Approve postpress for your organization" in page.text
    start = client.post(f"/admin-consent/approve/{organization}",
                        data={"csrf_token": csrf_token(client, f"/admin-consent/approve/"
                                                               f"{organization}")})
    assert start.status_code == 303
    return start.headers["Location"]


def test_the_link_sends_the_admin_to_their_tenants_adminconsent_with_default_scope(
        client, people):
    location = to_microsoft(client, people.fabrikam)
    assert f"/{people.fabrikam}/v2.0/adminconsent?" in location
    params = query(location)
    assert params["scope"] == "https://graph.microsoft.com/.default"
    assert params["client_id"] == people.default_client_id
    assert params["redirect_uri"].endswith("/api/v1/hosted/microsoft_auth_request_callback")


def test_an_approval_is_recorded_with_who_when_what_and_which_credentials(
        app, client, microsoft, people, sandbox):
    back = at_microsoft(microsoft, to_microsoft(client, "fabrikam.com"), oid=people.alex)
    done = deliver(client, back)
    assert done.status_code == 200 and "Approved for your organization" in done.text
    assert "Everyone in your" in done.text and "/login" in done.text  # the link to share
    assert sandbox.tenant_grant(people.fabrikam, people.default_client_id) is not None
    with app.app_context():
        record = db.session.execute(db.select(ConsentRecord)).scalar_one()
        assert record.tenant_id == people.fabrikam and record.method == "admin_consent"
        assert record.credentials == "default" and record.client_id == people.default_client_id
        assert record.granted_by == "an administrator of the organization"
        assert "User.Read" in record.scopes.split() and record.granted_at is not None


@pytest.mark.parametrize("oid", ["alex", "diego"])  # the admin cancels; a user cannot approve
def test_a_refusal_gets_its_own_page_and_is_recorded(app, client, microsoft, people, sandbox,
                                                       oid):
    back = at_microsoft(microsoft, to_microsoft(client, people.fabrikam),
                        oid=getattr(people, oid), decision="cancel")
    assert query(back)["error"] == "consent_required"  # Microsoft's documented shape
    page = deliver(client, back)
    assert page.status_code == 200 and "Not approved" in page.text
    assert "AADSTS65004" in page.text and "Approved" not in page.text
    assert sandbox.tenant_grant(people.fabrikam, people.default_client_id) is None
    with app.app_context():
        event = db.session.execute(db.select(ConsentEvent)).scalar_one()
        # The link's organization is whatever the visitor typed: the error names none.
        assert (event.case, event.aadsts, event.tenant_id) == ("admin_refused", 65004, None)
        assert db.session.execute(db.select(ConsentRecord)).first() is None


@pytest.mark.parametrize("error,page_title", [
    ("access_denied", "Not approved"),       # captured answers
    ("consent_required", "Not approved"),    # Microsoft's documentation
    ("server_error", "The approval did not go through"),
])
def test_both_shapes_of_a_cancel_and_other_errors(client, people, error, page_title):
    state = query(to_microsoft(client, people.fabrikam))["state"]
    code = 65004 if error != "server_error" else 90006
    answer = client.get("/api/v1/hosted/microsoft_auth_request_callback?" + urlencode({
        "admin_consent": "True", "error": error, "state": state,
        "error_description": f"AADSTS{code}: <b>Something</b>.\r\nTrace ID: "
                             "0000aaaa-11bb-cccc-dd22-eeeeee333333"}))
    assert answer.status_code == 200 and page_title in answer.text
    assert f"AADSTS{code}" in answer.text and "<b>Something</b>" not in answer.text


def test_an_admin_of_another_organization_approves_only_their_own(app, client, people,
                                                                    sandbox, sandbox_server):
    megan = MicrosoftBrowser(sandbox_server.url)
    back = at_microsoft(megan, to_microsoft(client, "organizations"), oid=people.megan)
    page = deliver(client, back)
    assert "Approved for your organization" in page.text
    with app.app_context():
        record = db.session.execute(db.select(ConsentRecord)).scalar_one()
        assert record.tenant_id == people.contoso  # what Microsoft says was approved
    assert sandbox.tenant_grant(people.fabrikam, people.default_client_id) is None


def test_a_link_for_one_organization_stops_another_organizations_admin_at_microsoft(
        app, client, people, sandbox, sandbox_server):
    """Microsoft keeps Megan (Contoso) on its account picker with AADSTS50020: the link names
    Fabrikam, and nothing reaches the app."""
    megan = MicrosoftBrowser(sandbox_server.url)
    with pytest.raises(AssertionError, match="never sent the browser back"):
        at_microsoft(megan, to_microsoft(client, people.fabrikam), oid=people.megan)
    assert "AADSTS50020" in megan.pages[-1] and "does not exist in tenant" in megan.pages[-1]
    assert sandbox.tenant_grant(people.fabrikam, people.default_client_id) is None
    with app.app_context():
        assert db.session.execute(db.select(ConsentRecord)).first() is None


def test_links_name_only_organizations(client):
    assert client.get("/admin-consent/approve/common").status_code == 404
    assert client.get("/admin-consent/approve/consumers").status_code == 404
    assert client.get("/admin-consent/approve/%3Cscript%3E").status_code == 404
    assert re.search(r"Continue to Microsoft",
                     client.get("/admin-consent/approve/contoso.com").text)


def test_made_up_errors_cannot_push_out_an_organizations_own(app, client, people, sign_in,
                                                             microsoft, monkeypatch):
    """Anyone can start a trip and come back with an error, naming any organization in the
    link: those are kept apart, unverified and bounded, and never under a tenant."""
    from plugins.admin_consent import consent_book

    monkeypatch.setattr(consent_book, "UNVERIFIED_EVENTS_KEPT", 2)
    adele = sign_in("AdeleV@contoso.com")  # a known member cancels: her tenant is known
    with app.app_context():
        account_id = db.session.execute(db.select(ConnectedAccount.id)).scalar_one()
    start = adele.post("/connect/microsoft", data={
        "csrf_token": csrf_token(adele, "/accounts/"), "intent": "reconsent",
        "account_id": str(account_id)})
    deliver(adele, at_microsoft(microsoft, start.headers["Location"], decision="cancel"))
    for _ in range(3):
        state = query(to_microsoft(client, people.contoso))["state"]
        client.get("/api/v1/hosted/microsoft_auth_request_callback?" + urlencode({
            "admin_consent": "True", "error": "access_denied", "state": state}))
    with app.app_context():
        kept = db.session.execute(db.select(ConsentEvent.id, ConsentEvent.tenant_id)).all()
    assert sorted(kept) == [(1, people.contoso), (3, None), (4, None)]
    page = sign_in("MeganB@contoso.com").get("/admin-consent/organizations").text
    assert "Unverified: Microsoft's answer does not say who was stopped" in page


def forged_callback(client, tenant):
    """Someone takes a trip's ``state`` and writes Microsoft's success answer themselves."""
    state = query(to_microsoft(client, "organizations"))["state"]
    return client.get("/api/v1/hosted/microsoft_auth_request_callback?" + urlencode({
        "admin_consent": "True", "tenant": tenant, "state": state,
        "scope": "https://graph.microsoft.com/User.Read"}))


def test_a_forged_approval_for_a_tenant_without_the_app_records_nothing(app, client, people):
    for tenant in (people.fabrikam, "0badc0de-0000-4000-8000-000000000000"):
        answer = forged_callback(client, tenant)
        assert answer.status_code == 400 and "Nothing was recorded" in answer.text
        assert "does not show this app" in answer.text
    with app.app_context():
        assert db.session.execute(db.select(ConsentRecord)).first() is None


def test_a_forged_approval_where_the_app_is_installed_is_never_shown_as_consent(
        app, client, people, sign_in):
    """Adele consented for herself, so the app is in Contoso: the forged answer is recorded as
    what Microsoft confirms (installed), never as tenant-wide consent."""
    sign_in("AdeleV@contoso.com")
    assert forged_callback(client, people.contoso).status_code == 200
    page = sign_in("MeganB@contoso.com").get("/admin-consent/organizations").text
    assert "Tenant-wide consent confirmed" not in page
    assert "the admin consent link came back approved and Microsoft shows the app installed " \
           "(tenant-wide consent not confirmed)" in page


def test_an_approval_microsoft_cannot_confirm_is_an_unverified_claim_bounded(
        app, client, people, sign_in, monkeypatch):
    from plugins.admin_consent import admin_link, consent_book

    monkeypatch.setattr(admin_link, "app_installed_in", lambda tenant: None)  # unreachable
    monkeypatch.setattr(consent_book, "CLAIMS_KEPT", 2)
    for _ in range(3):
        answer = forged_callback(client, people.fabrikam)
        assert "kept only as unverified" in answer.text
    with app.app_context():
        methods = db.session.execute(db.select(ConsentRecord.method)).scalars().all()
    assert methods == ["claimed", "claimed"]
    page = sign_in("MeganB@contoso.com").get("/admin-consent/organizations").text
    assert "Unverified</dt>" in page and "Microsoft could not confirm it" in page
    assert "Installed in the organization" not in page and "confirmed</span>" not in page


def test_records_are_bounded_per_tenant(app, client, people, sign_in, monkeypatch):
    from plugins.admin_consent import consent_book

    monkeypatch.setattr(consent_book, "RECORDS_KEPT_PER_TENANT", 2)
    sign_in("AdeleV@contoso.com")
    for _ in range(3):
        forged_callback(client, people.contoso)
    with app.app_context():
        ids = db.session.execute(db.select(ConsentRecord.id)).scalars().all()
    assert sorted(ids) == [2, 3]
