"""Small assertions shared by the flow tests."""

from __future__ import annotations

from sqlalchemy import func, select

from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import ConnectedAccount, User


def counts(app) -> tuple[int, int]:
    """(users, connected accounts) in the app's database."""
    with app.app_context():
        users = db.session.scalar(select(func.count()).select_from(User))
        accounts = db.session.scalar(select(func.count()).select_from(ConnectedAccount))
    return users, accounts


def signed_in(client) -> bool:
    """Whether the test client's session holds a signed-in user."""
    with client.session_transaction() as sess:
        return "_user_id" in sess


def token_calls(sandbox) -> int:
    """Requests the sandbox's token endpoint received, all clients together."""
    return sandbox.request_totals().get("token", 0)


def assert_rejected(app, client, sandbox, resp, *, status_range=(400, 499), token_calls_now=None,
                    text=None):
    """The rejection the security rules ask for: a 4xx page, no session, nothing stored."""
    body = resp.get_data(as_text=True)
    assert status_range[0] <= resp.status_code <= status_range[1], (resp.status_code, body[:400])
    assert not signed_in(client)
    assert counts(app) == (0, 0)
    if token_calls_now is not None:
        assert token_calls(sandbox) == token_calls_now
    if text:
        assert text in body, body[:2000]
    return body
