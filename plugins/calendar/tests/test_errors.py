"""What the calendar pages say when Graph refuses: a permission not granted, a sign-in
Microsoft refused, throttling, Graph down, an unknown event; and what personal accounts see."""

from __future__ import annotations

from postpress_whitelabel.testing import demo_user_oid

from .conftest import Calendar


def test_throttled_says_when_to_retry(calendar, sandbox):
    sandbox.faults.force_status("graph_batch", 429, retry_after=120)
    page = calendar.client.get("/calendar/")
    assert page.status_code == 503
    assert "Microsoft is busy" in page.text and "Try again in 120 seconds." in page.text


def test_an_inner_throttle_is_the_same_answer(calendar, sandbox):
    sandbox.faults.force_status("graph_calendar_view", 503, retry_after=120)
    page = calendar.client.get("/calendar/")
    assert page.status_code == 503 and "Try again in 120 seconds." in page.text


def test_graph_down_or_slow(make_app, sign_in):
    app = make_app(plugins=["calendar"],
                   MICROSOFT_GRAPH_URL="http://127.0.0.1:9")  # nothing listens there
    page = sign_in(app=app).get("/calendar/")
    assert page.status_code == 504
    assert "Microsoft Graph is down or slow" in page.text


def test_a_refused_sign_in_offers_to_sign_in_again(calendar, sandbox):
    sandbox.revoke_refresh_tokens(demo_user_oid("AdeleV@contoso.com"))
    page = calendar.client.get("/calendar/?week=2027-02-01")
    assert page.status_code == 200
    assert 'name="intent" value="reconnect"' in page.text
    assert "/calendar/?week=2027-02-01" in page.text  # comes back to the week


def test_an_unknown_event_is_a_404(calendar):
    page = calendar.client.get("/calendar/event/AAMkAunknownAAA=")
    assert page.status_code == 404 and "no longer exists" in page.text


def test_a_permission_not_granted_offers_to_grant_it(make_app, sign_in):
    """An admin keeps Calendars.Read but turns the write permissions off; the user signs in,
    then the admin turns them on again: the form asks for the missing permission."""
    app = make_app(plugins=["calendar"],
                   ADMIN_EMAILS=["MeganB@contoso.com"])
    admin = Calendar(sign_in("MeganB@contoso.com", app=app))
    reads = ["Calendars.Read", "Calendars.Read.Shared", "MailboxSettings.Read"]
    admin.post("/settings/scopes", "/settings/", enabled=reads)
    user = sign_in(app=app)
    assert user.get("/calendar/").status_code == 200
    admin.post("/settings/scopes", "/settings/",
               enabled=[*reads, "Calendars.ReadWrite", "Calendars.ReadWrite.Shared"])
    page = user.get("/calendar/new")
    assert page.status_code == 403
    assert "Calendars.ReadWrite" in page.text and 'value="reconnect"' in page.text


def test_personal_accounts_never_see_colleagues_calendars(sign_in):
    sam = sign_in("sam.taylor@outlook.com")
    week = sam.get("/calendar/")
    assert week.status_code == 200
    assert "Personal Microsoft accounts cannot open colleagues&#39; calendars." in week.text \
        or "Personal Microsoft accounts cannot open colleagues' calendars." in week.text
    assert "Open a colleague" not in week.text
    page = sam.get("/calendar/?user=someone@outlook.com")
    assert page.status_code == 403 and "Personal Microsoft accounts cannot" in page.text
