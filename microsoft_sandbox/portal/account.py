"""Signing in to the portal as a directory's developer or admin, and the portal's home page.

Sign-in is a picker of the seeded work accounts (no passwords: the sandbox is offline), since
the portal only needs to know which directory it acts in and whether the account is an admin.
"""

from flask import abort, g, redirect, render_template, request, session, url_for

from ..directory import seed
from ..identity import browser_session
from ..web import get_sandbox
from .blueprint import bp
from .common import SESSION_KEY, account_required, checked_form, render, signed_in


@bp.get("/")
@account_required
def home():
    """The directory overview: tenant id, domains, and the two services of the guide."""
    sandbox = get_sandbox()
    return render("home.html", apps=sandbox.apps_in_tenant(g.tenant.tenant_id),
                  pending=sandbox.consent_requests(g.tenant.tenant_id, "pending"))


@bp.get("/signin")
def signin():
    """"Pick an account": the work accounts of every directory, admins marked."""
    accounts = [u for u in get_sandbox().list_users() if not u.is_personal]
    current = signed_in()
    # The guide's reader is the integrator's developer: preselect them unless someone is in.
    preselected = current.oid if current else seed.DEVELOPER_OID
    html = render_template("portal/signin.html", accounts=accounts, preselected=preselected,
                           tenants=get_sandbox().tenants,
                           csrf_token=browser_session.form_token())
    return html


@bp.post("/signin")
def signin_post():
    """Sign the chosen work account in to the portal."""
    checked_form()
    user = get_sandbox().user(request.form.get("oid"))
    if user is None or user.is_personal:
        return redirect(url_for("portal.signin"), code=303)
    session[SESSION_KEY] = user.oid
    return redirect(url_for("portal.home"), code=303)


@bp.post("/signout")
def signout():
    """Leave the portal (the authorize flow's sign-in is untouched)."""
    checked_form()
    session.pop(SESSION_KEY, None)
    return redirect(url_for("portal.signin"), code=303)


@bp.route("/<path:unknown>")
def not_found(unknown: str):
    """An unknown address under /portal/ is the portal's own 404 page (a route, so the
    blueprint's handler answers it and nothing outside the portal changes)."""
    abort(404)


@bp.errorhandler(400)
@bp.errorhandler(403)
@bp.errorhandler(404)
def refused(exc):
    """Portal refusals as a portal page when someone is signed in."""
    if signed_in() is None:
        return render_template("message.html", title=exc.name, text=exc.description), exc.code
    g.account = signed_in()
    g.tenant = get_sandbox().tenant(g.account.tenant_id)
    return render("problem.html", status=exc.code, title=exc.name, text=exc.description)
