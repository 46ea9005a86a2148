"""The core's reconnect page: one button that signs an account in to Microsoft again.

A plugin that meets "needs sign-in again" or a missing permission answers with this page instead
of an error: the button signs that same account in (with ``login_hint``, and no forced consent
prompt, so Microsoft asks only for what is missing) and brings the user back to ``next``.
"""

from __future__ import annotations

from flask import render_template

from ..microsoft.graph import GraphError
from ..models import ConnectedAccount
from ..security import safe_next
from ..signin import scopes


def missing_scopes(account: ConnectedAccount) -> list[str]:
    """Scopes the app requests that this account has not granted (OpenID ones aside)."""
    return [name for name in scopes.requested()
            if name not in scopes.OIDC_SCOPES and name.lower() not in account.scope_set]


def reason(account: ConnectedAccount, error: GraphError | None = None,
           missing: list[str] | None = None) -> str:
    """``sign_in``, ``permission`` (a scope is missing), or ``policy``: Graph said access
    denied although every scope is granted and the sign-in is good, so signing in again would
    only bring the same answer (a Conditional Access or mailbox sharing decision)."""
    missing = missing_scopes(account) if missing is None else missing
    if account.status == "needs_sign_in" or (error is not None and error.needs_sign_in):
        return "sign_in"
    if missing:
        return "permission"
    if error is not None and error.missing_permission:
        return "policy"
    return "sign_in"


def page(account: ConnectedAccount, next_url: str | None = None,
         error: GraphError | None = None):
    """The page; its status is 403 when a permission is missing or a policy refused, else 200."""
    missing = missing_scopes(account)
    why = reason(account, error, missing)
    if next_url and next_url.endswith("?"):
        next_url = next_url[:-1]  # request.full_path adds "?" even when there is no query
    body = render_template("reconnect.html", account=account, missing=missing, reason=why,
                           next_url=safe_next(next_url), error=error)
    return body, 200 if why == "sign_in" else 403
