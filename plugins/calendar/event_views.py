"""One event: its details in one round trip, and what the user may do with it: answer an
invitation, cancel a meeting they organize, delete it.

The details batch reads the event (body as text, so nothing of its HTML reaches the page),
its series' master when it belongs to one (the week view passes ``series=``), the calendar
(may the user edit it) and, unless the user picked a zone, the mailbox's time zone.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, TextAreaField
from wtforms.validators import Length

from postpress_whitelabel.api import BatchRequest, GraphError, graph, graph_path, login_required

from . import events, failures, page_context, reads, recurrence
from .blueprint import bp
from .forms import options
from .source import CALENDAR_ID

ANSWERS = {"accept": "accepted", "tentativelyAccept": "tentatively accepted",
           "decline": "declined"}


class RespondForm(FlaskForm):
    """An answer to an invitation."""

    response = RadioField("Your answer", choices=options([
        ("accept", "Accept"), ("tentativelyAccept", "Tentative"), ("decline", "Decline")]),
        default="accept")
    comment = TextAreaField("Message (optional)", validators=[Length(max=2000)])
    send_response = BooleanField("Send my answer to the organizer", default=True)


class CancelForm(FlaskForm):
    """Calling off a meeting the user organizes."""

    comment = TextAreaField("Message to the attendees (optional)",
                            validators=[Length(max=2000)])


class DeleteForm(FlaskForm):
    """Deleting an event (only the CSRF token)."""


def _read(page, event_id: str, series_id: str | None):
    """The event, its series' master, the calendar and the zone, in one ``$batch``."""
    chosen, zone_asks = reads.zone_requests(current_user.id, page.access)
    asks = [BatchRequest("event", "GET", page.source.event_path(event_id),
                         headers=reads.TEXT_BODY), reads.calendar_request(page.source),
            *zone_asks]
    if series_id and series_id != event_id:
        asks.append(BatchRequest("series", "GET", graph_path(
            page.source.event_path(series_id),
            select=("subject", "recurrence", "start", "end", "isAllDay"))))
    answers = reads.send(page.account, asks)
    body, calendar = reads.require(answers, "event"), reads.require(answers, "calendar")
    zone = reads.zone_from(answers, chosen)
    series = answers.get("series")
    master = series.body if series is not None and series.ok else None
    return events.from_graph(body, zone.info), calendar, zone, master


@bp.get("/event/<event_id>")
@login_required
def event_view(event_id: str):
    """The event's details and actions."""
    page = page_context.settle()
    if not isinstance(page, page_context.Page):
        return page
    series_id = request.args.get("series") or None
    if series_id and not CALENDAR_ID.match(series_id):
        series_id = None
    try:
        event, calendar, zone, master = _read(page, event_id, series_id)
    except GraphError as exc:
        return failures.from_graph(exc, page.account, page.source, page.access)
    rule = recurrence.describe((master or {}).get("recurrence") or event.recurrence)
    return render_template(
        "calendar/event.html", page=page, event=event, calendar=calendar, zone=zone,
        master=master, rule=rule, series_id=event.series_id or series_id,
        respond_form=RespondForm(), cancel_form=CancelForm(), delete_form=DeleteForm(),
        own=not page.source.is_colleague and not page.source.calendar_id)


def _back(page, event_id: str):
    """Back to the event's page."""
    return redirect(page.url("calendar.event_view", event_id=event_id,
                             series=request.form.get("series") or ""), 303)


def _act(event_id: str, form: FlaskForm, invalid: str, call, done):
    """What every action does: settle the page for writing, check the form (``invalid`` says
    what was wrong), make the Graph ``call(client, event_path)``, turn a refusal into the
    calendar's error page, else ``done(page)`` (flash and redirect)."""
    page = page_context.settle(writing=True)
    if not isinstance(page, page_context.Page):
        return page
    if not form.validate_on_submit():
        flash(invalid, "error")
        return _back(page, event_id)
    try:
        call(graph(page.account), page.source.event_path(event_id))
    except GraphError as exc:
        return failures.from_graph(exc, page.account, page.source, page.access, writing=True)
    return done(page)


@bp.post("/event/<event_id>/respond")
@login_required
def respond(event_id: str):
    """Accept, tentatively accept or decline an invitation."""
    form = RespondForm()

    def answered(page):
        sent = " and told the organizer" if form.send_response.data else ""
        flash(f"You {ANSWERS[form.response.data]} the invitation{sent}.", "success")
        if form.response.data == "decline":
            return redirect(page.url("calendar.week_view"), 303)
        return _back(page, event_id)

    return _act(event_id, form, "Choose an answer (the message may be at most 2000 characters).",
                lambda client, path: client.post(
                    f"{path}/{form.response.data}",
                    json={"comment": form.comment.data or "",
                          "sendResponse": bool(form.send_response.data)}),
                answered)


@bp.post("/event/<event_id>/cancel")
@login_required
def cancel(event_id: str):
    """Call off a meeting the user organizes: attendees get the message."""
    form = CancelForm()

    def cancelled(page):
        flash("The meeting is cancelled; its attendees were told.", "success")
        return redirect(page.url("calendar.week_view"), 303)

    return _act(event_id, form, "The message may be at most 2000 characters.",
                lambda client, path: client.post(f"{path}/cancel",
                                                 json={"comment": form.comment.data or ""}),
                cancelled)


@bp.post("/event/<event_id>/delete")
@login_required
def delete(event_id: str):
    """Delete an event, one occurrence of a series, or the whole series (its master's id)."""
    def deleted(page):
        flash("Deleted.", "success")
        return redirect(page.url("calendar.week_view", week=request.form.get("week") or ""),
                        303)

    return _act(event_id, DeleteForm(), "The form expired; try again.",
                lambda client, path: client.delete(path), deleted)
