"""Access tokens are refreshed when they are about to expire, once however many ask at once."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from microsoft_sandbox.directory import seed
from postpress_whitelabel.accounts import refresh
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import ConnectedAccount
from tests.conftest import Journey


def _signed_in(make_app, microsoft, now):
    app = make_app(CLOCK=lambda: now[0])
    Journey(app.test_client(), microsoft).sign_in(seed.CONTOSO_USER_OID)
    return app


def _token(app) -> str:
    with app.app_context():
        return refresh.access_token(db.session.get(ConnectedAccount, 1))


def test_a_fresh_token_is_used_as_it_is(make_app, microsoft, sandbox):
    now = [datetime.now(UTC)]
    app = _signed_in(make_app, microsoft, now)
    sandbox.reset_counts()
    with app.app_context():
        stored = db.session.get(ConnectedAccount, 1).access_token
    assert _token(app) == stored
    assert not sandbox.request_counts().get("token")


def test_an_expiring_token_is_refreshed_once_for_concurrent_callers(make_app, microsoft,
                                                                     sandbox):
    now = [datetime.now(UTC)]
    app = _signed_in(make_app, microsoft, now)
    with app.app_context():
        old = db.session.get(ConnectedAccount, 1).access_token
    now[0] += timedelta(minutes=58)  # inside the five-minute early window
    sandbox.reset_counts()
    with ThreadPoolExecutor(max_workers=8) as pool:
        seen = list(pool.map(lambda _: _token(app), range(8)))
    assert len(set(seen)) == 1 and seen[0] != old, "callers got different tokens"
    assert sandbox.request_totals()["token"] == 1


def test_a_token_graph_refused_is_refreshed_once_for_concurrent_callers(make_app, microsoft,
                                                                         sandbox):
    """Eight requests meet the same 401 with a token that still looks valid: one refresh."""
    from postpress_whitelabel.accounts.graph import token_provider

    now = [datetime.now(UTC)]
    app = _signed_in(make_app, microsoft, now)
    sandbox.reset_counts()
    all_hold_the_old_token = threading.Barrier(8, timeout=30)

    def forced(_):
        with app.app_context():
            provide = token_provider(db.session.get(ConnectedAccount, 1))
            refused = provide(False)
            all_hold_the_old_token.wait()
            return refused, provide(True)

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(forced, range(8)))
    refused = {old for old, _ in answers}
    renewed = {new for _, new in answers}
    assert len(refused) == 1 and len(renewed) == 1 and refused != renewed
    assert sandbox.request_totals()["token"] == 1
    with app.app_context():  # a refresh asked for without a refused token still happens
        refresh.refresh(db.session.get(ConnectedAccount, 1))
    assert sandbox.request_totals()["token"] == 2


def _refresh_in_its_own_process(config: dict, barrier, results) -> None:
    """One worker process: its own app, engine and locks; all ask at the same moment."""
    from postpress_whitelabel import create_app

    try:
        app = create_app(config)
        with app.app_context():
            account = db.session.get(ConnectedAccount, 1)
            barrier.wait(timeout=60)
            results.put(refresh.access_token(account))
    except BaseException as exc:  # reported to the test, not lost in a child's stderr
        results.put(f"worker failed: {exc!r}")


def test_an_expiring_token_is_refreshed_once_across_processes(make_app, app_config, microsoft,
                                                               sandbox):
    """Worker processes share no lock in memory: the database must do it (PostgreSQL's row
    lock, SQLite's write lock)."""
    app = make_app()
    Journey(app.test_client(), microsoft).sign_in(seed.CONTOSO_USER_OID)
    with app.app_context():
        account = db.session.get(ConnectedAccount, 1)
        old = account.access_token
        account.access_token_expires_at = datetime.now(UTC) + timedelta(minutes=1)
        db.session.commit()
    sandbox.reset_counts()
    context = multiprocessing.get_context("spawn")
    workers = 4
    barrier, results = context.Barrier(workers), context.Queue()
    config = {k: v for k, v in app_config.items() if isinstance(v, str | bool | int | list)}
    processes = [context.Process(target=_refresh_in_its_own_process,
                                 args=(config, barrier, results)) for _ in range(workers)]
    try:
        for process in processes:
            process.start()
        seen = [results.get(timeout=120) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.terminate()
    assert not [s for s in seen if s.startswith("worker failed")], seen
    assert len(set(seen)) == 1 and seen[0] != old, "callers got different tokens"
    assert sandbox.request_totals()["token"] == 1


def test_a_refresh_behind_a_held_sqlite_lock_says_busy(make_app, app_config, microsoft):
    """Another process holding SQLite's write lock past the wait: a clear answer, no 500."""
    url = app_config["SQLALCHEMY_DATABASE_URI"]
    if not url.startswith("sqlite:///"):
        pytest.skip("SQLite's database-wide write lock only")
    app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"connect_args": {"timeout": 0.2}})
    journey = Journey(app.test_client(), microsoft)
    journey.sign_in(seed.CONTOSO_USER_OID)
    token = journey.csrf_token("/accounts/")
    other_process = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        other_process.execute("BEGIN IMMEDIATE")
        resp = journey.client.post("/accounts/1/refresh", data={"csrf_token": token})
    finally:
        other_process.execute("ROLLBACK")
        other_process.close()
    page = journey.client.get(resp.headers["Location"]).text
    assert resp.status_code == 302 and "the database is busy" in page
