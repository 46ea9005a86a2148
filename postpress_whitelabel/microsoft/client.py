"""The OAuth 2.0 exchange with Microsoft, through Authlib's Flask client.

A client is built per flow from the credentials that flow uses, with the discovery document
handed in from our cache. A registry-wide client (``OAuth.register``) would keep the first
credentials it saw and go stale when an integrator switches to custom credentials at run time.
"""

from __future__ import annotations

import json
import re
from typing import Protocol

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import FlaskOAuth2App
from authlib.integrations.flask_client.integration import FlaskIntegration
from authlib.integrations.requests_client import OAuth2Session

from .errors import MicrosoftError
from .graph import request_ids


class Credentials(Protocol):
    """An app's client id and secret: all this module needs of whichever credentials are active."""

    client_id: str
    client_secret: str


class TokenRequestFailed(Exception):
    """The token endpoint refused, or could not be reached (``error`` is then None)."""

    def __init__(self, error: MicrosoftError | None):
        super().__init__(error.error if error else "unreachable")
        self.error = error


def _client(creds: Credentials, discovery: dict, timeout: float, seen: list) -> FlaskOAuth2App:
    """An Authlib client for one exchange; ``seen`` receives the raw token response."""

    def keep_response(session):
        def hook(resp):
            seen.append(resp)
            return _usable_lifetime(resp)

        session.register_compliance_hook("access_token_response", hook)

    metadata = {k: v for k, v in discovery.items() if k != "jwks"}
    return FlaskOAuth2App(
        FlaskIntegration("microsoft"),
        name="microsoft",
        client_id=creds.client_id,
        client_secret=creds.client_secret,
        client_kwargs={
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": "client_secret_post",
            # OAuth2Session's own name for it: a bare "timeout" here would be ignored.
            "default_timeout": timeout,
        },
        compliance_fix=keep_response,
        **metadata,
    )


def authorization_request(creds: Credentials, discovery: dict, redirect_uri: str,
                          scopes: list[str], timeout: float, **params: str) -> dict:
    """Build the authorize URL; Authlib makes a fresh state, nonce and PKCE verifier each time.

    :returns: ``url``, ``state``, ``nonce`` and ``code_verifier``.
    """
    client = _client(creds, discovery, timeout, [])
    return client.create_authorization_url(redirect_uri, scope=" ".join(scopes), **params)


def token_request_headers() -> dict[str, str]:
    """Authlib's form headers plus the ``client-request-id`` Microsoft logs with the call."""
    return {"Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
            **request_ids.headers()}


def _failed(seen: list, exc: Exception) -> TokenRequestFailed:
    """Microsoft's parsed refusal from the raw response, or "unreachable" without one."""
    if not seen:
        return TokenRequestFailed(None)
    resp = seen[-1]
    return TokenRequestFailed(MicrosoftError.from_token_response(resp.status_code, resp.content))


def redeem_code(creds: Credentials, discovery: dict, redirect_uri: str, code: str,
                code_verifier: str, timeout: float) -> dict:
    """Exchange a code for tokens: the one outbound request of a sign-in.

    :raise TokenRequestFailed: with Microsoft's parsed error, or None when unreachable.
    """
    seen: list = []
    client = _client(creds, discovery, timeout, seen)
    try:
        token = client.fetch_access_token(
            redirect_uri=redirect_uri, code=code, code_verifier=code_verifier,
            headers=token_request_headers(),
        )
    except (OAuthError, requests.RequestException, ValueError, TypeError) as exc:
        raise _failed(seen, exc) from exc
    return _checked(token, seen)


def refresh(creds: Credentials, discovery: dict, refresh_token: str, timeout: float) -> dict:
    """Trade a refresh token for new tokens; Microsoft rotates the refresh token too.

    :raise TokenRequestFailed: with Microsoft's parsed error, or None when unreachable.
    """
    seen: list = []
    session = OAuth2Session(creds.client_id, creds.client_secret,
                            token_endpoint_auth_method="client_secret_post")  # noqa: S106
    session.register_compliance_hook("refresh_token_response",
                                     lambda resp: seen.append(resp) or _usable_lifetime(resp))
    try:
        with session:
            token = session.refresh_token(discovery["token_endpoint"],
                                          refresh_token=refresh_token, timeout=timeout,
                                          headers=token_request_headers())
    except (OAuthError, requests.RequestException, ValueError, TypeError) as exc:
        raise _failed(seen, exc) from exc
    return _checked(token, seen)


def _usable_lifetime(resp: requests.Response) -> requests.Response:
    """Drop an ``expires_in`` that is not a plain number of seconds, before Authlib reads it.

    Authlib computes ``expires_at`` from it and raises on anything else; without it the
    token simply counts as living Microsoft's usual hour (see ``connections``).
    """
    try:
        data = resp.json()
    except ValueError:
        return resp
    if isinstance(data, dict) and "expires_in" in data and lifetime(data["expires_in"]) is None:
        del data["expires_in"]
        resp._content = json.dumps(data).encode()
    return resp


def lifetime(expires_in: object) -> int | None:
    """Seconds from an ``expires_in`` (a number, or digits as text), or None for anything else
    (negative, fractional, enormous or not a number at all)."""
    text = str(expires_in) if isinstance(expires_in, int | str) else ""
    return int(text) if re.fullmatch(r"[0-9]{1,6}", text) else None


def _checked(token: object, seen: list) -> dict:
    """The token response, if its tokens are what Microsoft sends: non-empty strings."""
    if not (isinstance(token, dict) and _text(token.get("access_token"))
            and all(token.get(name) is None or _text(token[name])
                    for name in ("refresh_token", "id_token"))):
        status = seen[-1].status_code if seen else 502
        raise TokenRequestFailed(MicrosoftError.unusable_tokens(status))
    return dict(token)


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value)
