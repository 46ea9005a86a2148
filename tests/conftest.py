"""The project's own test settings, on top of the kit (``postpress_whitelabel.testing``).

The kit, activated in the root conftest.py, gives the live sandbox, apps, clients and the
sign-in journey. What stays here is the project's: every app test on SQLite and PostgreSQL,
apps with the built-in plugins, and throwaway plugins for the plugin host's tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from postpress_whitelabel.testing import PUBLIC_URL, Journey

__all__ = ["PUBLIC_URL", "Journey"]  # names older tests import from here

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
    """The kit's database, per backend: one SQLite file, or the PostgreSQL of ``scripts/test``."""
    if database == "postgresql":
        return POSTGRES_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture
def app_config(app_config):
    """The kit's settings with the built-in plugins loaded."""
    return app_config | {"PLUGINS": BUILTIN_PLUGINS}


@pytest.fixture
def kit(tmp_path, monkeypatch):
    """Throwaway plugins: built-ins in a temporary folder, or packages with an entry point."""
    from tests.plugin_kit import PluginKit

    kit = PluginKit(tmp_path, monkeypatch)
    yield kit
    kit.cleanup()
