"""``flask postpress set-credentials | use-default | show-credentials | check-credentials``.

Headless set-up for deployments and cron: the secret is read from standard input, never from an
argument (arguments land in shell history and process lists), and nothing prints it back.
"""

from __future__ import annotations

import sys
from datetime import date

import click
from flask.cli import with_appcontext

from .. import clock
from . import changes, checks, reminders
from .credentials import CUSTOM, stored
from .expiry import active_secret
from .notify import channels as notify_channels

ACTOR = "command line"


def _read_secret() -> str:
    """One line of standard input, read as bytes so that bytes which are not UTF-8 get a
    message rather than a traceback, and bounded so a file piped in by mistake is not slurped.
    """
    if sys.stdin.isatty():
        return click.prompt("Client secret (Value)", hide_input=True).strip()
    limit = 4 * checks.MAX_SECRET_LENGTH + 2  # past the limit is all secret_problem needs
    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.readline(limit) if stream else sys.stdin.readline(limit).encode()
    if len(raw) >= limit:  # cut short, maybe inside a character: too long either way
        return raw.decode("utf-8", "replace")
    try:
        return raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise click.ClickException(
            "The client secret on standard input is not UTF-8 text: paste the Value column "
            "from Certificates & secrets.") from None


def _refusal(result) -> str | None:
    """Why Microsoft refused the credentials (nothing is saved then), or None."""
    if result.ok:
        return None
    if result.error is None:
        return "Microsoft could not be reached to test them; retry, or pass --no-test."
    advice, error = result.error.advice(), result.error
    code = f" (AADSTS{error.aadsts})" if error.aadsts else ""
    return f"Microsoft refused these credentials{code}: {advice.title}. {advice.what_to_do}"


def _fail_on(problem: str | None) -> None:
    if problem:
        raise click.ClickException(problem)


@click.command("set-credentials")
@with_appcontext
@click.option("--client-id", required=True, help="Application (client) ID.")
@click.option("--expires", "expires", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="The secret's expiry date, YYYY-MM-DD.")
@click.option("--tenant-id", default=None,
              help="Directory (tenant) ID; with it the credentials are tested before saving.")
@click.option("--no-test", is_flag=True, help="Save without asking Microsoft first.")
def set_credentials(client_id: str, expires, tenant_id: str | None, no_test: bool):
    """Save custom credentials and switch to them; the secret is read from standard input."""
    client_id, tenant_id = client_id.strip().lower(), (tenant_id or "").strip().lower() or None
    secret, expires_on = _read_secret(), expires.date()
    _fail_on(checks.client_id_problem(client_id))
    _fail_on(checks.secret_problem(secret))
    _fail_on(checks.expiry_problem(expires_on, clock.now().date()))
    _fail_on(checks.tenant_problem(tenant_id))
    _fail_on(checks.same_ids_problem(client_id, tenant_id))
    if tenant_id and not no_test:
        _fail_on(_refusal(checks.test(client_id, secret, tenant_id)))
    changes.save_custom(client_id=client_id, secret=secret, expires_on=expires_on,
                               tenant_id=tenant_id, actor=ACTOR)
    click.echo(f"Custom credentials saved and active: {client_id}, secret "
               f"••••{changes.hint(secret)}, expires {expires_on}.")


@click.command("use-default")
@with_appcontext
def use_default():
    """Switch new sign-ins back to the default credentials (custom ones stay stored)."""
    changes.set_mode("default", actor=ACTOR)
    click.echo("New sign-ins use the default credentials.")


@click.command("show-credentials")
@with_appcontext
def show_credentials():
    """Print the mode, client id, masked secret and expiry; never the secret."""
    row = stored()
    click.echo(f"mode:       {row.mode}")
    label = "client id: " if row.mode == CUSTOM else "stored custom client id (not in use):"
    click.echo(f"{label} {row.client_id or '-'}")
    click.echo(f"secret:     {('••••' + row.secret_hint) if row.client_secret else '-'}")
    click.echo(f"expires:    {row.secret_expires_on or '-'}")
    click.echo(f"tenant id:  {row.tenant_id or '-'}")
    if row.pending_secret:
        click.echo(f"new secret: ••••{row.pending_hint}, expires {row.pending_expires_on} "
                   "(not promoted)")


@click.command("check-credentials")
@with_appcontext
@click.option("--days", default=30, show_default=True, type=click.IntRange(min=0),
              help="Fail when the secret expires within this many days.")
@click.option("--notify", is_flag=True,
              help="Send the reminder due (60, 30, 7, 1 days before) by email and/or webhook.")
def check_credentials(days: int, notify: bool):
    """Exit 1 when the active secret expires within --days, 2 once it has expired, 3 when a
    reminder could not be delivered (it is tried again on the next run)."""
    today: date = clock.now().date()
    status = active_secret(today)
    if notify:
        _notify()
    if stored().mode != CUSTOM:
        click.echo("OK: default credentials are active; there is no custom secret to watch.")
        return
    if status is None:
        click.echo("WARNING: custom credentials have no expiry date recorded.")
        sys.exit(1)
    if status.days_left <= 0:
        click.echo(f"EXPIRED: {status.message}")
        sys.exit(2)
    if status.days_left <= days:
        click.echo(f"EXPIRING: {status.message}")
        sys.exit(1)
    click.echo(f"OK: the client secret expires in {status.days_left} days ({status.expires_on}).")


def _notify() -> None:
    """Send the due reminder; report where it went, and stop with 3 if a channel failed."""
    if not notify_channels():
        click.echo("WARNING: --notify given but neither SMTP_HOST with REMINDER_TO nor "
                   "REMINDER_WEBHOOK_URL is configured.", err=True)
    outcome = reminders.run()
    if outcome.delivered:
        click.echo(f"Reminder ({outcome.threshold} days) sent by {', '.join(outcome.delivered)}.")
    if outcome.failed:
        for problem in outcome.failed:
            click.echo(f"REMINDER NOT SENT: {problem}", err=True)
        sys.exit(3)


COMMANDS = (set_credentials, use_default, show_credentials, check_credentials)
