"""What each Microsoft identity error means for a person, and who has to act on it.

Microsoft's own messages are written for developers and often blame the wrong party; this catalog
turns an AADSTS code (or, failing that, the OAuth ``error`` string) into plain advice aimed at the
one actor who can fix it. Texts are plain (templates escape them) and never quote the description
Microsoft sent, which an attacker can forge in a redirect.
"""

from .advice import Actor, Advice
from .advice import make as _a

__all__ = ["BY_ERROR", "CATALOG", "SUBERRORS", "Actor", "Advice"]

_APP_REG = "In the Entra admin center > App registrations > your app"
_SETTINGS = "Settings > Microsoft OAuth"


_NOT_GRANTED = (
    "If you declined by mistake, choose Try signing in again and accept. If Microsoft said "
    "\"Need admin approval\", only an administrator of your organization can let you in: ask "
    "them to approve the request in the Entra admin center (Enterprise applications > Admin "
    "consent requests), or to sign in here themselves and tick \"Consent on behalf of your "
    "organization\"."
)
_SIGN_IN_AGAIN = _a(Actor.END_USER, "Your Microsoft sign-in has expired",
    "The permission this app held for your Microsoft account expired or was revoked, for example "
    "after a password change or a long time without use.",
    "Choose Try signing in again and sign in to Microsoft; your account will be reconnected.",
)
_TENANT_MISMATCH = _a(Actor.INTEGRATOR, "This kind of account cannot sign in to this app",
    "The account type, the tenant path this app signs in through, and the app's supported account "
    "types do not fit together (for example a personal account against a work-only app).",
    f"{_APP_REG} > Authentication, check Supported account types, and set MICROSOFT_TENANT to "
    "match it: common for work and personal accounts, organizations for work accounts only, "
    "consumers for personal accounts only, or a tenant ID for a single organization.",
)
_UNVERIFIED = _a(Actor.INTEGRATOR, "Your organization blocks consent to unverified apps",
    "Microsoft treats this app as risky because its publisher is not verified, so users cannot "
    "consent to it themselves.",
    "The developer should verify the publisher: in the Entra admin center > App registrations > "
    "the app > Branding & properties, set a verified publisher domain and add the Microsoft "
    "partner ID. Until then, an administrator of the user's organization can grant consent for "
    "the whole organization.",
    status=403,
)
_MFA = _a(Actor.END_USER, "Multi-factor authentication is required",
    "Your organization requires multi-factor authentication for this sign-in.",
    "Choose Try signing in again and complete the extra verification step Microsoft asks for.",
)

