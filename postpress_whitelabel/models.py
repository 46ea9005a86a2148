"""Database models.

People are keyed by the Microsoft identity that created them, ``(tid, oid)`` from a validated
id_token, never by an email address: emails and UPNs are mutable and, in some tenants, settable by
the user (the "nOAuth" takeover).
"""

from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .clock import as_utc
from .crypto import EncryptedText
from .extensions import db

PERSONAL_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad"


class User(UserMixin, db.Model):
    """A person of this app, created by their first Microsoft sign-in."""

    id: Mapped[int] = mapped_column(primary_key=True)
    tid: Mapped[str] = mapped_column(String(36))
    oid: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(255), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    email_verified: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    accounts: Mapped[list[ConnectedAccount]] = relationship(
        back_populates="user", order_by="ConnectedAccount.id"
    )

    __table_args__ = (UniqueConstraint("tid", "oid", name="uq_user_identity"),)

    def get_id(self) -> str:
        """Flask-Login wants a string."""
        return str(self.id)


class ConnectedAccount(db.Model):
    """A Microsoft account linked to one user, with its tokens encrypted at rest."""

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    tid: Mapped[str] = mapped_column(String(36))
    oid: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(255), default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    # preferred_username: what Microsoft means as a login_hint (the email may differ from it).
    username: Mapped[str] = mapped_column(String(320), default="", server_default="")
    client_id: Mapped[str] = mapped_column(String(64), default="")
    scopes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(32), default="connected")
    access_token: Mapped[str | None] = mapped_column(EncryptedText)
    refresh_token: Mapped[str | None] = mapped_column(EncryptedText)
    id_token: Mapped[str | None] = mapped_column(EncryptedText)
    access_token_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    refresh_token_issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    connected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_error_code: Mapped[str | None] = mapped_column(String(64))
    last_error_aadsts: Mapped[int | None]
    last_error_description: Mapped[str | None] = mapped_column(Text)
    last_error_trace_id: Mapped[str | None] = mapped_column(String(36))
    last_error_correlation_id: Mapped[str | None] = mapped_column(String(36))
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(back_populates="accounts")

    __table_args__ = (UniqueConstraint("tid", "oid", name="uq_account_identity"),)

    @property
    def is_personal(self) -> bool:
        """Personal Microsoft accounts all live in one well-known tenant."""
        return self.tid == PERSONAL_TENANT_ID

    @property
    def scope_set(self) -> set[str]:
        """Granted scopes, normalised for comparison."""
        return {s.lower() for s in self.scopes.split()}

    def refresh_token_age(self, now: datetime):
        """How long ago the current refresh token was issued, or None without one."""
        issued = as_utc(self.refresh_token_issued_at)
        if not self.refresh_token or issued is None:
            return None
        return now - issued


class SignInFlow(db.Model):
    """A sign-in started here and not yet answered by Microsoft.

    Kept server-side so ``state`` is single-use across worker processes, expires, and carries
    what the callback must reuse: the PKCE verifier, the nonce, the exact redirect URI, and the
    credentials that started the flow (switching credentials mid-flow must not mix them).
    """

    state: Mapped[str] = mapped_column(String(128), primary_key=True)
    browser_binding: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None]
    account_id: Mapped[int | None]
    client_id: Mapped[str] = mapped_column(String(64))
    credentials_source: Mapped[str] = mapped_column(String(16))
    code_verifier: Mapped[str] = mapped_column(EncryptedText)
    nonce: Mapped[str] = mapped_column(EncryptedText)
    redirect_uri: Mapped[str] = mapped_column(Text)
    scopes: Mapped[str] = mapped_column(Text)
    next_url: Mapped[str | None] = mapped_column(Text)
    data: Mapped[str | None] = mapped_column(Text)  # a plugin flow's own JSON
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class OAuthSettings(db.Model):
    """Settings > Microsoft OAuth: which credentials are active, and the custom ones.

    One row. The custom credentials stay stored when the mode goes back to default, so an
    integrator can switch back and forth. ``pending_*`` is a new secret being tried before it is
    promoted, which is how a secret is rotated without downtime.
    """

    __tablename__ = "oauth_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    mode: Mapped[str] = mapped_column(String(16), default="default")
    client_id: Mapped[str | None] = mapped_column(String(64))
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    client_secret: Mapped[str | None] = mapped_column(EncryptedText)
    secret_hint: Mapped[str | None] = mapped_column(String(8))
    secret_saved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    secret_expires_on: Mapped[date | None]
    pending_secret: Mapped[str | None] = mapped_column(EncryptedText)
    pending_hint: Mapped[str | None] = mapped_column(String(8))
    pending_saved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    pending_expires_on: Mapped[date | None]
    pending_tested_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    disabled_scopes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SecretReminder(db.Model):
    """One expiry reminder delivered: for one secret, one threshold (days before expiry), one
    channel (``email``, ``webhook``), so each is sent once, and retried until it gets through.

    ``secret`` names the secret (client id, when it was saved, its expiry date), never its
    value: a new secret has a new name, so its reminders start afresh.
    """

    __tablename__ = "secret_reminder"

    id: Mapped[int] = mapped_column(primary_key=True)
    secret: Mapped[str] = mapped_column(String(200))
    threshold: Mapped[int]
    channel: Mapped[str] = mapped_column(String(16))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("secret", "threshold", "channel",
                                       name="uq_secret_reminder"),)


class Branding(db.Model):
    """White-label look set in Settings; empty fields fall back to configuration."""

    id: Mapped[int] = mapped_column(primary_key=True)
    product_name: Mapped[str | None] = mapped_column(String(80))
    primary_color: Mapped[str | None] = mapped_column(String(7))
    support_contact: Mapped[str | None] = mapped_column(String(320))
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_type: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEvent(db.Model):
    """Who changed what in Settings, and when. Never holds a secret, only its last characters."""

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor_user_id: Mapped[int | None]
    actor: Mapped[str] = mapped_column(String(320))
    action: Mapped[str] = mapped_column(String(64))
    details: Mapped[str] = mapped_column(Text, default="")


class BrowserSession(db.Model):
    """A signed-in browser. The session cookie names one of these rows (by a random value
    stored here only as a hash); signing out deletes the row, so a copied cookie dies with it."""

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
