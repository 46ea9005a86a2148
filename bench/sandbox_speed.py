"""How fast is the Microsoft sandbox itself? Token requests and Graph list calls.

Starts a `SandboxServer` on a free port in a child process (so the measuring client never
competes with it for one interpreter lock), gets tokens, then times a few hundred requests of
each kind. Two figures per kind: the sandbox's own time (its `Server-Timing` header, measured
around the WSGI app: routing, hooks, view, JSON) and the HTTP round trip seen by the client
(adds the dev server's socket and thread work and the client's). The budget is 5 ms of the
sandbox's own time for a token request and for a Graph list call, so it is never the
bottleneck of the benchmarks that run against it.

    python bench/sandbox_speed.py [--requests 300]
"""

import argparse
import logging
import multiprocessing
import secrets
import statistics
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from microsoft_sandbox.directory import seed  # noqa: E402
from microsoft_sandbox.directory.models import AuthorizationCode  # noqa: E402
from microsoft_sandbox.server import SandboxServer  # noqa: E402

BUDGET_MS = 5.0
SCOPES = ["openid", "profile", "email", "offline_access", "User.Read", "Mail.Read",
          "Mail.ReadWrite", "Mail.Send", "Calendars.Read", "Calendars.ReadWrite"]
USER = seed.CONTOSO_USER_OID
WARM_UP = 20


def server_ms(response: requests.Response) -> float:
    """The sandbox's own time from its Server-Timing header."""
    return float(response.headers["Server-Timing"].split("dur=")[1])


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure(label: str, send, count: int) -> dict:
    """Warm up, then time `count` calls of `send()`; every answer must be a success."""
    for _ in range(WARM_UP):
        send()
    own, trip = [], []
    for _ in range(count):
        started = time.perf_counter()
        response = send()
        trip.append((time.perf_counter() - started) * 1000)
        if response.status_code >= 300:
            raise SystemExit(f"{label}: {response.status_code} {response.text[:300]}")
        own.append(server_ms(response))
    return {"label": label, "own": own, "trip": trip}


def mint_code(sandbox, redirect_uri: str) -> str:
    """A fresh authorization code for the user, as the authorize endpoint would issue it."""
    record = AuthorizationCode(
        code="0.A" + secrets.token_urlsafe(64), client_id=seed.DEFAULT_CLIENT_ID,
        redirect_uri=redirect_uri, oid=USER, tenant_id=seed.CONTOSO_TENANT_ID,
        scopes=list(SCOPES), nonce="n", code_challenge=None, code_challenge_method="plain",
        session_id=secrets.token_urlsafe(16), issued_at=sandbox.clock.now())
    return sandbox.issue_code(record)


def serve(codes_wanted: int, ready, stop) -> None:
    """The child process: a sandbox with a consented user, seeded mailboxes and fresh codes.

    Runs apart from the measuring client so the two never compete for one interpreter lock.
    """
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with SandboxServer() as server:
        sandbox = server.sandbox
        sandbox.record_grant(USER, seed.DEFAULT_CLIENT_ID, SCOPES)
        sandbox.graph.ensure_seeded()
        redirect = seed.DEFAULT_REDIRECT_URIS[0]
        codes = [mint_code(sandbox, redirect) for _ in range(codes_wanted)]
        ready.put((server.url, sandbox.clock.now(), codes))
        stop.wait()


def token_form(code: str) -> dict:
    """The token request of a confidential client redeeming a code."""
    return {"client_id": seed.DEFAULT_CLIENT_ID, "client_secret": seed.DEFAULT_CLIENT_SECRET,
            "grant_type": "authorization_code", "code": code,
            "redirect_uri": seed.DEFAULT_REDIRECT_URIS[0]}


def run(count: int) -> list[dict]:
    """Every measurement, against one freshly started sandbox in a child process."""
    context = multiprocessing.get_context("fork")
    ready, stop = context.Queue(), context.Event()
    child = context.Process(target=serve, args=(count + WARM_UP + 1, ready, stop), daemon=True)
    child.start()
    try:
        base, now, codes = ready.get(timeout=60)
        return measure_all(base, now, codes, count)
    finally:
        stop.set()
        child.join(timeout=10)


