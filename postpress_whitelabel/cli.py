"""``flask postpress …``: the commands an operator runs beside the web app."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .hosted import CALLBACK, CALLBACK_PORT443

postpress = AppGroup("postpress", help="postpress white-label app commands.")


@postpress.command("redirect-uris")
def redirect_uris_command():
    """Print the two redirect URIs to register in Entra under Authentication > Web."""
    base = current_app.config["PUBLIC_URL"]
    if not base:
        raise click.ClickException(
            "PUBLIC_URL is not set: the redirect URIs are built from it (e.g. "
            "POSTPRESS_PUBLIC_URL=https://app.example.com)."
        )
    click.echo(base + CALLBACK)
    click.echo(base + CALLBACK_PORT443)


def init_app(app: Flask) -> None:
    """Attach the command group."""
    app.cli.add_command(postpress)
