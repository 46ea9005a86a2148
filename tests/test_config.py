"""The configuration contract: order of sources, required secrets, demo keys, list values."""

from __future__ import annotations

import stat

import pytest
from cryptography.fernet import Fernet
from flask import Flask

from postpress_whitelabel import config, create_app
from postpress_whitelabel.config import ConfigurationError


def _app(tmp_path) -> Flask:
    return Flask("probe", instance_path=str(tmp_path), instance_relative_config=True)


@pytest.fixture
def clean_env(monkeypatch):
    import os

    for key in list(os.environ):
        if key.startswith("POSTPRESS_"):
            monkeypatch.delenv(key)
    return monkeypatch


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ENCRYPTION_KEYS", "PUBLIC_URL"])
def test_start_up_stops_without_a_required_secret(tmp_path, clean_env, missing):
    values = {"SECRET_KEY": "s", "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
              "PUBLIC_URL": "https://app.example.com"}
    del values[missing]
    for key, value in values.items():
        clean_env.setenv(f"POSTPRESS_{key}", value)
    with pytest.raises(ConfigurationError, match=f"POSTPRESS_{missing}"):
        config.load(_app(tmp_path), None)


def test_environment_overrides_the_instance_file(tmp_path, clean_env):
    (tmp_path / "config.py").write_text(
        "SECRET_KEY = 'from-file'\nENCRYPTION_KEYS = 'k'\nMICROSOFT_TENANT = 'organizations'\n"
    )
    clean_env.setenv("POSTPRESS_SECRET_KEY", "from-env")
    clean_env.setenv("POSTPRESS_PUBLIC_URL", "https://app.example.com")
    clean_env.setenv("POSTPRESS_ALLOWED_TENANTS", "a, b,,c")
    clean_env.setenv("POSTPRESS_MICROSOFT_LOGIN_URL", "https://login.example/")
    app = _app(tmp_path)
    config.load(app, None)
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["MICROSOFT_TENANT"] == "organizations"
    assert app.config["ALLOWED_TENANTS"] == ["a", "b", "c"]
    assert app.config["MICROSOFT_LOGIN_URL"] == "https://login.example"
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("postpress.sqlite3")


def test_demo_mode_generates_keys_once_and_reuses_them(tmp_path, clean_env):
    clean_env.setenv("POSTPRESS_SANDBOX", "true")
    first, second = _app(tmp_path), _app(tmp_path)
    config.load(first, None)
    config.load(second, None)
    for key in ("SECRET_KEY", "ENCRYPTION_KEYS"):
        assert first.config[key] and first.config[key] == second.config[key]
    Fernet(first.config["ENCRYPTION_KEYS"])  # a usable key
    for path in tmp_path.glob("demo-*"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_malformed_encryption_key_is_named(tmp_path):
    with pytest.raises(ConfigurationError, match="entry 2"):
        create_app({"TESTING": True, "SECRET_KEY": "s",
                    "ENCRYPTION_KEYS": Fernet.generate_key().decode() + ",nope",
                    "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_https_public_url_makes_cookies_secure(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "s", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                      "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
                      "PUBLIC_URL": "https://app.example.com/"})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    assert app.config["PUBLIC_URL"] == "https://app.example.com"


def test_old_encryption_keys_still_decrypt(tmp_path):
    from postpress_whitelabel import crypto

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    base = {"TESTING": True, "SECRET_KEY": "s", "SQLALCHEMY_DATABASE_URI": "sqlite://"}
    with create_app(base | {"ENCRYPTION_KEYS": old}).app_context():
        sealed = crypto.encrypt("refresh-token-value")
    with create_app(base | {"ENCRYPTION_KEYS": f"{new},{old}"}).app_context():
        assert crypto.decrypt(sealed) == "refresh-token-value"
        assert Fernet(new).decrypt(crypto.encrypt("x").encode()) == b"x"
    with create_app(base | {"ENCRYPTION_KEYS": new}).app_context():
        with pytest.raises(crypto.DecryptionError):
            crypto.decrypt(sealed)


def test_an_empty_plugins_variable_means_every_plugin(tmp_path, clean_env):
    clean_env.setenv("POSTPRESS_SECRET_KEY", "s")
    clean_env.setenv("POSTPRESS_ENCRYPTION_KEYS", Fernet.generate_key().decode())
    clean_env.setenv("POSTPRESS_PUBLIC_URL", "https://app.example.com")
    clean_env.setenv("POSTPRESS_PLUGINS", "")
    clean_env.setenv("POSTPRESS_DISABLED_PLUGINS", "mail, calendar")
    app = _app(tmp_path)
    config.load(app, None)
    assert app.config["PLUGINS"] is None
    assert app.config["DISABLED_PLUGINS"] == ["mail", "calendar"]


def test_sqlite_waits_for_a_refresh_longer_than_microsoft_may_take(tmp_path):
    """A refresh holds SQLite's write lock while Microsoft answers; others must outwait it."""
    base = {"SECRET_KEY": "k", "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
            "HTTP_TIMEOUT": 20, "PUBLIC_URL": "https://app.example.com"}
    sqlite = create_app({**base, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/a.db"})
    options = sqlite.config["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["connect_args"]["timeout"] == 30 and options["pool_pre_ping"] is True
    assert "connect_args" not in config.DEFAULTS["SQLALCHEMY_ENGINE_OPTIONS"]
    chosen = create_app({**base, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/b.db",
                         "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"timeout": 3}}})
    assert chosen.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["timeout"] == 3
