"""The hello plugin as a user and an admin meet it, through the real sign-in.

Uses only the app's test kit and its public API, the way any plugin package can.
"""

from urllib.parse import parse_qs, urlsplit

from postpress_whitelabel.api import db
from postpress_whitelabel.testing import Journey, csrf_token

ADMIN = "MeganB@contoso.com"  # Contoso's global admin in the sandbox


def _requested_scopes(journey) -> list[str]:
    return parse_qs(urlsplit(journey.start()).query)["scope"][0].split()


def test_a_signed_in_user_sees_the_panel_and_the_link(signed_in_client):
    home = signed_in_client.get("/").text
    assert "Hello, Adele Vance!" in home
    assert 'href="/hello/">Hello</a>' in home


def test_the_page_lists_the_accounts_and_counts_visits(app, signed_in_client):
    first = signed_in_client.get("/hello/")
    assert first.status_code == 200
    assert "Hello from a plugin" in first.text and "AdeleV@contoso.com" in first.text
    assert "opened this page 1 time." in first.text
    assert "opened this page 2 times." in signed_in_client.get("/hello/").text
    from postpress_hello.models import HelloVisit  # importable once the plugin is installed

    with app.app_context():
        assert [v.visits for v in db.session.scalars(db.select(HelloVisit))] == [2]


def test_visitors_who_are_not_signed_in_are_sent_to_sign_in(client):
    resp = client.get("/hello/")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]
    assert 'href="/hello/"' not in client.get("/login").text  # no link for anonymous visitors


def test_contacts_read_is_requested_at_sign_in(journey):
    assert "Contacts.Read" in _requested_scopes(journey)


def test_settings_lists_the_scope_and_an_admin_can_turn_it_off(make_app, sign_in, microsoft):
    app = make_app(plugins=["hello"], ADMIN_EMAILS=[ADMIN])
    admin, user = sign_in(ADMIN, app=app), sign_in(app=app)
    settings = admin.get("/settings/").text
    assert "Contacts.Read" in settings and "An example optional permission" in settings
    resp = admin.post("/settings/scopes", data={"csrf_token": csrf_token(admin, "/settings/")})
    assert resp.status_code in (302, 303)
    assert "Contacts.Read" not in _requested_scopes(Journey(app.test_client(), microsoft))
    assert "turned off by an administrator" in user.get("/hello/").text


def test_the_table_comes_from_the_plugins_migration(make_app, sign_in):
    """``flask db upgrade`` builds the tables (the core's, then the plugin's): the page works."""
    app = make_app(plugins=["hello"], migrate=True)
    page = sign_in(app=app).get("/hello/")
    assert page.status_code == 200 and "opened this page 1 time." in page.text
