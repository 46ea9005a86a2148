"""Fixtures: a live sandbox on an ephemeral port, a fresh app per test, a browser at Microsoft.

The sandbox runs for the whole session (starting it is the slow part) and is reset to its seed
before each test. Each test gets its own app and database, so no state leaks between tests.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cryptography.fernet import Fernet
from werkzeug.serving import make_server

from microsoft_sandbox.directory import seed
from microsoft_sandbox.server import SandboxServer
from postpress_whitelabel import create_app
from postpress_whitelabel.extensions import db
from tests.microsoft_browser import MicrosoftBrowser

PUBLIC_URL = "http://localhost:5000"
ROOT = Path(__file__).resolve().parent.parent
# Tests load the built-in plugins and nothing a developer happens to have installed.
BUILTIN_PLUGINS = sorted(p.parent.name for p in (ROOT / "plugins").glob("*/__init__.py"))
POSTGRES_URL = os.environ.get("POSTPRESS_TEST_POSTGRES_URL")


def pytest_generate_tests(metafunc):
    """Run every app test on SQLite, and on PostgreSQL too when ``scripts/test`` started it."""
    if "database" in metafunc.fixturenames:
        browser = any(metafunc.definition.iter_markers("browser"))  # journeys run once
        backends = ["sqlite", "postgresql"] if POSTGRES_URL and not browser else ["sqlite"]
        metafunc.parametrize("database", backends, scope="session")


@pytest.fixture(scope="session")
def database_url(database, tmp_path_factory):
    if database == "postgresql":
        return POSTGRES_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def sandbox_server():
    server = SandboxServer(port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def sandbox(sandbox_server):
    """The sandbox's Python API, back at its seed, with request counts at zero."""
    state = sandbox_server.sandbox
    state.reset()
    state.reset_counts()
    return state


@pytest.fixture
def app_config(sandbox_server, database_url):
    """Settings of a test app; a test may change them before asking for ``app``."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PUBLIC_URL": PUBLIC_URL,
        "MICROSOFT_LOGIN_URL": sandbox_server.url,
        "MICROSOFT_GRAPH_URL": sandbox_server.url,
        "DEFAULT_CLIENT_ID": seed.DEFAULT_CLIENT_ID,
        "DEFAULT_CLIENT_SECRET": seed.DEFAULT_CLIENT_SECRET,
        "PLUGINS": BUILTIN_PLUGINS,
    }


@pytest.fixture
def make_app(app_config, sandbox):
    """Build apps from the test settings plus overrides; their tables go when the test ends."""
    made = []

    def make(_keep_tables: bool = False, **overrides):
        app = create_app(app_config | overrides)
        with app.app_context():
            if not _keep_tables:  # a second app on the same database keeps the first's rows
                db.drop_all()
            db.create_all()
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            db.drop_all()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def serve(make_app, sandbox):
    """Serve an app on an ephemeral port: ``serve(**settings) -> (app, public_url)``.

    The default app's redirect URIs for that port are registered with the sandbox, as the demo
    command does.
    """
    servers = []

    def start(**overrides):
        server = make_server("127.0.0.1", 0, None, threaded=True)
        public_url = f"http://127.0.0.1:{server.server_port}"
        server.app = make_app(PUBLIC_URL=public_url, **overrides)
        for path in seed.DEFAULT_REDIRECT_PATHS:
            sandbox.add_redirect_uri(seed.DEFAULT_CLIENT_ID, public_url + path)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.app, public_url

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def kit(tmp_path, monkeypatch):
    """Throwaway plugins: built-ins in a temporary folder, or packages with an entry point."""
    from tests.plugin_kit import PluginKit

    kit = PluginKit(tmp_path, monkeypatch)
    yield kit
    kit.cleanup()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def microsoft(sandbox_server):
    """A person's browser at Microsoft (the sandbox), with its own cookies."""
    return MicrosoftBrowser(sandbox_server.url)


class Journey:
    """Drives a whole sign-in: our app in the test client, Microsoft over real HTTP."""

    def __init__(self, client, microsoft):
        self.client = client
        self.microsoft = microsoft

    def start(self, intent: str = "sign_in", **form) -> str:
        """Press a Microsoft button; return the authorize URL the app redirected to."""
        token = self.csrf_token()
        resp = self.client.post("/connect/microsoft",
                                data={"csrf_token": token, "intent": intent, **form})
        assert resp.status_code == 303, resp.get_data(as_text=True)[:500]
        return resp.headers["Location"]

    def csrf_token(self, page: str = "/login") -> str:
        """The form token from a page, read like a browser reads it."""
        html = self.client.get(page, follow_redirects=True).get_data(as_text=True)
        match = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert match, f"no CSRF token on {page}"
        return match.group(1)

    def at_microsoft(self, authorize_url: str, oid: str | None = None, consent="accept") -> str:
        """Sign in at the sandbox; return the callback URL Microsoft sends the browser to."""
        return self.microsoft.sign_in(authorize_url, oid=oid, consent=consent)

    def callback(self, url: str):
        """Deliver Microsoft's redirect to our app, the way the browser would."""
        parts = urlsplit(url)
        assert f"{parts.scheme}://{parts.netloc}" == self.client.application.config[
            "PUBLIC_URL"], url
        return self.client.get(f"{parts.path}?{parts.query}")

    def sign_in(self, oid: str, intent: str = "sign_in", **form):
        """The whole journey; returns the app's response to the callback."""
        return self.callback(self.at_microsoft(self.start(intent, **form), oid=oid))


@pytest.fixture
def journey(client, microsoft):
    return Journey(client, microsoft)
