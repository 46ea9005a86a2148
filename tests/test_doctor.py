"""``flask postpress doctor`` against the live sandbox: each check's OK, and each FAIL explained."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from cryptography.fernet import Fernet

from postpress_whitelabel import create_app
from postpress_whitelabel.extensions import db
from postpress_whitelabel.models import OAuthSettings
from tests.settings_kit import register_custom_app

HTTPS = "https://app.example.com"
LONG_SECRET_KEY = "k" * 48
METRICS_TOKEN = "m" * 40


def _doctor(app) -> tuple[int, dict[str, str], str]:
    """Run the doctor: exit status, each topic's line, the whole output."""
    result = app.test_cli_runner().invoke(args=["postpress", "doctor"])
    lines = [line for line in result.output.splitlines() if ": " in line]
    by_topic = {line[5:].split(": ", 1)[0]: line for line in lines}
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, by_topic, result.output


def _save_custom(app, custom, expires: date | None = None, secret: str | None = None):
    expires = expires or date.today() + timedelta(days=300)
    result = app.test_cli_runner().invoke(
        args=["postpress", "set-credentials", "--client-id", custom.client_id, "--tenant-id",
              custom.tenant_id, "--expires", expires.isoformat(), "--no-test"],
        input=(secret or custom.secret) + "\n")
    assert result.exit_code == 0, result.output


@pytest.fixture
def ready(make_app):
    """An app as production runs it: migrated, https, a long SECRET_KEY."""
    return make_app(migrate=True, PUBLIC_URL=HTTPS, SECRET_KEY=LONG_SECRET_KEY,
                    METRICS_TOKEN=METRICS_TOKEN)


def test_a_ready_deployment_is_all_ok_and_prints_no_secret(ready, sandbox):
    custom = register_custom_app(sandbox)
    _save_custom(ready, custom)
    status, lines, output = _doctor(ready)
    assert status == 0, output
    assert all(line.startswith("OK ") for line in lines.values()), output
    for topic in ("SECRET_KEY", "PUBLIC_URL", "database", "migrations (core)", "encryption keys",
                  "redirect URIs", "Microsoft discovery", "Microsoft signing keys", "clock",
                  "credentials (custom)", "secret expiry", "METRICS_TOKEN"):
        assert topic in lines, (topic, output)
    assert "Microsoft accepts client id" in lines["credentials (custom)"]
    assert "all 1 stored values decrypt" in lines["encryption keys"]
    assert HTTPS + "/api/v1/hosted/microsoft_auth_request_callback/port443" in output
    for secret in (custom.secret, LONG_SECRET_KEY, ready.config["ENCRYPTION_KEYS"],
                   METRICS_TOKEN):
        assert secret not in output


def test_default_credentials_without_a_tenant_are_ok_but_said_untested(ready):
    status, lines, output = _doctor(ready)
    assert status == 0, output
    assert "not tested against Microsoft" in lines["credentials (default)"]


def test_missing_configuration_fails_with_what_to_set(make_app):
    app = make_app(SECRET_KEY="", PUBLIC_URL=None)
    status, lines, output = _doctor(app)
    assert status == 2
    assert lines["SECRET_KEY"].startswith("FAIL") and "POSTPRESS_SECRET_KEY" in output
    assert lines["PUBLIC_URL"].startswith("FAIL") and "POSTPRESS_PUBLIC_URL" in output
    assert "redirect URIs" not in lines  # one cause, one line


def test_a_short_secret_key_and_http_localhost_warn(make_app):
    app = make_app(migrate=True, SECRET_KEY="short", PUBLIC_URL="http://localhost:5000")
    status, lines, output = _doctor(app)
    assert status == 1, output
    assert lines["SECRET_KEY"].startswith("WARN")
    assert lines["redirect URIs"].startswith("WARN") and "only for localhost" in output


def test_an_open_metrics_endpoint_warns_outside_demo_mode(make_app):
    app = make_app(migrate=True, PUBLIC_URL=HTTPS, SECRET_KEY=LONG_SECRET_KEY)
    status, lines, output = _doctor(app)
    assert lines["METRICS_TOKEN"].startswith("WARN") and "POSTPRESS_METRICS_TOKEN" in output
    demo = make_app(migrate=True, PUBLIC_URL=HTTPS, SECRET_KEY=LONG_SECRET_KEY, DEMO=True)
    assert _doctor(demo)[1]["METRICS_TOKEN"].startswith("OK")


@pytest.mark.parametrize("public_url", ["http://app.example.com", "ftp://app.example.com",
                                        "https://app.example.com/" + "x" * 250])
def test_redirect_uris_microsoft_refuses_fail(make_app, public_url):
    app = make_app(migrate=True, PUBLIC_URL=public_url, SECRET_KEY=LONG_SECRET_KEY)
    status, lines, output = _doctor(app)
    assert status == 2
    failing = [line for line in lines.values() if line.startswith("FAIL")]
    assert len(failing) == 1, output
    assert failing[0].split()[1] in ("PUBLIC_URL:", "redirect")


