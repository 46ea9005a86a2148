"""``GraphClient``: calls to Microsoft Graph v1.0 with one user's token, and nothing else.

It knows HTTP and Graph's rules (one refresh on an expired token, throttling waits inside a
deadline, paging links that stay on Graph, JSON batching) and nothing of the app: the token
comes from a callable, the clock and the sleep are injected, errors are one ``GraphError``.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from requests.structures import CaseInsensitiveDict

from . import batch as batching
from . import defaults, paging, request_ids, transport
from .errors import GraphError, SignInRequired, parse_json
from .response import GraphResponse
from .retry import Deadline, RetryPolicy, may_retry, retry_after, throttled_message

log = logging.getLogger(__name__)

TokenProvider = Callable[[bool], str]
REFRESHABLE_401_CODE = "invalidauthenticationtoken"
_system_random = random.SystemRandom().random


class GraphClient:
    """Graph v1.0 at ``base_url + "/v1.0"`` for whoever ``token_provider`` speaks for.

    :param base_url: ``MICROSOFT_GRAPH_URL``, e.g. ``https://graph.microsoft.com``.
    :param token_provider: ``token_provider(force_refresh) -> access token``; may raise
        :class:`SignInRequired`. Called with True at most once per call, after a 401.
    :param timeout: ``HTTP_TIMEOUT``: seconds to connect and to wait for each read; a pair
        ``(connect, read)`` is accepted too. Never more than the call's remaining deadline.
    :param retry: retries and deadline of each call (:class:`RetryPolicy`).
    :param sleep, monotonic, rand: injectable for tests, so no test waits in real time.
    :param on_response: ``on_response(method, response)`` after every HTTP exchange (retries
        included; ``response`` None when Graph could not be reached), for metrics and logs.
    """

    def __init__(self, base_url: str, token_provider: TokenProvider, *,
                 timeout: float | tuple[float, float] = 10.0,
                 retry: RetryPolicy | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 monotonic: Callable[[], float] = time.monotonic,
                 rand: Callable[[], float] = _system_random,
                 on_response: Callable[[str, GraphResponse | None], None] | None = None):
        self.base_url = base_url.rstrip("/")
        self.root = self.base_url + "/v1.0"
        parts = urlsplit(self.root)
        if parts.scheme not in ("https", "http") or not parts.hostname:
            raise ValueError("base_url must be an absolute http(s) URL, e.g. "
                             "https://graph.microsoft.com")
        self._token_provider = token_provider
        self.timeout = timeout if isinstance(timeout, tuple) else (timeout, timeout)
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.monotonic = monotonic
        self.rand = rand
        self.on_response = on_response

    # The four verbs. ``path`` is relative to /v1.0: "/me/messages".

    def get(self, path: str, **options) -> GraphResponse:
        """GET a path under /v1.0."""
        return self.request("GET", path, **options)

    def post(self, path: str, **options) -> GraphResponse:
        """POST to a path under /v1.0 (``json=`` for the body)."""
        return self.request("POST", path, **options)

    def patch(self, path: str, **options) -> GraphResponse:
        """PATCH a path under /v1.0."""
        return self.request("PATCH", path, **options)

    def delete(self, path: str, **options) -> GraphResponse:
        """DELETE a path under /v1.0."""
        return self.request("DELETE", path, **options)

    def request(self, method: str, path: str, *, params=None, json=None,
                headers: dict | None = None, prefer: str | Iterable[str] | None = None,
                ) -> GraphResponse:
        """Any method on a path under /v1.0; a 2xx or 3xx answer, else a GraphError.

        :raise GraphError: Graph's refusal, a throttled call out of budget, a timeout.
        :raise ValueError: for a path that is not under /v1.0 (a full URL, say).
        """
        return self.send_url(method, self.root + self._checked_path(path), params=params,
                             json_body=json, headers=_with_prefer(headers, prefer))

    # Lists and batches, in their own modules.

    def iter_pages(self, path: str, *, params=None, headers: dict | None = None,
                   prefer=None, max_pages: int = defaults.MAX_PAGES) -> Iterator[GraphResponse]:
        """Each page of a list, following ``@odata.nextLink`` only while it stays on Graph."""
        return paging.iter_pages(self, self.root + self._checked_path(path), params=params,
                                 headers=_with_prefer(headers, prefer), max_pages=max_pages)

    def iter_items(self, path: str, **options) -> Iterator[dict]:
        """Each item (``value`` entry) of every page; see :meth:`iter_pages`."""
        for page in self.iter_pages(path, **options):
            yield from paging.items_of(page)

    def batch(self, requests: Iterable[batching.BatchRequest]) -> dict[str, batching.BatchResponse]:
        """Run requests through ``POST /v1.0/$batch``, 20 a call; answers by request id."""
        return batching.run_batch(self, list(requests))

    # The machinery: one logical call, with its refresh and its throttling waits.

    def deadline(self) -> Deadline:
        """A fresh time budget for one call (or one batch)."""
        return Deadline(self.retry.deadline, self.monotonic)

    def send_url(self, method: str, url: str, *, params=None, json_body=None,
                 headers: dict | None = None, deadline: Deadline | None = None,
                 repeatable: bool | None = None) -> GraphResponse:
        """One call to an absolute Graph URL the caller has already checked.

        One ``client-request-id`` for the call and all its retries; one forced refresh on a
        401 ``InvalidAuthenticationToken``; 429/503/504 waited out inside the deadline.
        """
        deadline = deadline or self.deadline()
        headers = _with_request_id(headers)
        token, refreshed, attempt = self._token(False), False, 0
        while True:
            response = self._attempt(method, url, token, headers, params, json_body, deadline)
            if response.status == 401 and not refreshed and _expired_token(response):
                log.info("Graph %s %s: token refused, refreshing once (client-request-id %s)",
                         method, urlsplit(url).path, headers["client-request-id"])
                token, refreshed = self._token(True), True
                continue
            if may_retry(response.status, method, repeatable):
                wait = retry_after(response.headers)
                wait = self.retry.backoff(attempt, self.rand) if wait is None else wait
                if attempt >= self.retry.max_retries or not deadline.allows(wait):
                    raise _throttled(response, headers["client-request-id"], wait)
                log.info("Graph %s %s: HTTP %s, retrying in %.1f s (client-request-id %s)",
                         method, urlsplit(url).path, response.status, wait,
                         headers["client-request-id"])
                self.sleep(wait)
                attempt += 1
                continue
            if response.status >= 400:
                raise GraphError.from_response(response.status, response.headers, response.body,
                                               headers["client-request-id"],
                                               retry_after(response.headers))
            return response

    def _attempt(self, method, url, token, headers, params, json_body,
                 deadline: Deadline) -> GraphResponse:
        """One HTTP exchange, its timeouts trimmed to what the deadline has left."""
        left = max(deadline.remaining(), 0.05)
        timeout = (min(self.timeout[0], left), min(self.timeout[1], left))
        sent = {**headers, "Authorization": f"Bearer {token}"}
        try:
            raw = transport.send(method, url, headers=sent, params=params,
                                 json_body=json_body, timeout=timeout)
        except GraphError:
            self._observe(method, None)
            raise
        response = GraphResponse(raw.status_code, CaseInsensitiveDict(raw.headers),
                                 parse_json(raw.content))
        self._observe(method, response)
        return response

    def _observe(self, method: str, response: GraphResponse | None) -> None:
        """Tell ``on_response``; its own failure never fails the call."""
        if self.on_response is None:
            return
        try:
            self.on_response(method, response)
        except Exception:  # noqa: BLE001 - an observer's bug must not cost the user the call
            log.exception("Graph on_response hook failed")

    def _token(self, force_refresh: bool) -> str:
        """The provider's token; an empty answer means nobody can call Graph for this user."""
        token = self._token_provider(force_refresh)
        if not isinstance(token, str) or not token:
            raise SignInRequired("No Microsoft access token is available for this account.",
                                 code="no_token")
        return token

    def _checked_path(self, path: str) -> str:
        """``path`` when it is a path under /v1.0, so a token never leaves for another host."""
        if not isinstance(path, str) or not path.startswith("/") or path.startswith("//") \
                or "\\" in path.partition("?")[0]:
            raise ValueError("Graph paths are relative to /v1.0 and start with one '/', "
                             "e.g. '/me/messages'")
        return path


