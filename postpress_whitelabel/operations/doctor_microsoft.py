"""The doctor's checks that ask Microsoft: discovery and keys, clock skew, the credentials.

Each asks fresh (no cache), as an operator running the doctor wants to know how things stand
now, and reports only kinds of errors and Microsoft's own codes, never a response body.
"""

from __future__ import annotations

from datetime import timedelta
from email.utils import parsedate_to_datetime

import requests
from flask import current_app

from .. import clock
from ..microsoft.metadata import GUID, DiscoveryError, check_discovery
from ..settings import checks
from ..settings import credentials as active_credentials
from ..settings.expiry import active_secret
from .doctor_findings import FAIL, OK, WARN, Finding

# Below this the skew is the Date header's one-second resolution plus the round trip.
SKEW_NOTICED = timedelta(seconds=10)
EXPIRY_WARNING_DAYS = 30


def discovery_and_clock() -> list[Finding]:
    """Discovery and the signing keys load from MICROSOFT_LOGIN_URL; our clock agrees with its."""
    config = current_app.config
    login, tenant = config["MICROSOFT_LOGIN_URL"], config["MICROSOFT_TENANT"]
    url = f"{login}/{tenant}/v2.0/.well-known/openid-configuration"
    try:
        resp = _get(url)
        doc = check_discovery(resp.json(), login, tenant)
        keys = _get(doc["jwks_uri"]).json().get("keys")
    except (requests.RequestException, ValueError, AttributeError, DiscoveryError) as exc:
        return [Finding(FAIL, "Microsoft discovery", f"{url} could not be used: "
                        f"{_why(exc)}. Check MICROSOFT_LOGIN_URL and MICROSOFT_TENANT, and "
                        "that this server may reach it (DNS, firewall, outbound proxy).")]
    found = [Finding(OK, "Microsoft discovery", f"{url} loads, issuer {doc['issuer']}.")]
    if not isinstance(keys, list) or not any(isinstance(k, dict) and k.get("kty") == "RSA"
                                             for k in keys):
        found.append(Finding(FAIL, "Microsoft signing keys", f"{doc['jwks_uri']} holds no "
                             "RSA key: no id_token could be verified."))
    else:
        found.append(Finding(OK, "Microsoft signing keys", f"{len(keys)} loaded."))
    found.append(_clock_skew(resp.headers.get("Date")))
    return found


def _get(url: str) -> requests.Response:
    resp = requests.get(url, timeout=current_app.config["HTTP_TIMEOUT"])
    resp.raise_for_status()
    return resp


def _why(exc: Exception) -> str:
    """A short reason with no response body in it."""
    if isinstance(exc, requests.HTTPError) and exc.response is not None:
        return f"it answered HTTP {exc.response.status_code}"
    if isinstance(exc, requests.Timeout):
        return f"no answer within HTTP_TIMEOUT ({current_app.config['HTTP_TIMEOUT']} s)"
    if isinstance(exc, requests.ConnectionError):
        return "the connection failed"
    if isinstance(exc, DiscoveryError):
        return str(exc)
    return "the answer is not a discovery document"


def _clock_skew(date_header: str | None) -> Finding:
    """This server's clock against Microsoft's ``Date``: id_tokens are checked against it."""
    try:
        theirs = parsedate_to_datetime(date_header or "")
    except (TypeError, ValueError):
        return Finding(WARN, "clock", "not compared: Microsoft's answer had no usable Date "
                       "header.")
    skew = clock.now() - theirs
    seconds = abs(skew.total_seconds())
    ahead = "ahead of" if skew.total_seconds() > 0 else "behind"
    leeway = current_app.config["ID_TOKEN_LEEWAY"]
    if seconds > leeway:
        return Finding(FAIL, "clock", f"{seconds:.0f} s {ahead} Microsoft's, more than the "
                       f"{leeway} s ID_TOKEN_LEEWAY: sign-ins will be refused. Synchronise "
                       "this server's clock (NTP, e.g. systemd-timesyncd or chrony).")
    if skew > SKEW_NOTICED or -skew > SKEW_NOTICED:
        return Finding(WARN, "clock", f"{seconds:.0f} s {ahead} Microsoft's (tolerated up to "
                       f"{leeway} s): synchronise this server's clock with NTP.")
    return Finding(OK, "clock", "agrees with Microsoft's within a few seconds.")


def credentials() -> list[Finding]:
    """The active client id and secret: present, accepted by Microsoft, not about to expire."""
    try:
        creds = active_credentials.active()
        row = active_credentials.stored()
    except active_credentials.CredentialsNotConfigured as exc:
        return [Finding(FAIL, "credentials", f"none usable: {exc}. Set DEFAULT_CLIENT_ID and "
                        "DEFAULT_CLIENT_SECRET, or save custom credentials in Settings > "
                        "Microsoft OAuth (or flask postpress set-credentials).")]
    except Exception as exc:  # noqa: BLE001 - the database lines above say what is wrong
        return [Finding(WARN, "credentials", f"not checked ({type(exc).__name__}): the "
                        "settings could not be read.")]
    custom = creds.source == active_credentials.CUSTOM
    tenant = row.tenant_id if custom else creds.tenant
    return [_tested(creds, tenant if tenant and GUID.match(tenant.lower()) else None),
            _expiry(custom)]


def _tested(creds, tenant: str | None) -> Finding:
    """A client credentials grant proves id, secret and tenant together, with no user."""
    topic = f"credentials ({creds.source})"
    if tenant is None:
        return Finding(OK, topic, f"client id {creds.client_id} is set; not tested against "
                       "Microsoft: no Directory (tenant) ID is known (save one with custom "
                       "credentials to have them tested).")
    result = checks.test(creds.client_id, creds.client_secret, tenant)
    if result.ok:
        return Finding(OK, topic, f"Microsoft accepts client id {creds.client_id} and its "
                       f"secret for tenant {tenant}.")
    if result.error is None:
        return Finding(FAIL, topic, "could not be tested: Microsoft's token endpoint did not "
                       "answer.")
    error, advice = result.error, result.error.advice()
    code = f" (AADSTS{error.aadsts})" if error.aadsts else ""
    return Finding(FAIL, topic, f"Microsoft refuses client id {creds.client_id}{code}: "
                   f"{advice.title}. {advice.what_to_do}")


def _expiry(custom: bool) -> Finding:
    if not custom:
        return Finding(OK, "secret expiry", "default credentials: their secret's expiry is not "
                       "recorded here; whoever issued them renews it.")
    status = active_secret(clock.now().date())
    if status is None:
        return Finding(WARN, "secret expiry", "no expiry date recorded for the custom secret: "
                       "save it again with the Expires date shown in Entra.")
    if status.days_left <= 0:
        return Finding(FAIL, "secret expiry", status.message)
    if status.days_left <= EXPIRY_WARNING_DAYS:
        return Finding(WARN, "secret expiry", status.message)
    return Finding(OK, "secret expiry", f"in {status.days_left} days ({status.expires_on}).")
