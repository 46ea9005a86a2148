"""Configuration: defaults, then ``instance/config.py``, then ``POSTPRESS_<KEY>`` variables.

The order matters to integrators: a value in the environment always wins, so a container can
override a checked-in instance file without editing it. Tests pass their own mapping instead of
reading the instance folder, so a developer's local settings never leak into a test run.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from flask import Flask

DEFAULTS = {
    "SECRET_KEY": None,
    "SQLALCHEMY_DATABASE_URI": None,  # filled in with a SQLite file in instance/
    "ENCRYPTION_KEYS": None,
    "PUBLIC_URL": None,
    "MICROSOFT_LOGIN_URL": "https://login.microsoftonline.com",
    "MICROSOFT_GRAPH_URL": "https://graph.microsoft.com",
    "MICROSOFT_TENANT": "common",
    "ALLOWED_TENANTS": [],
    "DEFAULT_CLIENT_ID": None,
    "DEFAULT_CLIENT_SECRET": None,
    "DEFAULT_APP_NAME": "postpress",
    "SANDBOX": False,
    "PLUGINS": None,  # None means every built-in plugin
    "DISABLED_PLUGINS": [],
    "ADMIN_EMAILS": [],
    # White-label look; Settings > Branding overrides these.
    "BRAND_NAME": None,  # None: DEFAULT_APP_NAME
    "BRAND_COLOR": None,
    "BRAND_LOGO_URL": None,
    "SUPPORT_CONTACT": None,
    # How long a started sign-in may wait for Microsoft's answer before its state is refused.
    "SIGN_IN_FLOW_TTL": 600,
    # Clock skew tolerated on id_token exp/nbf/iat, in seconds: small on purpose.
    "ID_TOKEN_LEEWAY": 60,
    # Timeout for every outbound call to Microsoft, in seconds.
    "HTTP_TIMEOUT": 10,
    # Reverse proxies in front of the app whose X-Forwarded-* headers to trust (0: none).
    "TRUSTED_PROXIES": 0,
    # Secret expiry reminders (check-credentials --notify): email through SMTP, or a webhook.
    "SMTP_HOST": None,
    "SMTP_PORT": None,  # None: 587, or 465 with SMTP_TLS "ssl"
    "SMTP_TLS": "starttls",  # "starttls", "ssl" or "none"
    "SMTP_USERNAME": None,
    "SMTP_PASSWORD": None,
    "REMINDER_FROM": None,
    "REMINDER_TO": [],
    "REMINDER_WEBHOOK_URL": None,
    # When set, /metrics answers only "Authorization: Bearer <METRICS_TOKEN>".
    "METRICS_TOKEN": None,
    # Hosts requests may name; None: PUBLIC_URL's host (see _trust_only_the_public_host).
    "TRUSTED_HOSTS": None,
    # No form here needs more (the largest is a 200 KB logo).
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "SESSION_COOKIE_NAME": "postpress_session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SECURE": None,  # None: secure exactly when PUBLIC_URL is https
    # Lax, not Strict: Microsoft's redirect back to the callback is a cross-site navigation
    # and must carry the session that holds the browser's binding to the sign-in.
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
}

LIST_KEYS = ("ALLOWED_TENANTS", "ADMIN_EMAILS", "PLUGINS", "DISABLED_PLUGINS", "REMINDER_TO")
REQUIRED_OUTSIDE_DEMO = ("SECRET_KEY", "ENCRYPTION_KEYS")


class ConfigurationError(RuntimeError):
    """Raised at start-up when a setting the integrator must provide is missing or invalid."""


def load(app: Flask, test_config: dict | None) -> None:
    """Fill ``app.config`` in contract order and check what must be there."""
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("POSTPRESS")
    else:
        app.config.from_mapping(test_config)
    _normalise_lists(app)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        db_path = Path(app.instance_path) / "postpress.sqlite3"
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{db_path}"
    _sqlite_waits_for_a_refresh(app)
    if is_demo(app):
        _ensure_demo_keys(app)
    _require(app)
    public_url = app.config.get("PUBLIC_URL") or ""
    app.config["PUBLIC_URL"] = public_url.rstrip("/") or None
    _trust_only_the_public_host(app)
    if app.config["SESSION_COOKIE_SECURE"] is None:
        app.config["SESSION_COOKIE_SECURE"] = public_url.startswith("https://")
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    for key in ("MICROSOFT_LOGIN_URL", "MICROSOFT_GRAPH_URL"):
        app.config[key] = app.config[key].rstrip("/")


def _sqlite_waits_for_a_refresh(app: Flask) -> None:
    """SQLite: wait for the write lock longer than a token refresh can hold it.

    A refresh holds the lock while Microsoft answers (up to HTTP_TIMEOUT); sqlite3's default
    five seconds would fail the requests queued behind it with "database is locked".
    """
    if not str(app.config["SQLALCHEMY_DATABASE_URI"]).startswith("sqlite"):
        return
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    connect_args = dict(options.get("connect_args") or {})
    connect_args.setdefault("timeout", float(app.config["HTTP_TIMEOUT"]) + 10)
    options["connect_args"] = connect_args
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def is_demo(app: Flask) -> bool:
    """Demo mode is the embedded-sandbox mode: no Azure account, keys made on first run."""
    return bool(app.config.get("SANDBOX")) or bool(app.config.get("DEMO"))


def _normalise_lists(app: Flask) -> None:
    """Accept lists from Python config and comma-separated strings from the environment."""
    for key in LIST_KEYS:
        value = app.config.get(key)
        if key == "PLUGINS" and value in (None, ""):  # unset, or set empty: every plugin
            app.config[key] = None
            continue
        if value is None:
            value = []
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",")]
        app.config[key] = [str(item).strip() for item in value if str(item).strip()]


def _require(app: Flask) -> None:
    """Refuse to start without the secrets sessions and token encryption depend on, and,
    outside demo mode, without the public address redirect URIs and links are built from
    (a request's ``Host`` header is the client's to choose: it must never make them)."""
    if app.testing:
        return
    for key in REQUIRED_OUTSIDE_DEMO:
        if not app.config.get(key):
            raise ConfigurationError(
                f"{key} is not set. Set POSTPRESS_{key} in the environment or {key} in "
                f"instance/config.py (see instance/config.example.py), or run the demo command."
            )
    if not is_demo(app) and not app.config.get("PUBLIC_URL"):
        raise ConfigurationError(
            "PUBLIC_URL is not set. Whoever deploys this app must set POSTPRESS_PUBLIC_URL "
            "(or PUBLIC_URL in instance/config.py) to the address users open, e.g. "
            "https://app.example.com: the redirect URIs registered in Entra are built from it."
        )


def _trust_only_the_public_host(app: Flask) -> None:
    """Answer only requests for ``PUBLIC_URL``'s host (Flask's ``TRUSTED_HOSTS``).

    An explicit ``TRUSTED_HOSTS`` (a list, or comma-separated text) wins; an empty one turns
    the check off. Behind a proxy the host checked is the one ``TRUSTED_PROXIES`` lets through.
    """
    hosts = app.config.get("TRUSTED_HOSTS")
    if isinstance(hosts, str):
        hosts = [part.strip() for part in hosts.split(",") if part.strip()]
    if hosts is None and app.config["PUBLIC_URL"]:
        hostname = urlsplit(app.config["PUBLIC_URL"]).hostname
        hosts = [hostname] if hostname else None
    app.config["TRUSTED_HOSTS"] = hosts or None


def _ensure_demo_keys(app: Flask) -> None:
    """Generate SECRET_KEY and ENCRYPTION_KEYS once into instance/ and reuse them.

    Reusing them keeps demo sign-ins and stored tokens valid across restarts.
    """
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    makers = {
        "SECRET_KEY": lambda: secrets.token_urlsafe(48),
        "ENCRYPTION_KEYS": lambda: Fernet.generate_key().decode(),
    }
    for key, make in makers.items():
        if app.config.get(key):
            continue
        path = instance / f"demo-{key.lower().replace('_', '-')}"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(make())
        app.config[key] = path.read_text().strip()
