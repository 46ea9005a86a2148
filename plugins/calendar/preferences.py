"""The zone a user's calendar is shown in, chosen in the app.

Why an app-side preference rather than PATCH ``/me/mailboxSettings``: changing the mailbox's
zone changes Outlook everywhere for that person and needs ``MailboxSettings.ReadWrite``, a
wider permission than showing a calendar deserves. The mailbox's own zone (read with
``MailboxSettings.Read``) is the default; a person may pick another one here, which only
changes how this app shows their calendars, and may go back to the mailbox's.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from postpress_whitelabel.api import db

from . import zones


class CalendarPreference(db.Model):
    """One row per user who picked a zone."""

    __tablename__ = "calendar_preference"  # a plugin's tables carry its name

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"),
                                         primary_key=True)
    time_zone: Mapped[str] = mapped_column(String(64))


def chosen_zone(user_id: int) -> str | None:
    """The IANA zone the user picked, or None to follow the mailbox (also when the zone has
    no Windows name, so events could not be sent to Graph in it)."""
    row = db.session.get(CalendarPreference, user_id)
    usable = row is not None and zones.zone(row.time_zone) and zones.to_windows(row.time_zone)
    return row.time_zone if usable else None


def choose_zone(user_id: int, name: str | None) -> None:
    """Remember ``name`` (an IANA zone) for the user; None goes back to the mailbox's zone."""
    row = db.session.get(CalendarPreference, user_id)
    if name is None:
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(CalendarPreference(user_id=user_id, time_zone=name))
    else:
        row.time_zone = name
    db.session.commit()
