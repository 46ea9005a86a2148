"""What the Mail pages cost: Graph requests per view, and the app's own time.

Run: ``.venv/bin/python bench/mail_pages.py [--runs 30]``. Starts the sandbox on an ephemeral
port, builds the app with the Mail plugin on a temporary SQLite file, signs Adele Vance in,
turns one message into a 200 KB HTML newsletter, then prints:

- Graph round trips (HTTP calls the sandbox received, a ``$batch`` counting once) and the
  requests the sandbox counted inside them, for the inbox page, a message already read, an
  unread message opened from the list (marked read in the same batch), and the home page;
- the inbox page with 25 messages and the 200 KB message page: the whole request, the part
  spent waiting for Graph, and the app's own time, beside a bare Flask route in the same
  process; and the sanitizer alone on the 200 KB body.

Figures, not assertions: this is a script, not a test.
"""

from __future__ import annotations

import argparse
import logging
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import GraphWaits, app_with_bare_route, round_trips  # noqa: E402
from microsoft_sandbox.server import SandboxServer  # noqa: E402
from plugins.mail import sanitize  # noqa: E402
from postpress_whitelabel.testing import Journey, MicrosoftBrowser  # noqa: E402

ADELE = "AdeleV@contoso.com"
BIG = 200 * 1024




def big_newsletter(size: int = BIG) -> str:
    """A newsletter of about ``size`` bytes: tables, styles, links, remote images, a script."""
    block = ('<table width="600" cellpadding="8" style="border:1px solid #ddd">'
             '<tr><td bgcolor="#f4f4f4"><img src="https://cdn.example.com/p/{i}.jpg" '
             'width="560" alt="Product {i}" onerror="track({i})"></td></tr>'
             '<tr><td><h2 style="color:#223">Item {i}: hand-painted wooden train</h2>'
             '<p style="font-size:14px;background:url(https://t.example.com/{i})">Back in '
             'stock, with <b>free</b> shipping and <a href="https://shop.example.com/{i}?utm=x">'
             'a link</a> and <a href="javascript:steal({i})">another</a>.</p>'
             '<script>steal({i})</script></td></tr></table>\n')
    parts, i = ["<html><head><style>p{color:red}</style></head><body>"], 0
    while sum(map(len, parts)) < size:
        parts.append(block.format(i=i))
        i += 1
    parts.append('<img src="https://t.example.com/open.gif" width="1" height="1"></body></html>')
    return "".join(parts)


def _messages(server) -> dict:
    sandbox = server.sandbox
    mailbox = sandbox.graph.mailbox(sandbox.user_by_login(ADELE))
    return {m.subject: m for m in mailbox.messages.values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    waits = GraphWaits()
    with SandboxServer() as server, tempfile.TemporaryDirectory() as folder:
        app = app_with_bare_route(server.url, folder, ["mail"])
        client = app.test_client()
        Journey(client, MicrosoftBrowser(server.url)).sign_in(ADELE)
        page = client.get("/mail/").get_data(as_text=True)  # learns the folder tree
        listed = len(re.findall(r'class="mail-subject"', page))
        by_subject = _messages(server)
        newsletter = by_subject["Winter collection: 20% off wooden trains"]
        newsletter.body, newsletter.is_read = big_newsletter(), True
        unread = next(m for m in by_subject.values() if not m.is_read and m.body_type == "html")
        read = next(m for m in by_subject.values() if m.is_read and m.body_type == "html"
                    and m is not newsletter)
        rows = [(name, *round_trips(server, client, path)) for name, path in (
            ("inbox page", "/mail/"), ("message (read)", f"/mail/1/messages/{read.id}"),
            ("message (unread)", f"/mail/1/messages/{unread.id}?unread=1"),
            ("home page", "/"))]
        big_path = f"/mail/1/messages/{newsletter.id}"
        for path in ("/mail/", big_path, "/_bare"):
            waits.timed(client, path, 3)  # warm
        inbox = waits.timed(client, "/mail/", args.runs)
        big = waits.timed(client, big_path, args.runs)
        bare, _ = waits.timed(client, "/_bare", args.runs * 3)
        html = newsletter.body
    sanitized = []
    for _ in range(args.runs):
        started = time.perf_counter()
        sanitize.clean_html(html, False, lambda cid: None)
        sanitized.append(time.perf_counter() - started)
    _report(rows, listed, inbox, big, bare, sanitized, len(html), args.runs)


def _report(rows, listed, inbox, big, bare, sanitized, size, runs) -> None:
    """Print the figures."""
    ms = 1000
    print("Graph per page view (one signed-in work account; the sandbox's counts):")
    for name, trips, inner in rows:
        carried = ", ".join(f"{k} {v}" for k, v in sorted(inner.items()))
        print(f"  {name:<17} {trips} round trip(s), carrying: {carried}")
    bare_ms = statistics.median(bare)
    print(f"\nMedians of {runs} runs; bare Flask route {bare_ms * ms:.2f} ms")
    for name, (whole, graph) in ((f"inbox page, {listed} messages", inbox),
                                 (f"message page, {size // 1024} KB HTML", big)):
        own = [w - g for w, g in zip(whole, graph, strict=True)]
        print(f"  {name}:")
        print(f"    whole request       {statistics.median(whole) * ms:8.2f} ms")
        print(f"    waiting for Graph   {statistics.median(graph) * ms:8.2f} ms")
        print(f"    the app's own time  {statistics.median(own) * ms:8.2f} ms"
              f"   ({statistics.median(own) / bare_ms:.1f}x the bare route)")
    clean = statistics.median(sanitized)
    print(f"  sanitizing the {size // 1024} KB body alone: {clean * ms:.2f} ms "
          f"({clean / bare_ms:.1f}x the bare route)")


if __name__ == "__main__":
    main()
