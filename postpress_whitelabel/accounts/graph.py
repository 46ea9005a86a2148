"""Microsoft Graph for one connected account: the protocol client bound to the app.

``microsoft.graph.GraphClient`` knows HTTP and Graph and nothing of the app; this layer hands
it the account's access token from the single-flight refresh, the configured Graph host and
timeout, and turns a refused refresh into "sign in again" (the account is then marked
``needs_sign_in`` and kept, with its data).
"""

from __future__ import annotations

import logging

from flask import current_app

from ..microsoft.graph import GraphClient, GraphError, GraphResponse, SignInRequired, request_ids
from ..models import ConnectedAccount
from ..operations import metrics
from . import refresh

log = logging.getLogger(__name__)


def client_for(account: ConnectedAccount) -> GraphClient:
    """A Graph client that speaks for ``account`` (cheap: connections are pooled per process)."""
    config = current_app.config
    return GraphClient(config["MICROSOFT_GRAPH_URL"], token_provider(account),
                       timeout=config["HTTP_TIMEOUT"], on_response=_observe)


def _observe(method: str, response: GraphResponse | None) -> None:
    """Count every exchange; log Microsoft's ids with every error, for a support case."""
    metrics.graph_answered(method, response.status if response else None)
    if response is None:
        log.warning("Graph %s: no answer (client-request-id %s)", method,
                    request_ids.current_or_new())
    elif response.status >= 400:
        headers = response.headers
        log.warning("Graph %s answered %s: request-id %s, client-request-id %s, date %s",
                    method, response.status, headers.get("request-id"),
                    headers.get("client-request-id"), headers.get("Date"))


def token_provider(account: ConnectedAccount):
    """``(force_refresh) -> access token`` for the account, as the Graph client expects.

    A forced refresh names the token this provider last handed out, the one Graph refused, so
    that when several requests meet the same 401 only the first refreshes.
    """
    handed_out: list[str | None] = [None]

    def provide(force_refresh: bool) -> str:
        try:
            if force_refresh:
                token = refresh.refresh(account, force=True,
                                        refused=handed_out[0]).access_token
            else:
                token = refresh.access_token(account)
        except refresh.RefreshFailed as exc:
            raise _as_graph_error(exc) from None
        handed_out[0] = token
        return token

    return provide


def _as_graph_error(exc: refresh.RefreshFailed) -> GraphError:
    """What a failed refresh means to a Graph caller."""
    if exc.needs_sign_in:
        return SignInRequired(f"Microsoft needs this account to sign in again: {exc.reason}.",
                              code=exc.error.error if exc.error else "invalid_grant")
    if exc.temporary:
        return GraphError(f"The access token could not be renewed: {exc.reason}.",
                          code="unreachable")
    return GraphError(f"The access token could not be renewed: {exc.reason}.",
                      code=exc.error.error if exc.error else "refresh_failed")
