"""Each organization's consent state, for one app: what the organizations page shows.

The latest word wins: a consent given after the last blocking error means "tenant-wide consent
given"; a blocking error after it (an administrator revoked, or the app asked for more) means
blocked again. Rows of other credentials never count: consent is given to one app.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from postpress_whitelabel.api import db

from . import situations
from .consent_book import CLAIMED, CONFIRMED, INSTALLED_METHODS
from .models import ConsentEvent, ConsentRecord, TenantMember

USERS_CONSENT = "users_consent"
CONSENTED = "consented"
INSTALLED = "installed"
PENDING = "pending"
BLOCKED = "blocked"
UNKNOWN = "unknown"
LABELS = {USERS_CONSENT: "Users consent themselves", CONSENTED: "Tenant-wide consent confirmed",
          INSTALLED: "Installed in the organization (tenant-wide consent not confirmed)",
          PENDING: "Approval pending", BLOCKED: "Blocked: an administrator must approve",
          UNKNOWN: "No sign-in yet"}
# What each kind of evidence says, as the page words it (never more than was seen).
EVIDENCE = {
    CONFIRMED: "a person who had been stopped signed in with every permission",
    "admin_consent": "the admin consent link came back approved and Microsoft shows the app "
                     "installed (tenant-wide consent not confirmed)",
    "admin_sign_in": "an administrator signed in from the approval page (tenant-wide consent "
                     "not confirmed)",
    "recheck": "a re-check found the app installed in the organization (tenant-wide consent "
               "not confirmed)",
    CLAIMED: "unverified: the admin consent link came back approved, but Microsoft could not "
             "confirm it",
}
ERRORS_SHOWN = 5


@dataclass
class Organization:
    """One tenant as the organizations page shows it."""

    tenant_id: str
    members: list[TenantMember] = field(default_factory=list)
    record: ConsentRecord | None = None
    claims: list[ConsentRecord] = field(default_factory=list)
    other_records: list[ConsentRecord] = field(default_factory=list)
    errors: list[ConsentEvent] = field(default_factory=list)
    state: str = UNKNOWN
    was_blocked: bool = False

    @property
    def label(self) -> str:
        """The organization's domain when someone of it is known, else its tenant id."""
        for member in self.members:
            if "@" in member.username:
                return member.username.rsplit("@", 1)[1].lower()
        for event in self.errors:
            if event.domain:
                return event.domain
        return self.tenant_id

    @property
    def state_label(self) -> str:
        return LABELS[self.state]

    @property
    def evidence(self) -> str | None:
        """What the shown record is evidence of, in the page's words."""
        return EVIDENCE.get(self.record.method) if self.record is not None else None


def _utc(value: datetime | None) -> datetime:
    """Stored times, read back from databases that drop the zone, as UTC."""
    if value is None:
        return datetime.min.replace(tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def state_of(records: list[ConsentRecord], blocking: ConsentEvent | None, has_members: bool
             ) -> str:
    """The state from the evidence of consent since the latest blocking error; unverified
    claims never count."""
    since = _utc(blocking and blocking.at)
    methods = {r.method for r in records if _utc(r.granted_at) >= since}
    if CONFIRMED in methods:
        return CONSENTED
    if methods & set(INSTALLED_METHODS):
        return INSTALLED
    if blocking is not None:
        return PENDING if blocking.case == situations.REQUEST_SENT else BLOCKED
    return USERS_CONSENT if has_members else UNKNOWN


def state_for(tenant_id: str, client_id: str) -> str:
    """One organization's state for one app."""
    return organization(tenant_id, client_id).state


def organization(tenant_id: str, client_id: str) -> Organization:
    """One organization as the page shows it, for one app."""
    return _build(tenant_id.lower(), client_id)


def overview(client_id: str) -> list[Organization]:
    """Every organization seen (members, consents, errors), for the app ``client_id``."""
    ids: set[str] = set()
    for column in (TenantMember.tenant_id, ConsentRecord.tenant_id, ConsentEvent.tenant_id):
        ids.update(t for t in db.session.execute(db.select(column).distinct()).scalars() if t)
    return sorted((_build(t, client_id) for t in ids), key=lambda o: o.label)


def unidentified_errors(client_id: str) -> list[ConsentEvent]:
    """Recent consent errors whose organization Microsoft's answer did not name."""
    return list(db.session.execute(
        db.select(ConsentEvent).where(ConsentEvent.tenant_id.is_(None),
                                      ConsentEvent.client_id == client_id)
        .order_by(ConsentEvent.at.desc(), ConsentEvent.id.desc()).limit(20)).scalars())


def _build(tenant_id: str, client_id: str) -> Organization:
    org = Organization(tenant_id)
    org.members = list(db.session.execute(
        db.select(TenantMember).where(TenantMember.tenant_id == tenant_id)
        .order_by(TenantMember.last_sign_in.desc())).scalars())
    records = list(db.session.execute(
        db.select(ConsentRecord).where(ConsentRecord.tenant_id == tenant_id)
        .order_by(ConsentRecord.granted_at.desc(), ConsentRecord.id.desc())).scalars())
    ours = [r for r in records if r.client_id == client_id]
    evidence = [r for r in ours if r.method != CLAIMED]
    org.claims = [r for r in ours if r.method == CLAIMED][:3]
    org.other_records = [r for r in records if r.client_id != client_id][:3]
    events = list(db.session.execute(
        db.select(ConsentEvent).where(ConsentEvent.tenant_id == tenant_id,
                                      ConsentEvent.client_id == client_id)
        .order_by(ConsentEvent.at.desc(), ConsentEvent.id.desc()).limit(50)).scalars())
    org.errors = events[:ERRORS_SHOWN]
    blocking = next((e for e in events if e.case in situations.BLOCKING), None)
    org.was_blocked = blocking is not None
    org.state = state_of(evidence, blocking, bool(org.members))
    shown = [r for r in evidence if r.method == CONFIRMED] if org.state == CONSENTED else evidence
    org.record = next(iter(shown), None)
    return org
