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


def page(account: ConnectedAccount, next_url: str | None = None,
         error: GraphError | None = None):
    """The page; its status is 403 when a permission is missing, else 200."""
    missing = [name for name in scopes.requested()
               if name not in scopes.OIDC_SCOPES and name.lower() not in account.scope_set]
    needs_sign_in = account.status == "needs_sign_in" or bool(error and error.needs_sign_in)
    if next_url and next_url.endswith("?"):
        next_url = next_url[:-1]  # request.full_path adds "?" even when there is no query
    reason = "sign_in" if needs_sign_in or not missing else "permission"
    body = render_template("reconnect.html", account=account, missing=missing, reason=reason,
                           next_url=safe_next(next_url), error=error)
    return body, 403 if reason == "permission" else 200
