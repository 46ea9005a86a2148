"""Helpers that drive the sandbox over HTTP like a browser and a client app would."""

import base64
import hashlib
import html
import re
import secrets
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

from microsoft_sandbox.directory import seed

REDIRECT_URI = seed.DEFAULT_REDIRECT_URIS[0]
BASE_SCOPES = "openid profile email offline_access User.Read"


def pkce_pair() -> tuple[str, str]:
    """A fresh S256 code verifier and its challenge."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def form_of(html: str) -> dict:
    """The first POST form of a page: action, hidden fields and the preselected account."""
    action = re.search(r'<form method="post" action="([^"]+)"', html)
    assert action, "no form on the page"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    checked = re.search(r'name="oid" value="([^"]+)" checked', html)
    return {"action": action.group(1), "fields": fields,
            "checked": checked.group(1) if checked else None}


def text_of(response: requests.Response) -> str:
    """A page's HTML with entities decoded and whitespace collapsed, for wording checks."""
    return " ".join(html.unescape(response.text).split())


def query_of(response: requests.Response) -> dict:
    """The single-valued query parameters of a redirect's Location."""
    location = response.headers["Location"]
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


class Browser:
    """A requests session that walks the authorize flow as a user would."""

    def __init__(self, base_url: str):
        """Keep the sandbox cookie across requests; never follow redirects to the client."""
        self.base_url = base_url
        self.http = requests.Session()
        self.verifier, self.challenge = pkce_pair()
        self.nonce = secrets.token_urlsafe(16)
        self.state = secrets.token_urlsafe(16)

    def authorize(self, tenant: str = "common", **overrides) -> requests.Response:
        """GET authorize with a complete, valid request unless overridden (None drops)."""
        params = {
            "client_id": seed.DEFAULT_CLIENT_ID,
            "response_type": "code",
            "redirect_uri": REDIRECT_URI,
            "scope": BASE_SCOPES,
            "state": self.state,
            "nonce": self.nonce,
            "code_challenge": self.challenge,
            "code_challenge_method": "S256",
        }
        params.update(overrides)
        params = {k: v for k, v in params.items() if v is not None}
        url = f"{self.base_url}/{tenant}/oauth2/v2.0/authorize"
        return self.http.get(url, params=params, allow_redirects=False, timeout=10)

    def submit(self, page: requests.Response, **fields) -> requests.Response:
        """Post the page's form with its hidden fields plus `fields`."""
        form = form_of(page.text)
        data = {**form["fields"], **fields}
        url = urljoin(page.url, form["action"])
        return self.http.post(url, data=data, allow_redirects=False, timeout=10)

    def press(self, page: requests.Response, form_id: str, decision: str,
              **fields) -> requests.Response:
        """Post the page's form with this id as if its `decision` button were pressed."""
        start = page.text.rindex("<form", 0, page.text.index(f'id="{form_id}"'))
        form = form_of(page.text[start:])
        data = {**form["fields"], "decision": decision, **fields}
        url = urljoin(page.url, form["action"])
        return self.http.post(url, data=data, allow_redirects=False, timeout=10)

    def pick(self, page: requests.Response, oid: str | None = None) -> requests.Response:
        """Choose an account on the picker (the preselected one when `oid` is None)."""
        return self.submit(page, oid=oid or form_of(page.text)["checked"])

    def sign_in(self, oid: str = seed.CONTOSO_USER_OID, tenant: str = "common",
                **overrides) -> dict:
        """Authorize, pick `oid`, accept consent if asked; return the callback's parameters."""
        response = self.authorize(tenant, **overrides)
        if response.status_code == 200 and 'name="oid"' in response.text:
            response = self.pick(response, oid)
        if response.status_code == 200 and "Permissions requested" in response.text:
            response = self.submit(response, decision="accept")
        assert response.status_code == 302, response.text
        return query_of(response)

    def redeem(self, auth_code: str, **overrides) -> requests.Response:
        """POST the token endpoint for a code, client_secret_post, unless overridden."""
        data = {
            "client_id": seed.DEFAULT_CLIENT_ID,
            "client_secret": seed.DEFAULT_CLIENT_SECRET,
            "grant_type": "authorization_code",
            "code": auth_code,
            "redirect_uri": REDIRECT_URI,
            "code_verifier": self.verifier,
        }
        data.update(overrides)
        data = {k: v for k, v in data.items() if v is not None}
        return token_post(self.base_url, data)


def token_post(base_url: str, data: dict, tenant: str = "common", **kwargs):
    """POST a form to the token endpoint."""
    url = f"{base_url}/{tenant}/oauth2/v2.0/token"
    return requests.post(url, data=data, timeout=10, **kwargs)
