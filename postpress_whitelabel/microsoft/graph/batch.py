"""JSON batching (``POST /v1.0/$batch``): many requests, few round trips.

Graph takes at most 20 requests per batch, answers each by id in any order, and throttles each
inner request on its own. So: requests are split into calls of 20, keeping every group linked
by ``dependsOn`` in one call (a dependency can only name a request of the same batch); a group
larger than 20 is refused before anything is sent. An inner 429 or 503 is sent again, with
the requests that failed only because they depended on it, after its own ``Retry-After``,
inside the deadline of the whole ``batch()`` call; out of budget, its answer is kept as is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from requests.structures import CaseInsensitiveDict

from . import request_ids
from .errors import GraphError
from .response import parse_preferences
from .retry import may_retry, retry_after
from .sender import Sender

MAX_PER_CALL = 20
FAILED_DEPENDENCY = 424


@dataclass(frozen=True)
class BatchRequest:
    """One inner request; ``url`` is relative to /v1.0 (``/me/messages?$top=5``)."""

    id: str
    method: str
    url: str
    body: object = None
    headers: Mapping[str, str] | None = field(default_factory=dict)
    depends_on: tuple[str, ...] = ()

    def __post_init__(self):
        """Accept ``headers=None`` and a single id or a list for ``depends_on``."""
        object.__setattr__(self, "headers", dict(self.headers or {}))
        deps = self.depends_on
        object.__setattr__(self, "depends_on", (deps,) if isinstance(deps, str) else tuple(deps))

    def as_json(self, sent_with: set[str]) -> dict:
        """Graph's shape; ``dependsOn`` keeps only ids sent in the same call.

        A body gets ``Content-Type: application/json`` unless one is given: Graph refuses a
        body without it.
        """
        item: dict = {"id": self.id, "method": self.method.upper(), "url": self.url}
        headers = dict(self.headers)
        if self.body is not None:
            if "content-type" not in {name.lower() for name in headers}:
                headers["Content-Type"] = "application/json"
            item["body"] = self.body
        if headers:
            item["headers"] = headers
        depends_on = [d for d in self.depends_on if d in sent_with]
        if depends_on:
            item["dependsOn"] = depends_on
        return item


@dataclass(frozen=True)
class BatchResponse:
    """One inner answer: status, headers, parsed body, and a GraphError when it failed."""

    id: str
    status: int
    headers: Mapping[str, str]
    body: object = None
    client_request_id: str | None = None  # the batch call's, when the item echoes none

    @property
    def ok(self) -> bool:
        """A 2xx answer."""
        return 200 <= self.status < 300

    @property
    def error(self) -> GraphError | None:
        """Graph's refusal of this request, as the one error type; None when it succeeded."""
        if self.ok:
            return None
        return GraphError.from_response(self.status, self.headers, self.body,
                                        self.client_request_id, retry_after(self.headers))

    @property
    def preference_applied(self) -> dict[str, str]:
        """The ``Prefer`` values Graph honoured for this request."""
        return parse_preferences(self.headers.get("Preference-Applied"))


def plan_calls(requests: list[BatchRequest],
               limit: int = MAX_PER_CALL) -> list[list[BatchRequest]]:
    """Requests grouped into calls of at most ``limit``, dependency groups never split.

    :raise ValueError: duplicate or empty ids, a ``dependsOn`` naming no request, or a
        dependency group larger than one call can hold.
    """
    ids = [r.id for r in requests]
    if any(not isinstance(i, str) or not i for i in ids):
        raise ValueError("every batch request needs a non-empty string id")
    if len({i.lower() for i in ids}) != len(ids):  # Graph compares ids without case
        raise ValueError("batch request ids must be unique")
    groups = _dependency_groups(requests)
    calls: list[list[BatchRequest]] = []
    for group in groups:
        if len(group) > limit:
            raise ValueError(
                f"requests {', '.join(r.id for r in group)} depend on one another "
                f"({len(group)} of them), more than the {limit} one batch can hold; "
                "split the chain or send part of it separately")
        target = next((c for c in calls if len(c) + len(group) <= limit), None)
        if target is None:
            calls.append(list(group))
        else:
            target.extend(group)
    return calls


