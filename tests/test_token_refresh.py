"""Access tokens are refreshed when they are about to expire, once however many ask at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from microsoft_sandbox import seed
from postpress_whitelabel.extensions import db
from postpress_whitelabel.microsoft import tokens
from postpress_whitelabel.models import ConnectedAccount
from tests.conftest import Journey


def _signed_in(make_app, microsoft, now):
    app = make_app(CLOCK=lambda: now[0])
    Journey(app.test_client(), microsoft).sign_in(seed.CONTOSO_USER_OID)
    return app


def _token(app) -> str:
    with app.app_context():
        return tokens.access_token(db.session.get(ConnectedAccount, 1))


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
    assert len(set(seen)) == 1 and seen[0] != old
    assert sum(sandbox.request_counts()["token"].values()) == 1