def _with_prefer(headers: dict | None, prefer) -> dict:
    """The caller's headers plus ``Prefer`` values (joined by commas, as RFC 7240 allows)."""
    merged = dict(headers or {})
    if "Authorization" in CaseInsensitiveDict(merged):
        raise ValueError("the client sets Authorization itself")
    values = [prefer] if isinstance(prefer, str) else list(prefer or ())
    existing = [merged.pop(name) for name in list(merged) if name.lower() == "prefer"]
    values = [v for v in existing + values if v]
    if values:
        merged["Prefer"] = ", ".join(values)
    return merged


def _with_request_id(headers: dict | None) -> dict:
    """The headers with one ``client-request-id`` (the caller's, whatever its case, or new)."""
    merged = {"Accept": "application/json"}
    given = None
    for name, value in (headers or {}).items():
        if name.lower() == "client-request-id":
            given = value
        else:
            merged[name] = value
    merged["client-request-id"] = given or request_ids.current_or_new()
    return merged


def _expired_token(response: GraphResponse) -> bool:
    """A 401 a new token can cure: Graph's ``InvalidAuthenticationToken``."""
    error = response.body.get("error") if isinstance(response.body, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    return isinstance(code, str) and code.lower() == REFRESHABLE_401_CODE


def _throttled(response: GraphResponse, client_request_id: str, wait: float) -> GraphError:
    """The throttled error, saying when to come back."""
    error = GraphError.from_response(response.status, response.headers, response.body,
                                     client_request_id, retry_after=wait)
    error.message = throttled_message(response.status, wait)
    error.args = (error.message,)
    return error
