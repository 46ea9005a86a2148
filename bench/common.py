"""What the bench scripts share: the settings of an app pointed at a sandbox, the Graph
round trips of one page view, and the time a page spends waiting for Graph."""

from __future__ import annotations

import time

from cryptography.fernet import Fernet

from microsoft_sandbox.directory import seed
from postpress_whitelabel.microsoft.graph.client import GraphClient


def app_config(sandbox_url: str, database_url: str) -> dict:
    """A production-shaped app (no plugins) talking to the sandbox, on the given database."""
    return {
        "TESTING": True, "SECRET_KEY": "bench", "PLUGINS": [],
        "ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "PUBLIC_URL": "http://localhost:5000", "MICROSOFT_LOGIN_URL": sandbox_url,
        "MICROSOFT_GRAPH_URL": sandbox_url, "DEFAULT_CLIENT_ID": seed.DEFAULT_CLIENT_ID,
        "DEFAULT_CLIENT_SECRET": seed.DEFAULT_CLIENT_SECRET,
    }


def app_with_bare_route(sandbox_url: str, folder: str, plugins: list[str] | None = None):
    """An app on a SQLite file in ``folder``, its tables made, plus ``/_bare``: a route that
    does nothing, the yardstick the app's own time is measured against in the same process."""
    from postpress_whitelabel import create_app
    from postpress_whitelabel.extensions import db

    app = create_app(app_config(sandbox_url, f"sqlite:///{folder}/bench.sqlite3")
                     | {"PLUGINS": list(plugins or [])})

    @app.get("/_bare")
    def bare():
        return "ok"

    with app.app_context():
        db.create_all()
    return app


def round_trips(server, client, path: str) -> tuple[int, dict]:
    """HTTP calls to Graph for one page view, and the requests they carried.

    Inner requests of a batch are counted under their own names; without a batch, each
    counted request was its own round trip.
    """
    server.sandbox.reset_counts()
    resp = client.get(path)
    assert resp.status_code == 200, (path, resp.status_code)
    counts = {name: n for name, n in server.sandbox.request_totals().items()
              if name.startswith("graph")}
    batches = counts.get("graph_batch", 0)
    inner = {k: v for k, v in counts.items() if k != "graph_batch"}
    return (batches if batches else sum(inner.values())), inner


class GraphWaits:
    """Time spent inside the Graph client's HTTP calls, per page request (it wraps
    ``GraphClient.send_url`` for the rest of the process)."""

    def __init__(self):
        self.spent = 0.0
        self.real = GraphClient.send_url
        waits = self

        def timed(client, *args, **kwargs):
            started = time.perf_counter()
            try:
                return waits.real(client, *args, **kwargs)
            finally:
                waits.spent += time.perf_counter() - started

        GraphClient.send_url = timed

    def timed(self, client, path: str, runs: int) -> tuple[list[float], list[float]]:
        """(whole request, Graph wait) seconds per run."""
        whole, graph = [], []
        for _ in range(runs):
            self.spent = 0.0
            started = time.perf_counter()
            client.get(path)
            whole.append(time.perf_counter() - started)
            graph.append(self.spent)
        return whole, graph
