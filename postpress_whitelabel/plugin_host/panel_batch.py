"""One Graph round trip per account for the home page: every panel's requests in one $batch.

Panels declare the Graph requests they need (``Panel.requests``) instead of calling Graph
themselves, so a home page with mail and calendar panels costs one ``$batch`` per account.
Request ids are prefixed with the panel's position here and given back unprefixed, so two
panels may both call a request ``"latest"``. Identical reads (the same GET url and headers, no
body, no ``dependsOn``; Mail's and Calendar's mailboxSettings, say) are sent once and their
response given to each panel that asked.
"""

from __future__ import annotations

import dataclasses
import logging

from ..accounts import graph as account_graph
from ..microsoft.graph import BatchResponse, GraphError

log = logging.getLogger(__name__)


def _prefixed(index: int, request):
    prefix = f"p{index}-"
    return dataclasses.replace(request, id=prefix + request.id,
                               depends_on=tuple(prefix + d for d in request.depends_on))


def _read_key(request):
    """What makes two requests the same read, or None when a request must be sent as it is."""
    if request.method.upper() != "GET" or request.body is not None or request.depends_on:
        return None
    headers = tuple(sorted((name.lower(), value) for name, value in request.headers.items()))
    return request.url, headers


def _plan(wanted) -> tuple[list, dict[str, str]]:
    """The requests to send, and each prefixed id's id in the batch (a duplicate's original)."""
    prefixed = [_prefixed(i, request) for i, requests in wanted.items() for request in requests]
    sent_as, first = {}, {}
    for request in prefixed:
        key = _read_key(request)
        sent_as[request.id] = first.setdefault(key, request.id) if key else request.id
    batch = [dataclasses.replace(r, depends_on=tuple(sent_as[d] if d in sent_as else d
                                                     for d in r.depends_on))
             for r in prefixed if sent_as[r.id] == r.id]
    return batch, sent_as


def answers(account, panels) -> dict[int, dict[str, BatchResponse] | GraphError]:
    """For each panel with requests (by position): its responses by id, or the error that
    stopped the whole batch."""
    wanted = {i: panel.requests for i, panel in enumerate(panels)
              if getattr(panel, "requests", ())}
    if not wanted:
        return {}
    batch, sent_as = _plan(wanted)
    try:
        responses = account_graph.client_for(account).batch(batch)
    except GraphError as exc:
        log.info("home panels' batch failed: %s", exc)
        return dict.fromkeys(wanted, exc)
    return {i: {r.id: dataclasses.replace(responses[sent_as[f"p{i}-{r.id}"]], id=r.id)
                for r in requests}
            for i, requests in wanted.items()}


def first_error(answer, optional=()) -> GraphError | None:
    """What stops a panel from rendering: the batch's error, or its first failed request that
    is not ``optional`` (those reach the template as failed responses)."""
    if answer is None:
        return GraphError("The panel's data was not fetched.", code="not_fetched")
    if isinstance(answer, GraphError):
        return answer
    return next((response.error for rid, response in answer.items()
                 if not response.ok and rid not in optional), None)
