"""The one HTTP connection pool a process uses to reach Graph, and one attempt over it.

Every client shares a single ``requests.Session``, so a page that makes several Graph calls
reuses warm TLS connections instead of opening new ones. The session is kept per process id:
a forked worker (gunicorn, multiprocessing) must not write to sockets its parent owns, so the
first call in a new process builds its own session. Retries live in the client, never in the
adapter, so each retry is seen, bounded and logged in one place.
"""

from __future__ import annotations

import os
import threading

import requests
from requests.adapters import HTTPAdapter

from .defaults import POOL_CONNECTIONS, POOL_MAXSIZE
from .errors import TIMEOUT, UNREACHABLE, GraphError

_lock = threading.Lock()
_session: requests.Session | None = None
_session_pid: int | None = None


def _new_session() -> requests.Session:
    """A session with a roomy pool and no adapter-level retries."""
    session = requests.Session()
    session.trust_env = True  # HTTPS_PROXY and the CA bundle variables still apply
    adapter = HTTPAdapter(pool_connections=POOL_CONNECTIONS, pool_maxsize=POOL_MAXSIZE,
                          max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def shared_session() -> requests.Session:
    """This process's session, created on first use (again after a fork)."""
    global _session, _session_pid
    pid = os.getpid()
    if _session is not None and _session_pid == pid:
        return _session
    with _lock:
        if _session is None or _session_pid != pid:
            # The parent's session is dropped, not closed: closing would not touch the
            # parent's sockets, but there is nothing of ours in it to clean up either.
            _session, _session_pid = _new_session(), pid
        return _session


def send(method: str, url: str, *, headers: dict, params, json_body,
         timeout: tuple[float, float]) -> requests.Response:
    """One HTTP request; a timeout or a failed connection becomes a GraphError.

    :raise GraphError: ``code`` "timeout" or "unreachable", ``status`` None.
    """
    try:
        return shared_session().request(method, url, headers=headers, params=params,
                                        json=json_body, timeout=timeout,
                                        allow_redirects=False)
    except requests.Timeout as exc:
        raise GraphError(
            f"Microsoft Graph could not be reached: no answer within {max(timeout):g} seconds.",
            code=TIMEOUT, client_request_id=headers.get("client-request-id")) from exc
    except requests.RequestException as exc:
        raise GraphError(
            "Microsoft Graph could not be reached: the connection failed.",
            code=UNREACHABLE, client_request_id=headers.get("client-request-id")) from exc
