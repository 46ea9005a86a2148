"""The demo: the reference app and the offline Microsoft sandbox, side by side, no Azure needed.

Run ``scripts/demo`` (which sets up a virtualenv first) or ``python demo.py``. The sandbox plays
login.microsoftonline.com and graph.microsoft.com; the app is configured to talk to it through the
same URLs it would use for Microsoft, so nothing in the app knows it is a demo.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from werkzeug.serving import run_simple

from microsoft_sandbox.directory import seed
from microsoft_sandbox.server import PathOnlyLogHandler, SandboxServer

CALLBACK_PATHS = seed.DEFAULT_REDIRECT_PATHS


def _arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="interface for both servers")
    parser.add_argument("--port", type=int, default=5000, help="the app's port")
    parser.add_argument("--sandbox-port", type=int, default=5001, help="the sandbox's port")
    parser.add_argument("--https", action="store_true",
                        help="serve the sandbox over https with a local CA it makes itself")
    parser.add_argument("--reset", action="store_true",
                        help="back to the seed between two demos: the app's database (keys "
                             "kept) and the sandbox; resets a demo already running on these "
                             "ports and exits, else starts a fresh one")
    return parser.parse_args(argv)


def _trust_sandbox(ca_path: Path) -> Path:
    """Make the app trust the sandbox's CA as well as the usual ones: a bundle of both, named
    by REQUESTS_CA_BUNDLE (the app's HTTP sessions read it)."""
    from requests.certs import where

    bundle = ca_path.with_name("trust-bundle.pem")
    bundle.write_bytes(Path(where()).read_bytes() + b"\n" + ca_path.read_bytes())
    os.environ["REQUESTS_CA_BUNDLE"] = str(bundle)
    return bundle


def _environment(sandbox_url: str, app_url: str) -> None:
    """Configure the app, through its environment, to use the sandbox as its Microsoft."""
    os.environ.update({
        "POSTPRESS_SANDBOX": "true",
        "POSTPRESS_MICROSOFT_LOGIN_URL": sandbox_url,
        "POSTPRESS_MICROSOFT_GRAPH_URL": sandbox_url,
        "POSTPRESS_DEFAULT_CLIENT_ID": seed.DEFAULT_CLIENT_ID,
        "POSTPRESS_DEFAULT_CLIENT_SECRET": seed.DEFAULT_CLIENT_SECRET,
    })
    os.environ.setdefault("POSTPRESS_PUBLIC_URL", app_url)
    # Megan Bowen, Contoso's admin, may open Settings in the demo.
    os.environ.setdefault("POSTPRESS_ADMIN_EMAILS", seed.CONTOSO_ADMIN_UPN)


def _prepared_app(reset: bool):
    """The app, its database migrated (the core's tables, then the enabled plugins'), or with
    ``reset`` emptied and migrated afresh."""
    from flask_migrate import upgrade

    from postpress_whitelabel import create_app
    from postpress_whitelabel.operations.demo_reset import reset_database
    from postpress_whitelabel.plugin_host import migrations as plugin_migrations

    app = create_app()
    with app.app_context():
        if reset:
            reset_database()
        else:
            upgrade()
            plugin_migrations.upgrade_all()  # as `flask db upgrade`
    return app


def _reset_running_sandbox(sandbox_url: str, app_url: str) -> bool:
    """Put the sandbox of a demo already running back to its seed, over its ``/_sandbox/``
    knobs; False when none answers there.

    The seed forgets the redirect URIs the demo added for a port other than the seeded ones,
    so they are registered again.
    """
    import requests

    try:
        requests.post(sandbox_url + "/_sandbox/reset", timeout=5).raise_for_status()
    except requests.ConnectionError:
        return False
    except requests.HTTPError:
        raise SystemExit(f"Something other than the sandbox answers at {sandbox_url}: choose "
                         "the demo's ports with --port and --sandbox-port.") from None
    for path in CALLBACK_PATHS:
        requests.post(sandbox_url + "/_sandbox/redirect-uris", timeout=5, json={
            "client_id": seed.DEFAULT_CLIENT_ID, "uri": app_url + path}).raise_for_status()
    return True


def reset(args: argparse.Namespace) -> bool:
    """``--reset`` of a demo already running: its sandbox and the app's database back to the
    seed while both keep serving; False when no demo answers (then one starts fresh).

    Over https the running sandbox's local CA is not known here: stop that demo and start it
    again with ``--reset``.
    """
    app_url = f"http://{args.host}:{args.port}"
    if args.https or not _reset_running_sandbox(f"http://{args.host}:{args.sandbox_port}",
                                                app_url):
        return False
    _environment(f"http://{args.host}:{args.sandbox_port}", app_url)
    _prepared_app(reset=True)
    print("  The running demo is back to its seed: the sandbox, and the app's database "
          "(keys kept). Sign in again.", flush=True)
    return True


def main(argv: list[str] | None = None) -> None:
    """Start the sandbox in a thread, point the app at it, migrate the database, serve."""
    args = _arguments(argv)
    if args.reset and reset(args):
        return
    sandbox = SandboxServer(host=args.host, port=args.sandbox_port, https=args.https).start()
    if args.https:
        _trust_sandbox(sandbox.ca_path)
    app_url = f"http://{args.host}:{args.port}"
    for path in CALLBACK_PATHS:  # a no-op for the seeded ports, needed for any other
        sandbox.sandbox.add_redirect_uri(seed.DEFAULT_CLIENT_ID, app_url + path)
    _environment(sandbox.url, app_url)
    app = _prepared_app(reset=args.reset)
    print(f"\n  postpress demo:     {app_url}\n  Microsoft sandbox:  {sandbox.url}\n"
          "  Demo users: the sandbox's sign-in page says who shows what; Megan Bowen "
          "(Contoso admin) opens Settings.\n  Demo script: docs/demo.md. Between two demos: "
          "scripts/demo --reset\n  Press Ctrl+C to stop.\n", flush=True)
    if args.https:
        print(f"  The sandbox's certificate is signed by a local CA: {sandbox.ca_path}\n"
              "  (a browser warns about it unless told to trust that file)\n", flush=True)
    # Path-only request lines: the callback's query holds the authorization code and state.
    run_simple(args.host, args.port, app, threaded=True, request_handler=PathOnlyLogHandler)


if __name__ == "__main__":
    main()
