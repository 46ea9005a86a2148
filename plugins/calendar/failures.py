"""What a calendar page answers when Graph refuses: who must act and what to do.

As the other built-in plugins do: a missing permission or a refused sign-in is the core's
reconnect page (one button, Microsoft asks only for what is missing); a colleague's calendar
that is not shared, or shared read-only, says so and who can change it; throttling says when
to retry; Graph down or slow says to try again; an unknown event is a 404. Never a 500, never
Graph's raw answer.
"""

from __future__ import annotations

import logging

from flask import render_template, request

from postpress_whitelabel.api import GraphError, reconnect

from .source import Source

log = logging.getLogger(__name__)


def problem(title: str, message: str, who: str, status: int, **extra):
    """The plugin's problem page."""
    return render_template("calendar/problem.html", title=title, message=message, who=who,
                           **extra), status


def not_shared(source: Source, owner: str | None = None):
    """403: the colleague has not shared this calendar with the user."""
    whose = owner or source.user or "its owner"
    return problem("This calendar is not shared with you",
                   f"{whose} has not shared this calendar with you. Ask {whose} to share it "
                   "from Outlook (Calendar > Share), then open it again.", "end_user", 403)


def read_only(owner: str | None):
    """403: the calendar is shared for reading only."""
    whose = owner or "Its owner"
    return problem("This calendar is read-only for you",
                   f"{whose} shared this calendar with you for reading only, so events cannot "
                   "be added or changed in it. Ask them for edit access in Outlook "
                   "(Calendar > Share > Can edit).", "end_user", 403)


def _refused_by_owner(source: Source | None, access, writing: bool) -> bool:
    """Whether a 403 comes from the calendar's owner (no share, or read-only) rather than
    from a permission this account has not granted."""
    if source is None or access is None or not (source.is_colleague or source.calendar_id):
        return False
    if source.is_colleague:
        return access.write_shared if writing else access.shared
    return access.write if writing else access.read


def turned_off():
    """The app does not ask for calendar permissions: an administrator can turn them on."""
    return problem("Calendars are turned off",
                   "This app does not ask Microsoft for calendar permissions. An administrator "
                   "turns them on in Settings > Microsoft Graph delegated permissions "
                   "(Calendars.Read and Calendars.ReadWrite); then sign in again.", "admin", 403)


def from_graph(error: GraphError, account, source: Source | None = None, access=None,
               writing: bool = False, owner: str | None = None):
    """The page for a failed Graph call (``writing``: it tried to change the calendar)."""
    log.info("calendar: Graph refused %s: %s", request.path, error)
    if error.needs_sign_in:
        return reconnect(account, next=request.full_path, error=error)
    if error.missing_permission:
        refused = _refused_by_owner(source, access, writing)
        if refused:
            return read_only(owner) if writing else not_shared(source, owner)
        return reconnect(account, next=request.full_path, error=error)
    if error.throttled:
        wait = f"in {int(error.retry_after + 0.999)} seconds" if error.retry_after \
            else "in a minute"
        return problem("Microsoft is busy", f"Microsoft Graph asked us to slow down. Try again "
                       f"{wait}.", "end_user", 503, retry_after=error.retry_after)
    if error.unreachable:
        return problem("Microsoft Graph is down or slow",
                       "Microsoft Graph did not answer in time. Try again in a moment.",
                       "end_user", 504)
    if error.not_found and source is not None and source.is_colleague:
        return problem("No calendar found", f"No one at {source.user} has a calendar this "
                       "account can see. Check the address.", "end_user", 404)
    if error.not_found:
        return problem("Not found", "This event or calendar no longer exists, or is not "
                       "visible to this account.", "end_user", 404)
    return problem("Microsoft Graph could not do this", str(error), "end_user", 502,
                   request_id=error.request_id)
