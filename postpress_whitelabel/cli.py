"""``flask postpress …``: the commands an operator runs beside the web app."""

from __future__ import annotations

import json
from dataclasses import asdict

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .operations.demo_reset import demo_reset_command
from .operations.doctor import doctor_command
from .plugin_host import manager
from .settings.cli import COMMANDS
from .signin import scopes
from .signin.redirect_uris import CALLBACK, CALLBACK_PORT443

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


@postpress.command("plugins")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def plugins_command(as_json: bool):
    """List plugins: version, source, hooks, scopes contributed, enabled, load errors."""
    by_plugin: dict[str, list[str]] = {}
    for need in scopes.needs():
        by_plugin.setdefault(need.plugin, []).append(need.name)
    report = []
    for info in manager.infos():
        info.scopes = by_plugin.get(info.name, [])
        report.append(asdict(info))
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    if not report:
        click.echo("No plugins found (plugins/ is empty and no package declares one).")
    for item in report:
        state = "enabled" if item["enabled"] else "disabled"
        if item["error"]:
            state = f"FAILED: {item['error']}"
        click.echo(f"{item['name']} {item['version']} ({item['source']}) - {state}")
        click.echo(f"  hooks:  {', '.join(item['hooks']) or '-'}")
        click.echo(f"  scopes: {', '.join(item['scopes']) or '-'}")


def init_app(app: Flask) -> None:
    """Attach the command group."""
    for command in (*COMMANDS, doctor_command, demo_reset_command):
        postpress.add_command(command)
    app.cli.add_command(postpress)
