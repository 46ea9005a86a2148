"""Tenant-wide consent confirmed by what Microsoft did, not by what anyone said.

An approval page, a link's callback or a re-check shows at most that the app is installed in
the organization, which one person's own consent does too. What shows the organization's people
may now use the app is one of them, stopped before, signing in afterwards with every permission
the app asks for: Microsoft granted them without anyone being asked. That sign-in is recorded as
the confirmation, with who and when. The administrator who signed in from the approval page
consented for themselves at least, so their own sign-ins never count.
"""

from __future__ import annotations

from postpress_whitelabel.api import db, has_scope

from . import app_facts, organizations
from .admin_sign_in import claimant
from .consent_book import CONFIRMED, record_grant
from .models import ConsentRecord

# Sign-in scopes every account is granted: they say nothing about the app's permissions.
OIDC = frozenset({"openid", "profile", "email", "offline_access"})
# States a confirmation can end: someone was stopped, or only installation was seen since.
UNCONFIRMED = frozenset({organizations.BLOCKED, organizations.PENDING, organizations.INSTALLED})


def confirm_from_sign_in(account) -> None:
    """On a sign-in: if it is the evidence above, record it."""
    facts = app_facts.current()
    if account.is_personal or facts is None or facts.client_id != account.client_id:
        return
    if not all(has_scope(account, s) for s in facts.scopes if s.lower() not in OIDC):
        return
    org = organizations.organization(account.tid, account.client_id)
    if not org.was_blocked or org.state not in UNCONFIRMED or _claimed_by(account):
        return
    record_grant(tenant_id=account.tid, client_id=account.client_id, credentials=facts.source,
                 granted_by=claimant(account), scopes=account.scopes, method=CONFIRMED)


def _claimed_by(account) -> bool:
    """Whether this person signed in from the approval page for their organization."""
    return db.session.execute(db.select(ConsentRecord.id).where(
        ConsentRecord.tenant_id == account.tid.lower(), ConsentRecord.method == "admin_sign_in",
        ConsentRecord.granted_by == claimant(account)[:320]).limit(1)).first() is not None
