"""What every portal view needs: the signed-in account, access checks, rendering, form checks.

The portal keeps its own account in the sandbox session (`portal_oid`), apart from the account
signed in to the authorize flow, so walking the portal never changes who signs in to an app.
"""

import functools
from collections.abc import Callable

from flask import abort, flash, g, redirect, render_template, request, session, url_for

from ..directory.models import AppRegistration, Tenant, User
from ..identity import browser_session
from ..web import get_sandbox

SESSION_KEY = "portal_oid"


def signed_in() -> User | None:
    """The portal's signed-in work account, if any."""
    user = get_sandbox().user(session.get(SESSION_KEY))
    return user if user is not None and not user.is_personal else None


def account_required(view: Callable) -> Callable:
    """Send a visitor without a portal account to the sign-in page; set `g.account`/`g.tenant`."""

    @functools.wraps(view)
    def wrapped(**kwargs):
        """The view, for a signed-in account only."""
        account = signed_in()
        if account is None:
            return redirect(url_for("portal.signin"))
        g.account, g.tenant = account, get_sandbox().tenant(account.tenant_id)
        return view(**kwargs)

    return wrapped


def require_admin() -> None:
    """Stop a non-admin from an admin-only action.

    :raise 403: for accounts without an admin role.
    """
    if not g.account.is_admin:
        abort(403, description="You don't have permission to do this. Ask a Global "
                               "Administrator of your directory.")


def checked_form() -> None:
    """Refuse a post without this session's form token.

    :raise 400: when the token is missing or wrong.
    """
    browser_session.check_form_token(request.form.get("csrf_token"))


def app_of_tenant(client_id: str) -> AppRegistration:
    """A registration of the signed-in directory.

    :raise 404: for an unknown app or one registered in another directory.
    """
    app = get_sandbox().app(client_id)
    if app is None or app.home_tenant_id != g.account.tenant_id:
        abort(404, description="This application was not found in your directory.")
    return app


def render(template: str, status: int = 200, **context):
    """Render a portal page with the account, directory and form token every page uses."""
    html = render_template(f"portal/{template}", account=g.account, tenant=g.tenant,
                           csrf_token=browser_session.form_token(), **context)
    return html, status


def done(message: str, endpoint: str, **values):
    """After a successful change: a notification, then back to a page (303, so no re-post)."""
    flash(message)
    return redirect(url_for(endpoint, **values), code=303)


def tenant_name(tenant: Tenant | None) -> str:
    """A directory's name for sentences, even when it is unknown."""
    return tenant.display_name if tenant else "your directory"
