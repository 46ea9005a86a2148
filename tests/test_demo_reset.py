"""Between two demos, one command puts the app's database and the sandbox back to the seed.

``scripts/demo --reset`` (``demo.py``) resets a demo that is running, in place, or starts a
fresh one; ``flask postpress demo-reset`` empties the database alone. Neither runs outside demo
mode, where the database holds real people's accounts.
"""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import inspect, text

import demo
from microsoft_sandbox.directory import seed
from postpress_whitelabel import clock
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import ConnectedAccount, User
from postpress_whitelabel.operations.demo_reset import NotADemo, reset_database
from postpress_whitelabel.settings import changes
from postpress_whitelabel.settings.credentials import stored

APP_URL = "http://127.0.0.1:5999"  # a port the seed has no redirect URI for


def _rows(app, model) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model))


def _tables(app) -> set[str]:
    with app.app_context():
        return set(inspect(db.engine).get_table_names())


def test_reset_forgets_accounts_settings_and_stray_tables(make_app, sign_in):
    app = make_app(SANDBOX=True, migrate=True)
    migrated = _tables(app)
    client = sign_in(app=app)
    with app.app_context():
        changes.set_disabled_scopes(["Mail.Send"])
        db.session.execute(text("CREATE TABLE gone_plugin_notes (id INTEGER PRIMARY KEY)"))
        db.session.commit()
    assert _rows(app, User) == 1 and _rows(app, ConnectedAccount) == 1

    with app.app_context():
        reset_database()
    assert _rows(app, User) == 0 and _rows(app, ConnectedAccount) == 0
    assert _tables(app) == migrated  # the plugin turned off since left nothing behind
    assert client.get("/").status_code == 302  # that browser's sign-in is gone with its row
    assert app.test_client().get("/readyz").status_code == 200  # at the migrations' head
    with app.app_context():
        assert stored().disabled_scopes == ""


def test_reset_refuses_outside_demo_mode(make_app, sign_in):
    app = make_app(migrate=True)
    sign_in(app=app)
    with app.app_context(), pytest.raises(NotADemo):
        reset_database()
    result = app.test_cli_runner().invoke(args=["postpress", "demo-reset"])
    assert result.exit_code == 1 and "only in demo mode" in result.output
    assert _rows(app, User) == 1


def test_the_command_says_what_it_did(make_app):
    app = make_app(SANDBOX=True, migrate=True)
    result = app.test_cli_runner().invoke(args=["postpress", "demo-reset"])
    assert result.exit_code == 0, result.output
    assert "back to its seed" in result.output and "calendar" in result.output


@pytest.fixture
def demo_environment(monkeypatch, tmp_path):
    """What the demo command reads, pointed at a throwaway database; restored afterwards."""
    monkeypatch.setenv("POSTPRESS_PUBLIC_URL", APP_URL)
    monkeypatch.setenv("POSTPRESS_SECRET_KEY", "test-secret-key")  # no key files in instance/
    monkeypatch.setenv("POSTPRESS_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    monkeypatch.setenv("POSTPRESS_SQLALCHEMY_DATABASE_URI", url)
    for key in ("SANDBOX", "MICROSOFT_LOGIN_URL", "MICROSOFT_GRAPH_URL", "DEFAULT_CLIENT_ID",
                "DEFAULT_CLIENT_SECRET", "ADMIN_EMAILS"):
        monkeypatch.setenv(f"POSTPRESS_{key}", "")  # monkeypatch restores what the demo sets
    return url


def test_demo_reset_puts_a_running_demo_back_to_its_seed(demo_environment, sandbox,
                                                         sandbox_server):
    port = sandbox_server.url.rsplit(":", 1)[1]
    demo._environment(sandbox_server.url, APP_URL)
    app = demo._prepared_app(reset=False)
    with app.app_context():
        db.session.add(User(tid=seed.CONTOSO_TENANT_ID, oid=seed.CONTOSO_USER_OID,
                            name="Adele Vance", created_at=clock.now()))
        db.session.commit()
    custom = sandbox.register_app("Proseware Mail", "AzureADandPersonalMicrosoftAccount",
                                  seed.PROSEWARE_TENANT_ID)

    args = demo._arguments(["--reset", "--port", "5999", "--sandbox-port", port])
    assert demo.reset(args) is True
    assert sandbox.app(custom.client_id) is None  # the portal's registrations are gone
    callbacks = sandbox.app(seed.DEFAULT_CLIENT_ID).redirect_uris
    assert {APP_URL + path for path in seed.DEFAULT_REDIRECT_PATHS} <= set(callbacks)
    assert _rows(app, User) == 0


def test_demo_reset_with_no_demo_running_starts_a_fresh_one(demo_environment):
    args = demo._arguments(["--reset", "--sandbox-port", "9"])  # nothing listens there
    assert demo.reset(args) is False  # main() then starts the sandbox and resets the database
    assert demo._arguments(["--reset", "--https"]).reset
    assert demo.reset(demo._arguments(["--reset", "--https"])) is False


def test_demo_reset_refuses_a_port_where_something_else_answers(demo_environment, serve):
    _, url = serve()  # the app itself: it has no /_sandbox/ knobs
    port = url.rsplit(":", 1)[1]
    with pytest.raises(SystemExit, match="Something other than the sandbox answers"):
        demo.reset(demo._arguments(["--reset", "--sandbox-port", port]))