def measure_all(base: str, now: float, codes: list[str], count: int) -> list[dict]:
    """Token requests, then Graph list calls and a batch, with the token obtained first."""
    token_url = f"{base}/common/oauth2/v2.0/token"
    first = requests.post(token_url, data=token_form(codes.pop()), timeout=10).json()
    state = {"refresh": first["refresh_token"]}
    http = requests.Session()
    http.headers["Authorization"] = f"Bearer {first['access_token']}"

    def refresh():
        """One refresh_token grant, keeping the rotated refresh token."""
        response = requests.post(token_url, timeout=10, data={
            "client_id": seed.DEFAULT_CLIENT_ID, "client_secret": seed.DEFAULT_CLIENT_SECRET,
            "grant_type": "refresh_token", "refresh_token": state["refresh"]})
        state["refresh"] = response.json().get("refresh_token", state["refresh"])
        return response

    probes = [
        ("token: authorization_code",
         lambda: requests.post(token_url, data=token_form(codes.pop()), timeout=10)),
        ("token: refresh_token", refresh),
        *graph_probes(http, f"{base}/v1.0", now),
    ]
    return [measure(label, send, count) for label, send in probes]


def graph_probes(http: requests.Session, graph: str, now: float) -> list[tuple]:
    """(label, send) for the Graph calls measured: lists of mail and events, and a batch."""
    start = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now))
    end = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now + 7 * 86400))
    view = f"/me/calendarView?startDateTime={start}&endDateTime={end}"
    unread = ("/me/mailFolders/inbox/messages?$top=25&$select=subject,from,isRead,"
              "receivedDateTime&$filter=receivedDateTime ge 2000-01-01T00:00:00Z and "
              "isRead eq false&$orderby=receivedDateTime desc")
    pacific = {"Prefer": 'outlook.timezone="Pacific Standard Time"'}
    batch = {"requests": [
        {"id": "mail", "method": "GET", "url": "/me/mailFolders/inbox/messages?$top=10"},
        {"id": "cal", "method": "GET", "url": view}]}
    return [
        ("graph: GET /me/messages (10)", lambda: http.get(f"{graph}/me/messages", timeout=10)),
        ("graph: inbox, $filter+$orderby+$select, 25",
         lambda: http.get(graph + unread, timeout=10)),
        ("graph: GET /me/calendarView (week)",
         lambda: http.get(graph + view, headers=pacific, timeout=10)),
        ("graph: GET /me/mailFolders", lambda: http.get(f"{graph}/me/mailFolders", timeout=10)),
        ("graph: POST /$batch (mail + calendar)",
         lambda: http.post(f"{graph}/$batch", json=batch, timeout=10)),
    ]


def report(results: list[dict], count: int) -> bool:
    """Print the table; True when every token and list call is within budget."""
    print(f"Microsoft sandbox speed, {count} requests each after {WARM_UP} warm-up "
          f"(ms; budget {BUDGET_MS:g} ms of the sandbox's own time)")
    print(f"{'request':46} {'own median':>10} {'own p95':>8} {'trip median':>11} "
          f"{'trip p95':>8}")
    ok = True
    for result in results:
        own_median = statistics.median(result["own"])
        own_p95 = percentile(result["own"], 0.95)
        trip_median = statistics.median(result["trip"])
        trip_p95 = percentile(result["trip"], 0.95)
        budgeted = "$batch" not in result["label"]
        within = own_median < BUDGET_MS
        ok = ok and (within or not budgeted)
        mark = ("ok" if within else "OVER") if budgeted else "(2 inner)"
        print(f"{result['label']:46} {own_median:10.2f} {own_p95:8.2f} {trip_median:11.2f} "
              f"{trip_p95:8.2f}  {mark}")
    return ok


def main() -> None:
    """Parse arguments, measure, print, exit 1 if over budget."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="timed requests per kind")
    count = parser.parse_args().requests
    # One log line per request would cost more than some of the requests measured.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    if not report(run(count), count):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
