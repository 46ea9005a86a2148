"""The audit log of Settings changes: who, when, what changed (never a secret)."""

from __future__ import annotations

import json

from flask_login import current_user
from sqlalchemy import select

from .. import clock
from ..extensions import db
from ..models import AuditEvent


def record(action: str, details: dict | None = None, actor: str | None = None) -> AuditEvent:
    """Add an event; ``actor`` names a non-web actor such as the CLI. Caller commits."""
    user = None
    if actor is None and current_user and current_user.is_authenticated:
        user = current_user
    event = AuditEvent(
        at=clock.now(),
        actor_user_id=user.id if user else None,
        actor=(actor or (f"{user.name} <{user.email}>" if user else "unknown"))[:320],
        action=action,
        details=json.dumps(details or {}, sort_keys=True),
    )
    db.session.add(event)
    return event


def recent(limit: int = 50) -> list[AuditEvent]:
    """The newest events first."""
    return list(db.session.execute(
        select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    ).scalars())


def describe(event: AuditEvent) -> str:
    """The event's details as ``key: value`` pairs for the page."""
    try:
        details = json.loads(event.details or "{}")
    except ValueError:
        return ""
    return ", ".join(f"{key}: {value}" for key, value in details.items())
