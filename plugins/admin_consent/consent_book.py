"""Writing down what happened: consent errors, consents given, people who signed in.

Kept apart from the views so the hooks (errors, callbacks, sign-ins) and the pages share one
way of recording, and so nothing here ever stores a token or Microsoft's free text.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from postpress_whitelabel.api import db

from .models import ConsentEvent, ConsentRecord, TenantMember

# What a record is evidence of (organizations.py turns it into the page's state):
# - "confirmed": a person of the organization, stopped before, signed in afterwards with every
#   permission the app asks for: Microsoft granted them without asking, tenant-wide consent works;
# - "admin_consent": the admin consent link came back approved and Microsoft shows the app
#   installed in that tenant (one person's own consent installs it too: not confirmed);
# - "admin_sign_in": someone signed in from the approval page (not proven an administrator);
# - "recheck": an app admin's re-check found the app installed;
# - "claimed": the admin consent link came back approved but Microsoft could not be asked: only
#   a claim (the callback's ``tenant`` can be forged), shown as unverified.
CONFIRMED = "confirmed"
INSTALLED_METHODS = ("admin_consent", "admin_sign_in", "recheck")
CLAIMED = "claimed"
# Rows kept: per tenant (so nobody can push out another organization's), and unverified claims
# in all (anyone can make one up).
RECORDS_KEPT_PER_TENANT = 20
CLAIMS_KEPT = 100
# Errors kept, newest first, in separate pools: an organization's (named by an account or a
# checked id_token) and the unverified ones (anyone can start a sign-in and come back with an
# error), so a flood of made-up errors cannot push out an organization's genuine ones.
EVENTS_KEPT = 200  # per organization
UNVERIFIED_EVENTS_KEPT = 1000


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
    if tenant_id is None:
        _keep_newest(ConsentEvent, ConsentEvent.tenant_id.is_(None), UNVERIFIED_EVENTS_KEPT)
    else:
        _keep_newest(ConsentEvent, ConsentEvent.tenant_id == tenant_id, EVENTS_KEPT)
    db.session.commit()
    return event


def _keep_newest(model, pool, kept: int) -> None:
    """Delete the rows of one pool (a where clause) beyond its ``kept`` newest."""
    cutoff = db.session.execute(db.select(model.id).where(pool).order_by(model.id.desc())
                                .offset(kept).limit(1)).scalar()
    if cutoff is not None:
        db.session.execute(db.delete(model).where(pool, model.id <= cutoff))


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
    """Keep evidence of consent (``method``, see above): who, when, which permissions, which
    credentials; bounded per tenant, and unverified claims in all."""
    record = ConsentRecord(tenant_id=tenant_id.lower(), client_id=client_id,
                           credentials=credentials, granted_by=granted_by[:320],
                           scopes=scopes[:4000], method=method, granted_at=now())
    db.session.add(record)
    db.session.flush()
    _keep_newest(ConsentRecord, ConsentRecord.tenant_id == record.tenant_id,
                 RECORDS_KEPT_PER_TENANT)
    if method == CLAIMED:
        _keep_newest(ConsentRecord, ConsentRecord.method == CLAIMED, CLAIMS_KEPT)
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
