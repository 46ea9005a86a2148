"""Getting real access tokens through the sign-in flow, and calling Graph with them."""

import datetime as dt

import requests

from microsoft_sandbox.directory import seed

from ..helpers import Browser

ALL_SCOPES = ("User.Read Mail.Read Mail.ReadWrite Mail.Send Calendars.Read Calendars.ReadWrite "
              "Calendars.Read.Shared Calendars.ReadWrite.Shared")
ADELE, MEGAN, SAM = seed.CONTOSO_USER_OID, seed.CONTOSO_ADMIN_OID, seed.PERSONAL_USER_OID


def access_token(base_url: str, sandbox, oid: str, scopes: str = ALL_SCOPES) -> str:
    """An access token for `oid` with exactly `scopes`, through authorize and token.

    The grant is recorded first, so no consent page interrupts. A token is good only until
    the next reset, so each test signs in afresh.
    """
    client_id = seed.DEFAULT_CLIENT_ID
    sandbox.revoke_user_consent(oid, client_id)
    sandbox.record_grant(oid, client_id, ["openid", "profile", *scopes.split()])
    agent = Browser(base_url)
    params = agent.sign_in(oid=oid, scope=f"openid profile {scopes}",
                           login_hint=sandbox.user(oid).upn)
    token = agent.redeem(params["code"]).json()["access_token"]
    agent.http.close()
    return token


class Graph:
    """`requests` against `/v1.0` with one user's bearer token."""

    def __init__(self, base_url: str, token: str | None):
        """Keep one session (keep-alive) and the token."""
        self.base_url = base_url
        self.root = f"{base_url}/v1.0"
        self.http = requests.Session()
        if token is not None:
            self.http.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        """Any method on a path under /v1.0 (or a full URL, e.g. a nextLink)."""
        url = path if path.startswith("http") else self.root + path
        return self.http.request(method, url, timeout=10, **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        """GET."""
        return self.call("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        """POST."""
        return self.call("POST", path, **kwargs)

    def patch(self, path: str, **kwargs) -> requests.Response:
        """PATCH."""
        return self.call("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs) -> requests.Response:
        """DELETE."""
        return self.call("DELETE", path, **kwargs)


def graph_error(response: requests.Response, status: int, code: str) -> dict:
    """Assert Graph's error shape, status and code; return the error object."""
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code, error
    inner = error["innerError"]
    assert inner["request-id"] == response.headers["request-id"]
    assert inner["client-request-id"] == response.headers["client-request-id"]
    assert inner["date"]
    return error


def window(sandbox, before_days: float = 1, after_days: float = 1) -> str:
    """calendarView's query string for a window around sandbox "now" (UTC, no offset)."""
    now = sandbox.clock.now()
    start = dt.datetime.fromtimestamp(now - before_days * 86400, dt.UTC)
    end = dt.datetime.fromtimestamp(now + after_days * 86400, dt.UTC)
    fmt = "%Y-%m-%dT%H:%M:%S"
    return f"startDateTime={start.strftime(fmt)}&endDateTime={end.strftime(fmt)}"
