"""``flask postpress doctor``: is this deployment ready for real users, and if not, why.

One line per check, ``OK``, ``WARN`` or ``FAIL``, in plain words that say what to do. The exit
status follows ``check-credentials``: 0 when every check is OK, 1 when the worst is a WARN
(works, but needs attention: a secret expiring within 30 days, http on localhost), 2 when any
check FAILs (sign-ins fail or are unsafe). Nothing printed ever holds a secret, a key or a
connection string: a check reports kinds of errors, never their text.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import click
from flask.cli import with_appcontext

from . import doctor_local, doctor_microsoft
from .doctor_findings import EXIT_STATUS, FAIL, OK, WARN, Finding, worst


def run_checks() -> list[Finding]:
    """Every check in the order an operator fixes things: local first, then Microsoft.

    A check that cannot run because an earlier one failed (no database, so no stored values to
    decrypt) reports that instead of failing a second time.
    """
    findings: list[Finding] = []
    steps: list[Callable[[], list[Finding]]] = [
        doctor_local.configuration,
        doctor_local.database,
        doctor_local.encryption,
        doctor_local.redirect_uris,
        doctor_microsoft.discovery_and_clock,
        doctor_microsoft.credentials,
    ]
    for step in steps:
        findings.extend(step())
    return findings


@click.command("doctor")
@with_appcontext
def doctor_command():
    """Check configuration, keys, database, Microsoft and credentials; exit 0 OK, 1 WARN, 2 FAIL."""
    findings = run_checks()
    for finding in findings:
        click.echo(finding.line())
    status = worst(findings)
    counts = {s: sum(f.status == s for f in findings) for s in EXIT_STATUS}
    click.echo(f"{counts[OK]} OK, {counts[WARN]} WARN, {counts[FAIL]} FAIL.")
    sys.exit(EXIT_STATUS[status])
