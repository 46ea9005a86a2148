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


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="interface for both servers")
    parser.add_argument("--port", type=int, default=5000, help="the app's port")
    parser.add_argument("--sandbox-port", type=int, default=5001, help="the sandbox's port")
    parser.add_argument("--https", action="store_true",
                        help="serve the sandbox over https with a local CA it makes itself")
    return parser.parse_args()


def _trust_sandbox(ca_path: Path) -> Path:
    """Make the app trust the sandbox's CA as well as the usual ones: a bundle of both, named
    by REQUESTS_CA_BUNDLE (the app's HTTP sessions read it)."""
    from requests.certs import where

    bundle = ca_path.with_name("trust-bundle.pem")
    bundle.write_bytes(Path(where()).read_bytes() + b"\n" + ca_path.read_bytes())
    os.environ["REQUESTS_CA_BUNDLE"] = str(bundle)
    return bundle


def main() -> None:
    """Start the sandbox in a thread, point the app at it, migrate the database, serve."""
    args = _arguments()
    sandbox = SandboxServer(host=args.host, port=args.sandbox_port, https=args.https).start()
    if args.https:
        _trust_sandbox(sandbox.ca_path)
    app_url = f"http://{args.host}:{args.port}"
    for path in CALLBACK_PATHS:  # a no-op for the seeded ports, needed for any other
        sandbox.sandbox.add_redirect_uri(seed.DEFAULT_CLIENT_ID, app_url + path)
    os.environ.update({
        "POSTPRESS_SANDBOX": "true",
        "POSTPRESS_MICROSOFT_LOGIN_URL": sandbox.url,
        "POSTPRESS_MICROSOFT_GRAPH_URL": sandbox.url,
        "POSTPRESS_DEFAULT_CLIENT_ID": seed.DEFAULT_CLIENT_ID,
        "POSTPRESS_DEFAULT_CLIENT_SECRET": seed.DEFAULT_CLIENT_SECRET,
    })
    os.environ.setdefault("POSTPRESS_PUBLIC_URL", app_url)
    # Megan Bowen, Contoso's admin, may open Settings in the demo.
    os.environ.setdefault("POSTPRESS_ADMIN_EMAILS", seed.CONTOSO_ADMIN_UPN)

    from flask_migrate import upgrade

    from postpress_whitelabel import create_app
    from postpress_whitelabel.plugin_host import migrations as plugin_migrations

    app = create_app()
    with app.app_context():
        upgrade()
        plugin_migrations.upgrade_all()  # the enabled plugins' own tables, as `flask db upgrade`
    print(f"\n  postpress demo:     {app_url}\n  Microsoft sandbox:  {sandbox.url}\n"
          "  Demo users: Adele Vance (Contoso user), Megan Bowen (Contoso admin, opens "
          "Settings), Sam Taylor (personal)\n  Press Ctrl+C to stop.\n", flush=True)
    if args.https:
        print(f"  The sandbox's certificate is signed by a local CA: {sandbox.ca_path}\n"
              "  (a browser warns about it unless told to trust that file)\n", flush=True)
    # Path-only request lines: the callback's query holds the authorization code and state.
    run_simple(args.host, args.port, app, threaded=True, request_handler=PathOnlyLogHandler)


if __name__ == "__main__":
    main()
