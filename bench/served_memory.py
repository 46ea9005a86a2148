"""Memory per gunicorn worker over 2,000 requests: RSS after 1,000 and after 2,000 (the goal:
no growth over the last 1,000).

Run: ``.venv/bin/python bench/served_memory.py [--requests 2000] [--database URL]``. Starts the
sandbox and one app server (``scripts/serve``, two workers, the Mail and Calendar plugins),
signs one person in, then sends requests in a fixed mix, over 4 kept-alive connections: the
signed-in home page (its panels call Graph), the start page, the sign-in start, the Accounts
page and ``/healthz``. Prints each worker's resident memory after the first half and after the
whole run, and the growth between. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.served import (  # noqa: E402
    cookie_header,
    csrf_token,
    deployment,
    load,
    rss_kib,
    sign_in,
    worker_pids,
)
from microsoft_sandbox.directory import seed  # noqa: E402


def _mix(person: requests.Session, visitor: requests.Session, token: str) -> list[dict]:
    signed_in, anonymous = cookie_header(person), cookie_header(visitor)
    return [
        {"method": "GET", "path": "/", "headers": signed_in},
        {"method": "GET", "path": "/login"},
        {"method": "POST", "path": "/connect/microsoft", "headers": anonymous,
         "body": f"csrf_token={token}"},
        {"method": "GET", "path": "/accounts/", "headers": signed_in},
        {"method": "GET", "path": "/healthz"},
    ]


def _half(url: str, mix: list[dict], total: int) -> dict[int, int]:
    """``total`` requests, the mix in turn; the statuses seen."""
    statuses: dict[int, int] = {}
    for n in range(len(mix)):
        share = total // len(mix) + (1 if n < total % len(mix) else 0)
        for status, times in load(url, total=share, clients=4, **mix[n]).statuses.items():
            statuses[status] = statuses.get(status, 0) + times
    return statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with deployment(plugins=("mail", "calendar"), database=args.database) as run:
        server = run.servers[0]
        person = sign_in(server.url, run.sandbox_server.url, seed.CONTOSO_USER_OID)
        visitor = requests.Session()
        mix = _mix(person, visitor, csrf_token(visitor, server.url))
        pids = worker_pids(server)
        first = _half(server.url, mix, args.requests // 2)
        middle = {pid: rss_kib(pid) for pid in pids}
        second = _half(server.url, mix, args.requests - args.requests // 2)
        end = {pid: rss_kib(pid) for pid in pids}
        still = worker_pids(server)
    print(f"gunicorn 2 workers x 4 threads, Mail and Calendar plugins; {args.requests} requests "
          f"(statuses {first} then {second}); workers replaced: {sorted(still) != sorted(pids)}")
    for pid in pids:
        growth = end[pid] - middle[pid]
        print(f"worker {pid}: {middle[pid] / 1024:.1f} MiB after {args.requests // 2}, "
              f"{end[pid] / 1024:.1f} MiB after {args.requests} ({growth:+d} KiB over the last "
              f"{args.requests - args.requests // 2})")


if __name__ == "__main__":
    main()
