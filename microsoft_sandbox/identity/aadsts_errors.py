"""AADSTS errors: the catalog of codes the sandbox emits and Microsoft's wire formats for them.

Every code, its OAuth `error` string and its wording live here so they are changed in one place.
Entries marked UNCONFIRMED follow the project's best guess (see microsoft-identity.md).
"""

import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote

# code: (OAuth error, HTTP status at the token endpoint, message template)
CATALOG: dict[int, tuple[str, int, str]] = {
    50011: ("invalid_request", 400,  # error string UNCONFIRMED
            "The redirect URI '{redirect_uri}' specified in the request does not match the "
            "redirect URIs configured for the application '{client_id}'. Make sure the redirect "
            "URI sent in the request matches one added to your application in the Azure portal. "
            "Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix "
            "this."),
    50020: ("access_denied", 400,
            "User account '{upn}' from identity provider '{idp}' does not exist in tenant "
            "'{tenant_name}' and cannot access the application '{client_id}'({app_name}) in that "
            "tenant. The account needs to be added as an external user in the tenant first. "
            "Sign out and sign in again with a different Azure Active Directory user account."),
    50058: ("login_required", 400,
            "A silent sign-in request was sent but no user is signed in."),
    50059: ("invalid_request", 400,  # error string UNCONFIRMED
            "No tenant-identifying information found in either the request or implied by any "
            "provided credentials."),
    50173: ("invalid_grant", 400,
            "The provided grant has expired due to it being revoked, a fresh auth token is "
            "needed. The user might have changed or reset their password. The grant was issued "
            "on '{issued}' and the TokensValidFrom date (before which tokens are not valid) for "
            "this user is '{valid_from}'."),
    50194: ("invalid_request", 400,  # error string UNCONFIRMED
            "Application '{client_id}'({app_name}) is not configured as a multi-tenant "
            "application. Usage of the /common endpoint is not supported for such applications "
            "created after '10/15/2018'. Use a tenant-specific endpoint or configure the "
            "application to be multi-tenant."),
    54005: ("invalid_grant", 400,  # error string UNCONFIRMED
            "OAuth2 Authorization code was already redeemed, please retry with a new valid code "
            "or use an existing refresh token."),
    65001: ("consent_required", 400,
            "The user or administrator has not consented to use the application with ID "
            "'{client_id}' named '{app_name}'. Send an interactive authorization request for this "
            "user and resource."),
    65004: ("access_denied", 400, "User declined to consent to access the app."),
    90006: ("temporarily_unavailable", 503,  # UNCONFIRMED: answers forced by the fault knobs
            "The service is temporarily unavailable. Please try again later."),
    90094: ("access_denied", 400,  # shown on the "Need admin approval" page
            "{app_name} needs permission to access resources in your organization that only an "
            "admin can grant. Please ask an admin to grant permission to this app before you can "
            "use it."),
    90095: ("access_denied", 400,  # UNCONFIRMED wording
            "Admin consent is required for the permissions requested by this application. An "
            "admin consent request may be sent to the admin."),
    70003: ("unsupported_grant_type", 400,
            "The app requested an unsupported grant type '{grant_type}'."),
    70008: ("invalid_grant", 400,
            "The provided authorization code or refresh token has expired due to inactivity. "
            "Send a new interactive authorization request for this user and resource."),
    70011: ("invalid_scope", 400,
            "The provided request must include a 'scope' input parameter. The provided value for "
            "the input parameter 'scope' is not valid. The scope {scope} is not valid."),
    90002: ("invalid_tenant", 400,
            "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and "
            "are signing into the correct cloud. Check with your subscription administrator, "
            "this may happen if there are no active subscriptions for the tenant."),
    90023: ("invalid_request", 400,  # UNCONFIRMED: code used for bad parameter values
            "Invalid value '{value}' for parameter '{name}'."),
    90130: ("invalid_request", 400,
            "Application '{client_id}' ({app_name}) is not supported over the /common or "
            "/consumers endpoints. Please use the /organizations or tenant-specific endpoint."),
    500011: ("invalid_resource", 400,
             "The resource principal named {resource} was not found in the tenant named "
             "{tenant}. This can happen if the application has not been installed by the "
             "administrator of the tenant or consented to by any user in the tenant. You might "
             "have sent your authentication request to the wrong tenant."),
    500208: ("access_denied", 400,  # error string UNCONFIRMED
             "The domain is not a valid login domain for the account type."),
    501481: ("invalid_grant", 400,
             "The Code_Verifier does not match the code_challenge supplied in the authorization "
             "request."),
    501491: ("invalid_request", 400,  # UNCONFIRMED wording
             "Invalid size of Code_Challenge parameter."),
    700016: ("unauthorized_client", 400,
             "Application with identifier '{client_id}' was not found in the directory "
             "'{tenant}'. This can happen if the application has not been installed by the "
             "administrator of the tenant or consented to by any user in the tenant. You may "
             "have sent your authentication request to the wrong tenant."),
    700051: ("unsupported_response_type", 400,  # UNCONFIRMED for values other than token
             "response_type '{response_type}' is not enabled for the application."),
    700027: ("invalid_client", 401,  # UNCONFIRMED wording: see CLIENT_ASSERTION_UNSUPPORTED
             "Client assertion failed signature validation. No certificate or federated "
             "credential is registered for app '{client_id}' in the sandbox, so a "
             "client_assertion (private_key_jwt) cannot be verified. Use a client secret."),
    700082: ("invalid_grant", 400,
             "The refresh token has expired due to inactivity. The token was issued on "
             "'{issued}' and was inactive for {days} days."),
    900941: ("access_denied", 400,
             "Administrator consent is required. App is considered risky. "
             "(AdminConsentRequiredDueToRiskyApp)"),
    900981: ("access_denied", 400,
             "An admin consent request was received for a risky app. "
             "(AdminConsentRequestRiskyAppWarning)"),
    900144: ("invalid_request", 400,
             "The request body must contain the following parameter: '{name}'."),
    1002012: ("invalid_scope", 400,
              "The provided value for scope {scope} is not valid. Client credential flows must "
              "have a scope value with /.default suffixed to the resource identifier "
              "(application ID URI)."),
    7000215: ("invalid_client", 401,
              "Invalid client secret provided. Ensure the secret being sent in the request is "
              "the client secret value, not the client secret ID, for a secret added to app "
              "'{client_id}'."),
    7000218: ("invalid_client", 401,
              "The request body must contain the following parameter: 'client_assertion' or "
              "'client_secret'."),
    7000222: ("invalid_client", 401,
              "The provided client secret keys for app '{client_id}' are expired. Visit the "
              "Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, "
              "or consider using certificate credentials for added security: "
              "https://aka.ms/certCreds."),
    9002313: ("invalid_grant", 400,  # error string UNCONFIRMED
              "Invalid request. Request is malformed or invalid."),
    9002332: ("invalid_request", 400,
              "Application '{client_id}'({app_name}) is configured for use by Azure Active "
              "Directory users only. Please do not use the /consumers endpoint to serve this "
              "request."),
}

