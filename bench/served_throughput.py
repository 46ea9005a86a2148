"""Throughput under gunicorn (2 workers), as a ratio of a bare Flask route in the same server.

Run: ``.venv/bin/python bench/served_throughput.py [--requests 1500] [--clients 8]``. Starts the
sandbox and one app server (``scripts/serve`` with ``bench.wsgi_with_bare:app``: the app plus a
bare route), signs one person in, warms every route, then sends ``--requests`` requests per
route over ``--clients`` kept-alive connections, in turn, three rounds: the bare route, the
sign-in start (``POST /connect/microsoft``: a pending sign-in row and Microsoft's URL; discovery
is cached), the start page for a visitor and the home page of a signed-in person. Prints
requests per second, the median of the rounds, and each route's ratio to the bare one.
Figures, not assertions.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.served import cookie_header, csrf_token, deployment, load, sign_in  # noqa: E402
from microsoft_sandbox.directory import seed  # noqa: E402


def _routes(server_url: str, sandbox_url: str) -> dict[str, dict]:
    """Each route to measure: method, path, and the browser state it needs."""
    person = sign_in(server_url, sandbox_url, seed.CONTOSO_USER_OID)
    visitor = requests.Session()
    token = csrf_token(visitor, server_url)
    return {
        "bare Flask route": {"method": "GET", "path": "/_bare/"},
        "sign-in start (POST /connect/microsoft)": {
            "method": "POST", "path": "/connect/microsoft", "headers": cookie_header(visitor),
            "body": f"csrf_token={token}"},
        "start page, visitor (GET /login)": {"method": "GET", "path": "/login"},
        "home page, signed in (GET /)": {"method": "GET", "path": "/",
                                         "headers": cookie_header(person)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1500)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with deployment(args=("bench.wsgi_with_bare:app",), database=args.database) as run:
        url = run.servers[0].url
        routes = _routes(url, run.sandbox_server.url)
        rates: dict[str, list[float]] = {name: [] for name in routes}
        for route in routes.values():  # warm-up: imports, caches, connections
            load(url, total=100, clients=args.clients, **route)
        for _ in range(args.rounds):
            for name, route in routes.items():
                result = load(url, total=args.requests, clients=args.clients, **route)
                errors = {s: n for s, n in result.statuses.items() if s >= 400}
                if errors:
                    raise SystemExit(f"{name}: error statuses {errors}")
                rates[name].append(result.per_second)
    bare = statistics.median(rates["bare Flask route"])
    print(f"database: {(args.database or 'sqlite').split(':')[0]}")
    print(f"gunicorn, 2 workers x 4 threads; {args.requests} requests per route and round, "
          f"{args.clients} connections, median of {args.rounds} rounds")
    for name, values in rates.items():
        rate = statistics.median(values)
        print(f"{name:45} {rate:8.0f} req/s   {rate / bare:5.2f} x bare")


if __name__ == "__main__":
    main()
