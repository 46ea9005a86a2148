"""What the bench scripts share: the settings of an app pointed at a sandbox."""

from __future__ import annotations

from cryptography.fernet import Fernet

from microsoft_sandbox.directory import seed


def app_config(sandbox_url: str, database_url: str) -> dict:
    """A production-shaped app (no plugins) talking to the sandbox, on the given database."""
    return {
        "TESTING": True, "SECRET_KEY": "bench", "PLUGINS": [],
        "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PUBLIC_URL": "http://localhost:5000", "MICROSOFT_LOGIN_URL": sandbox_url,
        "MICROSOFT_GRAPH_URL": sandbox_url, "DEFAULT_CLIENT_ID": seed.DEFAULT_CLIENT_ID,
        "DEFAULT_CLIENT_SECRET": seed.DEFAULT_CLIENT_SECRET,
    }