def _dependency_groups(requests: list[BatchRequest]) -> list[list[BatchRequest]]:
    """Requests linked by ``dependsOn`` either way, in their original order."""
    known = {r.id for r in requests}
    parent = {r.id: r.id for r in requests}

    def root(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in requests:
        for dep in r.depends_on:
            if dep not in known or dep == r.id:
                raise ValueError(f"request {r.id} depends on {dep!r}, not another request "
                                 "of this batch")
            parent[root(r.id)] = root(dep)
    groups: dict[str, list[BatchRequest]] = {}
    for r in requests:
        groups.setdefault(root(r.id), []).append(r)
    return list(groups.values())


def run_batch(client: Sender, requests: list[BatchRequest]) -> dict[str, BatchResponse]:
    """Every request's answer by id; the calls share one deadline."""
    deadline = client.deadline()
    answers: dict[str, BatchResponse] = {}
    for call in plan_calls(requests):
        answers.update(_run_call(client, call, deadline))
    return answers


def _run_call(client: Sender, call: list[BatchRequest], deadline) -> dict:
    """One call, then its throttled requests (and their dependents) again while budget lasts."""
    answers: dict[str, BatchResponse] = {}
    pending, attempt = call, 0
    while True:
        answers.update(_send(client, pending, deadline))
        again = _to_resend(pending, answers)
        if not again:
            return answers
        waits = [retry_after(answers[r.id].headers) for r in again
                 if answers[r.id].status != FAILED_DEPENDENCY]
        wait = max((w for w in waits if w is not None),
                   default=client.retry.backoff(attempt, client.rand))
        if attempt >= client.retry.max_retries or not deadline.allows(wait):
            return answers  # each throttled answer keeps its status and Retry-After
        client.sleep(wait)
        pending, attempt = again, attempt + 1


def _to_resend(sent: list[BatchRequest], answers: dict) -> list[BatchRequest]:
    """Throttled requests, plus those refused with 424 because one of them failed."""
    again = {r.id for r in sent if may_retry(answers[r.id].status, r.method)}
    grew = True
    while grew:
        grew = False
        for r in sent:
            if r.id not in again and answers[r.id].status == FAILED_DEPENDENCY \
                    and again.intersection(r.depends_on):
                again.add(r.id)
                grew = True
    return [r for r in sent if r.id in again]


def _send(client: Sender, call: list[BatchRequest], deadline) -> dict:
    """One ``POST /$batch``; its answers by id.

    :raise GraphError: the batch itself refused, or an answer this client cannot read.
    """
    ids = {r.id for r in call}
    body = {"requests": [r.as_json(ids) for r in call]}
    client_request_id = request_ids.current_or_new()
    response = client.send_url("POST", client.root + "/$batch", json_body=body,
                               headers={"client-request-id": client_request_id},
                               deadline=deadline,
                               repeatable=all(r.method.upper() == "GET" for r in call))
    items = response.body.get("responses") if isinstance(response.body, dict) else None
    answers = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("id") in ids \
                and isinstance(item.get("status"), int):
            headers = item.get("headers")
            headers = {k: str(v) for k, v in headers.items()} if isinstance(headers, dict) else {}
            answers[item["id"]] = BatchResponse(item["id"], item["status"],
                                                CaseInsensitiveDict(headers), item.get("body"),
                                                client_request_id)
    if set(answers) != ids:
        raise GraphError("Microsoft Graph answered the batch without an answer for every "
                         "request.", status=response.status, code="invalid_batch_response",
                         request_id=response.request_id,
                         client_request_id=client_request_id)
    return answers
