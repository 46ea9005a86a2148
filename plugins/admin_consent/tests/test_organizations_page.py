"""Contoso lets users consent: the plugin stays out of the way; the organizations page (app
admins only) lists the tenants seen with their people, state and admin consent link."""

from plugins.admin_consent.models import ConsentEvent
from postpress_whitelabel.api import db
from postpress_whitelabel.testing import csrf_token


def test_users_who_may_consent_sign_in_untouched_and_are_listed(app, sign_in, people):
    adele = sign_in("AdeleV@contoso.com")
    assert "Adele" in adele.get("/").text
    with app.app_context():
        assert db.session.execute(db.select(ConsentEvent)).first() is None
    admin = sign_in("MeganB@contoso.com")
    page = admin.get("/admin-consent/organizations").text
    assert "contoso.com" in page and people.contoso in page
    assert "Users consent themselves" in page and "Adele Vance" in page and "2:" in page
    assert f"/admin-consent/approve/{people.contoso}" in page
    assert "Re-check" not in page  # nothing to re-check: nobody is blocked


def test_only_admins_of_the_app_see_the_page_and_its_link(sign_in, client):
    adele = sign_in("AdeleV@contoso.com")
    assert adele.get("/admin-consent/organizations").status_code == 403
    assert "Organizations" not in adele.get("/").text
    admin = sign_in("MeganB@contoso.com")
    assert 'href="/admin-consent/organizations">Organizations</a>' in admin.get("/").text
    anonymous = client.get("/admin-consent/organizations")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]


def test_a_recheck_needs_an_admin_and_a_post(sign_in, people):
    adele = sign_in("AdeleV@contoso.com")
    refused = adele.post(f"/admin-consent/organizations/{people.fabrikam}/recheck",
                         data={"csrf_token": csrf_token(adele, "/")})
    assert refused.status_code == 403
    admin = sign_in("MeganB@contoso.com")
    assert admin.get(f"/admin-consent/organizations/{people.fabrikam}/recheck").status_code \
        == 405
    no_token = admin.post(f"/admin-consent/organizations/{people.fabrikam}/recheck")
    assert no_token.status_code == 400


def test_a_known_member_who_comes_back_without_consenting_is_asked_what_they_saw(
        app, sign_in, microsoft, people, sandbox):
    """Contoso let Adele consent when she first signed in; since then only administrators may.
    Her organization's state says "users consent", yet she gets the approval help."""
    from postpress_whitelabel.api import ConnectedAccount

    from .microsoft_steps import at_microsoft, deliver

    adele = sign_in("AdeleV@contoso.com")
    sandbox.set_consent_policy(people.contoso, "admin_approval_required")
    sandbox.revoke_user_consent(people.adele, people.default_client_id)
    with app.app_context():
        account_id = db.session.execute(db.select(ConnectedAccount.id)).scalar_one()
    start = adele.post("/connect/microsoft", data={
        "csrf_token": csrf_token(adele, "/accounts/"), "intent": "reconsent",
        "account_id": str(account_id)})
    answer = deliver(adele, at_microsoft(microsoft, start.headers["Location"], oid=people.adele,
                                         decision="cancel"))
    assert "Need admin approval" in microsoft.pages[-1]
    assert answer.status_code == 303 and "/admin-consent/needed/" in answer.headers["Location"]
    page = adele.get(answer.headers["Location"]).text
    assert "You came back without granting access" in page
    with app.app_context():
        event = db.session.execute(db.select(ConsentEvent)).scalar_one()
        assert event.tenant_id == people.contoso  # from her account
