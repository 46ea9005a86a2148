"""What a sign-in costs: outbound requests to Microsoft, and the app's own time.

Run: ``.venv/bin/python bench/sign_in_cost.py [--runs 50]``. Starts the sandbox on an ephemeral
port, builds the app on a temporary SQLite file, warms the discovery and key caches with one
sign-in, then signs in ``--runs`` times. Prints the sandbox's request counts per sign-in (the
budget: one token request once discovery and keys are cached) and the time the app itself spends
on the two requests of a sign-in (start and callback), beside a bare Flask route served the same
way. Figures, not assertions: this is a script, not a test.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import app_with_bare_route  # noqa: E402
from microsoft_sandbox.directory import seed  # noqa: E402
from microsoft_sandbox.server import SandboxServer  # noqa: E402
from tests.microsoft_browser import MicrosoftBrowser  # noqa: E402


def _sign_in(app, browser) -> float:
    """One sign-in; returns the app's own seconds (start + callback, Microsoft excluded)."""
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    token = html.split('name="csrf_token" value="')[1].split('"')[0]
    started = time.perf_counter()
    resp = client.post("/connect/microsoft", data={"csrf_token": token})
    app_time = time.perf_counter() - started
    back = urlsplit(browser.sign_in(resp.headers["Location"], oid=seed.CONTOSO_USER_OID))
    started = time.perf_counter()
    done = client.get(f"{back.path}?{back.query}")
    app_time += time.perf_counter() - started
    assert done.status_code == 302, done.status_code
    return app_time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no per-request lines
    with SandboxServer() as server, tempfile.TemporaryDirectory() as folder:
        app = app_with_bare_route(server.url, folder)
        browser = MicrosoftBrowser(server.url)
        _sign_in(app, browser)  # warm: discovery and keys fetched once
        server.sandbox.reset_counts()
        times = [_sign_in(app, browser) for _ in range(args.runs)]
        counts = server.sandbox.request_counts()
        client = app.test_client()
        bare = []
        for _ in range(args.runs * 2):
            started = time.perf_counter()
            client.get("/_bare")
            bare.append(time.perf_counter() - started)
    per_sign_in = {name: sum(by.values()) / args.runs for name, by in counts.items()
                   if name in ("discovery", "jwks", "token", "userinfo")}
    print(f"sign-ins measured: {args.runs} (after one warm-up)")
    print(f"outbound requests per sign-in: {per_sign_in or {}}")
    median, bare_median = statistics.median(times), statistics.median(bare)
    p95 = sorted(times)[int(len(times) * 0.95)]
    print(f"app time per sign-in (start + callback, token call included): "
          f"median {median * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms")
    print(f"bare Flask route: median {bare_median * 1000:.3f} ms "
          f"(sign-in is {median / bare_median:.0f}x a bare route, two requests and one "
          "token exchange)")


if __name__ == "__main__":
    main()
