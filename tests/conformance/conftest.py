"""Fixtures driving the sandbox with Microsoft's own libraries: MSAL and the Graph SDK.

The sandbox here is its own instance serving https with a certificate it made itself (the SDK
sends tokens only over https, MSAL builds https authorities); it runs for the session and is
reset to its seed before each test. Fixture names are stable; tests in this folder use:

- `sandbox_server`: the https server (overridden here); `sandbox`, the testing kit's fixture,
  is then its state, reset per test;
- `ca_bundle`: the PEM file of the CA to trust;
- `msal_app(tenant="common", client_id=..., secret=..., **kwargs)`: an MSAL
  ConfidentialClientApplication for the seeded default app;
- `msal_sign_in(oid, scopes=..., app=None, **flow_kwargs)`: auth code + PKCE through MSAL's
  `initiate_auth_code_flow` and `acquire_token_by_auth_code_flow`, the sandbox's pages
  answered over HTTP; returns MSAL's result (pass `app=` to keep the tokens in its cache);
- `sign_in_browser`: the person's browser `msal_sign_in` uses (its cookies are the sandbox
  session), to open an MSAL `auth_uri` by hand;
- `graph_sdk(oid, scopes=...)`: a `msgraph.GraphServiceClient` signed in as that user.

The SDK is async: run its calls with `asyncio.run(...)` (each client's connections do not
outlive a loop, so one test may call it several times).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from microsoft_sandbox.directory import seed
from microsoft_sandbox.directory.scopes import for_account
from microsoft_sandbox.server import SandboxServer
from tests.conformance import sdk_clients

REDIRECT_URI = seed.DEFAULT_REDIRECT_URIS[0]
# Every delegated Graph permission the sandbox implements: what `graph_sdk` asks for by default.
GRAPH_SCOPES = ("User.Read", "Mail.Read", "Mail.ReadWrite", "Mail.Send", "Calendars.Read",
                "Calendars.ReadWrite", "Calendars.Read.Shared", "Calendars.ReadWrite.Shared")
# The SDK's generated request builders warn, as their modules load, that their own classes are
# deprecated: about the SDK's code, not about how a test uses it.
SDK_OWN_DEPRECATIONS = ("ignore::DeprecationWarning:msgraph",
                        "ignore::DeprecationWarning:kiota_")


def pytest_collection_modifyitems(items):
    """Let the SDK's own deprecation warnings pass in this folder's tests (only here)."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            for rule in SDK_OWN_DEPRECATIONS:
                item.add_marker(pytest.mark.filterwarnings(rule))


@pytest.fixture(scope="session")
def sandbox_server(tmp_path_factory):
    """The https sandbox for this folder (not the http one other tests share)."""
    server = SandboxServer(port=0, https=True, cert_dir=tmp_path_factory.mktemp("sandbox-tls"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def ca_bundle(sandbox_server) -> str:
    """The CA certificate (PEM) a client must trust to reach the sandbox."""
    return str(sandbox_server.ca_path)


@pytest.fixture
def msal_app(sandbox_server, sandbox, ca_bundle):
    """Build MSAL confidential clients: `msal_app(tenant="common", **kwargs)`."""

    def build(tenant: str = "common", client_id: str = seed.DEFAULT_CLIENT_ID,
              secret: str = seed.DEFAULT_CLIENT_SECRET, **kwargs):
        return sdk_clients.confidential_app(f"{sandbox_server.url}/{tenant}", ca_bundle,
                                            client_id, secret, **kwargs)

    return build


@pytest.fixture
def sign_in_browser(ca_bundle):
    """A person's browser at the sandbox, with its own cookies."""
    agent = sdk_clients.SignInBrowser(ca_bundle)
    yield agent
    agent.http.close()


@pytest.fixture
def msal_sign_in(msal_app, sign_in_browser, sandbox):
    """Sign a user in through MSAL (auth code + PKCE): `msal_sign_in(oid, scopes=..., app=...)`.

    Returns exactly what `acquire_token_by_auth_code_flow` returned. The answer comes by
    form_post unless `response_mode` says otherwise (MSAL warns about any other mode).
    """

    def sign_in(oid: str = seed.CONTOSO_USER_OID, scopes=("User.Read",), app=None,
                **flow_kwargs) -> dict:
        app = app or msal_app()
        flow_kwargs.setdefault("login_hint", sandbox.user(oid).upn)
        flow_kwargs.setdefault("response_mode", "form_post")
        flow = app.initiate_auth_code_flow(list(scopes), redirect_uri=REDIRECT_URI,
                                           **flow_kwargs)
        assert "code_challenge_method=S256" in flow["auth_uri"]  # PKCE, always
        return app.acquire_token_by_auth_code_flow(
            flow, sign_in_browser.sign_in(flow["auth_uri"], oid))

    return sign_in


@pytest.fixture
def graph_sdk(sandbox_server, sandbox, msal_app, msal_sign_in, ca_bundle):
    """A GraphServiceClient signed in as a user: `graph_sdk(oid, scopes=GRAPH_SCOPES)`.

    The user's grant is recorded first, so no consent page (or tenant policy) interrupts;
    the client's credential takes the token from MSAL's cache (refreshing through MSAL).
    """

    def build(oid: str = seed.CONTOSO_USER_OID, scopes=GRAPH_SCOPES):
        # Only what the account can hold: a personal account's `.Shared` permissions are
        # dropped from every grant, and MSAL would then refresh before each call to find them.
        scopes = for_account(list(scopes), sandbox.user(oid).is_personal)
        sandbox.record_grant(oid, seed.DEFAULT_CLIENT_ID, ["openid", "profile", *scopes])
        app = msal_app()
        result = msal_sign_in(oid, scopes=scopes, app=app)
        assert "access_token" in result, result
        account = app.get_accounts()[0]
        credential = sdk_clients.MsalUserCredential(app, account)
        return sdk_clients.graph_client(sandbox_server.url, ca_bundle, credential, list(scopes))

    return build