# UNCONFIRMED (microsoft-identity.md section 4, "Consent screens"): what the app receives when
# the person leaves a consent page or interrupt without consenting, keyed by the page left
# (`consent.Outcome` values, plus the adminconsent prompt). Third-party captures show
# access_denied + error_subcode=cancel + AADSTS65004 for the consent prompt and for "Return to
# the application without granting consent" on "Need admin approval" (which itself is 90094).
# "Back to app" once a workflow request is sent ("request_pending") and the risk-based refusal
# carry their own codes (90095, 900941) so the app can tell who must act; the adminconsent
# redirect's cancel had no subcode. Every redirect `error` is `access_denied`.
RETURN_WITHOUT_CONSENT: dict[str, tuple[int, str | None]] = {
    "prompt": (65004, "cancel"),
    "admin_approval": (65004, "cancel"),
    "blocked": (65004, "cancel"),
    "request_approval": (65004, "cancel"),
    "request_pending": (90095, None),
    "risky_app": (900941, None),
    "adminconsent": (65004, None),
}

# UNCONFIRMED: the adminconsent endpoint on /common or /consumers (the reference only says the
# tenant is "never common") answers 90130; client_credentials on a path naming no tenant answers
# 50059; a blocked app's users see "Need admin approval" with no request form. The "basic profile"
# that risk-based step-up allows is `consent.BASIC_PROFILE`; the interrupt pages' wording is
# `consent_pages.WORDING`; the adminconsent success `scope` lists Graph permissions as full URLs
# (`admin_consent_grant.scope_parameter`).
ADMINCONSENT_WRONG_TENANT = 90130
CLIENT_CREDENTIALS_NO_TENANT = 50059
# UNCONFIRMED: a status forced by the fault knobs on an identity endpoint answers AADSTS90006
# ("ExternalServerRetryableError"), `temporarily_unavailable` for 429 and 503 and
# `server_error` for any other status.
FORCED_STATUS = 90006
# UNCONFIRMED: the sandbox registers no certificates, so any client_assertion fails with
# Microsoft's signature-validation code rather than being ignored.
CLIENT_ASSERTION_UNSUPPORTED = 700027

