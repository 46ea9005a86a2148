"""Two app servers (two gunicorn masters, two workers each) sharing one PostgreSQL, behind one
public address: a sign-in started on one finishes on the other, and 20 concurrent requests
that find the same access token expired, spread over both, cost Microsoft one refresh.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
import requests

from microsoft_sandbox.directory import seed
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import ConnectedAccount
from postpress_whitelabel.testing import MicrosoftBrowser
from tests.app_servers import app_servers  # noqa: F401 - the fixture

PLUGINS = '["mail"]'  # the inbox needs a token: each request asks for one


@pytest.fixture
def deployment(database, make_app, app_servers):  # noqa: F811
    """Servers A and B on one PostgreSQL (migrated once, as by the first scripts/serve)."""
    if database != "postgresql":
        pytest.skip("app servers share a database only on PostgreSQL")
    schema = make_app(["mail"], migrate=True)  # also drops every table when the test ends
    shared = app_servers.settings(schema.config["SQLALCHEMY_DATABASE_URI"],
                                  POSTPRESS_PLUGINS=PLUGINS,
                                  POSTPRESS_ENCRYPTION_KEYS=schema.config["ENCRYPTION_KEYS"])
    a = app_servers.start(shared, migrate=False)
    b = app_servers.start(shared, migrate=False, public_url=a.url)  # one public name
    return schema, a, b


def start_sign_in(server_url: str) -> tuple[requests.Session, str]:
    """The start page and the sign-in button on one server: the browser and Microsoft's URL."""
    browser = requests.Session()
    html = browser.get(server_url + "/login", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    start = browser.post(server_url + "/connect/microsoft", data={"csrf_token": token},
                         allow_redirects=False, timeout=10)
    assert start.status_code == 303, start.text[:500]
    return browser, start.headers["Location"]


def on(server_url: str, url: str) -> str:
    """``url`` sent to another server of the same deployment (as a load balancer would)."""
    parts = urlsplit(url)
    return f"{server_url}{parts.path}?{parts.query}" if parts.query else server_url + parts.path


def test_a_sign_in_crosses_servers_and_twenty_expired_token_requests_refresh_once(
        deployment, sandbox, sandbox_server):
    schema, a, b = deployment
    # Started on A (its sign-in button), finished on B (the callback), signed in on both.
    browser, authorize = start_sign_in(a.url)
    callback = MicrosoftBrowser(sandbox_server.url).sign_in(authorize, oid=seed.CONTOSO_USER_OID)
    assert callback.startswith(a.url)  # the redirect URI is the deployment's, A's name
    done = browser.get(on(b.url, callback), allow_redirects=False, timeout=10)
    assert done.status_code == 302, done.text[:500]
    for server in (a, b):
        assert "Adele" in browser.get(server.url + "/", timeout=10).text

    # The person has opened the inbox before (its first view records the mailbox's folders;
    # twenty first views at once are the Mail plugin's own race, not this test's subject).
    assert browser.get(b.url + "/mail/", timeout=10).status_code == 200
    # The access token expires; 20 inbox requests at once, half on each server.
    with schema.app_context():
        account = db.session.scalars(db.select(ConnectedAccount)).one()
        account.access_token_expires_at = datetime.now(UTC) - timedelta(minutes=1)
        db.session.commit()
        old_refresh_token = account.refresh_token
    sandbox.reset_counts()

    def inbox(n: int) -> requests.Response:
        tab = requests.Session()  # one connection per request, the browser's cookies
        tab.cookies.update(browser.cookies)
        return tab.get((a, b)[n % 2].url + "/mail/", timeout=30)

    with ThreadPoolExecutor(20) as pool:
        pages = list(pool.map(inbox, range(20)))
    logs = "".join(server.log.read_text()[-4000:] for server in (a, b))
    assert [p.status_code for p in pages] == [200] * 20, logs
    assert all("Inbox" in p.text for p in pages)
    counts = sandbox.request_totals()
    assert counts.get("token") == 1, counts
    with schema.app_context():
        account = db.session.scalars(db.select(ConnectedAccount)).one()
        assert account.refresh_token not in (None, old_refresh_token)  # rotated once, kept
        assert account.access_token_expires_at > datetime.now(UTC) + timedelta(minutes=30)
