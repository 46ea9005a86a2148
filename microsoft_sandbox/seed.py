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

# Personal Microsoft accounts all live in one fixed tenant.
CONSUMER_TENANT_ID = PERSONAL_TENANT_ID
PERSONAL_USER_OID = "00000000-0000-0000-7a3e-5c91b2d4f608"
PERSONAL_USER_UPN = "sam.taylor@outlook.com"


def seed_tenants() -> dict[str, Tenant]:
    """Return the tenants keyed by id: Contoso and the personal-account tenant."""
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
    ]
    return {u.oid: u for u in users}


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
    )
    return {app.client_id: app}
