"""The plugin's own tables: consent given per organization, consent errors, people seen.

Declared on the core's ``db`` (from ``postpress_whitelabel.api``) and created by the plugin's
own migration in ``migrations/``. Every row names the app (``client_id``) and which credentials
it belongs to (``default`` or ``custom``): a consent given to one app says nothing about another.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from postpress_whitelabel.api import db


class ConsentRecord(db.Model):
    """Evidence of consent to one app in an organization (``method``: see consent_book)."""

    __tablename__ = "admin_consent_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(36), index=True)
    client_id: Mapped[str] = mapped_column(String(64))
    credentials: Mapped[str] = mapped_column(String(16))  # "default" or "custom"
    granted_by: Mapped[str] = mapped_column(String(320))
    scopes: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(32))  # what it shows: see consent_book
    granted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ConsentEvent(db.Model):
    """One consent error or request: who was stopped, by which code, and what they saw.

    ``token`` is the random handle of the user's page for it (never an incrementing id);
    ``tenant_id`` is known only when Microsoft's answer or the account says it, ``domain``
    when the person told us their work address.
    """

    __tablename__ = "admin_consent_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    case: Mapped[str] = mapped_column(String(32))  # see situations.CASES
    tenant_id: Mapped[str | None] = mapped_column(String(36), index=True)
    domain: Mapped[str | None] = mapped_column(String(255))
    client_id: Mapped[str] = mapped_column(String(64))
    credentials: Mapped[str] = mapped_column(String(16))
    error: Mapped[str] = mapped_column(String(64))
    aadsts: Mapped[int | None]
    correlation_id: Mapped[str | None] = mapped_column(String(36))
    trace_id: Mapped[str | None] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class TenantMember(db.Model):
    """Someone of an organization who signed in to the app (the organizations page lists them)."""

    __tablename__ = "admin_consent_member"

    tenant_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), default="")
    username: Mapped[str] = mapped_column(String(320), default="")
    client_id: Mapped[str] = mapped_column(String(64))
    last_sign_in: Mapped[datetime] = mapped_column(DateTime(timezone=True))
