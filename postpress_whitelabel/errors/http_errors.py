"""Friendly pages for HTTP errors: never a stack trace, never a secret."""

from __future__ import annotations

import logging

from flask import Flask, g, redirect, request, url_for
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from ..extensions import db
from ..microsoft.advice import Actor, Advice
from ..trusted_hosts import bind_links_to_public_url
from .problem_pages import render_problem

log = logging.getLogger(__name__)

_CSRF = Advice(
    "This form has expired", Actor.END_USER,
    "The page you submitted was open too long, came from another site, or belongs to a session "
    "that has ended (for example after signing out in another tab), so it was refused to protect "
    "your account.", "Go back, reload the page and try again.", False, 400)
_INTERNAL = Advice(
    "Something went wrong on our side", Actor.INTEGRATOR,
    "The app hit an unexpected error. Nothing about your Microsoft account was shown or lost.",
    "Try again. If it keeps happening, tell the people who run this app the time it happened; "
    "the server log has the details.", True, 500)


_FORBIDDEN = Advice(
    "This page is for the app's administrators", Actor.INTEGRATOR,
    "You are signed in, but your account is not one of this app's administrators.",
    "Ask the people who run this app for access, or go back to the start page.", False, 403)


def _stale_sign_in_button() -> bool:
    """"Sign in" pressed in a tab left open while another tab signed in: that sign-in reset the
    form token, and the person wants what they already have. Nothing is changed by sending them
    home, so the refused token costs nothing."""
    return (request.endpoint == "hosted.connect"
            and request.form.get("intent", "sign_in") == "sign_in"
            and current_user.is_authenticated)


def _http(exc: HTTPException) -> Advice:
    if exc.code == 403:
        return _FORBIDDEN
    return Advice(exc.name, Actor.END_USER, exc.description or exc.name,
                  "Check the address, or go back to the start page.", False, exc.code or 400)


def init_app(app: Flask) -> None:
    """Register the handlers; unexpected errors are logged with their type only in the page."""

    @app.errorhandler(CSRFError)
    def _csrf(exc):
        if _stale_sign_in_button():
            return redirect(url_for("views.home"))
        return render_problem(_CSRF)

    @app.errorhandler(HTTPException)
    def _http_error(exc):
        if exc.code and exc.code < 400:
            return exc
        # Refused before routing (a Host werkzeug cannot even parse): links need an adapter.
        bind_links_to_public_url()
        if isinstance(exc, MethodNotAllowed):
            if request.method in ("GET", "HEAD") and request.accept_mimetypes.accept_html:
                # A form's address opened as a page (a bookmark, a reload): the start page,
                # since a GET never does what the form does.
                return redirect(url_for("views.home"))
            body, status = render_problem(_http(exc))
            return body, status, {"Allow": ", ".join(sorted(exc.valid_methods or []))}
        return render_problem(_http(exc))

    @app.errorhandler(Exception)
    def _internal(exc):
        log.exception("unhandled error")
        bind_links_to_public_url()
        # Whatever half-done work the request left in the session must not be committed later,
        # and must not fail the error page's own queries (branding) a second time.
        db.session.rollback()
        g.plugins_failed = True
        return render_problem(_INTERNAL)
