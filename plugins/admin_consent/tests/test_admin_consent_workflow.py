"""Method 1 at Northwind (admin consent workflow): the user requests approval with a
justification, an administrator approves it in the Entra portal, the user tries again and gets
in; the organizations page follows along and its re-check finds the approval."""

from postpress_whitelabel.api import ConnectedAccount, db
from postpress_whitelabel.testing import MicrosoftBrowser, csrf_token

from .microsoft_steps import approve_in_portal, at_microsoft, deliver


def request_approval(client, microsoft, people):
    """Johanna signs in, writes why she needs the app, requests approval, goes back."""
    start = client.post("/admin-consent/try-again", data={"csrf_token": csrf_token(client)})
    back = at_microsoft(microsoft, start.headers["Location"], oid=people.johanna,
                        decision=("request", "cancel"),
                        justification="I need my calendar in the team planner.")
    assert any("Request sent" in page for page in microsoft.pages)
    return deliver(client, back)


def test_the_request_was_sent_page_then_approval_in_the_portal_then_in(
        app, client, microsoft, people, sandbox, sandbox_server):
    answer = request_approval(client, microsoft, people)
    page = client.get(answer.headers["Location"]).text
    assert "Administrator approval required" in page and "Your request was sent" in page
    assert "Enterprise applications &rsaquo; Admin consent requests" in page
    assert "Try again" in page and "AADSTS90095" in page
    (request,) = sandbox.consent_requests(people.northwind)
    assert request.requesters[0].justification == "I need my calendar in the team planner."
    approve_in_portal(MicrosoftBrowser(sandbox_server.url), people.isaiah)
    again = client.post("/admin-consent/try-again",
                        data={"csrf_token": csrf_token(client, answer.headers["Location"])})
    seen = len(microsoft.pages)
    home = deliver(client, at_microsoft(microsoft, again.headers["Location"]))
    assert len(microsoft.pages) == seen  # no consent screen after the approval
    assert home.status_code == 302 and home.headers["Location"] == "/"
    assert "Johanna" in client.get("/").text


def test_how_to_send_a_request_when_the_user_went_back_without_one(client, microsoft, people):
    start = client.post("/admin-consent/try-again", data={"csrf_token": csrf_token(client)})
    back = at_microsoft(microsoft, start.headers["Location"], oid=people.johanna,
                        decision="cancel")
    answer = deliver(client, back)
    chosen = client.post(answer.headers["Location"] + "/seen", follow_redirects=True, data={
        "csrf_token": csrf_token(client, answer.headers["Location"]),
        "seen": "approval_required"})
    assert "Send a request" in chosen.text and "justification" in chosen.text


def test_an_unidentified_request_is_listed_apart(client, microsoft, people, sign_in):
    request_approval(client, microsoft, people)
    page = sign_in("MeganB@contoso.com").get("/admin-consent/organizations").text
    assert "Consent errors from organizations not identified" in page and "AADSTS90095" in page


def test_the_organizations_page_shows_pending_then_the_recheck_finds_the_approval(
        app, microsoft, people, sandbox, sandbox_server, sign_in):
    """Johanna signed in while Northwind let users consent; then it turned on the workflow and
    she asks for more: her account names the organization."""
    sandbox.set_consent_policy(people.northwind, "user_consent_allowed")
    johanna = sign_in("JohannaL@northwindtraders.com")
    sandbox.set_consent_policy(people.northwind, "admin_consent_workflow")
    sandbox.revoke_user_consent(people.johanna, people.default_client_id)
    with app.app_context():
        account_id = db.session.execute(db.select(ConnectedAccount.id)).scalar_one()
    start = johanna.post("/connect/microsoft", data={
        "csrf_token": csrf_token(johanna, "/accounts/"), "intent": "reconsent",
        "account_id": str(account_id)})
    deliver(johanna, at_microsoft(microsoft, start.headers["Location"], oid=people.johanna,
                                  decision=("request", "cancel"), justification="Planner"))
    admin = sign_in("MeganB@contoso.com")
    page = admin.get("/admin-consent/organizations").text
    assert "northwindtraders.com" in page and "Approval pending" in page
    assert "Johanna Lorenz" in page and "AADSTS90095" in page
    recheck = f"/admin-consent/organizations/{people.northwind}/recheck"
    token = csrf_token(admin, "/admin-consent/organizations")
    still = admin.post(recheck, data={"csrf_token": token}, follow_redirects=True).text
    assert "Approval pending" in still
    approve_in_portal(MicrosoftBrowser(sandbox_server.url), people.isaiah)
    done = admin.post(recheck, data={"csrf_token": token}, follow_redirects=True).text
    # Installed is all a re-check shows: one person's consent installs the app too.
    assert "Microsoft shows the app installed in that organization (tenant-wide consent not " \
           "confirmed" in done and "its users can sign in" not in done
    assert "Installed in the organization (tenant-wide consent not confirmed)" in done
    assert "found by a re-check" in done and "Tenant-wide consent confirmed" not in done
    # Johanna, stopped before, now gets every permission without being asked: confirmed.
    start = johanna.post("/admin-consent/try-again", data={"csrf_token": csrf_token(johanna)})
    pages = len(microsoft.pages)
    deliver(johanna, at_microsoft(microsoft, start.headers["Location"], oid=people.johanna))
    assert len(microsoft.pages) == pages
    confirmed = admin.get("/admin-consent/organizations").text
    assert "Tenant-wide consent confirmed" in confirmed and "by Johanna Lorenz" in confirmed