CATALOG: dict[int, Advice] = {
    50011: _a(Actor.INTEGRATOR, "The redirect URI is not registered",
        "Microsoft refused the sign-in because this site's address is not registered as a "
        "redirect URI of the app.",
        f"{_APP_REG} > Authentication, add both redirect URIs shown in {_SETTINGS} exactly as "
        "shown (same scheme, host, port and path) under the Web platform, then save.",
    ),
    500113: _a(Actor.INTEGRATOR, "The app has no redirect URI",
        "The app registration has no reply address, so Microsoft cannot send the user back.",
        f"{_APP_REG} > Authentication > Add a platform > Web, and add both redirect URIs shown in "
        f"{_SETTINGS}.",
    ),
    700016: _a(Actor.INTEGRATOR, "Microsoft cannot find this app",
        "The client ID used to sign in does not match an app Microsoft can find for this account's "
        "directory.",
        f"In {_SETTINGS}, check the client ID is the Application (client) ID from the app's "
        "Overview page, not the Object ID. Check MICROSOFT_TENANT, and that Supported account "
        "types allows accounts from other organizations if other organizations sign in.",
    ),
    700025: _a(Actor.INTEGRATOR, "The app is registered as a public client",
        "Microsoft treats this app as a mobile or desktop app, which may not use a client secret.",
        f"{_APP_REG} > Authentication, put both redirect URIs under the Web platform, not "
        "Mobile and desktop applications, and set Allow public client flows to No.",
        status=401,
    ),
    7000215: _a(Actor.INTEGRATOR, "The client secret is wrong",
        "Microsoft rejected the client secret saved for this app.",
        f"{_APP_REG} > Certificates & secrets, copy the Value column, not the Secret ID, and save "
        f"it in {_SETTINGS}. If the value is no longer shown, create a new secret.",
        status=401,
    ),
    7000222: _a(Actor.INTEGRATOR, "The client secret has expired",
        "The client secret saved for this app is past its expiry date.",
        f"{_APP_REG} > Certificates & secrets > New client secret, copy its Value right away (it "
        f"is shown once) and save it in {_SETTINGS}.",
        status=401,
    ),
    7000218: _a(Actor.INTEGRATOR, "No client secret was sent",
        "Microsoft needs a client secret for this app, and none was configured.",
        f"{_APP_REG} > Certificates & secrets, create a client secret and save its Value in "
        f"{_SETTINGS}.",
        status=401,
    ),
    65001: _a(Actor.END_USER, "This app needs your permission",
        "Microsoft has no record that you allowed this app to access your account.",
        "Choose Try signing in again and accept the permissions on Microsoft's consent screen.",
        status=403,
    ),
    65004: _a(Actor.END_USER, "The permissions were not granted",
        "The sign-in stopped on Microsoft's page without the permissions this app asks for: "
        "either they were declined, or Microsoft said they need an administrator's approval.",
        _NOT_GRANTED,
        status=403,
    ),
    65005: _a(Actor.INTEGRATOR, "The app's API permissions are incomplete",
        "The app asks for a permission that is not configured on its registration, or that "
        "service is not available in the user's organization.",
        f"{_APP_REG} > API permissions, add every Microsoft Graph delegated permission listed in "
        f"{_SETTINGS}.",
    ),
    650052: _a(Actor.ADMIN, "Your organization lacks a required Microsoft service",
        "Your organization has not enabled or subscribed to a service this app needs, for example "
        "an Exchange Online mailbox.",
        "Ask your Microsoft 365 administrator to check that your organization subscribes to "
        "and has enabled that service (Exchange Online for mail and calendars), then sign in "
        "again.",
    ),
    650057: _a(Actor.INTEGRATOR, "The app asks for a permission it has not registered",
        "The sign-in asked for access to an API that is not in the app's configured permissions.",
        f"{_APP_REG} > API permissions, add the Microsoft Graph delegated permissions listed in "
        f"{_SETTINGS}.",
    ),
    90094: _a(Actor.ADMIN, "Administrator approval required",
        "This app needs permission to access resources in your organization that only an admin "
        "can grant.",
        "Ask your Microsoft 365 administrator to grant consent for the whole organization, either "
        "by approving the request in Entra > Enterprise applications > Activity > Admin consent "
        "requests, or by signing in here themselves and ticking 'Consent on behalf of your "
        "organization'.",
        retry=True,
    ),
    90095: _a(Actor.ADMIN, "Waiting for administrator approval",
        "Your organization requires an administrator to approve this app. You can send them a "
        "request from Microsoft's approval screen.",
        "Your administrator reviews the request in the Entra admin center > Enterprise "
        "applications > Activity > Admin consent requests. Once they approve it, sign in again.",
        retry=True,
    ),
    50020: _a(Actor.INTEGRATOR, "This account cannot sign in to this app",
        "The account belongs to an organization (or is a personal account) that this app's "
        "configuration does not accept.",
        "Set MICROSOFT_TENANT to common or organizations and let other organizations sign in under "
        f"{_APP_REG} > Authentication > Supported account types, or invite the user as a guest.",
        status=403,
    ),
    50194: _a(Actor.INTEGRATOR, "The app only accepts one organization",
        "The app is registered for a single organization, but sign-in went through a "
        "multi-organization address.",
        f"{_APP_REG} > Authentication > Supported account types, allow accounts in any "
        "organizational directory, or set MICROSOFT_TENANT to your tenant ID.",
    ),
    70011: _a(Actor.INTEGRATOR, "The app asked for an invalid permission",
        "A scope in the sign-in request is not valid for Microsoft.",
        "Check the scopes listed in Settings (including those added by plugins) are valid "
        f"Microsoft Graph delegated permissions, and add them under {_APP_REG} > API permissions.",
    ),
    50076: _MFA,
    50079: _a(Actor.END_USER, "Set up multi-factor authentication",
        "Your organization requires you to register a verification method before you can sign in.",
        "Add a method at https://mysignins.microsoft.com/security-info (or follow Microsoft's "
        "prompts), then choose Try signing in again.",
    ),
    53003: _a(Actor.ADMIN, "Blocked by your organization's Conditional Access",
        "A Conditional Access policy of your organization blocked this sign-in.",
        "Ask your administrator to look up the sign-in in Entra > Sign-in logs using the "
        "correlation ID on this page, and adjust the policy if this app should be allowed.",
    ),
    54005: _a(Actor.APP, "This sign-in was already used",
        "The sign-in response was submitted twice (a double click, a reload or the back button), "
        "and Microsoft only accepts it once.",
        "Start the sign-in again. If it keeps happening, the developer should check nothing "
        "replays the callback URL.",
    ),
    70008: _SIGN_IN_AGAIN,
    700082: _SIGN_IN_AGAIN,
    50173: _SIGN_IN_AGAIN,
    9002313: _a(Actor.INTEGRATOR, "Microsoft rejected a malformed request",
        "The sign-in request sent to Microsoft was malformed or invalid.",
        "Developer: check the client ID, tenant and redirect URI settings and the server log.",
    ),
    900144: _a(Actor.INTEGRATOR, "A required parameter was missing",
        "The request to Microsoft lacked a parameter it requires.",
        f"Developer: check the client ID and secret are saved in {_SETTINGS} and see the log.",
    ),
    500208: _TENANT_MISMATCH,
    9002332: _TENANT_MISMATCH,
    90130: _TENANT_MISMATCH,
    501481: _a(Actor.APP, "The sign-in could not be verified",
        "The proof this app sent with the sign-in did not match the one it started with, which "
        "can happen when two sign-ins run in different tabs.",
        "Close other sign-in tabs and start again. If it persists, the developer should check the "
        "PKCE code verifier is kept per sign-in.",
    ),
    900941: _UNVERIFIED,
    900981: _UNVERIFIED,
    # Extras outside the reference table, with well-established meanings.
    90002: _a(Actor.INTEGRATOR, "Microsoft cannot find the tenant",
        "The tenant this app signs in through does not exist or is misspelled.",
        "Check MICROSOFT_TENANT: common, organizations, consumers, a tenant ID or a verified "
        "domain.",
    ),
    700054: _a(Actor.INTEGRATOR, "The response type is not enabled",
        "The app asked Microsoft for a response type its registration does not allow.",
        "Use the authorization code flow (response_type=code); do not enable implicit grant.",
    ),
    50058: _a(Actor.END_USER, "You need to sign in to Microsoft",
        "A silent sign-in was attempted but you are not signed in to Microsoft in this browser.",
        "Choose Try signing in again and sign in to Microsoft.",
    ),
    70000: _SIGN_IN_AGAIN,
    50105: _a(Actor.ADMIN, "You are not assigned to this app",
        "Your organization only lets users it has assigned to this app sign in.",
        "Ask your administrator to add you under Entra > Enterprise applications > this app > "
        "Users and groups.",
    ),
    50057: _a(Actor.ADMIN, "Your account is disabled",
        "Microsoft reports that your account is disabled.",
        "Contact your Microsoft 365 administrator to re-enable your account.",
    ),
}

