"""Consent beyond one user's own grant: tenant-wide grants, admin consent requests, blocked apps.

Mixed into `Sandbox`, so it shares its lock, clock and directory. The effective grant computed
here (the user's own consent plus their tenant's) is what decides whether a prompt is shown and
which scopes a token carries; `_reset_consents` runs on every reset.
"""

import copy
import uuid

from .models import (
    AppRegistration,
    ConsentPolicy,
    ConsentRequest,
    Requester,
    RequestStatus,
    TenantGrant,
    User,
)
from .scopes import OIDC_SCOPES

REVIEW_ACTIONS = ("approve", "deny", "block")


class ConsentState:
    """Tenant-wide grants, admin consent requests and blocks (a mixin of `Sandbox`)."""

    def _reset_consents(self) -> None:
        """Forget every tenant-wide grant, request and block (called with the lock held)."""
        self.tenant_grants: dict[tuple[str, str], TenantGrant] = {}
        self.consent_request_log: dict[str, ConsentRequest] = {}
        self.blocked_apps: set[tuple[str, str]] = set()

    def effective_scopes(self, user: User, client_id: str) -> list[str]:
        """The user's own grant plus their tenant's; a tenant grant implies the OIDC scopes.

        Personal accounts have no tenant grants: nobody can consent on their behalf.
        """
        with self._lock:
            scopes = list(self.grants.get((user.oid, client_id), []))
            grant = None if user.is_personal else self.tenant_grants.get(
                (user.tenant_id, client_id))
            if grant is not None:
                scopes.extend(s for s in [*grant.scopes, *OIDC_SCOPES] if s not in scopes)
            return scopes

    def tenant_grant(self, tenant_id: str, client_id: str) -> TenantGrant | None:
        """A copy of the tenant-wide grant of an app, or None."""
        with self._lock:
            return copy.deepcopy(self.tenant_grants.get((tenant_id, client_id.lower())))

    def grant_tenant_consent(self, tenant_id: str, client_id: str, scopes: list[str],
                             granted_by: str | None = None, source: str = "api") -> TenantGrant:
        """Consent for every user of a tenant, widening any existing tenant grant.

        :raise KeyError: for an unknown tenant or app.
        :raise ValueError: for the personal-account tenant, which has no admins.
        """
        with self._lock:
            tenant = self.tenants[tenant_id]
            app = self.apps[client_id.lower()]
            if tenant.is_personal:
                raise ValueError("personal accounts have no tenant-wide consent")
            key = (tenant_id, app.client_id)
            grant = self.tenant_grants.get(key)
            if grant is None:
                grant = TenantGrant(tenant_id, app.client_id, [], granted_by,
                                    self.clock.now(), source)
                self.tenant_grants[key] = grant
            grant.scopes.extend(s for s in scopes if s not in grant.scopes)
            grant.granted_by, grant.granted_at, grant.source = (
                granted_by, self.clock.now(), source)
            return copy.deepcopy(grant)

    def revoke_tenant_consent(self, tenant_id: str, client_id: str) -> bool:
        """Remove the tenant-wide grant (Enterprise applications > Permissions > Revoke)."""
        with self._lock:
            return self.tenant_grants.pop((tenant_id, client_id.lower()), None) is not None

    def revoke_user_consent(self, oid: str, client_id: str) -> bool:
        """Remove one user's own grant for an app."""
        with self._lock:
            return self.grants.pop((oid, client_id.lower()), None) is not None

    def user_consents(self, tenant_id: str, client_id: str) -> list[tuple[User, list[str]]]:
        """The users of a tenant who consented for themselves, with what they granted."""
        with self._lock:
            return [(copy.deepcopy(self.users[oid]), list(scopes))
                    for (oid, app_id), scopes in self.grants.items()
                    if app_id == client_id.lower() and oid in self.users
                    and self.users[oid].tenant_id == tenant_id]

    def has_service_principal(self, tenant_id: str, client_id: str) -> bool:
        """Whether the app is "installed" in the tenant: its home, or anyone consented there."""
        with self._lock:
            app = self.apps.get(client_id.lower())
            if app is None:
                return False
            if app.home_tenant_id == tenant_id or (tenant_id, app.client_id) in self.tenant_grants:
                return True
            return any(self.users[oid].tenant_id == tenant_id
                       for (oid, app_id) in self.grants
                       if app_id == app.client_id and oid in self.users)

    def enterprise_apps(self, tenant_id: str) -> list[AppRegistration]:
        """The apps with a service principal in the tenant, by name."""
        with self._lock:
            apps = [a for a in self.apps.values()
                    if self.has_service_principal(tenant_id, a.client_id)]
            return sorted(apps, key=lambda a: a.display_name.lower())

    def set_consent_policy(self, tenant_id: str, policy: ConsentPolicy | str | None = None,
                           risk_based_step_up: bool | None = None) -> None:
        """Change a tenant's consent settings (None leaves a setting as it is).

        :raise KeyError: for an unknown tenant.
        :raise ValueError: for an unknown policy or the personal-account tenant.
        """
        with self._lock:
            tenant = self.tenants[tenant_id]
            if tenant.is_personal:
                raise ValueError("personal accounts have no consent policies")
            if policy is not None:
                tenant.consent_policy = ConsentPolicy(policy)
            if risk_based_step_up is not None:
                tenant.risk_based_step_up = bool(risk_based_step_up)

    # -- admin consent requests --------------------------------------------------------------

    def is_blocked(self, tenant_id: str, client_id: str) -> bool:
        """Whether an admin blocked requests for this app in this tenant."""
        with self._lock:
            return (tenant_id, client_id.lower()) in self.blocked_apps

    def open_consent_request(self, tenant_id: str, client_id: str) -> ConsentRequest | None:
        """The app's pending request in the tenant (the live record; hold the lock to edit)."""
        with self._lock:
            for record in self.consent_request_log.values():
                if (record.tenant_id, record.client_id) == (tenant_id, client_id.lower()) \
                        and record.status == RequestStatus.PENDING:
                    return record
            return None

    def has_requested(self, tenant_id: str, client_id: str, oid: str) -> bool:
        """Whether this user is already waiting on a pending request for the app."""
        with self._lock:
            record = self.open_consent_request(tenant_id, client_id)
            return record is not None and any(r.oid == oid for r in record.requesters)

    def request_admin_consent(self, user: User, client_id: str, scopes: list[str],
                              justification: str) -> ConsentRequest:
        """File (or join) the pending request for an app, as "Request approval" does.

        :raise ValueError: when requests for the app are blocked in the user's tenant.
        """
        with self._lock:
            if self.is_blocked(user.tenant_id, client_id):
                raise ValueError("requests for this app are blocked")
            record = self.open_consent_request(user.tenant_id, client_id)
            now = self.clock.now()
            if record is None:
                record = ConsentRequest(str(uuid.uuid4()), user.tenant_id, client_id.lower(),
                                        [], [], now)
                self.consent_request_log[record.request_id] = record
            record.scopes.extend(s for s in scopes if s not in record.scopes)
            record.requesters = [r for r in record.requesters if r.oid != user.oid]
            record.requesters.append(Requester(user.oid, justification, now))
            return copy.deepcopy(record)

    def consent_requests(self, tenant_id: str | None = None,
                         status: RequestStatus | str | None = None) -> list[ConsentRequest]:
        """Copies of the requests, newest first, optionally of one tenant or status."""
        with self._lock:
            records = [r for r in self.consent_request_log.values()
                       if (tenant_id is None or r.tenant_id == tenant_id)
                       and (status is None or r.status == RequestStatus(status))]
            return copy.deepcopy(sorted(records, key=lambda r: r.created_at, reverse=True))

    def review_consent_request(self, request_id: str, action: str,
                               reviewer_oid: str | None = None) -> ConsentRequest:
        """Approve (tenant-wide grant), deny, or block (deny and refuse future requests).

        :raise KeyError: for an unknown request.
        :raise ValueError: for an unknown action or a request already reviewed.
        """
        if action not in REVIEW_ACTIONS:
            raise ValueError(f"action must be one of {REVIEW_ACTIONS}")
        with self._lock:
            record = self.consent_request_log[request_id]
            if record.status != RequestStatus.PENDING:
                raise ValueError("this request has already been reviewed")
            if action == "approve":
                self.grant_tenant_consent(record.tenant_id, record.client_id, record.scopes,
                                          reviewer_oid, "request")
            if action == "block":
                self.blocked_apps.add((record.tenant_id, record.client_id))
            record.status = {"approve": RequestStatus.APPROVED, "deny": RequestStatus.DENIED,
                             "block": RequestStatus.BLOCKED}[action]
            record.reviewed_by, record.reviewed_at = reviewer_oid, self.clock.now()
            return copy.deepcopy(record)
