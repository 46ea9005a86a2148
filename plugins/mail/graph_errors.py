"""Graph's refusals as pages: who must act, and what to do, never a 500.

A missing permission or a sign-in Microsoft refused goes to the core's reconnect page (one
button, Microsoft asks only for what is missing, and the user comes back here). Throttling
says when to retry; an unreachable Graph says so; a vanished item is a 404.
"""

import math

from flask import make_response, render_template, request

from postpress_whitelabel.api import GraphError, reconnect


def retry_seconds(error: GraphError) -> int | None:
    """Whole seconds until Microsoft said to come back, if it said."""
    if error.retry_after is None:
        return None
    return max(1, math.ceil(error.retry_after))


def error_response(account, error: GraphError, back: str | None = None):
    """The page for a Graph call that failed on behalf of ``account``."""
    if error.missing_permission or error.needs_sign_in:
        return reconnect(account, next=back or request.full_path, error=error)
    if error.not_found:
        return _page("Not found", "This item is no longer in the mailbox: it may have been "
                     "moved or deleted.", 404)
    if error.throttled:
        seconds = retry_seconds(error)
        when = f"in {seconds} seconds" if seconds else "in a minute"
        response = _page("Microsoft is busy", f"Microsoft Graph asked us to slow down. "
                         f"Try again {when}.", 503)
        if seconds:
            response.headers["Retry-After"] = str(seconds)
        return response
    if error.unreachable:
        return _page("Microsoft Graph is down or slow", "Microsoft Graph did not answer in "
                     "time. Nothing was changed; try again in a moment.", 504)
    status = 400 if error.status == 400 else 502  # a 400 answers what the browser asked
    return _page("Microsoft Graph refused this", f"Microsoft said: {error}", status)


def _page(title: str, message: str, status: int):
    """The plugin's problem page."""
    html = render_template("mail/problem.html", title=title, message=message)
    return make_response(html, status)


def flash_text(error: GraphError) -> str:
    """One line for a flash message after an action Graph refused."""
    if error.throttled:
        seconds = retry_seconds(error)
        return ("Microsoft is busy: nothing was changed. Try again "
                + (f"in {seconds} seconds." if seconds else "in a minute."))
    if error.unreachable:
        return "Microsoft Graph is down or slow: nothing was changed. Try again in a moment."
    if error.not_found:
        return "That message is no longer in the mailbox."
    return f"Microsoft refused this: {error}"
