"""The directory the sandbox starts from and returns to on reset.

Identifiers are fixed so tests, demos and documentation can name them; they are shaped like
Azure's (GUIDs; a 40-character secret value with the `Q~` marker near its start) so code that
validates formats behaves as it would against Microsoft.
"""

from .models import (
    PERSONAL_TENANT_ID,
    AppRegistration,
    ClientSecret,
    ConsentPolicy,
    SignInAudience,
    Tenant,
    User,
)

# postpress's default app registration (multi-tenant, verified publisher). The secret only
# opens this offline sandbox, so it is public by design.
DEFAULT_CLIENT_ID = "3f0c9d27-5a8e-4b61-9c2d-7e41a6b8f0d3"
DEFAULT_CLIENT_SECRET = "Xk8Q~Vr2.pN7sJ-cW4hE9tLq3mZ_bA6yF1oUdGxK"  # noqa: S105
DEFAULT_CLIENT_SECRET_ID = "b7e2c4a1-9d3f-4e85-a6c0-12f8d5e9b347"  # noqa: S105
DEFAULT_APP_NAME = "postpress"
DEFAULT_PUBLISHER = "postpress"
DEFAULT_PUBLISHER_DOMAIN = "postpress.com"
POSTPRESS_TENANT_ID = "5e1a8c47-2b9d-4f03-8e6a-c9d4b2f71a05"
DEFAULT_APP_OBJECT_ID = "0c4e8a21-7f3b-4d95-a1e6-b8d2f5c9e047"
DEFAULT_PARTNER_ID = "6251873"
SECRET_LIFETIME_SECONDS = 730 * 24 * 3600

DEFAULT_REDIRECT_PATHS = (
    "/api/v1/hosted/microsoft_auth_request_callback",
    "/api/v1/hosted/microsoft_auth_request_callback/port443",
)
DEFAULT_REDIRECT_ORIGINS = ("http://localhost:5000", "http://127.0.0.1:5000")
DEFAULT_REDIRECT_URIS = tuple(
    origin + path for origin in DEFAULT_REDIRECT_ORIGINS for path in DEFAULT_REDIRECT_PATHS
)
DEFAULT_APP_SCOPES = (
    "User.Read",
    "Mail.Read",
    "Mail.ReadWrite",
    "Mail.Send",
    "Calendars.Read",
    "Calendars.ReadWrite",
    "Calendars.Read.Shared",
    "Calendars.ReadWrite.Shared",
)

# The organization tenant.
CONTOSO_TENANT_ID = "a3c7e5f1-8b2d-4c69-9e0a-6d4f1b8c2e57"
CONTOSO_NAME = "Contoso"
CONTOSO_DOMAINS = ("contoso.onmicrosoft.com", "contoso.com")
CONTOSO_ADMIN_OID = "e4b1f7c2-3a5d-4e8b-9c16-0f2a7d3b5c84"
CONTOSO_ADMIN_UPN = "MeganB@contoso.com"
CONTOSO_USER_OID = "6d2a9e4f-1c7b-4a38-b5e0-8f3c1d6a2b97"
CONTOSO_USER_UPN = "AdeleV@contoso.com"

# User consent off: non-admins see "Need admin approval".
FABRIKAM_TENANT_ID = "c2f8a1d4-6e3b-4f97-a05c-8b1d7e4f3a26"
FABRIKAM_NAME = "Fabrikam"
FABRIKAM_DOMAINS = ("fabrikam.onmicrosoft.com", "fabrikam.com")
FABRIKAM_ADMIN_OID = "9a4c2e7b-5d1f-4b83-8e60-3f7a1c9d2b48"
FABRIKAM_ADMIN_UPN = "AlexW@fabrikam.com"
FABRIKAM_USER_OID = "2e7d5b1a-8c4f-4d26-9b3e-6a0f4c8d1e75"
FABRIKAM_USER_UPN = "DiegoS@fabrikam.com"

