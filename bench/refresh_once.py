"""How many refreshes N worker processes cause when they find the same access token expiring.

Run: ``.venv/bin/python bench/refresh_once.py [--processes 8] [--database URL]``. Starts the
sandbox on an ephemeral port, signs one account in, moves its access token into the refresh
window, then lets ``--processes`` worker processes (each its own app, engine and locks, as
gunicorn workers are) ask for a token at the same moment. Prints the token requests the sandbox
received (the budget: one) and how many distinct tokens the workers got. With PostgreSQL
(``--database postgresql+psycopg://...``) the row lock makes it one; on the default SQLite file,
which has no row locks, expect up to one per process. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import app_config  # noqa: E402
from microsoft_sandbox.directory import seed  # noqa: E402
from microsoft_sandbox.server import SandboxServer  # noqa: E402
from postpress_whitelabel import create_app  # noqa: E402
from postpress_whitelabel.accounts import refresh  # noqa: E402
from postpress_whitelabel.extensions import db  # noqa: E402
from postpress_whitelabel.models import ConnectedAccount  # noqa: E402
from tests.microsoft_browser import MicrosoftBrowser  # noqa: E402


def _worker(config: dict, barrier, results) -> None:
    app = create_app(config)
    with app.app_context():
        account = db.session.get(ConnectedAccount, 1)
        barrier.wait(timeout=60)
        results.put(refresh.access_token(account))


def _signed_in_account(config: dict, sandbox_url: str) -> None:
    """One sign-in, then the token moved into the five-minute refresh window."""
    app = create_app(config)
    with app.app_context():
        db.drop_all()
        db.create_all()
    client = app.test_client()
    html = client.get("/login").get_data(as_text=True)
    token = html.split('name="csrf_token" value="')[1].split('"')[0]
    start = client.post("/connect/microsoft", data={"csrf_token": token})
    back = urlsplit(MicrosoftBrowser(sandbox_url).sign_in(start.headers["Location"],
                                                          oid=seed.CONTOSO_USER_OID))
    assert client.get(f"{back.path}?{back.query}").status_code == 302
    with app.app_context():
        account = db.session.get(ConnectedAccount, 1)
        account.access_token_expires_at = datetime.now(UTC) + timedelta(minutes=1)
        db.session.commit()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--database", help="SQLAlchemy URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with SandboxServer() as server, tempfile.TemporaryDirectory() as folder:
        database = args.database or f"sqlite:///{folder}/bench.sqlite3"
        config = app_config(server.url, database)
        _signed_in_account(config, server.url)
        server.sandbox.reset_counts()
        context = multiprocessing.get_context("spawn")
        barrier, results = context.Barrier(args.processes), context.Queue()
        workers = [context.Process(target=_worker, args=(config, barrier, results))
                   for _ in range(args.processes)]
        for worker in workers:
            worker.start()
        seen = [results.get(timeout=120) for _ in workers]
        for worker in workers:
            worker.join(timeout=60)
        refreshes = server.sandbox.request_totals().get("token", 0)
    print(f"database: {urlsplit(database).scheme}")
    print(f"worker processes that found the token expiring: {args.processes}")
    print(f"token requests to Microsoft: {refreshes} (budget 1)")
    print(f"distinct access tokens handed out: {len(set(seen))}")


if __name__ == "__main__":
    main()
