"""One Graph round trip per account for the home page: every panel's requests in one $batch.

Panels declare the Graph requests they need (``Panel.requests``) instead of calling Graph
themselves, so a home page with mail and calendar panels costs one ``$batch`` per account.
Request ids are prefixed with the panel's position here and given back unprefixed, so two
panels may both call a request ``"latest"``.
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


def answers(account, panels) -> dict[int, dict[str, BatchResponse] | GraphError]:
    """For each panel with requests (by position): its responses by id, or the error that
    stopped the whole batch."""
    wanted = {i: panel.requests for i, panel in enumerate(panels)
              if getattr(panel, "requests", ())}
    if not wanted:
        return {}
    batch = [_prefixed(i, request) for i, requests in wanted.items() for request in requests]
    try:
        responses = account_graph.client_for(account).batch(batch)
    except GraphError as exc:
        log.info("home panels' batch failed: %s", exc)
        return dict.fromkeys(wanted, exc)
    return {i: {r.id: responses[f"p{i}-{r.id}"] for r in requests}
            for i, requests in wanted.items()}


def first_error(answer) -> GraphError | None:
    """What stops a panel from rendering: the batch's error, or its first failed request."""
    if answer is None:
        return GraphError("The panel's data was not fetched.", code="not_fetched")
    if isinstance(answer, GraphError):
        return answer
    return next((response.error for response in answer.values() if not response.ok), None)