def test_an_unreachable_database_fails_and_later_checks_say_why_they_did_not_run(
        app_config, sandbox, tmp_path):
    app = create_app(app_config | {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/missing/folder/db.sqlite3",
        "PUBLIC_URL": HTTPS, "SECRET_KEY": LONG_SECRET_KEY})
    status, lines, output = _doctor(app)
    assert status == 2
    assert lines["database"].startswith("FAIL") and "cannot be reached" in output
    assert lines["encryption keys"].startswith("WARN")
    assert str(tmp_path) not in output  # never the connection string


def test_tables_made_without_migrations_fail_as_not_at_head(make_app):
    app = make_app(PUBLIC_URL=HTTPS)  # db.create_all(): no revision recorded
    status, lines, _ = _doctor(app)
    assert status == 2
    assert lines["migrations (core)"].startswith("FAIL") and "flask db upgrade" in \
        lines["migrations (core)"]


def test_a_plugin_behind_its_head_fails_on_its_own_line(make_app):
    app = make_app(["calendar"], migrate=True, PUBLIC_URL=HTTPS)
    result = app.test_cli_runner().invoke(args=["db", "plugin", "calendar", "downgrade", "base"])
    assert result.exit_code == 0, result.output
    status, lines, output = _doctor(app)
    assert status == 2
    assert lines["migrations (core)"].startswith("OK")
    assert lines["migrations (plugin calendar)"].startswith("FAIL"), output


def test_stored_values_a_key_no_longer_opens_fail(make_app, sandbox, app_config):
    first = make_app(migrate=True, PUBLIC_URL=HTTPS)
    _save_custom(first, register_custom_app(sandbox))
    old_key, new_key = app_config["ENCRYPTION_KEYS"], Fernet.generate_key().decode()
    rotated = make_app(keep_tables=True, PUBLIC_URL=HTTPS,
                       ENCRYPTION_KEYS=f"{new_key},{old_key}")
    _, lines, _ = _doctor(rotated)
    assert lines["encryption keys"].startswith("OK") and "older key" in lines["encryption keys"]
    dropped = make_app(keep_tables=True, PUBLIC_URL=HTTPS, ENCRYPTION_KEYS=new_key)
    status, lines, output = _doctor(dropped)
    assert status == 2
    assert lines["encryption keys"].startswith("FAIL") and "1 of 1" in output
    assert old_key not in output and new_key not in output


def test_microsoft_unreachable_fails(make_app):
    app = make_app(migrate=True, PUBLIC_URL=HTTPS, MICROSOFT_LOGIN_URL="http://127.0.0.1:9")
    status, lines, output = _doctor(app)
    assert status == 2
    assert lines["Microsoft discovery"].startswith("FAIL") and "connection failed" in output


def test_microsoft_answering_500_fails_with_the_status(ready, sandbox):
    sandbox.faults.force_status("discovery", 500)
    status, lines, _ = _doctor(ready)
    assert status == 2
    assert "answered HTTP 500" in lines["Microsoft discovery"]


@pytest.mark.parametrize(("offset", "verdict"), [(timedelta(minutes=5), "FAIL"),
                                                 (timedelta(seconds=-30), "WARN")])
def test_clock_skew_against_microsofts_date(make_app, offset, verdict):
    app = make_app(migrate=True, PUBLIC_URL=HTTPS, SECRET_KEY=LONG_SECRET_KEY,
                   CLOCK=lambda: datetime.now(UTC) + offset)
    status, lines, _ = _doctor(app)
    assert lines["clock"].startswith(verdict), lines["clock"]
    assert status == {"FAIL": 2, "WARN": 1}[verdict]


def test_credentials_microsoft_refuses_fail_with_aadsts(ready, sandbox):
    custom = register_custom_app(sandbox)
    _save_custom(ready, custom, secret="Wrong~secret.value.that.is.long")
    status, lines, _ = _doctor(ready)
    assert status == 2
    assert lines["credentials (custom)"].startswith("FAIL")
    assert "AADSTS7000215" in lines["credentials (custom)"]


def test_an_expired_secret_fails_at_microsoft_and_by_its_date(ready, sandbox):
    custom = register_custom_app(sandbox)
    _save_custom(ready, custom)
    sandbox.expire_secret(custom.client_id)
    with ready.app_context():
        db.session.get(OAuthSettings, 1).secret_expires_on = date.today() - timedelta(days=1)
        db.session.commit()
    status, lines, _ = _doctor(ready)
    assert status == 2
    assert "AADSTS7000222" in lines["credentials (custom)"]
    assert lines["secret expiry"].startswith("FAIL") and "expired" in lines["secret expiry"]


def test_a_secret_expiring_within_30_days_warns(ready, sandbox):
    _save_custom(ready, register_custom_app(sandbox), expires=date.today() + timedelta(days=20))
    status, lines, output = _doctor(ready)
    assert status == 1, output
    assert lines["secret expiry"].startswith("WARN") and "20 days" in lines["secret expiry"]


def test_no_credentials_at_all_fail(make_app):
    app = make_app(migrate=True, PUBLIC_URL=HTTPS, DEFAULT_CLIENT_ID=None)
    status, lines, output = _doctor(app)
    assert status == 2
    assert lines["credentials"].startswith("FAIL") and "DEFAULT_CLIENT_ID" in output
