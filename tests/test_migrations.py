"""The migrations build the schema the models describe, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os

import pytest
from cryptography.fernet import Fernet
from flask_migrate import check, upgrade
from sqlalchemy import inspect, text

from postpress_whitelabel import create_app
from postpress_whitelabel.extensions import db

POSTGRES = os.environ.get("POSTPRESS_TEST_POSTGRES_URL")


def _database_urls(tmp_path):
    yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    if POSTGRES:
        yield POSTGRES
    elif os.environ.get("CI"):
        pytest.fail("CI must run the PostgreSQL migration test (POSTPRESS_TEST_POSTGRES_URL)")


def _fresh(app):
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))


def test_upgrade_matches_the_models(tmp_path, capsys):
    for url in _database_urls(tmp_path):
        app = create_app({"TESTING": True, "SECRET_KEY": "s", "SQLALCHEMY_DATABASE_URI": url,
                          "ENCRYPTION_KEYS": Fernet.generate_key().decode()})
        with app.app_context():
            _fresh(app)
            upgrade()
            check()  # raises when the models and the migrations disagree
            tables = set(inspect(db.engine).get_table_names())
            assert {"user", "connected_account", "sign_in_flow"} <= tables
            _fresh(app)
            db.engine.dispose()
