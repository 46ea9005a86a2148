"""Writing down what happened: consent errors, consents given, people who signed in.

Kept apart from the views so the hooks (errors, callbacks, sign-ins) and the pages share one
way of recording, and so nothing here ever stores a token or Microsoft's free text.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from postpress_whitelabel.api import db

from .models import ConsentEvent, ConsentRecord, TenantMember

# How a consent was recorded: Microsoft's admin consent answer, an administrator's sign-in with
# "Consent on behalf of your organization" offered, or an app admin's re-check.
METHODS = {"admin_consent": "the admin consent link",
           "admin_sign_in": "signing in as an administrator",
           "recheck": "a re-check after the administrator approved"}
# Errors kept, newest first: anyone can start a sign-in and come back with an error, so the table
# is bounded.
EVENTS_KEPT = 5000


def now() -> datetime:
    """The time rows are stamped with (UTC)."""
    return datetime.now(UTC)


def record_event(case: str, error, *, client_id: str, credentials: str,
                 tenant_id: str | None = None) -> ConsentEvent:
    """Keep one consent error: its situation, codes and ids for support, never its text."""
    event = ConsentEvent(token=secrets.token_urlsafe(24), case=case, tenant_id=tenant_id,
                         client_id=client_id, credentials=credentials,
                         error=error.error, aadsts=error.aadsts,
                         correlation_id=error.correlation_id, trace_id=error.trace_id, at=now())
    db.session.add(event)
    db.session.flush()
    db.session.execute(db.delete(ConsentEvent).where(ConsentEvent.id <= event.id - EVENTS_KEPT))
    db.session.commit()
    return event


def event_by_token(token: str | None) -> ConsentEvent | None:
    """The event a user's page is about, by its random handle."""
    if not token or len(token) > 64:
        return None
    return db.session.execute(
        db.select(ConsentEvent).where(ConsentEvent.token == token)).scalar_one_or_none()


def name_the_organization(token: str | None, account) -> None:
    """An administrator came from a stopped person's page: that error is taken to be their
    organization's (the organizations page then lists it under the tenant), unless the person
    gave a work address of another domain."""
    event = event_by_token(token) if isinstance(token, str) else None
    if event is None or event.tenant_id is not None:
        return
    domain = (account.username or account.email or "").rpartition("@")[2].lower()
    if event.domain and event.domain != domain:
        return
    event.tenant_id = account.tid
    db.session.commit()


def record_grant(*, tenant_id: str, client_id: str, credentials: str, granted_by: str,
                 scopes: str, method: str) -> ConsentRecord:
    """Keep a tenant-wide consent: who, when, which permissions, which credentials."""
    record = ConsentRecord(tenant_id=tenant_id.lower(), client_id=client_id,
                           credentials=credentials, granted_by=granted_by[:320],
                           scopes=scopes[:4000], method=method, granted_at=now())
    db.session.add(record)
    db.session.commit()
    return record


def remember_member(account) -> None:
    """Someone of an organization signed in: the organizations page counts them."""
    if account.is_personal:
        return
    member = db.session.get(TenantMember, (account.tid, account.user_id))
    if member is None:
        member = TenantMember(tenant_id=account.tid, user_id=account.user_id)
        db.session.add(member)
    member.name = (account.name or "")[:255]
    member.username = (account.username or account.email or "")[:320]
    member.client_id = account.client_id
    member.last_sign_in = now()
    db.session.commit()
