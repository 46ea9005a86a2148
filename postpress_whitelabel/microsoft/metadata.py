"""OpenID discovery and signing keys, fetched once and cached per app.

Caching them is what keeps a sign-in at one outbound request (the token exchange). The discovery
document is checked before use: its issuer must be the configured authority and its endpoints must
live on the configured login host, so a poisoned or misconfigured document never receives a code.
"""

from __future__ import annotations

import re
import threading
import time

import requests

GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PERSONAL_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad"
TENANT_PLACEHOLDER = "{tenantid}"
ENDPOINT_KEYS = ("authorization_endpoint", "token_endpoint", "jwks_uri")


class DiscoveryError(RuntimeError):
    """The discovery document or key set could not be fetched or is not trustworthy."""


def expected_issuer(login_url: str, tenant: str) -> str | None:
    """The issuer discovery must announce for a tenant path, or None for a domain name.

    ``common`` and ``organizations`` announce the ``{tenantid}`` template; ``consumers`` the
    personal-account tenant; a tenant id itself.
    """
    tenant = tenant.lower()
    if tenant in ("common", "organizations"):
        return f"{login_url}/{TENANT_PLACEHOLDER}/v2.0"
    if tenant == "consumers":
        return f"{login_url}/{PERSONAL_TENANT_ID}/v2.0"
    if GUID.match(tenant):
        return f"{login_url}/{tenant}/v2.0"
    return None


def check_discovery(doc: object, login_url: str, tenant: str) -> dict:
    """Return the document when it is the configured authority's, else raise.

    :raise DiscoveryError: on a wrong issuer or an endpoint off the login host.
    """
    if not isinstance(doc, dict):
        raise DiscoveryError("discovery document is not a JSON object")
    issuer = doc.get("issuer")
    wanted = expected_issuer(login_url, tenant)
    if wanted is not None and issuer != wanted:
        raise DiscoveryError(f"discovery issuer {issuer!r} is not {wanted!r}")
    if wanted is None and not _is_tenant_issuer(issuer, login_url):
        raise DiscoveryError(f"discovery issuer {issuer!r} is not a {login_url} tenant issuer")
    for key in ENDPOINT_KEYS:
        value = doc.get(key)
        if not isinstance(value, str) or not value.startswith(login_url + "/"):
            raise DiscoveryError(f"discovery {key} is not on {login_url}")
    return doc


def _is_tenant_issuer(issuer: object, login_url: str) -> bool:
    if not isinstance(issuer, str) or not issuer.startswith(login_url + "/"):
        return False
    parts = issuer[len(login_url) + 1 :].split("/")
    return len(parts) == 2 and parts[1] == "v2.0" and bool(GUID.match(parts[0]))


class MetadataCache:
    """Discovery documents and key sets per URL, with a bounded refetch on unknown keys."""

    def __init__(self, timeout: float, ttl: float = 86400, refetch_interval: float = 60,
                 monotonic=time.monotonic):
        self._http = requests.Session()
        self._timeout = timeout
        self._ttl = ttl
        self._refetch_interval = refetch_interval
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._docs: dict[str, tuple[float, dict]] = {}
        self._last_forced: dict[str, float] = {}

    def discovery(self, login_url: str, tenant: str) -> dict:
        """The checked discovery document for a tenant path."""
        url = f"{login_url}/{tenant}/v2.0/.well-known/openid-configuration"
        return self._cached(url, lambda doc: check_discovery(doc, login_url, tenant))

    def signing_key(self, jwks_uri: str, kid: str | None) -> dict | None:
        """The JWK for ``kid``; refetches the set at most once per interval when it is unknown.

        A token without ``kid`` is accepted only when the set holds a single key.
        """
        key = _find_key(self._cached(jwks_uri, _check_jwks), kid)
        if key is None and kid is not None and self._may_refetch(jwks_uri):
            key = _find_key(self._cached(jwks_uri, _check_jwks, force=True), kid)
        return key

    def _may_refetch(self, url: str) -> bool:
        with self._lock:
            now = self._monotonic()
            last = self._last_forced.get(url)
            if last is not None and now - last < self._refetch_interval:
                return False
            self._last_forced[url] = now
            return True

    def _cached(self, url: str, check, force: bool = False) -> dict:
        with self._lock:
            hit = self._docs.get(url)
        if hit and not force and self._monotonic() - hit[0] < self._ttl:
            return hit[1]
        doc = check(self._fetch(url))
        with self._lock:
            self._docs[url] = (self._monotonic(), doc)
        return doc

    def _fetch(self, url: str) -> object:
        try:
            resp = self._http.get(url, timeout=self._timeout)
            resp.raise_for_status()
            return resp.json()
        except (requests.RequestException, ValueError) as exc:
            raise DiscoveryError(f"could not load {url}: {type(exc).__name__}") from exc


def _check_jwks(doc: object) -> dict:
    if not isinstance(doc, dict) or not isinstance(doc.get("keys"), list):
        raise DiscoveryError("key set is not a JWKS document")
    return doc


def _find_key(jwks: dict, kid: str | None) -> dict | None:
    keys = [k for k in jwks["keys"] if isinstance(k, dict) and k.get("kty") == "RSA"]
    if kid is None:
        return keys[0] if len(keys) == 1 else None
    return next((k for k in keys if k.get("kid") == kid), None)