# UNCONFIRMED: prompt=none when max_age says the user must sign in again answers
# login_required with the code of a silent request that finds nobody signed in.
SILENT_REAUTHENTICATION = 50058

# At redemption, a redirect_uri other than the authorize one is 50011 worded differently.
REDIRECT_MISMATCH_AT_REDEMPTION = (
    "The reply address '{redirect_uri}' does not match the reply address '{expected}' provided "
    "when requesting Authorization code."
)


def format_timestamp(epoch: float) -> str:
    """Microsoft's `YYYY-MM-DD HH:MM:SSZ` form used inside error descriptions."""
    return time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime(epoch))


@dataclass(eq=False)
class AadstsError(Exception):
    """An error Microsoft would answer with; raised by views, rendered by the caller's format."""

    code: int
    params: dict = field(default_factory=dict)
    subcode: str | None = None
    error_override: str | None = None
    suberror: str | None = None
    template: str | None = None

    @property
    def error(self) -> str:
        """The OAuth `error` value paired with this code."""
        return self.error_override or CATALOG[self.code][0]

    @property
    def status(self) -> int:
        """The HTTP status the token endpoint uses for this code."""
        return CATALOG[self.code][1]

    @property
    def text(self) -> str:
        """The human sentence, with its placeholders filled."""
        return (self.template or CATALOG[self.code][2]).format(**self.params)

    def details(self, now: float, base_url: str, correlation_id: str | None = None) -> dict:
        """Trace ids, timestamp and the multi-line description, as Microsoft words them."""
        trace_id = str(uuid.uuid4())
        correlation_id = correlation_id or str(uuid.uuid4())
        stamp = format_timestamp(now)
        description = (
            f"AADSTS{self.code}: {self.text}\r\nTrace ID: {trace_id}\r\n"
            f"Correlation ID: {correlation_id}\r\nTimestamp: {stamp}"
        )
        details = {
            "error": self.error,
            "error_description": description,
            "error_codes": [self.code],
            "timestamp": stamp,
            "trace_id": trace_id,
            "correlation_id": correlation_id,
            "error_uri": error_uri(base_url, self.code),
        }
        if self.suberror:
            details["suberror"] = self.suberror
        return details

    def redirect_params(self, now: float, base_url: str, state: str | None) -> dict:
        """The parameters appended to the redirect URI for an authorize-time error."""
        full = self.details(now, base_url)
        params = {"error": full["error"], "error_description": full["error_description"]}
        if self.subcode:
            params["error_subcode"] = self.subcode
        params["error_uri"] = full["error_uri"]
        if state is not None:
            params["state"] = state
        return params


def error_uri(base_url: str, code: int) -> str:
    """Where Microsoft points for more about a code."""
    return f"{base_url}/error?code={quote(str(code))}"
