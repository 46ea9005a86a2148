"""200 concurrent sign-ins on one gunicorn server of two workers, against the sandbox.

Run: ``.venv/bin/python bench/served_sign_ins.py [--sign-ins 200] [--database URL]``. Starts the
sandbox and one app server (``scripts/serve``), warms its caches with one sign-in, then lets
``--sign-ins`` browsers sign in at the same moment, each the whole way: the start page, the
button, Microsoft's account picker and consent (the sandbox, in this process), the callback,
then the home page. Demo people take turns. Prints errors, whether every session is distinct
and shows the person who signed in, and the p50/p95/p99 latency of a whole sign-in (which
includes the sandbox's own pages; they share this machine's cores). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.served import deployment, sign_in  # noqa: E402
from microsoft_sandbox.directory import seed  # noqa: E402

PEOPLE = [(seed.CONTOSO_USER_OID, "Adele Vance"), (seed.CONTOSO_ADMIN_OID, "Megan Bowen"),
          (seed.PERSONAL_USER_OID, "Sam Taylor")]


def _one(server_url: str, sandbox_url: str, n: int, gate: threading.Barrier) -> dict:
    """One browser's sign-in: its time, its session cookie, and whether home names them."""
    oid, name = PEOPLE[n % len(PEOPLE)]
    gate.wait(timeout=120)
    started = time.perf_counter()
    try:
        browser = sign_in(server_url, sandbox_url, oid)
        took = time.perf_counter() - started
        home = browser.get(server_url + "/", timeout=60).text
    except Exception as exc:  # noqa: BLE001 - counted and shown, not raised
        return {"error": f"{type(exc).__name__}: {exc}"[:200]}
    return {"seconds": took, "cookie": browser.cookies.get("postpress_session"),
            "correct": name in home}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sign-ins", type=int, default=200)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    count = args.sign_ins
    with deployment(database=args.database) as run:
        url, sandbox_url = run.servers[0].url, run.sandbox_server.url
        for oid, _ in PEOPLE:  # warm discovery and keys in the workers, consent given once
            sign_in(url, sandbox_url, oid)
        gate = threading.Barrier(count)
        started = time.perf_counter()
        with ThreadPoolExecutor(count) as pool:
            results = list(pool.map(lambda n: _one(url, sandbox_url, n, gate), range(count)))
        wall = time.perf_counter() - started
    errors = [r["error"] for r in results if "error" in r]
    done = [r for r in results if "error" not in r]
    latencies = sorted(r["seconds"] for r in done)
    cut = statistics.quantiles(latencies, n=100, method="inclusive") if len(done) > 1 else [0]
    print(f"database: {(args.database or 'sqlite').split(':')[0]}; gunicorn 2 workers x 4 threads")
    print(f"{count} concurrent sign-ins in {wall:.1f} s: {len(done)} finished, "
          f"{len(errors)} errors {sorted(set(errors))[:3]}")
    print(f"distinct sessions: {len({r['cookie'] for r in done})} of {len(done)}; "
          f"home page names the right person: {sum(r['correct'] for r in done)} of {len(done)}")
    print(f"latency of a whole sign-in: p50 {cut[49] * 1000:.0f} ms, p95 {cut[94] * 1000:.0f} ms, "
          f"p99 {cut[98] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
