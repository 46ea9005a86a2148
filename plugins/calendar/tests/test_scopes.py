"""The calendar permissions: optional, each with its reason; asked at sign-in only while the
plugin and the scope are on; personal accounts never get the .Shared ones."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from postpress_whitelabel.testing import Journey

from .conftest import Calendar

CALENDAR_SCOPES = ["Calendars.Read", "Calendars.ReadWrite", "Calendars.Read.Shared",
                   "Calendars.ReadWrite.Shared", "MailboxSettings.Read"]


def _requested(app, microsoft) -> list[str]:
    url = Journey(app.test_client(), microsoft).start()
    return parse_qs(urlsplit(url).query)["scope"][0].split()


def test_sign_in_asks_for_the_calendar_permissions(app, microsoft):
    assert set(CALENDAR_SCOPES) <= set(_requested(app, microsoft))


def test_without_the_plugin_they_are_not_asked(make_app, microsoft):
    app = make_app(plugins=[])
    assert not set(CALENDAR_SCOPES) & set(_requested(app, microsoft))


def test_settings_lists_them_optional_with_reasons_and_an_admin_turns_one_off(
        make_app, sign_in, microsoft):
    app = make_app(plugins=["calendar"],
                   ADMIN_EMAILS=["MeganB@contoso.com"])
    admin = Calendar(sign_in("MeganB@contoso.com", app=app))
    settings = admin.client.get("/settings/").text
    for scope in CALENDAR_SCOPES:
        assert scope in settings
    assert "Open calendars colleagues share with you (work accounts only)." in settings
    keep = [s for s in CALENDAR_SCOPES if s != "Calendars.Read.Shared"]
    admin.post("/settings/scopes", "/settings/", enabled=keep)
    requested = _requested(app, microsoft)
    assert "Calendars.Read.Shared" not in requested and "Calendars.Read" in requested


def test_personal_accounts_are_not_granted_the_shared_permissions(app, sign_in):
    sign_in("sam.taylor@outlook.com")
    with app.app_context():
        from postpress_whitelabel.api import ConnectedAccount, db

        account = db.session.scalars(db.select(ConnectedAccount)).one()
        assert "calendars.readwrite" in account.scope_set
        assert not {"calendars.read.shared", "calendars.readwrite.shared"} & account.scope_set
