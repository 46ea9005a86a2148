"""``check-credentials --notify``: reminders at 60, 30, 7 and 1 days, each once per channel,
delivered to a real SMTP server and a real webhook on loopback, under an injected clock."""

from __future__ import annotations

import json
import socket
import threading
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from microsoft_sandbox.directory import seed
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import SecretReminder
from postpress_whitelabel.settings import changes

SECRET = "Abc8Q~Vr2.pN7sJ-cW4hE9tLq3mZ_bA6yF1oUdGxZ"  # noqa: S105 - a test value
EXPIRES = date(2027, 6, 30)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Inbox:
    """aiosmtpd handler: keeps every message received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller.port, inbox.messages
    controller.stop()


@pytest.fixture
def webhook():
    """A receiver on loopback; ``state["status"]`` is what it answers."""
    state = {"status": 204, "posts": []}

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state["posts"].append((self.headers["Content-Type"], json.loads(body)))
            self.send_response(state["status"])
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    state["url"] = f"http://127.0.0.1:{server.server_port}/hooks/postpress"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def now():
    return [datetime(2027, 1, 1, 9, 0, tzinfo=UTC)]


@pytest.fixture
def reminding_app(make_app, smtp, webhook, now):
    app = make_app(CLOCK=lambda: now[0], SMTP_HOST="127.0.0.1", SMTP_PORT=smtp[0],
                   SMTP_TLS="none", REMINDER_FROM="postpress@example.com",
                   REMINDER_TO="ops@example.com, it@example.com",
                   REMINDER_WEBHOOK_URL=webhook["url"])
    with app.app_context():
        changes.save_custom(client_id=seed.DEFAULT_CLIENT_ID, secret=SECRET, expires_on=EXPIRES,
                            tenant_id=None, actor="test")
    return app


def _run(app, now, on: date):
    now[0] = datetime(on.year, on.month, on.day, 9, 0, tzinfo=UTC)
    return app.test_cli_runner().invoke(args=["postpress", "check-credentials", "--notify"])


def _days_before(days: int) -> date:
    return EXPIRES - timedelta(days=days)


def test_each_threshold_is_sent_once_by_email_and_webhook(reminding_app, now, smtp, webhook):
    messages, posts = smtp[1], webhook["posts"]
    for days in (90, 61):
        _run(reminding_app, now, _days_before(days))
    assert messages == [] and posts == []
    seen = []
    for days in (60, 59, 45, 30, 29, 7, 6, 1, 0, -3):
        result = _run(reminding_app, now, _days_before(days))
        assert result.exit_code in (0, 1, 2), result.output
        seen.append((days, len(messages), len(posts)))
    assert [(d, m) for d, m, _ in seen] == [(60, 1), (59, 1), (45, 1), (30, 2), (29, 2), (7, 3),
                                          (6, 3), (1, 4), (0, 4), (-3, 4)]
    assert [p for _, _, p in seen] == [m for _, m, _ in seen]
    assert messages[0]["Subject"] == "Microsoft client secret expires in 60 days"
    assert messages[0]["To"] == "ops@example.com, it@example.com"
    assert "ending in " + SECRET[-4:] in messages[0].get_content()
    kind, body = posts[-1]
    assert kind == "application/json" and body["threshold"] == 1 and body["days_left"] == 1
    assert body["event"] == "client_secret_expiring" and body["expires_on"] == str(EXPIRES)
    for message in messages:
        assert SECRET not in message.as_string()
    assert all(SECRET not in json.dumps(b) for _, b in posts)


def test_a_late_first_run_sends_only_the_nearest(reminding_app, now, smtp, webhook):
    result = _run(reminding_app, now, _days_before(5))
    assert "Reminder (7 days) sent by email, webhook" in result.output
    assert len(smtp[1]) == 1
    assert smtp[1][0]["Subject"] == "Microsoft client secret expires in 5 days"
    _run(reminding_app, now, _days_before(4))
    assert len(smtp[1]) == 1
    with reminding_app.app_context():
        assert sorted(r.threshold for r in db.session.scalars(db.select(SecretReminder))
                      ) == [7, 7, 30, 30, 60, 60]


def test_a_new_secret_starts_its_reminders_afresh(reminding_app, now, smtp, webhook):
    _run(reminding_app, now, _days_before(30))
    assert len(smtp[1]) == 1
    with reminding_app.app_context():  # rotated on the same day, the new one expiring soon too
        changes.save_custom(client_id=seed.DEFAULT_CLIENT_ID, secret=SECRET[::-1],
                            expires_on=EXPIRES, tenant_id=None, actor="test")
    _run(reminding_app, now, _days_before(30))
    assert len(smtp[1]) == 2 and len(webhook["posts"]) == 2


def test_a_failing_channel_is_retried_and_the_other_not_repeated(reminding_app, now, smtp,
                                                                 webhook):
    webhook["status"] = 500
    result = _run(reminding_app, now, _days_before(60))
    assert result.exit_code == 3
    assert "REMINDER NOT SENT: webhook answered HTTP 500" in result.output
    assert webhook["url"] not in result.output  # a webhook URL can hold a token
    assert len(smtp[1]) == 1
    webhook["status"] = 200
    result = _run(reminding_app, now, _days_before(59))
    assert result.exit_code == 0, result.output
    assert len(smtp[1]) == 1 and len(webhook["posts"]) == 2


def test_an_unreachable_mail_server_is_reported(make_app, now):
    app = make_app(CLOCK=lambda: now[0], SMTP_HOST="127.0.0.1", SMTP_PORT=_free_port(),
                   REMINDER_TO="ops@example.com")
    with app.app_context():
        changes.save_custom(client_id=seed.DEFAULT_CLIENT_ID, secret=SECRET, expires_on=EXPIRES,
                            tenant_id=None, actor="test")
    result = _run(app, now, _days_before(7))
    assert result.exit_code == 3 and "email via 127.0.0.1" in result.output


def test_default_credentials_have_nothing_to_remind(make_app, now, smtp):
    app = make_app(CLOCK=lambda: now[0], SMTP_HOST="127.0.0.1", SMTP_PORT=smtp[0],
                   SMTP_TLS="none", REMINDER_TO="ops@example.com")
    result = _run(app, now, _days_before(1))
    assert result.exit_code == 0 and smtp[1] == []
