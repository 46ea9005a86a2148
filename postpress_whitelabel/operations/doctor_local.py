"""The doctor's checks of this deployment itself: configuration, database, keys, redirect URIs.

None of these asks Microsoft anything; ``doctor_microsoft`` does.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from cryptography.fernet import InvalidToken
from flask import current_app
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..config import is_demo
from ..crypto import EncryptedText
from ..extensions import db
from ..plugin_host import migrations
from ..signin.redirect_uris import CALLBACK, CALLBACK_PORT443
from .doctor_findings import FAIL, OK, WARN, Finding

# Long enough to resist guessing a session cookie's signature; what secrets.token_urlsafe(32) makes.
MIN_SECRET_KEY_LENGTH = 32
# Microsoft: "Redirect URIs must begin with the scheme https. There are some exceptions for
# localhost redirect URIs", and each may be at most 256 characters long (Entra's reply-url page).
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")
MAX_REDIRECT_URI_LENGTH = 256
# Encrypted values read per column: enough to find a missing key, bounded on a big table.
SAMPLE_PER_COLUMN = 200


def configuration() -> list[Finding]:
    """The keys the app needs: SECRET_KEY strong enough, PUBLIC_URL set and well formed, and
    METRICS_TOKEN outside demo mode."""
    config, found = current_app.config, []
    secret_key = str(config.get("SECRET_KEY") or "")
    if not secret_key:
        found.append(Finding(FAIL, "SECRET_KEY", "not set: sessions cannot be signed. Set "
                             "POSTPRESS_SECRET_KEY to a long random value."))
    elif len(secret_key) < MIN_SECRET_KEY_LENGTH:
        found.append(Finding(WARN, "SECRET_KEY", f"shorter than {MIN_SECRET_KEY_LENGTH} "
                             "characters: use a long random value, e.g. the output of "
                             "python -c \"import secrets; print(secrets.token_urlsafe(48))\"."))
    else:
        found.append(Finding(OK, "SECRET_KEY", "set."))
    found.append(_public_url(config.get("PUBLIC_URL")))
    found.append(_metrics_token(config.get("METRICS_TOKEN")))
    return found


def _metrics_token(value: str | None) -> Finding:
    """/metrics without a token tells anyone who asks how the app is used and failing."""
    if value:
        return Finding(OK, "METRICS_TOKEN", "set; /metrics answers only its bearer token.")
    if is_demo(current_app):
        return Finding(OK, "METRICS_TOKEN", "not set; fine in demo mode.")
    return Finding(WARN, "METRICS_TOKEN", "not set: /metrics is open to anyone who can reach "
                   "the app. Set POSTPRESS_METRICS_TOKEN to a long random value and give it "
                   "to Prometheus as a bearer token.")


def _public_url(value: str | None) -> Finding:
    if not value:
        if is_demo(current_app):
            return Finding(OK, "PUBLIC_URL", "not set; demo mode builds addresses from "
                           "each request.")
        return Finding(FAIL, "PUBLIC_URL", "not set: redirect URIs and links are built from "
                       "it. Set POSTPRESS_PUBLIC_URL to the address users open, e.g. "
                       "https://app.example.com.")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query \
            or parts.fragment:
        return Finding(FAIL, "PUBLIC_URL", f"{value!r} is not a base address like "
                       "https://app.example.com (scheme, host, optional path; no query).")
    return Finding(OK, "PUBLIC_URL", value)


def database() -> list[Finding]:
    """The database answers, and the core's and every enabled plugin's tables are at head."""
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            found = [Finding(OK, "database", f"reachable ({db.engine.dialect.name}).")]
            found.extend(_migration_state(connection))
            return found
    except SQLAlchemyError as exc:
        return [Finding(FAIL, "database", f"cannot be reached ({type(exc).__name__}): check "
                        "SQLALCHEMY_DATABASE_URI and that the database server is up.")]


def _migration_state(connection) -> list[Finding]:
    """One line for the core's history and one per enabled plugin's."""
    core = current_app.extensions["migrate"].migrate.get_config()
    histories = [("core", core, {})]
    for plugin in sorted(migrations.folders()):
        options = {"version_table": migrations.version_table(plugin)}
        histories.append((f"plugin {plugin}", migrations.config(plugin), options))
    found = []
    for name, alembic_config, options in histories:
        wanted = set(ScriptDirectory.from_config(alembic_config).get_heads())
        applied = set(MigrationContext.configure(connection, opts=options).get_current_heads())
        if wanted <= applied:
            found.append(Finding(OK, f"migrations ({name})", "at the latest revision."))
        else:
            found.append(Finding(FAIL, f"migrations ({name})",
                                 "not at the latest revision: run flask db upgrade (or "
                                 "scripts/serve, which runs it first)."))
    return found


def encryption() -> list[Finding]:
    """ENCRYPTION_KEYS open what is stored: a key removed too early makes tokens unreadable."""
    fernet = current_app.extensions["postpress_crypto"]
    if fernet.decrypt(fernet.encrypt(b"doctor")) != b"doctor":  # pragma: no cover - defensive
        return [Finding(FAIL, "encryption keys", "cannot round-trip a test value.")]
    try:
        values = _stored_ciphertexts()
    except SQLAlchemyError as exc:
        db.session.rollback()
        return [Finding(WARN, "encryption keys", "valid, but stored values could not be read "
                        f"({type(exc).__name__}); see the database lines above.")]
    unreadable = old_key = 0
    newest = fernet._fernets[0]  # noqa: SLF001 - which key encrypts is MultiFernet's first
    for value in values:
        try:
            fernet.decrypt(value.encode())
        except InvalidToken:
            unreadable += 1
            continue
        try:
            newest.decrypt(value.encode())
        except InvalidToken:
            old_key += 1
    return [_encryption_verdict(len(values), unreadable, old_key)]


def _encryption_verdict(total: int, unreadable: int, old_key: int) -> Finding:
    if unreadable:
        return Finding(FAIL, "encryption keys", f"{unreadable} of {total} stored secrets and "
                       "tokens cannot be decrypted: a key they were written with is no longer "
                       "in ENCRYPTION_KEYS. Put it back (after the new first key).")
    if not total:
        return Finding(OK, "encryption keys", "valid; nothing is stored yet.")
    if old_key:
        return Finding(OK, "encryption keys", f"all {total} stored values decrypt; {old_key} "
                       "still under an older key (they move to the first key when rewritten).")
    return Finding(OK, "encryption keys", f"all {total} stored values decrypt.")


def _stored_ciphertexts() -> list[str]:
    """Raw values of every encrypted column of every model (the core's and plugins')."""
    values: list[str] = []
    for mapper in db.Model.registry.mappers:
        for table in mapper.tables:
            for column in table.columns:
                if not isinstance(column.type, EncryptedText):
                    continue
                rows = db.session.execute(text(
                    f'SELECT "{column.name}" FROM "{table.name}" '  # noqa: S608 - model names
                    f'WHERE "{column.name}" IS NOT NULL LIMIT {SAMPLE_PER_COLUMN}'))
                values.extend(str(row[0]) for row in rows)
    db.session.rollback()
    return values


def redirect_uris() -> list[Finding]:
    """The two redirect URIs to register in Entra, as Microsoft will accept them."""
    base = current_app.config.get("PUBLIC_URL")
    if not base or _public_url(base).status != OK:
        return []  # the PUBLIC_URL line already says what to do
    uris = [base + CALLBACK, base + CALLBACK_PORT443]
    listed = " and ".join(uris)
    parts = urlsplit(base)
    if any(len(uri) > MAX_REDIRECT_URI_LENGTH for uri in uris):
        return [Finding(FAIL, "redirect URIs", f"longer than {MAX_REDIRECT_URI_LENGTH} "
                        "characters, which Entra refuses: shorten PUBLIC_URL's path.")]
    if parts.scheme == "https" or is_demo(current_app):
        return [Finding(OK, "redirect URIs", listed)]
    if parts.hostname in LOCAL_HOSTS:
        return [Finding(WARN, "redirect URIs", f"{listed} use http, which Microsoft accepts "
                        "only for localhost: fine on a developer's machine, not for users.")]
    return [Finding(FAIL, "redirect URIs", f"{listed} use http, which Microsoft refuses "
                    "outside localhost: serve the app over https (a TLS proxy) and set "
                    "PUBLIC_URL to its https:// address.")]
