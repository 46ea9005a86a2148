"""Checks on custom credentials before they are saved, and a live test against Microsoft.

Each check names the mistake the guide warns about, so the admin fixes the right thing: the
Secret ID pasted instead of the secret's Value, a client ID copied from the wrong field, an expiry
already past.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from flask import current_app

from ..microsoft.client import token_request_headers
from ..microsoft.errors import MicrosoftError
from ..microsoft.metadata import GUID

log = logging.getLogger(__name__)

GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default"
# 730 days is the longest lifetime Entra offers; a day more absorbs time zones.
MAX_SECRET_DAYS = 731


# Entra generates secret Values of 16 to 64 characters (Graph's passwordCredential.secretText),
# made of ASCII letters, digits and ~ . _ - in practice. It documents neither the longest Value
# nor the characters it accepts: GUESS, this bound (four times the longest generated, so a longer
# future format still fits) and printable ASCII only are ours (docs/operations.md).
MAX_SECRET_LENGTH = 256


def client_id_problem(value: str) -> str | None:
    """Why a client ID is wrong, or None."""
    if not GUID.match((value or "").strip().lower()):
        return ("The Application (client) ID is a GUID like 00000000-0000-0000-0000-000000000000: "
                "copy it from the app's Overview page in the Entra admin center.")
    return None


def secret_problem(value: str) -> str | None:
    """Why a client secret is wrong, or None."""
    value = (value or "").strip()
    if not value:
        return "Paste the client secret's Value."
    if len(value) > MAX_SECRET_LENGTH:
        return (f"This is longer than any client secret Value ({MAX_SECRET_LENGTH} characters "
                "at most; Entra's are 16 to 64): copy only the Value column.")
    if not all(c.isascii() and c.isprintable() for c in value):
        return ("This holds control characters or characters that are not in a client secret "
                "Value: copy the Value again from Certificates & secrets.")
    if GUID.match(value.lower()):
        return ("This looks like the Secret ID, not the secret. In Certificates & secrets, copy "
                "the Value column (shown only once, right after you create the secret); if it is "
                "no longer shown, create a new secret.")
    if len(value) < 16 or any(c.isspace() for c in value):
        return "This does not look like a client secret Value: it is too short or has spaces."
    return None


def expiry_problem(value: date | None, today: date) -> str | None:
    """Why an expiry date is wrong, or None."""
    if value is None:
        return "Enter the date the secret expires, as shown in Certificates & secrets."
    if value <= today:
        return "That date is already past: create a new secret in Entra and paste its Value."
    if value > today + timedelta(days=MAX_SECRET_DAYS):
        return ("Microsoft client secrets last at most 24 months: enter the Expires date shown "
                "beside the secret in Certificates & secrets, so reminders come in time.")
    return None


def same_ids_problem(client_id: str | None, tenant_id: str | None) -> str | None:
    """The two GUIDs of the Overview page mixed up: both fields hold the Directory ID."""
    if client_id and tenant_id and client_id.strip().lower() == tenant_id.strip().lower():
        return ("The Application (client) ID and the Directory (tenant) ID are the same: one of "
                "them was copied from the wrong line of the app's Overview page.")
    return None


def tenant_problem(value: str | None) -> str | None:
    """Why a Directory (tenant) ID is wrong, or None (it is optional)."""
    if value and not GUID.match(value.strip().lower()):
        return "The Directory (tenant) ID is a GUID, shown on the app's Overview page."
    return None


@dataclass(frozen=True)
class TestResult:
    """``ok``, or Microsoft's refusal in ``error``; neither means Microsoft was unreachable."""

    ok: bool
    error: MicrosoftError | None = None


def test(client_id: str, secret: str, tenant: str) -> TestResult:
    """Ask Microsoft for an app-only token with these credentials.

    The ``client_credentials`` grant proves the ID, the secret and the tenant together without
    any user, which is exactly what an admin wants to know before switching.
    """
    url = f"{current_app.config['MICROSOFT_LOGIN_URL']}/{tenant}/oauth2/v2.0/token"
    seen: list = []
    session = OAuth2Session(client_id, secret, scope=GRAPH_DEFAULT_SCOPE,
                            token_endpoint_auth_method="client_secret_post")  # noqa: S106
    session.register_compliance_hook("access_token_response",
                                     lambda resp: seen.append(resp) or resp)
    try:
        with session:
            session.fetch_token(url, grant_type="client_credentials",
                                timeout=current_app.config["HTTP_TIMEOUT"],
                                headers=token_request_headers())
    except (OAuthError, requests.RequestException, ValueError):
        if not seen:
            return TestResult(False)
        resp = seen[-1]
        error = MicrosoftError.from_token_response(resp.status_code, resp.content,
                                                   source="client_credentials")
        log.info("credentials test refused: %s", error.to_log_dict())
        return TestResult(False, error)
    return TestResult(True)
