"""What the benchmarks under gunicorn share: a sandbox in this process, app servers started by
``scripts/serve`` (tests/app_servers.py), browsers that sign in, and a small load generator.

Every loop is bounded by a request count; everything talks over loopback.
"""

from __future__ import annotations

import http.client
import json
import re
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from microsoft_sandbox.server import SandboxServer
from postpress_whitelabel.testing import MicrosoftBrowser
from tests import app_servers


@dataclass
class Deployment:
    """The sandbox and the app servers of one run."""

    sandbox_server: SandboxServer
    servers: list[app_servers.AppServer]
    shared: dict

    @property
    def sandbox(self):
        return self.sandbox_server.sandbox


@contextmanager
def deployment(*, servers: int = 1, workers: int = 2, plugins: tuple[str, ...] = (),
               database: str | None = None, args: tuple = (),
               **settings: str) -> Iterator[Deployment]:
    """``servers`` app servers of ``workers`` each on one database, behind the first's name."""
    with SandboxServer() as sandbox_server, tempfile.TemporaryDirectory() as folder:
        url = database or f"sqlite:///{folder}/bench.sqlite3"
        shared = app_servers.shared_settings(sandbox_server.url, url,
                                             POSTPRESS_PLUGINS=json.dumps(list(plugins)),
                                             **settings)
        started: list[app_servers.AppServer] = []
        try:
            for n in range(servers):
                public_url = started[0].url if started else None
                started.append(app_servers.start(
                    shared, sandbox_server.sandbox, Path(folder), public_url=public_url,
                    workers=workers, migrate=n == 0, args=args))
            yield Deployment(sandbox_server, started, shared)
        finally:
            for server in started:
                server.stop()


def sign_in(server_url: str, sandbox_url: str, oid: str) -> requests.Session:
    """A browser signed in through the whole flow (button, Microsoft, callback)."""
    browser = requests.Session()
    html = browser.get(server_url + "/login", timeout=60).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    start = browser.post(server_url + "/connect/microsoft", data={"csrf_token": token},
                         allow_redirects=False, timeout=60)
    start.raise_for_status()
    callback = MicrosoftBrowser(sandbox_url).sign_in(start.headers["Location"], oid=oid)
    done = browser.get(callback, allow_redirects=False, timeout=60)
    if done.status_code != 302:
        raise RuntimeError(f"sign-in ended with HTTP {done.status_code}")
    return browser


def csrf_token(browser: requests.Session, server_url: str) -> str:
    html = browser.get(server_url + "/login", timeout=60).text
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@dataclass(frozen=True)
class Load:
    """What one load run measured."""

    requests: int
    seconds: float
    statuses: dict[int, int]
    latencies: list[float]

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        """Latency at percentile ``p`` (0..100), in milliseconds."""
        cut = statistics.quantiles(self.latencies, n=100, method="inclusive")
        return 1000 * (cut[int(p) - 1] if p < 100 else max(self.latencies))


def load(server_url: str, method: str, path: str, *, total: int, clients: int,
         headers: dict | None = None, body: str = "") -> Load:
    """Send ``total`` requests over ``clients`` kept-alive connections; time them all."""
    host, port = server_url.removeprefix("http://").split(":")
    statuses: dict[int, int] = {}
    latencies: list[float] = []
    lock = threading.Lock()
    per_client = [total // clients + (1 if n < total % clients else 0) for n in range(clients)]
    head = {"Content-Type": "application/x-www-form-urlencoded"} | (headers or {})

    def client(count: int) -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        for _ in range(count):
            started = time.perf_counter()
            connection.request(method, path, body=body or None, headers=head)
            resp = connection.getresponse()
            resp.read()
            took = time.perf_counter() - started
            with lock:
                statuses[resp.status] = statuses.get(resp.status, 0) + 1
                latencies.append(took)
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in per_client]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Load(total, time.perf_counter() - started, statuses, latencies)


def cookie_header(browser: requests.Session) -> dict:
    """The browser's cookies as a ``Cookie`` header, for the load generator."""
    return {"Cookie": "; ".join(f"{c.name}={c.value}" for c in browser.cookies)}


def worker_pids(server: app_servers.AppServer) -> list[int]:
    """The gunicorn workers of a server: children of its master (``exec``'d by the script)."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    return [int(pid) for pid in children.read_text().split()]


def rss_kib(pid: int) -> int:
    """Resident memory of a process, KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
