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


def test_a_known_account_of_such_an_organization_that_cancels_gets_the_core_page(
        app, sign_in, microsoft):
    """Adele's organization lets people consent: her Cancel is just a Cancel."""
    from postpress_whitelabel.api import ConnectedAccount

    from .microsoft_steps import at_microsoft, deliver

    adele = sign_in("AdeleV@contoso.com")
    with app.app_context():
        account_id = db.session.execute(db.select(ConnectedAccount.id)).scalar_one()
    start = adele.post("/connect/microsoft", data={
        "csrf_token": csrf_token(adele, "/accounts/"), "intent": "reconsent",
        "account_id": str(account_id)})
    answer = deliver(adele, at_microsoft(microsoft, start.headers["Location"],
                                         decision="cancel"))
    assert answer.status_code in (401, 403) and "AADSTS65004" in answer.text
    with app.app_context():
        assert db.session.execute(db.select(ConsentEvent)).first() is None
