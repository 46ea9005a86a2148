"""Graph round trips per page under gunicorn, with the Mail and Calendar plugins both on.

Run: ``.venv/bin/python bench/served_round_trips.py``. Starts the sandbox and one app server
(``scripts/serve``, two workers), signs Adele Vance in, then opens each page several times
(so both workers, cold and warm, are seen) and prints, per view, the HTTP calls the sandbox
received from the app (a ``$batch`` counting once) and the requests carried inside them. The
budget: the inbox 1, the home page with its mail and calendar panels 1 ``$batch``.
``bench/mail_pages.py`` and ``bench/calendar_pages.py`` measure each plugin's pages alone, in
process, with their timings. Figures, not assertions.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.served import deployment, sign_in  # noqa: E402
from microsoft_sandbox.directory import seed  # noqa: E402

PAGES = {"home page (mail + calendar panels)": "/", "inbox": "/mail/",
         "calendar week": "/calendar/"}
VIEWS = 6


def main() -> None:
    with deployment(plugins=("mail", "calendar")) as run:
        url = run.servers[0].url
        browser = sign_in(url, run.sandbox_server.url, seed.CONTOSO_USER_OID)
        print("Graph per page view under gunicorn (2 workers), Mail and Calendar plugins on:")
        for name, path in PAGES.items():
            trips, carried = [], {}
            for _ in range(VIEWS):
                run.sandbox.reset_counts()
                status = browser.get(url + path, timeout=30).status_code
                if status != 200:
                    raise SystemExit(f"{path}: HTTP {status}")
                counts = {k: v for k, v in run.sandbox.request_totals().items()
                          if k.startswith("graph")}
                batches = counts.pop("graph_batch", 0)
                trips.append(batches + (sum(counts.values()) if not batches else 0))
                carried = counts
            inside = ", ".join(f"{k} {v}" for k, v in sorted(carried.items()))
            print(f"  {name:36} round trips per view {trips} (last carried: {inside})")


if __name__ == "__main__":
    main()
