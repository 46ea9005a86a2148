"""The plugin's own table: how often each user opened the hello page.

Declared on the core's ``db`` (from ``postpress_whitelabel.api``), created by the plugin's own
migration in ``migrations/``; ``flask db upgrade`` applies it with the core's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from postpress_whitelabel.api import db


class HelloVisit(db.Model):
    """One row per user: visits to /hello and when the last one was."""

    __tablename__ = "hello_visit"  # a plugin's tables carry its name: no clash with the core's

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"),
                                         primary_key=True)
    visits: Mapped[int] = mapped_column(default=0)
    last_visit_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def record_visit(user_id: int) -> HelloVisit:
    """Count one more visit by ``user_id`` and return their row."""
    visit = db.session.get(HelloVisit, user_id) or HelloVisit(user_id=user_id, visits=0)
    visit.visits += 1
    visit.last_visit_at = datetime.now(UTC)
    db.session.add(visit)
    db.session.commit()
    return visit