# Admin consent workflow on: non-admins send a request that admins review in the portal.
NORTHWIND_TENANT_ID = "7b3e9f25-1a6c-4d8e-b472-0c5e8a2d6f91"
NORTHWIND_NAME = "Northwind Traders"
NORTHWIND_DOMAINS = ("northwindtraders.onmicrosoft.com", "northwindtraders.com")
NORTHWIND_ADMIN_OID = "4f1b8d3c-7e2a-4c59-a6d0-9e3b5f7c1a82"
NORTHWIND_ADMIN_UPN = "IsaiahL@northwindtraders.com"
NORTHWIND_USER_OID = "8c6a2f4e-3b9d-4e17-b5c8-1d7f0a3e6b29"
NORTHWIND_USER_UPN = "JohannaL@northwindtraders.com"
NORTHWIND_USER2_OID = "5d9e1c7a-2f4b-4a86-8c3d-7b0e6f2a9d14"
NORTHWIND_USER2_UPN = "LeeG@northwindtraders.com"

# Users may consent, but Microsoft's risk-based step-up refuses unverified multi-tenant apps.
TAILSPIN_TENANT_ID = "e5a7c3f9-4b2d-4e61-8f0a-2c9d6b4e8a37"
TAILSPIN_NAME = "Tailspin Toys"
TAILSPIN_DOMAINS = ("tailspintoys.onmicrosoft.com", "tailspintoys.com")
TAILSPIN_ADMIN_OID = "1b8f4d6e-9c3a-4f52-a7e1-5d2c8b0f4e63"
TAILSPIN_ADMIN_UPN = "NestorW@tailspintoys.com"
TAILSPIN_USER_OID = "6f2c9a1e-4d7b-4b38-9e05-8a3f1c6d2b74"
TAILSPIN_USER_UPN = "LynneR@tailspintoys.com"

# The integrator's own directory: the developer who registers apps in the portal works here.
PROSEWARE_TENANT_ID = "3d6b1f8a-5c2e-4a79-8d14-e7b9a0c3f652"
PROSEWARE_NAME = "Proseware"
PROSEWARE_DOMAINS = ("proseware.onmicrosoft.com", "proseware.com")
DEVELOPER_OID = "a7e3c5b9-1f4d-4c82-b6a0-4e8d2f9c7b13"
DEVELOPER_UPN = "PattiF@proseware.com"

# Personal Microsoft accounts all live in one fixed tenant.
CONSUMER_TENANT_ID = PERSONAL_TENANT_ID
PERSONAL_USER_OID = "00000000-0000-0000-7a3e-5c91b2d4f608"
PERSONAL_USER_UPN = "sam.taylor@outlook.com"


def seed_tenants() -> dict[str, Tenant]:
    """Return the tenants keyed by id: one per consent policy, the developer's, personal."""
    tenants = [
        Tenant(
            tenant_id=CONTOSO_TENANT_ID,
            display_name=CONTOSO_NAME,
            domains=list(CONTOSO_DOMAINS),
            consent_policy=ConsentPolicy.USER_CONSENT_ALLOWED,
        ),
        Tenant(
            tenant_id=CONSUMER_TENANT_ID,
            display_name="Microsoft Accounts",
            domains=["outlook.com", "hotmail.com", "live.com"],
            region_scope="WW",
        ),
        Tenant(FABRIKAM_TENANT_ID, FABRIKAM_NAME, list(FABRIKAM_DOMAINS),
               consent_policy=ConsentPolicy.ADMIN_APPROVAL_REQUIRED),
        Tenant(NORTHWIND_TENANT_ID, NORTHWIND_NAME, list(NORTHWIND_DOMAINS),
               consent_policy=ConsentPolicy.ADMIN_CONSENT_WORKFLOW),
        Tenant(TAILSPIN_TENANT_ID, TAILSPIN_NAME, list(TAILSPIN_DOMAINS),
               risk_based_step_up=True),
        Tenant(PROSEWARE_TENANT_ID, PROSEWARE_NAME, list(PROSEWARE_DOMAINS)),
    ]
    return {t.tenant_id: t for t in tenants}


