"""The kit's fixtures: a live sandbox, apps built with chosen plugins, signed-in clients.

The sandbox runs for the whole session (starting it is the slow part) and is put back at its
seed before each test; each test gets its own app and database, so nothing leaks between tests.
"""

from __future__ import annotations

import importlib
import sys
import threading
from importlib import metadata

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import inspect, text
from werkzeug.serving import make_server

from microsoft_sandbox.directory import seed
from microsoft_sandbox.server import SandboxServer

from .. import create_app
from ..extensions import db
from ..hookspecs import PROJECT
from .journey import Journey
from .microsoft_browser import MicrosoftBrowser

PUBLIC_URL = "http://localhost:5000"  # one of the default app's registered origins
DEMO_USER = seed.CONTOSO_USER_UPN  # Adele Vance, a plain work user


@pytest.fixture(scope="session")
def sandbox_server():
    """The offline Microsoft on an ephemeral loopback port, for the whole session."""
    server = SandboxServer(port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def sandbox(sandbox_server):
    """The sandbox's Python API (its knobs), back at its seed, with request counts at zero."""
    state = sandbox_server.sandbox
    state.reset()
    state.reset_counts()
    return state


@pytest.fixture
def database_url(tmp_path):
    """A fresh SQLite file for this test's app."""
    return f"sqlite:///{tmp_path / 'app.sqlite3'}"


@pytest.fixture
def app_config(sandbox_server, database_url):
    """Settings of a test app, pointed at the sandbox; a test may change them before ``app``.

    No plugin loads unless a test names it, so what a developer happens to have installed
    never changes what a test sees.
    """
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
        "PLUGINS": [],
    }


@pytest.fixture
def make_app(app_config, sandbox):
    """``make_app(plugins=[...], **config)``: an app from the test settings plus overrides.

    Its tables (the core's and every loaded plugin's models) are created fresh with
    ``db.create_all()``, or with ``migrate=True`` by ``flask db upgrade``, the core's migrations
    then the plugins'. ``keep_tables=True`` keeps what a first app wrote to the same database.
    Everything is dropped when the test ends.
    """
    made = []

    def make(plugins=None, *, keep_tables: bool = False, migrate: bool = False, **config):
        keep_tables = keep_tables or config.pop("_keep_tables", False)  # older spelling
        if plugins is not None:
            config["PLUGINS"] = list(plugins)
        app = create_app(app_config | config)
        made.append(app)
        with app.app_context():
            if not keep_tables:
                _drop_tables()
            if migrate:
                result = app.test_cli_runner().invoke(args=["db", "upgrade"])
                assert result.exit_code == 0, result.output
            else:
                db.create_all()
        return app

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            _drop_tables()
            db.engine.dispose()


def _drop_tables() -> None:
    """Drop the models' tables and the migrations' version tables."""
    db.drop_all()
    with db.engine.begin() as connection:
        for name in inspect(connection).get_table_names():
            if name.startswith("alembic_version"):
                connection.execute(text(f'DROP TABLE "{name}"'))


@pytest.fixture
def app(make_app):
    """The app of ``app_config``; override this fixture to load your plugin in every test."""
    return make_app()


@pytest.fixture
def client(app):
    """A Flask test client of ``app``: the browser on our side."""
    return app.test_client()


@pytest.fixture
def microsoft(sandbox_server):
    """A person's browser at Microsoft (the sandbox), with its own cookies."""
    return MicrosoftBrowser(sandbox_server.url)


@pytest.fixture
def journey(client, microsoft):
    """A sign-in to drive step by step with ``client`` and ``microsoft``."""
    return Journey(client, microsoft)


@pytest.fixture
def sign_in(app, sandbox_server):
    """``sign_in(user=DEMO_USER, app=None)``: a new test client signed in as a demo user.

    The whole sign-in runs: the app's button, the sandbox's account picker and consent page over
    real HTTP, the token exchange, the callback. ``user`` is a sign-in name or an oid; ``app``
    defaults to the ``app`` fixture's (asked for here, not on demand, so that fixtures it
    depends on can be parametrised).
    """
    default_app = app

    def signed_in(user: str = DEMO_USER, app=None):
        client = (app or default_app).test_client()
        resp = Journey(client, MicrosoftBrowser(sandbox_server.url)).sign_in(user)
        assert resp.status_code in (302, 303), resp.get_data(as_text=True)[:500]
        return client

    return signed_in


@pytest.fixture
def signed_in_client(sign_in):
    """A test client of ``app`` whose user (Adele Vance, Contoso) has signed in."""
    return sign_in()


@pytest.fixture
def serve(make_app, sandbox):
    """``serve(**config) -> (app, public_url)``: an app served on an ephemeral loopback port.

    The default app's redirect URIs for that port are registered with the sandbox, as the demo
    command does, so a real browser can sign in. The app answers its Flask test client too
    (which names ``localhost``), unless ``TRUSTED_HOSTS`` is given.
    """
    servers = []

    def start(**config):
        server = make_server("127.0.0.1", 0, None, threaded=True)
        public_url = f"http://127.0.0.1:{server.server_port}"
        config.setdefault("TRUSTED_HOSTS", ["127.0.0.1", "localhost"])
        server.app = make_app(PUBLIC_URL=public_url, **config)
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
def installed_plugin(monkeypatch):
    """``installed_plugin(name, module, path=None)``: make ``module`` a plugin package named
    ``name`` for this test, as ``pip install`` of a package declaring that entry point would.

    For a plugin checked out but not installed (``path`` is put on ``sys.path``); an installed
    package needs none of this.
    """
    real = metadata.entry_points
    extra = []

    def entry_points(**params):
        found = real(**params)
        if params.get("group") == PROJECT:
            return [*found, *extra]
        return found

    def install(name: str, module: str, path=None):
        if any(ep.name == name for ep in real(group=PROJECT)):
            return  # really installed (pip install -e): found as it is
        if path is not None:
            monkeypatch.setattr(sys, "path", [*sys.path, str(path)])
            importlib.invalidate_caches()
        extra.append(metadata.EntryPoint(name=name, value=module, group=PROJECT))
        monkeypatch.setattr(metadata, "entry_points", entry_points)

    return install
