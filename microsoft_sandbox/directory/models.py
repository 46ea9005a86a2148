"""Plain records the sandbox keeps in memory: the directory, registrations and issued grants.

They are dataclasses rather than ORM rows because the sandbox is reset to its seed between
tests and never persists anything. Graph's mailbox records live apart, in `graph.models`.
"""

from dataclasses import dataclass, field
from enum import StrEnum

PERSONAL_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad"


class ConsentPolicy(StrEnum):
    """What a tenant lets its non-admin users consent to (decided in `identity/consent_rules.py`).

    Admins may always consent; with the workflow on, users who may not consent can send admins a
    request instead of only being told to ask one.
    """

    USER_CONSENT_ALLOWED = "user_consent_allowed"
    ADMIN_APPROVAL_REQUIRED = "admin_approval_required"
    ADMIN_CONSENT_WORKFLOW = "admin_consent_workflow"


class SignInAudience(StrEnum):
    """The app registration's "Supported account types" setting, named as in the manifest."""

    MY_ORG = "AzureADMyOrg"
    MULTIPLE_ORGS = "AzureADMultipleOrgs"
    ORGS_AND_PERSONAL = "AzureADandPersonalMicrosoftAccount"
    PERSONAL_ONLY = "PersonalMicrosoftAccount"


@dataclass
class Tenant:
    """A directory: an organization, or the single pseudo-tenant of personal accounts."""

    tenant_id: str
    display_name: str
    domains: list[str]
    consent_policy: ConsentPolicy = ConsentPolicy.USER_CONSENT_ALLOWED
    region_scope: str = "NA"
    # Microsoft's risk-based step-up: users may not consent to unverified multi-tenant apps that
    # ask for more than basic profile permissions (AADSTS900941).
    risk_based_step_up: bool = False

    @property
    def initial_domain(self) -> str:
        """The `*.onmicrosoft.com` domain every organization gets; the first domain otherwise."""
        for domain in self.domains:
            if domain.lower().endswith(".onmicrosoft.com"):
                return domain
        return self.domains[0] if self.domains else self.tenant_id

    @property
    def is_personal(self) -> bool:
        """Personal accounts share one tenant id and have no admins or policies."""
        return self.tenant_id == PERSONAL_TENANT_ID


@dataclass
class User:
    """A person who can sign in; `oid` and `tenant_id` are the stable key, the rest is display."""

    oid: str
    tenant_id: str
    display_name: str
    given_name: str
    surname: str
    upn: str
    mail: str
    is_admin: bool = False
    job_title: str | None = None

    @property
    def is_personal(self) -> bool:
        """Whether this is a Microsoft account rather than a work or school one."""
        return self.tenant_id == PERSONAL_TENANT_ID

    @property
    def account_kind(self) -> str:
        """The label Microsoft's account picker shows under the name."""
        return "Personal account" if self.is_personal else "Work or school account"


@dataclass
class ClientSecret:
    """A "Certificates & secrets" entry: the value is shown once; the id never authenticates."""

    secret_id: str
    value: str
    description: str
    expires_at: float

    @property
    def hint(self) -> str:
        """The first characters the portal keeps showing after creation."""
        return self.value[:3]


@dataclass
class AppRegistration:
    """An Entra app registration with what the sandbox needs to run the code flow for it."""

    client_id: str
    display_name: str
    publisher_name: str
    publisher_verified: bool
    sign_in_audience: SignInAudience
    home_tenant_id: str
    redirect_uris: list[str] = field(default_factory=list)
    secrets: list[ClientSecret] = field(default_factory=list)
    required_scopes: list[str] = field(default_factory=list)
    publisher_domain: str | None = None
    # Portal fields: the registration's object id, a publisher domain proven by the association
    # file, and the Partner Global Account (PGA) id that completes publisher verification.
    object_id: str = ""
    publisher_domain_verified: bool = False
    partner_id: str | None = None
    created_at: float = 0.0
    # Optional claims added to the ID token under Token configuration (e.g. `xms_edov`).
    optional_claims: list[str] = field(default_factory=list)

    @property
    def is_multi_tenant(self) -> bool:
        """Whether accounts outside the home tenant may sign in."""
        return self.sign_in_audience != SignInAudience.MY_ORG


@dataclass
class AuthorizationRequest:
    """An authorize call in progress, parked server-side while the user picks and consents."""

    ctx: str
    # The browser that started it: stable across a sign-in, unlike the session id (`sid`), so a
    # second tab's request survives the first tab's sign-in.
    browser_id: str
    tenant_path: str
    client_id: str
    redirect_uri: str
    response_mode: str
    scopes: list[str]
    state: str | None
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str
    prompt: str | None
    login_hint: str | None
    domain_hint: str | None
    created_at: float
    account_chosen: bool = False
    consent_shown: bool = False
    # "authorize" or "adminconsent": the two flows share the account picker and consent post.
    purpose: str = "authorize"
    # Set by "Have an admin account? Sign in with that account": show the picker again.
    pick_again: bool = False
    # OIDC max_age, in seconds: an older sign-in must be repeated; the id_token says when.
    max_age: int | None = None
    # The client sent client_info=1 (see identity/client_info.py).
    client_info: bool = False


@dataclass
class AuthorizationCode:
    """A code handed to the redirect URI, redeemable once within ten minutes."""

    code: str
    client_id: str
    redirect_uri: str
    oid: str
    tenant_id: str
    scopes: list[str]
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str
    session_id: str
    issued_at: float
    redeemed: bool = False
    # When the user last authenticated, kept only when the request had max_age (the id_token's
    # `auth_time`); refresh tokens carry it on.
    auth_time: float | None = None


@dataclass
class RefreshToken:
    """An opaque refresh token; revocation and inactivity end it."""

    token: str
    client_id: str
    oid: str
    tenant_id: str
    scopes: list[str]
    session_id: str
    issued_at: float
    revoked: bool = False
    auth_time: float | None = None


@dataclass
class TenantGrant:
    """Tenant-wide delegated consent (consentType AllPrincipals) for one app in one tenant.

    `source` says how it came about: "consent_prompt" (an admin ticked "Consent on behalf of your
    organization"), "adminconsent" (the endpoint), "request" (an approved request) or "portal".
    """

    tenant_id: str
    client_id: str
    scopes: list[str]
    granted_by: str | None
    granted_at: float
    source: str


@dataclass
class Requester:
    """One user's entry on an admin consent request, with the justification they typed."""

    oid: str
    justification: str
    requested_at: float


class RequestStatus(StrEnum):
    """Where an admin consent request stands; only pending ones can be reviewed."""

    PENDING = "pending"
    APPROVED = "approved"
    DENIED = "denied"
    BLOCKED = "blocked"


@dataclass
class ConsentRequest:
    """An admin consent request: one per app and tenant while pending, requesters accumulate."""

    request_id: str
    tenant_id: str
    client_id: str
    scopes: list[str]
    requesters: list[Requester]
    created_at: float
    status: RequestStatus = RequestStatus.PENDING
    reviewed_by: str | None = None
    reviewed_at: float | None = None
