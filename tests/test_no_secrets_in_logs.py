"""A whole working life (sign in, refresh, Graph, failures on purpose) leaves no secret behind.

Every log record the app writes at DEBUG, the gunicorn access log line of every request (its
configured format applied to them), and a dump of every table are searched for the
authorization code, state, PKCE verifier, nonce, each token, the client secret, the session
key and the Fernet keys.
"""

from __future__ import annotations

import importlib.util
import logging
from datetime import timedelta
from pathlib import Path

import pytest
from flask import has_app_context
from gunicorn.config import Config
from gunicorn.glogging import Logger
from sqlalchemy import inspect, text

from microsoft_sandbox.directory import seed
from postpress_whitelabel import api
from postpress_whitelabel.accounts import refresh
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import ConnectedAccount, SignInFlow

ROOT = Path(__file__).resolve().parent.parent


class _Recorder:
    """WSGI middleware keeping each request's environ and response, as gunicorn sees them."""

    def __init__(self, app):
        self.app, self.seen = app, []

    def __call__(self, environ, start_response):
        query = environ.get("QUERY_STRING")
        environ.setdefault("RAW_URI", environ["PATH_INFO"] + (f"?{query}" if query else ""))
        record = {"environ": environ}

        def recording_start(status, headers, exc_info=None):
            record.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        body = b"".join(self.app(environ, recording_start))
        record["sent"] = len(body)
        self.seen.append(record)
        return [body]


class _Response:
    def __init__(self, record):
        self.status, self.headers, self.sent = record["status"], record["headers"], record["sent"]


def _access_lines(records, monkeypatch, tmp_path) -> list[str]:
    """deploy/gunicorn.conf.py's access log format applied to each recorded request."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))  # the file sets a default
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "deploy" /
                                                  "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    logger = Logger(Config())
    lines = []
    for record in records:
        environ = record["environ"]
        headers = [(k[5:].replace("_", "-"), v) for k, v in environ.items()
                   if k.startswith("HTTP_")]
        atoms = logger.atoms(_Response(record), headers, environ, timedelta(milliseconds=3))
        lines.append(conf.access_log_format % _SafeAtoms(atoms))
    return lines


class _SafeAtoms(dict):
    """gunicorn's own lookup: missing atoms print as '-'."""

    def __getitem__(self, key):
        return super().get(key.lower() if key.startswith("{") else key, "-")


def _dump(app) -> str:
    """Every row of every table, as text."""
    with app.app_context():
        rows = []
        for table in inspect(db.engine).get_table_names():
            quoted = db.engine.dialect.identifier_preparer.quote(table)
            query = text(f"SELECT * FROM {quoted}")  # noqa: S608 - names from the database
            rows += [repr(tuple(r)) for r in db.session.execute(query)]
        return "\n".join(rows)


def _tokens(app) -> list[str]:
    with app.app_context():
        account = db.session.get(ConnectedAccount, 1)
        return [account.access_token, account.refresh_token, account.id_token]


class _AppRecords(logging.Handler):
    """Records logged while the app runs (a request or an app context), so the test's own
    browser at Microsoft, whose URLs rightly carry the state and the code, is left out."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        if has_app_context() and record.threadName == "MainThread":  # not the sandbox's
            self.records.append(record)


@pytest.fixture
def app_records(caplog):
    """Every record the app writes, at DEBUG."""
    caplog.set_level(logging.DEBUG)
    handler = _AppRecords()
    logging.getLogger().addHandler(handler)
    yield handler.records
    logging.getLogger().removeHandler(handler)


@pytest.fixture
def recorded_app(app):
    recorder = _Recorder(app.wsgi_app)
    app.wsgi_app = recorder
    return app, recorder


def test_no_secret_in_any_log_line_access_log_or_table(recorded_app, journey, sandbox,
                                                       app_records, monkeypatch, tmp_path):
    app, recorder = recorded_app
    secrets = [seed.DEFAULT_CLIENT_SECRET, app.config["SECRET_KEY"],
               *app.config["ENCRYPTION_KEYS"].split(",")]
    # Sign in, keeping what the browser and the server saw along the way.
    callback = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID)
    query = dict(p.split("=", 1) for p in callback.split("?", 1)[1].split("&"))
    with app.app_context():
        flow = db.session.get(SignInFlow, query["state"])
        secrets += [query["code"], query["state"], flow.code_verifier, flow.nonce]
    assert journey.callback(callback).status_code == 302
    secrets += _tokens(app)
    # Refresh, then call Graph, then fail on purpose: Graph refuses, then the refresh does.
    with app.test_request_context():
        refresh.refresh(db.session.get(ConnectedAccount, 1), force=True)
        secrets += _tokens(app)
        account = db.session.get(ConnectedAccount, 1)
        assert api.graph(account).get("/me").json()["displayName"]
        sandbox.faults.force_status("graph_me", 403, count=1)
        with pytest.raises(api.GraphError):
            api.graph(account).get("/me")
        sandbox.revoke_refresh_tokens(seed.CONTOSO_USER_OID)
        with pytest.raises(refresh.RefreshFailed):
            refresh.refresh(account, force=True)
    # And a sign-in Microsoft refuses (the user cancels), over HTTP like the first.
    cancelled = journey.at_microsoft(journey.start(), oid=seed.CONTOSO_USER_OID, consent="cancel")
    journey.callback(cancelled)
    assert journey.client.get("/accounts/").status_code == 200

    ours = app_records
    assert any("refused" in r.getMessage() for r in ours)  # the failures were logged
    assert any(r.name == "postpress_whitelabel.requests" for r in ours)
    log_text = "\n".join(r.getMessage() + repr(r.args) for r in ours)
    access = "\n".join(_access_lines(recorder.seen, monkeypatch, tmp_path))
    assert "/api/v1/hosted/microsoft_auth_request_callback" in access
    dump = _dump(app)
    for secret in filter(None, secrets):
        for where, haystack in (("log", log_text), ("access log", access), ("database", dump)):
            assert secret not in haystack, (f"a secret ({secret[:4]}...) is in the {where}",
                                            [r.name for r in ours if secret in r.getMessage()])
