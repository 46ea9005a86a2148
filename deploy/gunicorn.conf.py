"""gunicorn's settings for running postpress in production: ``scripts/serve`` uses this file.

Every number comes from the environment, with defaults that suit a small VM behind a TLS proxy:

    POSTPRESS_BIND       address to listen on             127.0.0.1:8000
    WEB_CONCURRENCY      worker processes                 2 x CPUs + 1, at most 8
    POSTPRESS_THREADS    threads per worker               4
    POSTPRESS_TIMEOUT    seconds a request may take       30 (a sign-in waits on Microsoft,
                                                          HTTP_TIMEOUT, 10 s by default)
    POSTPRESS_LOG_LEVEL  the app's and gunicorn's level   info
    PROMETHEUS_MULTIPROC_DIR  where workers keep metrics  a new temporary folder

Graceful reload: ``kill -HUP <master pid>`` starts new workers on the new code and lets the old
ones finish their requests (up to ``graceful_timeout``); ``kill -TERM`` stops the same way.

Proxy headers are left to the app (``TRUSTED_PROXIES``, werkzeug's ProxyFix): gunicorn itself
trusts none, so ``X-Forwarded-Proto`` is believed exactly as far as the app is told to.

The access log never holds a query string (the callback's carries the authorization code and
state), a cookie, or the Referer (which can carry a page's query): ``%(U)s`` is the path alone;
``%(r)s`` (the request line) and ``%(q)s`` are never used.
"""

import logging
import multiprocessing
import os
import tempfile
from pathlib import Path

wsgi_app = "postpress_whitelabel:create_app()"
bind = [os.environ.get("POSTPRESS_BIND", "127.0.0.1:8000")]
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * multiprocessing.cpu_count() + 1, 8))
threads = int(os.environ.get("POSTPRESS_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("POSTPRESS_TIMEOUT", "30"))
graceful_timeout = timeout
keepalive = 5
# Each worker imports the app itself, so a HUP reload picks up new code.
preload_app = False

# No runtime control socket: nothing here uses it, and two masters on one machine (two app
# servers on two ports) would fight over its one default path.
control_socket_disable = True

forwarded_allow_ips = ""
secure_scheme_headers: dict = {}

loglevel = os.environ.get("POSTPRESS_LOG_LEVEL", "info")
errorlog = "-"
accesslog = "-"
ACCESS_LOG_FORMAT = ('%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms '
                     'request_id=%({x-request-id}o)s "%(a)s"')
access_log_format = ACCESS_LOG_FORMAT

# Metrics: each worker writes its counters here; /metrics adds up every worker's.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="postpress-metrics-"))


def on_starting(server):
    """A new master starts from zero: files from an earlier run would be counted again."""
    folder = Path(os.environ["PROMETHEUS_MULTIPROC_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in folder.glob("*.db"):
        leftover.unlink()


def post_fork(server, worker):
    """The app's own log lines (Microsoft's errors, refreshes) go to stderr too.

    The app's per-request line is left to the access log above, which carries the same request
    id, so each request is one line.
    """
    logging.basicConfig(level=loglevel.upper(),
                        format="%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s")
    logging.getLogger("postpress_whitelabel.requests").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def child_exit(server, worker):
    """A worker that is gone keeps its counters but no longer its live gauges."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
