"""When Graph cannot answer: a missing permission or a refused sign-in offers the core's
reconnect, throttling says when to retry (and a short Retry-After is waited out), a slow
Graph says so, a paging link off Graph is refused: a clear page, never a 500."""

import html
import re
import threading
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import requests

from postpress_whitelabel.testing import Journey, MicrosoftBrowser

from .conftest import ADELE


def _count(sandbox, endpoint: str) -> int:
    return sandbox.request_totals().get(endpoint, 0)


def test_a_429_with_a_short_retry_after_is_waited_out(adele, sandbox):
    sandbox.faults.force_status("graph_messages", 429, retry_after=1, count=1)
    resp = adele.get("/mail/")
    assert resp.status_code == 200
    assert 'class="mail-list"' in resp.get_data(as_text=True)
    assert _count(sandbox, "graph_messages") == 2


def test_throttling_beyond_the_deadline_says_when_to_retry(adele, sandbox):
    sandbox.faults.force_status("graph_messages", 429, retry_after=120)
    resp = adele.get("/mail/")
    assert resp.status_code == 503 and resp.headers["Retry-After"] == "120"
    assert "Try again in 120 seconds." in resp.get_data(as_text=True)


def test_a_slow_graph_is_said_plainly(make_app, sign_in, sandbox):
    app = make_app(plugins=["mail"], HTTP_TIMEOUT=0.3)
    user = sign_in(ADELE, app=app)
    sandbox.faults.latency("graph_batch", 1500)
    resp = user.get("/mail/")
    assert resp.status_code == 504
    assert "Microsoft Graph is down or slow" in resp.get_data(as_text=True)


def test_a_refused_sign_in_offers_to_sign_in_again(adele, sandbox):
    sandbox.revoke_refresh_tokens(sandbox.user_by_login(ADELE).oid)
    resp = adele.get("/mail/?folder=drafts")
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200 and "Sign in to Microsoft again" in page
    assert 'name="next" value="/mail/?folder=drafts"' in page or "/mail/?folder=drafts" in page


def test_an_account_without_the_mail_permissions_is_asked_for_them(make_app, sign_in,
                                                                   sandbox):
    before = make_app(plugins=[])  # connected before Mail was enabled: no Mail scopes
    user = sign_in(ADELE, app=before)
    cookie = user.get_cookie("postpress_session")
    after = make_app(plugins=["mail"], keep_tables=True)
    browser = after.test_client()
    browser.set_cookie("postpress_session", cookie.value, domain=cookie.domain)
    sandbox.reset_counts()
    for page in ("/mail/", "/mail/1/messages/AAMkAAAAAAAAAAAAAAAAAAAA", "/mail/1/compose"):
        resp = browser.get(page)
        html = resp.get_data(as_text=True)
        assert resp.status_code == 403 and "Permission needed" in html, page
        for scope in ("Mail.Read", "Mail.ReadWrite", "Mail.Send"):
            assert f'<code class="scope">{scope}</code>' in html
        assert "Sign in again with Microsoft" in html
    assert not any(name.startswith("graph_") for name in sandbox.request_counts())


def test_a_next_link_off_graph_is_refused(adele, sandbox_server):
    config = sandbox_server.app.config
    config["SANDBOX_PUBLIC_URL"] = "http://graph.evil.example"
    try:
        resp = adele.get("/mail/")
    finally:
        config.pop("SANDBOX_PUBLIC_URL")
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200 and 'class="mail-list"' in page
    assert 'rel="next"' not in page and "evil.example" not in page
    assert "pointed outside Microsoft Graph, so it was not followed" in page


def test_the_home_panel_shows_the_latest_unread_in_the_shared_batch(adele, sandbox,
                                                                    mailbox_of):
    sandbox.reset_counts()
    page = adele.get("/").get_data(as_text=True)
    assert "Unread mail" in page
    listed = [html.unescape(s) for s in
              re.findall(r'<li><a href="/mail/1/messages/[^"]+">([^<]+)</a>', page)]
    inbox = mailbox_of().folder("inbox")
    unread = sorted((m for m in mailbox_of().messages.values()
                     if m.folder_id == inbox.id and not m.is_read),
                    key=lambda m: -m.received)[:5]
    assert listed == [m.subject for m in unread]
    assert _count(sandbox, "graph_batch") == 1


def test_the_home_panel_shows_graphs_refusal_and_the_page_still_renders(adele, sandbox):
    sandbox.faults.force_status("graph_messages", 503, retry_after=40)
    resp = adele.get("/")
    assert resp.status_code == 200
    assert "Try again in 40 seconds." in resp.get_data(as_text=True)


class MovableClock:
    """The app's clock, moved by the test instead of waiting."""

    def __init__(self):
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset


@pytest.mark.timeout(120)
def test_twenty_concurrent_inbox_loads_with_an_expired_token_make_one_refresh(
        serve, sandbox, sandbox_server):
    clock = MovableClock()
    app, url = serve(PLUGINS=["mail"], CLOCK=clock)
    app.config["SERVER_NAME"] = url.split("://", 1)[1]  # the test client's host too
    client = app.test_client()
    resp = Journey(client, MicrosoftBrowser(sandbox_server.url)).sign_in(ADELE)
    assert resp.status_code in (302, 303)
    assert client.get("/mail/").status_code == 200  # the session learns the folder tree
    cookie = client.get_cookie("postpress_session", domain=urlsplit(url).hostname)
    clock.offset = timedelta(hours=2)  # the stored access token has expired...
    sandbox.clock.advance(2 * 3600)  # ...for Graph too
    sandbox.reset_counts()
    results = []

    def load():
        answer = requests.get(f"{url}/mail/", cookies={"postpress_session": cookie.value},
                              timeout=60)
        results.append((answer.status_code, 'class="mail-list"' in answer.text))

    threads = [threading.Thread(target=load) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [(200, True)] * 20
    assert _count(sandbox, "token") == 1
    assert _count(sandbox, "graph_batch") == 20


@pytest.mark.parametrize(("path", "status"), [
    ("/mail/?folder=bogus", 404), ("/mail/?folder=../../me", 400), ("/mail/?folder=%00", 404),
    ("/mail/?page=%00", 200), ("/mail/?page=https://graph.evil.example/v1.0/me/messages", 200),
    ("/mail/1/messages/..%2F..%2Fme", 404), ("/mail/1/messages/x/attachments/y", 400),
    ("/mail/inline?t=abc", 404), ("/mail/inline", 404), ("/mail/?account=abc", 404),
])
def test_odd_addresses_get_a_clear_answer(adele, path, status):
    resp = adele.get(path)
    assert resp.status_code == status
    assert resp.mimetype == "text/html" and "graph.evil.example" not in resp.get_data(as_text=True)
