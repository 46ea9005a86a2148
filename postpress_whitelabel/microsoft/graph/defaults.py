"""The client's numbers that Microsoft's documentation does not give: each one a guess.

Graph documents *that* clients should honour ``Retry-After``, back off exponentially without
it, and page with ``@odata.nextLink``; it gives no retry count, deadline, pool size or page
limit. Those are chosen here, in one place, and listed in ``docs/graph-client.md``.
"""

# UNCONFIRMED: retries of one throttled call. Three waits cover a short 429 burst; more
# mostly keep a web worker busy for a user who has left.
MAX_RETRIES = 3
# UNCONFIRMED: seconds one call (with its retries and waits) may take in all; under a typical
# 60 s proxy timeout, so the page can still say "try again in N seconds".
DEADLINE = 30.0
# UNCONFIRMED: the backoff without Retry-After: 1 s, doubled each time, at most 30 s.
BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
# UNCONFIRMED: a 504 may come after Graph did the work, so a POST (sendMail, reply, create)
# is not sent again; the other methods are safe to repeat.
REPEATABLE_AFTER_504 = frozenset({"GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"})
# UNCONFIRMED: connections kept per host. Outlook serves 4 concurrent requests per mailbox;
# a threaded worker serving several users needs more than requests' default of 10.
POOL_MAXSIZE = 32
POOL_CONNECTIONS = 4  # hosts: graph.microsoft.com, plus a sandbox or proxy at most
# UNCONFIRMED: pages one list may take: 50 of Graph's default 10 items, or of $top=1000.
MAX_PAGES = 50
