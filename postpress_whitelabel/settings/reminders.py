"""Secret expiry reminders that reach someone: 60, 30, 7 and 1 days before the custom client
secret expires, once per threshold and channel, run from cron or a systemd timer
(``flask postpress check-credentials --notify``).

A run that finds several thresholds due at once (the first run ever, or after a pause) sends
one reminder, for the nearest, and counts the others as sent: nobody needs "60 days left" on
the day the secret has 5. A channel that fails is tried again on the next run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select

from .. import clock
from ..clock import as_utc
from ..extensions import db
from ..models import OAuthSettings, SecretReminder
from . import notify
from .credentials import stored
from .expiry import active_secret

THRESHOLDS = (60, 30, 7, 1)


@dataclass
class Outcome:
    """What a run did: which threshold was due, where it went, what failed."""

    threshold: int | None = None
    delivered: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def secret_name(row: OAuthSettings) -> str:
    """Names the active secret without its value: client id, when saved, expiry date."""
    saved = as_utc(row.secret_saved_at)
    return f"{row.client_id}|{saved.isoformat() if saved else '-'}|{row.secret_expires_on}"


def due_thresholds(days_left: int) -> list[int]:
    """The thresholds reached with ``days_left`` days to go, nearest last."""
    return [t for t in THRESHOLDS if days_left <= t]


def run() -> Outcome:
    """Send the reminder that is due, on every configured channel that has not had it."""
    status = active_secret(clock.now().date())
    outcome = Outcome()
    if status is None or not due_thresholds(status.days_left):
        return outcome
    row = stored()
    name = secret_name(row)
    # A new secret starts afresh: reminders about earlier ones are of no more use.
    db.session.execute(delete(SecretReminder).where(SecretReminder.secret != name))
    due = due_thresholds(status.days_left)
    outcome.threshold = due[-1]
    subject, payload = _message(row, status, outcome.threshold)
    for channel in notify.channels():
        sent = set(db.session.scalars(select(SecretReminder.threshold).filter_by(
            secret=name, channel=channel)))
        if outcome.threshold in sent:
            continue
        try:
            notify.send(channel, subject, payload)
        except notify.DeliveryFailed as exc:
            outcome.failed.append(str(exc))
            continue
        for threshold in set(due) - sent:
            db.session.add(SecretReminder(secret=name, threshold=threshold, channel=channel,
                                          sent_at=clock.now()))
        outcome.delivered.append(channel)
    db.session.commit()
    return outcome


def _message(row: OAuthSettings, status, threshold: int) -> tuple[str, dict]:
    """The reminder's subject and JSON body (the email's text is ``message``)."""
    if status.days_left <= 0:
        subject = f"Microsoft client secret expired on {status.expires_on}"
    else:
        days = "1 day" if status.days_left == 1 else f"{status.days_left} days"
        subject = f"Microsoft client secret expires in {days}"
    message = (f"{status.message}\n\nApplication (client) ID: {row.client_id}\n"
               f"Secret: the one ending in {row.secret_hint}\n\nIn the Entra admin center > App "
               "registrations > your app > Certificates & secrets, add a new client secret, then "
               "add it in Settings > Microsoft OAuth (or with `flask postpress set-credentials`).")
    return subject, {
        "event": "client_secret_expiring" if status.days_left > 0 else "client_secret_expired",
        "client_id": row.client_id, "secret_hint": row.secret_hint,
        "expires_on": str(status.expires_on), "days_left": status.days_left,
        "threshold": threshold, "subject": subject, "message": message,
    }
