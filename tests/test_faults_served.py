"""Faults end to end under gunicorn (``scripts/serve``, two workers): Microsoft down, slow past
``HTTP_TIMEOUT``, answering 500, 429 with ``Retry-After``, ``invalid_grant``, and the database's
connections cut mid-run. Each gives a clear page or a retry, within a bounded time, and loses
nothing: accounts, tokens and settings are as they were, and work again once the fault is gone.

Microsoft is the session's sandbox behind a proxy this test can switch off (``down``); its fault
knobs (docs/sandbox-graph.md) make the rest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import requests
from sqlalchemy import create_engine, text

from microsoft_sandbox.directory import seed
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import ConnectedAccount
from postpress_whitelabel.testing import MicrosoftBrowser
from tests.app_servers import AppServer, app_servers  # noqa: F401 - the fixture
from tests.switchable_proxy import SwitchableProxy
from tests.test_scale_out import start_sign_in

HTTP_TIMEOUT = 1  # seconds: "slow" is anything past it, and no page waits much longer
BOUND = HTTP_TIMEOUT + 4  # a page (retries included) answers within this


@dataclass
class Deployment:
    """One server, the proxy in front of Microsoft, and an app on the same database."""

    server: AppServer
    proxy: SwitchableProxy
    schema: object  # a Flask app on the server's database, to look at what is stored
    sandbox_url: str


@pytest.fixture
def deployment(make_app, app_servers, sandbox_server):  # noqa: F811
    proxy = SwitchableProxy(int(sandbox_server.url.rsplit(":", 1)[1]))
    schema = make_app(["mail"], migrate=True)
    shared = app_servers.settings(
        schema.config["SQLALCHEMY_DATABASE_URI"], POSTPRESS_PLUGINS='["mail"]',
        POSTPRESS_ENCRYPTION_KEYS=schema.config["ENCRYPTION_KEYS"],
        POSTPRESS_MICROSOFT_LOGIN_URL=proxy.url, POSTPRESS_MICROSOFT_GRAPH_URL=proxy.url,
        POSTPRESS_HTTP_TIMEOUT=str(HTTP_TIMEOUT))
    yield Deployment(app_servers.start(shared, migrate=False), proxy, schema, proxy.url)
    proxy.close()


def timed_get(browser: requests.Session, url: str) -> tuple[requests.Response, float]:
    """GET without following redirects; the answer and how long it took, in seconds."""
    started = time.monotonic()
    resp = browser.get(url, allow_redirects=False, timeout=30)
    return resp, time.monotonic() - started


def consented(deployment: Deployment) -> tuple[requests.Session, str]:
    """A sign-in started and consented at Microsoft; the browser and the callback URL."""
    browser, authorize = start_sign_in(deployment.server.url)
    return browser, MicrosoftBrowser(deployment.sandbox_url).sign_in(
        authorize, oid=seed.CONTOSO_USER_OID)


def signed_in(deployment: Deployment) -> requests.Session:
    browser, callback = consented(deployment)
    assert browser.get(callback, allow_redirects=False, timeout=10).status_code == 302
    return browser


def stored(deployment: Deployment) -> list[tuple]:
    """Every account and its tokens, as the database holds them."""
    with deployment.schema.app_context():
        rows = [(a.oid, a.status, a.refresh_token, a.access_token)
                for a in db.session.scalars(db.select(ConnectedAccount).order_by("id"))]
        db.session.remove()
    return rows


def expire_access_token(deployment: Deployment) -> None:
    with deployment.schema.app_context():
        account = db.session.scalars(db.select(ConnectedAccount)).one()
        account.access_token_expires_at = datetime.now(UTC) - timedelta(minutes=1)
        db.session.commit()
        db.session.remove()


SIGN_IN_FAULTS = {
    "Microsoft down": (lambda d, s: setattr(d.proxy, "down", True), 502,
                       "Microsoft could not be reached"),
    "slow past the timeout": (lambda d, s: s.faults.latency("token", 1000 * HTTP_TIMEOUT + 1500),
                              502, "Microsoft could not be reached"),
    "500": (lambda d, s: s.faults.force_status("token", 500), 502, "Microsoft had a problem"),
    "429 with Retry-After": (lambda d, s: s.faults.force_status("token", 429, retry_after=30),
                             503, "Microsoft is busy"),
}


def test_sign_in_faults_give_a_clear_page_and_store_nothing_half_done(deployment, sandbox):
    browser, _ = start_sign_in(deployment.server.url)  # one worker has discovery cached now
    deployment.proxy.down = True  # the other may not: starting a sign-in needs Microsoft too
    html = browser.get(deployment.server.url + "/login", timeout=10).text
    token = html.split('name="csrf_token" value="')[1].split('"')[0]
    for _ in range(4):  # whichever worker answers
        start = browser.post(deployment.server.url + "/connect/microsoft",
                             data={"csrf_token": token}, allow_redirects=False, timeout=30)
        assert start.status_code in (303, 502)
        if start.status_code == 502:
            assert "Microsoft could not be reached" in start.text
    deployment.proxy.down = False
    for name, (fault, status, title) in SIGN_IN_FAULTS.items():
        browser, callback = consented(deployment)
        fault(deployment, sandbox)
        resp, took = timed_get(browser, callback)
        sandbox.faults.clear()
        deployment.proxy.down = False
        assert (resp.status_code, title in resp.text) == (status, True), (name, resp.text[:300])
        assert took < BOUND, (name, took)
        assert stored(deployment) == [], name  # no account from a sign-in that failed
    browser = signed_in(deployment)  # Microsoft back: the next sign-in just works
    assert "Adele" in browser.get(deployment.server.url + "/", timeout=10).text


PAGE_FAULTS = {
    "Microsoft down": (lambda d, s: setattr(d.proxy, "down", True), 504,
                       "Microsoft Graph is down or slow"),
    "slow past the timeout": (lambda d, s: s.faults.latency("graph_*", 1000 * HTTP_TIMEOUT + 1500),
                              504, "Microsoft Graph is down or slow"),
    "500": (lambda d, s: s.faults.force_status("graph_*", 500), 502, "Microsoft Graph"),
}


def test_graph_faults_are_explained_or_retried_and_lose_nothing(deployment, sandbox):
    browser = signed_in(deployment)
    inbox = deployment.server.url + "/mail/"
    before = stored(deployment)
    for name, (fault, status, title) in PAGE_FAULTS.items():
        fault(deployment, sandbox)
        resp, took = timed_get(browser, inbox)
        sandbox.faults.clear()
        deployment.proxy.down = False
        assert (resp.status_code, title in resp.text) == (status, True), (name, resp.text[:300])
        assert took < BOUND, (name, took)
    # Too long to wait within the page: it says when to come back, as Graph did.
    sandbox.faults.force_status("graph_*", 429, retry_after=120)
    resp, took = timed_get(browser, inbox)
    sandbox.faults.clear()
    assert (resp.status_code, resp.headers.get("Retry-After")) == (503, "120") and took < BOUND
    assert "Microsoft is busy" in resp.text and "Try again in 120 seconds" in resp.text
    # A short Retry-After is waited out within the page's budget: the reader sees the inbox.
    sandbox.faults.force_status("graph_*", 429, retry_after=1, count=1)
    resp, took = timed_get(browser, inbox)
    assert sandbox.faults.snapshot()["statuses"] == {}  # the 429 was answered ...
    assert resp.status_code == 200 and took < BOUND  # ... and the call sent again after it
    assert stored(deployment) == before
    assert timed_get(browser, inbox)[0].status_code == 200


def test_refresh_faults_keep_the_tokens_or_ask_for_a_new_sign_in(deployment, sandbox):
    browser = signed_in(deployment)
    inbox = deployment.server.url + "/mail/"
    expire_access_token(deployment)
    [(_, _, refresh_token, _)] = before = stored(deployment)
    # Microsoft down while the token must be refreshed: a clear page, the tokens kept.
    deployment.proxy.down = True
    resp, took = timed_get(browser, inbox)
    deployment.proxy.down = False
    assert resp.status_code in (502, 503, 504) and "try again" in resp.text
    assert took < BOUND
    assert stored(deployment) == before
    # Back: the next page refreshes once and works.
    sandbox.reset_counts()
    assert timed_get(browser, inbox)[0].status_code == 200
    assert sandbox.request_totals()["token"] == 1
    # invalid_grant (tokens revoked at Microsoft): the account asks for a new sign-in, kept.
    sandbox.revoke_refresh_tokens(seed.CONTOSO_USER_OID)
    expire_access_token(deployment)
    resp, took = timed_get(browser, inbox)
    assert resp.status_code < 500 and took < BOUND
    assert "sign in again" in resp.text.lower() or "reconnect" in resp.text.lower()
    [(oid, status, _, _)] = stored(deployment)
    assert (oid, status) == (seed.CONTOSO_USER_OID, "needs_sign_in")
    browser = signed_in(deployment)  # the same account, connected again
    [(oid, status, new_refresh_token, _)] = stored(deployment)
    assert (oid, status) == (seed.CONTOSO_USER_OID, "connected")
    assert new_refresh_token not in (None, refresh_token)
    assert timed_get(browser, inbox)[0].status_code == 200


def test_database_connections_cut_mid_run_cost_no_page_and_no_data(database, deployment):
    if database != "postgresql":
        pytest.skip("cuts PostgreSQL backends (pg_terminate_backend)")
    browser = signed_in(deployment)
    inbox = deployment.server.url + "/mail/"
    assert timed_get(browser, inbox)[0].status_code == 200
    before = stored(deployment)
    engine = create_engine(deployment.schema.config["SQLALCHEMY_DATABASE_URI"])
    with engine.connect() as connection:  # as a database restart would, minus the restart
        cut = connection.execute(text(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    engine.dispose()
    assert cut >= 1
    for path in ("/mail/", "/", "/accounts/", "/readyz"):
        resp, took = timed_get(browser, deployment.server.url + path)
        assert resp.status_code == 200 and took < BOUND, (path, resp.status_code)
    assert stored(deployment) == before
