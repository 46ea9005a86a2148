"""Changing Settings > Microsoft OAuth: save, rotate, switch, scopes. Each change is audited.

Secrets are written once and never read back for display: the page shows the last four
characters and the date saved, and the audit log records the same hint, never the value.
"""

from __future__ import annotations

from datetime import date

from .. import clock
from ..extensions import db
from ..models import OAuthSettings
from . import audit
from .credentials import CUSTOM, DEFAULT, for_update, forget_disabled_scopes


class SettingsError(ValueError):
    """A change that cannot be made as asked; the message says why."""


def hint(secret: str) -> str:
    """The last four characters, as Azure shows them."""
    return secret[-4:]


def save_custom(*, client_id: str, secret: str | None, expires_on: date | None,
                tenant_id: str | None, actor: str | None = None,
                activate: bool = True) -> OAuthSettings:
    """Store custom credentials and, unless ``activate`` is false, make them active; a blank
    secret keeps the stored one.

    Saved but not active, the app is already listed in the publisher domain's association
    file, so its publisher can be verified before any user meets it.
    """
    row = for_update()
    if not secret and (not row.client_secret or client_id != row.client_id):
        raise SettingsError("Paste the client secret's Value: a secret belongs to one app, and "
                            "none is stored for this client ID.")
    mode = CUSTOM if activate else row.mode
    changed = {"mode": mode, "client_id": client_id, "tenant_id": tenant_id or "(none)"}
    row.client_id, row.tenant_id, row.mode = client_id, tenant_id or None, mode
    if secret:
        _set_secret(row, secret, expires_on)
        changed["secret"] = f"…{row.secret_hint}"
        changed["secret_expires_on"] = str(expires_on)
    elif expires_on and expires_on != row.secret_expires_on:
        row.secret_expires_on = expires_on
        changed["secret_expires_on"] = str(expires_on)
    return _commit(row, "custom credentials saved", changed, actor)


def add_pending(secret: str, expires_on: date, actor: str | None = None) -> OAuthSettings:
    """Keep a new secret beside the active one until it is tested and promoted."""
    row = for_update()
    if not row.client_id or not row.client_secret:
        raise SettingsError("Save custom credentials first; a new secret rotates an existing one.")
    row.pending_secret, row.pending_hint = secret, hint(secret)
    row.pending_saved_at, row.pending_expires_on = clock.now(), expires_on
    row.pending_tested_at = None
    return _commit(row, "new secret added", {"secret": f"…{row.pending_hint}",
                                            "expires_on": str(expires_on)}, actor)


def promote_pending(actor: str | None = None) -> OAuthSettings:
    """Make the new secret the active one; the old one is forgotten."""
    row = for_update()
    if not row.pending_secret:
        raise SettingsError("There is no new secret to promote.")
    if not row.pending_tested_at:
        raise SettingsError("Test the new secret first: promoting a secret Microsoft refuses "
                            "would stop every sign-in.")
    old = row.secret_hint
    _set_secret(row, row.pending_secret, row.pending_expires_on)
    _clear_pending(row)
    return _commit(row, "new secret promoted", {"secret": f"…{row.secret_hint}",
                                               "replaced": f"…{old}"}, actor)


def discard_pending(actor: str | None = None) -> OAuthSettings:
    """Forget the new secret without using it."""
    row = for_update()
    if not row.pending_secret:
        raise SettingsError("There is no new secret to discard.")
    discarded = row.pending_hint
    _clear_pending(row)
    return _commit(row, "new secret discarded", {"secret": f"…{discarded}"}, actor)


def set_mode(mode: str, actor: str | None = None) -> OAuthSettings:
    """Switch between default and custom; custom credentials stay stored either way."""
    row = for_update()
    if mode not in (DEFAULT, CUSTOM):
        raise SettingsError("Choose default or custom credentials.")
    if mode == CUSTOM and not (row.client_id and row.client_secret):
        raise SettingsError("Save custom credentials first.")
    previous, row.mode = row.mode, mode
    return _commit(row, "credentials mode changed", {"from": previous, "to": mode}, actor)


def set_disabled_scopes(names: list[str], actor: str | None = None) -> OAuthSettings:
    """Turn optional scopes off (they are no longer requested at sign-in)."""
    row = for_update()
    before = set(row.disabled_scopes.split())
    row.disabled_scopes = " ".join(sorted(set(names)))
    after = set(names)
    forget_disabled_scopes()
    return _commit(row, "scopes changed", {"turned off": " ".join(sorted(after - before)) or "-",
                                          "turned on": " ".join(sorted(before - after)) or "-"},
                   actor)


def _set_secret(row: OAuthSettings, secret: str, expires_on: date | None) -> None:
    row.client_secret, row.secret_hint = secret, hint(secret)
    row.secret_saved_at, row.secret_expires_on = clock.now(), expires_on


def mark_pending_tested() -> None:
    """Microsoft accepted the new secret: it may now be promoted."""
    row = for_update()
    row.pending_tested_at = clock.now()
    _commit(row, "new secret tested", {"secret": f"…{row.pending_hint}", "result": "works"},
            None)


def _clear_pending(row: OAuthSettings) -> None:
    row.pending_secret = row.pending_hint = None
    row.pending_saved_at = row.pending_expires_on = row.pending_tested_at = None


def _commit(row: OAuthSettings, action: str, details: dict, actor: str | None) -> OAuthSettings:
    row.updated_at = clock.now()
    audit.record(action, details, actor=actor)
    db.session.commit()
    return row
