"""Refreshes caused by 20 concurrent requests that find the same access token expired, under
gunicorn: on one server of two workers, and on two servers sharing one database.

Run: ``.venv/bin/python bench/served_refreshes.py [--requests 20] [--database URL]``. Starts the
sandbox and the app servers (``scripts/serve``, the Mail plugin), signs one person in, moves the
access token's expiry into the past, then sends ``--requests`` inbox requests at once (each
needs a token), spread over the workers, or over both servers. Prints the token requests the
sandbox received (the budget: one) and the pages' statuses. Two servers need PostgreSQL
(``--database postgresql+psycopg://...``; SQLite is one machine's file): without it that part
is skipped. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.served import deployment, sign_in  # noqa: E402
from microsoft_sandbox.directory import seed  # noqa: E402


def _expire_access_tokens(database_url: str) -> None:
    """Straight in the database: every connected account's access token is past its expiry."""
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE connected_account SET access_token_expires_at = :past"),
                           {"past": datetime.now(UTC) - timedelta(minutes=1)})
    engine.dispose()


def measure(servers: int, count: int, database: str | None) -> str:
    """One run: the token requests ``count`` concurrent inbox pages caused."""
    with deployment(servers=servers, plugins=("mail",), database=database) as run:
        urls = [server.url for server in run.servers]
        browser = sign_in(urls[0], run.sandbox_server.url, seed.CONTOSO_USER_OID)
        _expire_access_tokens(run.shared["POSTPRESS_SQLALCHEMY_DATABASE_URI"])
        run.sandbox.reset_counts()

        def inbox(n: int) -> int:
            tab = requests.Session()
            tab.cookies.update(browser.cookies)
            return tab.get(urls[n % len(urls)] + "/mail/", timeout=60).status_code

        with ThreadPoolExecutor(count) as pool:
            statuses = list(pool.map(inbox, range(count)))
        refreshes = run.sandbox.request_totals().get("token", 0)
    shown = {s: statuses.count(s) for s in sorted(set(statuses))}
    return (f"{servers} server(s) x 2 workers: {count} concurrent expired-token requests -> "
            f"{refreshes} token request(s) (budget 1); page statuses {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    print(f"database: {(args.database or 'sqlite').split(':')[0]}")
    print(measure(1, args.requests, args.database))
    if args.database and args.database.startswith("postgresql"):
        print(measure(2, args.requests, args.database))
    else:
        print("2 servers: skipped (they share a database only on PostgreSQL: --database URL)")


if __name__ == "__main__":
    main()
