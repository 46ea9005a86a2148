"""A Microsoft Graph v1.0 client that knows no web framework, database or app module.

Only the standard library and ``requests``. The app binds it to a connected account in a thin
layer of its own, the way Authlib splits its core client from its Flask integration.

The contract a binding fulfils::

    client = GraphClient(
        app.config["MICROSOFT_GRAPH_URL"],       # the client talks to <that>/v1.0
        token_provider,                          # (force_refresh: bool) -> access token
        timeout=app.config["HTTP_TIMEOUT"],      # connect and read timeout of each request
    )

- ``token_provider(False)`` returns the account's current access token (refreshing it first
  when it has expired); ``token_provider(True)`` must refresh even if the token looks valid,
  because Graph refused it. Build it on the app's single-flight refresh, so a burst of calls
  costs one refresh. When Microsoft refuses the refresh token (``invalid_grant``,
  ``interaction_required``) it raises :class:`SignInRequired`; that error reaches the caller,
  whose ``needs_sign_in`` is true. Any other exception it raises propagates unchanged.
- The client calls it once per call, and once more with True only after a 401
  ``InvalidAuthenticationToken``; a second 401 is a ``needs_sign_in`` GraphError.
- Clients are cheap: build one per account and request. They share one connection pool per
  process (:mod:`.transport`), safe across ``fork``.
- Everything fails as :class:`GraphError`, with predicates to branch on: ``missing_permission``
  (offer to grant the scope), ``not_found``, ``throttled`` (``retry_after`` seconds),
  ``needs_sign_in`` (send the user to sign in), ``unreachable`` (timeout, no connection).
  ``str(error)`` is safe to show; tokens never appear in errors or logs.

Where Microsoft's documentation is silent (retry count, deadline, backoff, which methods a
504 may repeat, pool size, page limit) the guesses are kept together in :mod:`.defaults`
and listed in ``docs/graph-client.md``.
"""

from .batch import BatchRequest, BatchResponse, plan_calls
from .client import GraphClient, TokenProvider
from .errors import GraphError, NextLinkRefused, SignInRequired
from .query import odata_string, prefer, query, relative_url, search_phrase
from .response import GraphResponse, parse_preferences
from .retry import RetryPolicy
from .transport import shared_session

__all__ = [
    "BatchRequest", "BatchResponse", "GraphClient", "GraphError", "GraphResponse",
    "NextLinkRefused", "RetryPolicy", "SignInRequired", "TokenProvider", "odata_string",
    "parse_preferences", "plan_calls", "prefer", "query", "relative_url", "search_phrase",
    "shared_session",
]
