"""Creating and changing events: the form, free/busy beside the time, Graph's refusals.

Editing a series' master changes the whole series; editing an occurrence changes only that
one (Graph keeps it as an exception of the series). The form's "Check availability" button
posts the form back and re-renders it with ``getSchedule``'s answer, so it works without JS.
"""

from __future__ import annotations

import datetime as dt

from flask import flash, redirect, render_template, request
from flask_login import current_user

from postpress_whitelabel.api import BatchRequest, GraphError, graph, login_required

from . import availability, clock, events, failures, page_context, reads, recurrence, zones
from .blueprint import bp
from .forms import EventForm


def _render(page, form, event=None, people=None, note=None, status=200):
    """The form page (``event`` is None for a new one)."""
    series = event is None or event.kind in ("seriesMaster", "singleInstance")
    return render_template("calendar/form.html", page=page, form=form, event=event,
                           show_recurrence=series, people=people, note=note), status


def _new_defaults(zone: str) -> dict:
    """A new event: the date asked for (else today in the form's zone, not UTC's), 09:00 to
    10:00."""
    try:
        day = dt.date.fromisoformat(request.args.get("date") or "")
    except ValueError:
        day = clock.now().astimezone(zones.zone(zone) or dt.UTC).date()
    return {"start_date": day, "end_date": day, "start_time": dt.time(9),
            "end_time": dt.time(10), "time_zone": zone}


def _page_zone(page) -> str:
    """The zone the form starts in: the chosen one, else the mailbox's (one small request)."""
    chosen, asks = reads.zone_requests(current_user.id, page.access)
    if chosen is not None or not asks:
        return (chosen.name if chosen else "UTC")
    try:
        return reads.zone_from(reads.send(page.account, asks), None).name
    except GraphError:
        return "UTC"


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_event():
    """The form for a new event; POST creates it (or checks availability)."""
    page = page_context.settle(writing=True)
    if not isinstance(page, page_context.Page):
        return page
    form = EventForm() if request.method == "POST" else EventForm(
        data=_new_defaults(_page_zone(page)))
    if request.method == "GET":
        return _render(page, form)
    return _submit(page, form, None, f"{page.source.base}/events", "POST")


def _submit(page, form, event, path: str, method: str):
    """Validate, then check availability or save; the form is kept on any error."""
    if not form.validate_on_submit():
        return _render(page, form, event, status=400)
    if request.form.get("action") == "check":
        return _with_availability(page, form, event)
    with_rule = event is None or event.kind in ("seriesMaster", "singleInstance")
    first_day = recurrence.first_day_of(event.recurrence if event else None)
    try:
        saved = graph(page.account).request(method, path,
                                             json=form.graph_body(with_rule, first_day))
    except GraphError as exc:
        if exc.status == 400:
            return _render(page, form, event, note=f"Microsoft refused the event: {exc}",
                           status=400)
        return failures.from_graph(exc, page.account, page.source, page.access, writing=True)
    flash("Event saved." if event else "Event created.", "success")
    saved_id = (saved.body or {}).get("id") or (event.id if event else "")
    return redirect(page.url("calendar.event_view", event_id=saved_id,
                             week=form.start_date.data.isoformat()), 303)


def _with_availability(page, form, event):
    """The form again, with each attendee's free/busy beside the time."""
    people = form.people()
    if not people:
        return _render(page, form, event, note="Add attendees to see when they are free.")
    start, end = form.bounds()
    try:
        found = availability.check(page.account, people, start, end, form.time_zone.data)
    except GraphError as exc:
        if exc.needs_sign_in:
            return failures.from_graph(exc, page.account)
        return _render(page, form, event, note=availability.explain(exc, page.access.personal))
    return _render(page, form, event, people=found)


def _form_data(event: events.Event, zone: str) -> dict:
    """The form's fields from an event read in ``zone``."""
    end = event.end - dt.timedelta(days=1) if event.all_day else event.end
    data = {"subject": event.subject, "all_day": event.all_day,
            "start_date": event.start.date(), "start_time": event.start.time(),
            "end_date": end.date(), "end_time": event.end.time(), "time_zone": zone,
            "location": event.location, "body": event.body.strip(),
            "attendees": "\n".join(a.address for a in event.attendees)}
    return data | recurrence.to_form(event.recurrence)


@bp.route("/event/<event_id>/edit", methods=["GET", "POST"])
@login_required
def edit_event(event_id: str):
    """The form for an event, a series (its master) or one occurrence; POST saves it."""
    page = page_context.settle(writing=True)
    if not isinstance(page, page_context.Page):
        return page
    chosen, zone_asks = reads.zone_requests(current_user.id, page.access)
    asks = [BatchRequest("event", "GET", page.source.event_path(event_id),
                         headers=reads.TEXT_BODY), *zone_asks]
    try:
        answers = reads.send(page.account, asks)
        body = reads.require(answers, "event")
    except GraphError as exc:
        return failures.from_graph(exc, page.account, page.source, page.access)
    zone = reads.zone_from(answers, chosen)
    event = events.from_graph(body, zone.info)
    if request.method == "GET":
        return _render(page, EventForm(data=_form_data(event, zone.name)), event)
    return _submit(page, EventForm(), event, page.source.event_path(event_id), "PATCH")
