"""Discovery checks: the document must be the configured authority's."""

from __future__ import annotations

import pytest

from postpress_whitelabel.microsoft.id_token import IdTokenError, check_key_issuer
from postpress_whitelabel.microsoft.metadata import (
    DiscoveryError,
    MetadataCache,
    check_discovery,
    expected_issuer,
)

LOGIN = "https://login.microsoftonline.com"
TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47"


def _doc(issuer: str, host: str = LOGIN) -> dict:
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{host}/common/oauth2/v2.0/authorize",
        "token_endpoint": f"{host}/common/oauth2/v2.0/token",
        "jwks_uri": f"{host}/common/discovery/v2.0/keys",
    }


@pytest.mark.parametrize("tenant,issuer", [
    ("common", f"{LOGIN}/{{tenantid}}/v2.0"),
    ("organizations", f"{LOGIN}/{{tenantid}}/v2.0"),
    ("consumers", f"{LOGIN}/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"),
    (TENANT, f"{LOGIN}/{TENANT}/v2.0"),
    ("contoso.com", f"{LOGIN}/{TENANT}/v2.0"),
])
def test_microsofts_issuer_forms_are_accepted(tenant, issuer):
    assert check_discovery(_doc(issuer), LOGIN, tenant)["issuer"] == issuer


@pytest.mark.parametrize("tenant,issuer", [
    ("common", "https://evil.example/{tenantid}/v2.0"),
    ("common", f"{LOGIN}/{TENANT}/v2.0"),
    (TENANT, f"{LOGIN}/00000000-0000-0000-0000-000000000000/v2.0"),
    ("contoso.com", f"{LOGIN}/not-a-guid/v2.0"),
    ("contoso.com", "https://evil.example/" + TENANT + "/v2.0"),
])
def test_a_foreign_issuer_refuses_the_flow(tenant, issuer):
    with pytest.raises(DiscoveryError):
        check_discovery(_doc(issuer), LOGIN, tenant)


def test_endpoints_off_the_login_host_are_refused():
    doc = _doc(f"{LOGIN}/{{tenantid}}/v2.0")
    doc["token_endpoint"] = "https://evil.example/token"
    with pytest.raises(DiscoveryError, match="token_endpoint"):
        check_discovery(doc, LOGIN, "common")


def test_non_object_documents_are_refused():
    with pytest.raises(DiscoveryError):
        check_discovery(["issuer"], LOGIN, "common")


def test_expected_issuer_is_none_for_a_domain():
    assert expected_issuer(LOGIN, "contoso.com") is None


def test_unreachable_provider_is_a_discovery_error():
    cache = MetadataCache(timeout=0.5)
    with pytest.raises(DiscoveryError, match="could not load"):
        cache.discovery("http://127.0.0.1:9", "common")


def test_forced_refetch_is_rate_limited():
    clock = [100.0]
    cache = MetadataCache(timeout=1, refetch_interval=60, monotonic=lambda: clock[0])
    assert cache._may_refetch("u") and not cache._may_refetch("u")
    clock[0] += 61
    assert cache._may_refetch("u")


def test_a_key_signs_only_for_the_issuer_it_names():
    """Microsoft's common key set carries keys of several issuers; each vouches for its own."""
    claims = {"tid": TENANT, "iss": f"{LOGIN}/{TENANT}/v2.0"}
    for issuer in (None, f"{LOGIN}/{{tenantid}}/v2.0", claims["iss"]):
        check_key_issuer(claims, {"kid": "k", "issuer": issuer} if issuer else {"kid": "k"})
    for issuer in (f"{LOGIN}/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0",
                   f"{LOGIN}/{{tenantid}}/v2.0/x", 42):
        with pytest.raises(IdTokenError, match="another issuer"):
            check_key_issuer(claims, {"kid": "k", "issuer": issuer})
