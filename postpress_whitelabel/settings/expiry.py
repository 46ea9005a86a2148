"""How close the custom client secret is to expiring, for the banner and the CLI.

The guide tells integrators to set a reminder; this is that reminder: a notice from 60 days
before expiry, stronger at 14 and 7 days, and an alarm once the secret has expired (sign-ins
then fail with AADSTS7000222).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Flask
from flask_login import current_user

from .. import clock
from ..admins import is_admin
from .credentials import CUSTOM, stored

LEVELS = ((0, "expired"), (7, "danger"), (14, "warning"), (60, "notice"))


@dataclass(frozen=True)
class SecretExpiry:
    """The active custom secret's expiry, and how loudly to warn about it."""

    expires_on: date
    days_left: int
    level: str | None  # None, "notice", "warning", "danger" or "expired"

    @property
    def message(self) -> str:
        if self.days_left <= 0:
            return (f"The Microsoft client secret expired on {self.expires_on}: sign-ins fail "
                    "until a new secret is saved in Settings > Microsoft OAuth.")
        days = "1 day" if self.days_left == 1 else f"{self.days_left} days"
        return (f"The Microsoft client secret expires in {days} ({self.expires_on}). "
                "Create a new secret in Entra and add it in Settings > Microsoft OAuth.")


def level_for(days_left: int) -> str | None:
    """The warning level for a number of days left."""
    for limit, level in LEVELS:
        if days_left <= limit:
            return level
    return None


def active_secret(today: date) -> SecretExpiry | None:
    """The active secret's expiry in custom mode; None in default mode or without a date."""
    row = stored()
    if row.mode != CUSTOM or not row.client_secret or not row.secret_expires_on:
        return None
    days_left = (row.secret_expires_on - today).days
    return SecretExpiry(row.secret_expires_on, days_left, level_for(days_left))


def init_app(app: Flask) -> None:
    """Admins see the reminder on every page."""

    @app.context_processor
    def _secret_banner():
        if not is_admin(current_user):
            return {"secret_banner": None}
        status = active_secret(clock.now().date())
        return {"secret_banner": status if status and status.level else None}
