"""What the calendar pages cost: Graph round trips, and the app's own time on a busy week.

Run: ``.venv/bin/python bench/calendar_pages.py [--runs 30]``. Starts the sandbox on an
ephemeral port, builds the app with the calendar plugin on a temporary SQLite file, signs Adele
Vance in, puts 60 events in one week, then prints:

- Graph round trips (HTTP calls the sandbox received from the app, a ``$batch`` counting once)
  and the requests inside them, for the week view, the event page and the home page;
- the week view's time with those 60 events: the whole request, the part spent waiting for
  Graph, and what is left (the app's own time), beside a bare Flask route in the same process.

Figures, not assertions: this is a script, not a test.
"""

from __future__ import annotations

import argparse
import logging
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import GraphWaits, app_with_bare_route, round_trips  # noqa: E402
from microsoft_sandbox.server import SandboxServer  # noqa: E402
from postpress_whitelabel.api import BatchRequest, graph  # noqa: E402
from postpress_whitelabel.extensions import db  # noqa: E402
from postpress_whitelabel.models import ConnectedAccount  # noqa: E402
from postpress_whitelabel.testing import Journey, MicrosoftBrowser  # noqa: E402

WEEK = "2027-02-01"  # a Monday away from the seeded weeks: the 60 events are the week
EVENTS = 60




def _fill_week(app) -> None:
    """60 events over the week, as three $batch calls of 20 creations."""
    posts = []
    for i in range(EVENTS):
        day, slot = i % 7, i // 7
        start = f"2027-02-{1 + day:02d}T{8 + slot:02d}:00:00"
        end = f"2027-02-{1 + day:02d}T{8 + slot:02d}:45:00"
        posts.append(BatchRequest(f"e{i}", "POST", "/me/events", body={
            "subject": f"Bench event {i}", "location": {"displayName": f"Room {i % 5}"},
            "start": {"dateTime": start, "timeZone": "Pacific Standard Time"},
            "end": {"dateTime": end, "timeZone": "Pacific Standard Time"}}))
    with app.test_request_context():
        account = db.session.scalars(db.select(ConnectedAccount)).first()
        answers = graph(account).batch(posts)
    assert all(a.ok for a in answers.values()), "creating the bench events failed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    graph_waits = GraphWaits()
    with SandboxServer() as server, tempfile.TemporaryDirectory() as folder:
        app = app_with_bare_route(server.url, folder, ["calendar"])
        client = app.test_client()
        Journey(client, MicrosoftBrowser(server.url)).sign_in("AdeleV@contoso.com")
        _fill_week(app)
        week_path = f"/calendar/?week={WEEK}"
        page = client.get(week_path).get_data(as_text=True)
        shown = page.count("Bench event") // 2  # the grid and the phone list
        event_path = re.search(r'href="(/calendar/event/[^"]+)"', page).group(1)
        event_path = event_path.replace("&amp;", "&")
        rows = [(name, *round_trips(server, client, path)) for name, path in
                (("week view", week_path), ("event page", event_path), ("home page", "/"))]
        graph_waits.timed(client, week_path, 3)  # warm
        week_times, waits = graph_waits.timed(client, week_path, args.runs)
        bare, _ = graph_waits.timed(client, "/_bare", args.runs * 3)
    _report(rows, shown, week_times, waits, bare, args.runs)


def _report(rows, shown, week_times, waits, bare, runs) -> None:
    """Print the figures."""
    ms = 1000
    print("Graph round trips per page view (one signed-in work account):")
    for name, trips, inner in rows:
        carried = ", ".join(f"{k} {v}" for k, v in sorted(inner.items()))
        print(f"  {name:<11} {trips}  (carrying: {carried})")
    own = [t - w for t, w in zip(week_times, waits, strict=True)]
    print(f"\nWeek view with {shown} events, median of {runs} runs:")
    print(f"  whole request        {statistics.median(week_times) * ms:7.2f} ms")
    print(f"  waiting for Graph    {statistics.median(waits) * ms:7.2f} ms")
    print(f"  the app's own time   {statistics.median(own) * ms:7.2f} ms")
    print(f"  bare Flask route     {statistics.median(bare) * ms:7.2f} ms")
    print(f"  ratio own / bare     {statistics.median(own) / statistics.median(bare):7.1f}x")


if __name__ == "__main__":
    main()
