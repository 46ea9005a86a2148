"""``/healthz`` and ``/readyz``: what a load balancer or an orchestrator asks.

``/healthz`` says the process answers and touches nothing else, so a database outage never
gets healthy workers restarted. ``/readyz`` says whether this instance can serve sign-ins:
the database answers, its schema is at the migrations' head, and credentials are configured.
A failing check is named in the JSON (no error text: it could hold a connection string).
"""

from __future__ import annotations

import logging

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, current_app, jsonify
from sqlalchemy import text

from ..extensions import db
from ..settings import credentials

log = logging.getLogger(__name__)
bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is up."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    """Each check's result; 503 naming the failing ones."""
    checks = {"database": _database(), "migrations": False, "credentials": False}
    if checks["database"]:
        checks["migrations"] = _migrations_at_head()
        checks["credentials"] = _credentials_configured()
    failing = [name for name, ok in checks.items() if not ok]
    body = {"status": "ok" if not failing else "unavailable", "failing": failing,
            "checks": {name: "ok" if ok else "failing" for name, ok in checks.items()}}
    return jsonify(body), 503 if failing else 200


def _database() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
        return True
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        log.warning("readiness: database unreachable (%s)", type(exc).__name__)
        db.session.rollback()
        return False


def _migrations_at_head() -> bool:
    """Every head of the core's migrations is applied (plugins' own branches may add more)."""
    try:
        with db.engine.connect() as connection:
            applied = set(MigrationContext.configure(connection).get_current_heads())
        return _script_heads() <= applied
    except Exception as exc:  # noqa: BLE001
        log.warning("readiness: migration state unreadable (%s)", type(exc).__name__)
        return False


def _script_heads() -> set[str]:
    """The heads in ``migrations/versions``, read once per app."""
    cache = current_app.extensions.setdefault("postpress_migration_heads", set())
    if not cache:
        config = current_app.extensions["migrate"].migrate.get_config()
        cache.update(ScriptDirectory.from_config(config).get_heads())
    return cache


def _credentials_configured() -> bool:
    try:
        credentials.active()
        return True
    except credentials.CredentialsNotConfigured:
        return False
    except Exception as exc:  # noqa: BLE001 - e.g. an undecryptable custom secret
        log.warning("readiness: credentials unreadable (%s)", type(exc).__name__)
        db.session.rollback()
        return False
