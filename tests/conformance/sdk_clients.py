"""Microsoft's own client libraries pointed at the https sandbox, with only localhost settings.

MSAL gets the sandbox as its authority with instance discovery off; the Graph SDK gets
`<sandbox>/v1.0` as its base URL and the sandbox's host as its only allowed host. Both trust
the sandbox's own CA and ignore the environment's proxy and CA settings (`REQUESTS_CA_BUNDLE`
would otherwise replace the `verify=` given to requests).
"""

from __future__ import annotations

import asyncio
import html
import ssl
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx
import msal
import requests
from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError
from kiota_authentication_azure.azure_identity_authentication_provider import (
    AzureIdentityAuthenticationProvider,
)
from msgraph import GraphServiceClient
from msgraph.graph_request_adapter import GraphRequestAdapter
from msgraph.graph_request_adapter import options as graph_sdk_options
from msgraph_core import GraphClientFactory

from tests.sandbox.helpers import form_of


def trusting_session(ca_path: str) -> requests.Session:
    """A requests session that trusts only the sandbox's CA and no environment settings."""
    session = requests.Session()
    session.trust_env = False
    session.verify = ca_path
    return session


class SignInBrowser:
    """A person's browser at the sandbox: follows an authorize URL to the client's callback."""

    def __init__(self, ca_path: str):
        """One cookie jar, so the sandbox's session (who is signed in) persists."""
        self.http = trusting_session(ca_path)

    def open(self, url: str) -> requests.Response:
        """GET a page without following the redirect back to the client."""
        return self.http.get(url, allow_redirects=False, timeout=10)

    def post_form(self, page: requests.Response, **fields) -> requests.Response:
        """Post the page's first form with its hidden fields plus `fields`."""
        form = form_of(page.text)
        return self.http.post(urljoin(page.url, form["action"]),
                              data={**form["fields"], **fields},
                              allow_redirects=False, timeout=10)

    def sign_in(self, auth_uri: str, oid: str | None) -> dict:
        """Open `auth_uri`, pick `oid` on the picker if shown, accept consent if asked;
        return the parameters sent back to the client (by redirect or form_post)."""
        page = self.open(auth_uri)
        if page.status_code == 200 and 'name="oid"' in page.text:
            page = self.post_form(page, oid=oid or form_of(page.text)["checked"])
        if page.status_code == 200 and "Permissions requested" in page.text:
            page = self.post_form(page, decision="accept")
        return self.client_parameters(page, parse_qs(urlsplit(auth_uri).query)["redirect_uri"][0])

    @staticmethod
    def client_parameters(page: requests.Response, redirect_uri: str) -> dict:
        """What a response delivers to the client: a redirect's query, or the fields of the
        self-posting form (response_mode=form_post)."""
        if page.status_code == 302:
            query = parse_qs(urlsplit(page.headers["Location"]).query)
            return {name: values[0] for name, values in query.items()}
        assert page.status_code == 200, page.text[:2000]
        form = form_of(page.text)
        assert html.unescape(form["action"]) == redirect_uri, page.text[:2000]
        return {name: html.unescape(value) for name, value in form["fields"].items()}


def confidential_app(authority: str, ca_path: str, client_id: str, secret: str,
                     **kwargs) -> msal.ConfidentialClientApplication:
    """An MSAL confidential client whose authority is the sandbox (no instance discovery)."""
    return msal.ConfidentialClientApplication(
        client_id, client_credential=secret, authority=authority,
        instance_discovery=False, http_client=trusting_session(ca_path), **kwargs)


class MsalUserCredential:
    """An azure-core TokenCredential handing the Graph SDK one user's token from MSAL's cache.

    Each call asks `acquire_token_silent`, so an expired token is refreshed by MSAL with the
    refresh token, as an application built on both libraries would do.
    """

    def __init__(self, app: msal.ClientApplication, account: dict):
        """The MSAL application holding the user's tokens, and the user's MSAL account."""
        self.app = app
        self.account = account
        self.calls: list[tuple[str, ...]] = []

    def get_token(self, *scopes: str, **kwargs) -> AccessToken:
        """A valid access token for `scopes` (claims and CAE flags are not used).

        :raise ClientAuthenticationError: when MSAL has no token and cannot refresh one.
        """
        self.calls.append(scopes)
        result = self.app.acquire_token_silent(list(scopes), account=self.account)
        if not result or "access_token" not in result:
            detail = (result or {}).get("error_description", "no token in MSAL's cache")
            raise ClientAuthenticationError(message=detail)
        return AccessToken(result["access_token"], int(time.time()) + int(result["expires_in"]))


def graph_client(base_url: str, ca_path: str, credential, scopes: list[str]
                 ) -> GraphServiceClient:
    """A GraphServiceClient for `<base_url>/v1.0` with the SDK's default middleware."""
    host = urlsplit(base_url).hostname
    auth = AzureIdentityAuthenticationProvider(credential, scopes=list(scopes),
                                               allowed_hosts=[host])
    http = httpx.AsyncClient(
        verify=ssl.create_default_context(cafile=ca_path), trust_env=False, http2=True,
        timeout=httpx.Timeout(30, connect=10),
        # No pooled connection outlives an event loop, so tests may call asyncio.run often.
        limits=httpx.Limits(max_keepalive_connections=0))
    http = GraphClientFactory.create_with_default_middleware(client=http,
                                                             options=graph_sdk_options)
    adapter = GraphRequestAdapter(auth, client=http)
    adapter.base_url = f"{base_url}/v1.0"
    return GraphServiceClient(request_adapter=adapter)


def run(call):
    """Await one SDK call on a fresh event loop of its own thread.

    Not ``asyncio.run`` in this thread: a suite that ran the browser tests first has
    Playwright's loop running here, and asyncio.run refuses to start beside it.
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, call).result()