def seed_users() -> dict[str, User]:
    """Return the demo users keyed by oid, in the order the account picker lists them."""
    users = [
        User(CONTOSO_ADMIN_OID, CONTOSO_TENANT_ID, "Megan Bowen", "Megan", "Bowen",
             CONTOSO_ADMIN_UPN, CONTOSO_ADMIN_UPN, is_admin=True, job_title="Global Administrator"),
        User(CONTOSO_USER_OID, CONTOSO_TENANT_ID, "Adele Vance", "Adele", "Vance",
             CONTOSO_USER_UPN, CONTOSO_USER_UPN, job_title="Retail Manager"),
        User(PERSONAL_USER_OID, CONSUMER_TENANT_ID, "Sam Taylor", "Sam", "Taylor",
             PERSONAL_USER_UPN, PERSONAL_USER_UPN),
        *_more_org_users(),
    ]
    return {u.oid: u for u in users}


def _more_org_users() -> list[User]:
    """An admin and a user or two in each of the other organizations, after the first three."""
    admin = "Global Administrator"
    return [
        User(FABRIKAM_ADMIN_OID, FABRIKAM_TENANT_ID, "Alex Wilber", "Alex", "Wilber",
             FABRIKAM_ADMIN_UPN, FABRIKAM_ADMIN_UPN, is_admin=True, job_title=admin),
        User(FABRIKAM_USER_OID, FABRIKAM_TENANT_ID, "Diego Siciliani", "Diego", "Siciliani",
             FABRIKAM_USER_UPN, FABRIKAM_USER_UPN, job_title="HR Manager"),
        User(NORTHWIND_ADMIN_OID, NORTHWIND_TENANT_ID, "Isaiah Langer", "Isaiah", "Langer",
             NORTHWIND_ADMIN_UPN, NORTHWIND_ADMIN_UPN, is_admin=True, job_title=admin),
        User(NORTHWIND_USER_OID, NORTHWIND_TENANT_ID, "Johanna Lorenz", "Johanna", "Lorenz",
             NORTHWIND_USER_UPN, NORTHWIND_USER_UPN, job_title="Senior Engineer"),
        User(NORTHWIND_USER2_OID, NORTHWIND_TENANT_ID, "Lee Gu", "Lee", "Gu",
             NORTHWIND_USER2_UPN, NORTHWIND_USER2_UPN, job_title="Director"),
        User(TAILSPIN_ADMIN_OID, TAILSPIN_TENANT_ID, "Nestor Wilke", "Nestor", "Wilke",
             TAILSPIN_ADMIN_UPN, TAILSPIN_ADMIN_UPN, is_admin=True, job_title=admin),
        User(TAILSPIN_USER_OID, TAILSPIN_TENANT_ID, "Lynne Robbins", "Lynne", "Robbins",
             TAILSPIN_USER_UPN, TAILSPIN_USER_UPN, job_title="Planner"),
        User(DEVELOPER_OID, PROSEWARE_TENANT_ID, "Patti Fernandez", "Patti", "Fernandez",
             DEVELOPER_UPN, DEVELOPER_UPN, is_admin=True, job_title="Lead Developer"),
    ]


def seed_apps(now: float) -> dict[str, AppRegistration]:
    """Return the app registrations keyed by client id: postpress's default app."""
    secret = ClientSecret(
        secret_id=DEFAULT_CLIENT_SECRET_ID,
        value=DEFAULT_CLIENT_SECRET,
        description="postpress default",
        expires_at=now + SECRET_LIFETIME_SECONDS,
    )
    app = AppRegistration(
        client_id=DEFAULT_CLIENT_ID,
        display_name=DEFAULT_APP_NAME,
        publisher_name=DEFAULT_PUBLISHER,
        publisher_verified=True,
        sign_in_audience=SignInAudience.ORGS_AND_PERSONAL,
        home_tenant_id=POSTPRESS_TENANT_ID,
        redirect_uris=list(DEFAULT_REDIRECT_URIS),
        secrets=[secret],
        required_scopes=list(DEFAULT_APP_SCOPES),
        publisher_domain=DEFAULT_PUBLISHER_DOMAIN,
        object_id=DEFAULT_APP_OBJECT_ID,
        publisher_domain_verified=True,
        # postpress added this optional claim, so ADMIN_EMAILS works for work accounts.
        optional_claims=["email", "xms_edov"],
        partner_id=DEFAULT_PARTNER_ID,
        created_at=now,
    )
    return {app.client_id: app}
