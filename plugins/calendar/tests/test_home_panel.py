"""The home page's calendar panel: today's and tomorrow's events, one Graph round trip per
account together with another plugin's panel, and a line instead when calendars are off."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from postpress_whitelabel.testing import Journey, MicrosoftBrowser

from .conftest import Calendar, graph_calls

SECOND_PLUGIN = '''
"""A second home panel that reads Graph, as the Mail plugin's does."""
from flask import Blueprint
from postpress_whitelabel import api

bp = Blueprint("second", __name__, template_folder="templates")


@api.hookimpl
def register_blueprints(app):
    return [bp]


@api.hookimpl
def home_panels(account):
    me = api.BatchRequest("me", "GET", "/me")
    return [api.Panel("Profile", "second/profile.html", requests=(me,))]
'''


@pytest.fixture
def two_panels(tmp_path, installed_plugin, make_app):
    """An app with the calendar panel and a second plugin's panel."""
    package = tmp_path / "second_panel"
    (package / "templates" / "second").mkdir(parents=True)
    (package / "__init__.py").write_text(SECOND_PLUGIN)
    (package / "templates" / "second" / "profile.html").write_text(
        "<p>profile of {{ graph['me'].body['displayName'] }}</p>")
    installed_plugin("second", "second_panel", path=tmp_path)
    return make_app(plugins=["calendar", "second"])


def test_home_costs_one_round_trip_per_account(two_panels, sandbox_server, sandbox):
    client = two_panels.test_client()
    journey = Journey(client, MicrosoftBrowser(sandbox_server.url))
    journey.sign_in("AdeleV@contoso.com")
    journey.sign_in("sam.taylor@outlook.com", intent="connect")
    sandbox.reset_counts()
    home = client.get("/").text
    assert home.count("Today and tomorrow") == 2 and "<p>profile of Adele Vance</p>" in home
    calls = graph_calls(sandbox)
    assert calls.pop("graph_batch") == 2  # one per account
    # Inside each batch: the two days' events, the mailbox's zone, the other panel's /me.
    assert calls == {"graph_calendar_view": 2, "graph_mailbox_settings": 2, "graph_me": 2}


def test_home_with_the_mail_panel_costs_one_round_trip(make_app, sign_in, sandbox):
    app = make_app(plugins=["calendar", "mail"])
    client = sign_in(app=app)
    sandbox.reset_counts()
    home = client.get("/").text
    assert "Today and tomorrow" in home and "Unread mail" in home
    calls = graph_calls(sandbox)
    assert calls.pop("graph_batch") == 1
    # Mail's unread messages, the calendar's two days, and the mailbox's zone read once for both.
    assert calls == {"graph_messages": 1, "graph_mailbox_settings": 1,
                     "graph_calendar_view": 1}


def test_without_the_mailbox_zone_both_panels_still_show_in_utc(make_app, sign_in, sandbox):
    """The zone read is optional for both panels: its failure costs the times their zone,
    not the panels."""
    app = make_app(plugins=["calendar", "mail"])
    client = sign_in(app=app)
    sandbox.faults.force_status("graph_mailbox_settings", 500)
    home = client.get("/").text
    assert "Today and tomorrow" in home and "Unread mail" in home
    assert "panel-error" not in home


def test_tomorrows_event_is_in_the_panel(calendar):
    tomorrow = (dt.datetime.now(dt.UTC).astimezone(ZoneInfo("America/Los_Angeles"))
                + dt.timedelta(days=1)).date().isoformat()
    calendar.created_id(calendar.create(
        subject="Dentist", start_date=tomorrow, start_time="08:15", end_date=tomorrow,
        end_time="09:00", time_zone="America/Los_Angeles"))
    home = calendar.client.get("/").text
    panel = home.split("Today and tomorrow", 1)[1]
    tomorrow_part = panel.split("<h3>Tomorrow</h3>", 1)[1].split("Open the calendar", 1)[0]
    assert "08:15–09:00" in tomorrow_part and "Dentist" in tomorrow_part


def test_a_failed_calendar_request_shows_in_the_panel_only(two_panels, sandbox_server,
                                                           sandbox):
    client = two_panels.test_client()
    Journey(client, MicrosoftBrowser(sandbox_server.url)).sign_in("AdeleV@contoso.com")
    sandbox.faults.force_status("graph_calendar_view", 429, retry_after=120)
    home = client.get("/")
    assert home.status_code == 200
    assert "<p>profile of Adele Vance</p>" in home.text
    assert "Microsoft is busy right now." in home.text


def test_with_calendars_turned_off_the_panel_says_who_turns_them_on(make_app, sign_in):
    app = make_app(plugins=["calendar"],
                   ADMIN_EMAILS=["MeganB@contoso.com"])
    admin = Calendar(sign_in("MeganB@contoso.com", app=app))
    keep = ["Contacts.Read"]  # anything but the calendar scopes: all of them are turned off
    resp = admin.post("/settings/scopes", "/settings/", enabled=keep)
    assert resp.status_code in (302, 303)
    user = sign_in(app=app)
    home = user.get("/").text
    assert "Calendars are turned off: an administrator turns them on in Settings" in home
    page = user.get("/calendar/")
    assert page.status_code == 403 and "Calendars are turned off" in page.text
    assert "Settings &gt; Microsoft Graph delegated permissions" in page.text
