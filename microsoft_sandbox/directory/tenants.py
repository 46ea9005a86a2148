"""The `{tenant}` path segment: what it names, which issuer it advertises, whom it admits.

`common`, `organizations`, `consumers`, a tenant GUID or one of a tenant's domains are the forms
Microsoft accepts; the rules about which account may sign in through which path live here.
"""

from dataclasses import dataclass

from ..identity.aadsts_errors import AadstsError
from .models import PERSONAL_TENANT_ID, AppRegistration, SignInAudience, Tenant, User

COMMON, ORGANIZATIONS, CONSUMERS = "common", "organizations", "consumers"
ISSUER_PLACEHOLDER = "{tenantid}"


@dataclass(frozen=True)
class TenantPath:
    """A resolved `{tenant}` segment; `tenant` is None for common and organizations."""

    segment: str
    kind: str
    tenant: Tenant | None

    @property
    def is_personal(self) -> bool:
        """Whether only personal accounts may use this path."""
        return self.kind == CONSUMERS or bool(self.tenant and self.tenant.is_personal)

    @property
    def endpoint_segment(self) -> str:
        """The segment discovery puts in endpoint URLs (a domain becomes its GUID)."""
        return self.tenant.tenant_id if self.kind == "tenant" else self.segment

    @property
    def display_name(self) -> str:
        """How error messages name the directory."""
        return self.tenant.display_name if self.kind == "tenant" else self.segment

    def issuer(self, base_url: str) -> str:
        """The discovery issuer: a literal `{tenantid}` template for multi-tenant paths."""
        tid = ISSUER_PLACEHOLDER if self.tenant is None else self.tenant.tenant_id
        return f"{base_url}/{tid}/v2.0"


def resolve(segment: str, tenants: dict[str, Tenant]) -> TenantPath:
    """Resolve a path segment against the directory.

    :raise AadstsError: 90002 when no tenant has that id or domain.
    """
    lowered = segment.lower()
    if lowered in (COMMON, ORGANIZATIONS):
        return TenantPath(lowered, lowered, None)
    if lowered == CONSUMERS:
        return TenantPath(lowered, CONSUMERS, tenants.get(PERSONAL_TENANT_ID))
    for tenant in tenants.values():
        if lowered == tenant.tenant_id or lowered in (d.lower() for d in tenant.domains):
            return TenantPath(segment, "tenant", tenant)
    raise AadstsError(90002, {"tenant": segment})


def check_app(path: TenantPath, app: AppRegistration) -> None:
    """Refuse paths that the app's supported account types rule out.

    :raise AadstsError: 50194, 9002332 or 700016 as Microsoft does for audience mismatches.
    """
    audience = app.sign_in_audience
    names = {"client_id": app.client_id, "app_name": app.display_name}
    if audience == SignInAudience.MY_ORG:
        if path.kind != "tenant":
            raise AadstsError(50194, names)
        if path.tenant.tenant_id != app.home_tenant_id:
            raise AadstsError(700016, {**names, "tenant": path.display_name})
    if audience == SignInAudience.MULTIPLE_ORGS and path.is_personal:
        raise AadstsError(9002332, names)
    if audience == SignInAudience.PERSONAL_ONLY and path.kind in (ORGANIZATIONS, "tenant"):
        if not path.is_personal:
            raise AadstsError(700016, {**names, "tenant": path.display_name})


def check_user(path: TenantPath, app: AppRegistration, user: User) -> None:
    """Refuse an account that the tenant path or the app's audience does not admit.

    :raise AadstsError: 50020 for an account outside the tenant, 500208 for a work account
        on a personal-only path or app.
    """
    personal_app = app.sign_in_audience == SignInAudience.PERSONAL_ONLY
    if not user.is_personal and (path.is_personal or personal_app):
        raise AadstsError(500208)
    org_only_path = path.kind == ORGANIZATIONS or (path.kind == "tenant" and not path.is_personal)
    org_only_app = app.sign_in_audience in (SignInAudience.MY_ORG, SignInAudience.MULTIPLE_ORGS)
    outside_tenant = path.kind == "tenant" and path.tenant.tenant_id != user.tenant_id
    if (user.is_personal and (org_only_path or org_only_app)) or outside_tenant:
        raise AadstsError(50020, {
            "upn": user.upn,
            "idp": "live.com" if user.is_personal else f"https://sts.windows.net/{user.tenant_id}/",
            "tenant_name": path.display_name,
            "client_id": app.client_id,
            "app_name": app.display_name,
        })