_CONSENT = CATALOG[65001]
_CONFIG = _a(Actor.INTEGRATOR, "The app's Microsoft settings are wrong",
    "Microsoft rejected how this app is configured.",
    f"Developer: check the client ID, client secret and redirect URIs in {_SETTINGS} match the "
    "app registration in the Entra admin center, then look at the server log.",
)

BY_ERROR: dict[str, Advice] = {
    "invalid_request": _a(Actor.INTEGRATOR, "Microsoft rejected the sign-in request",
        "The request sent to Microsoft was missing something or was not valid.",
        f"Developer: check the client ID, tenant and redirect URIs in {_SETTINGS}.",
    ),
    "unauthorized_client": _CONFIG,
    "invalid_client": _a(Actor.INTEGRATOR, "Microsoft rejected the app's credentials",
        "The client ID or client secret for this app was not accepted.",
        f"{_APP_REG} > Certificates & secrets, copy a current secret's Value (not its Secret ID) "
        f"and save it with the Application (client) ID in {_SETTINGS}.",
        status=401,
    ),
    "access_denied": CATALOG[65004],
    "unsupported_response_type": CATALOG[700054],
    "unsupported_grant_type": _a(Actor.APP, "The app used an unsupported request",
        "This app asked Microsoft for a kind of token Microsoft does not offer here.",
        "Start again. If it persists, the developer should check the token request.",
    ),
    "server_error": _a(Actor.END_USER, "Microsoft had a problem",
        "Microsoft's sign-in service returned an error on its side.",
        "Wait a minute and choose Try signing in again.",
        status=502,
    ),
    "temporarily_unavailable": _a(Actor.END_USER, "Microsoft is busy",
        "Microsoft's sign-in service is temporarily unavailable or overloaded.",
        "Wait a few minutes and choose Try signing in again.",
        status=503,
    ),
    "invalid_resource": CATALOG[650057],
    "invalid_scope": CATALOG[70011],
    "login_required": CATALOG[50058],
    "interaction_required": _a(Actor.END_USER, "Microsoft needs you to sign in",
        "Microsoft needs you to sign in or confirm something before continuing.",
        "Choose Try signing in again and follow Microsoft's prompts.",
    ),
    "consent_required": _CONSENT,
    "invalid_grant": _SIGN_IN_AGAIN,
}

SUBERRORS: dict[str, Advice] = {
    "cancel": _a(Actor.END_USER, "Sign-in cancelled",
        "The sign-in was left on Microsoft's page before access was granted: declined, or "
        "stopped at a page saying an administrator's approval is needed.",
        _NOT_GRANTED,
        status=403,
    ),
    "consent_required": _CONSENT,
    "bad_token": _SIGN_IN_AGAIN,
    "token_expired": _SIGN_IN_AGAIN,
    "user_password_expired": _a(Actor.END_USER, "Your password has expired",
        "Microsoft needs you to change your password before signing in.",
        "Choose Try signing in again and change your password when Microsoft asks.",
    ),
}
