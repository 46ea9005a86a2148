"""The week view: one ``$batch`` for the events, the calendar, the list and the zone.

Also the time zone form: a person picks the zone their calendars are shown in, or goes back
to their mailbox's (see ``preferences`` for why this is kept in the app).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField

from postpress_whitelabel.api import GraphError, connected_accounts, login_required, safe_next

from . import clock, failures, page_context, preferences, reads, this_week, week, zones
from .blueprint import bp
from .forms import options

MAILBOX = ""  # the zone choice that follows the mailbox


class ZoneForm(FlaskForm):
    """The zone the calendar is shown in."""

    time_zone = SelectField("Show times in", choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone.choices = options([(MAILBOX, "My mailbox's time zone"),
                                          *zones.choices()])


@bp.get("/")
@login_required
def week_view():
    """The week of ``week=`` (a date in it), else this week in the page's zone, for the chosen
    account and calendar."""
    page = page_context.settle()
    if not isinstance(page, page_context.Page):
        return page
    now = clock.now()
    chosen, zone_asks = reads.zone_requests(current_user.id, page.access)
    days = this_week.span(request.args.get("week"), _known_zone(page, chosen, zone_asks), now)
    asks = [reads.view_request("view", page.source, days.first, days.days),
            reads.calendar_request(page.source), reads.calendars_request(), *zone_asks]
    try:
        answers = reads.send(page.account, asks)
        body = reads.require(answers, "view")
        calendar = reads.require(answers, "calendar")
    except GraphError as exc:
        return failures.from_graph(exc, page.account, page.source, page.access)
    zone = reads.zone_from(answers, chosen)
    if zone.origin == "mailbox":
        this_week.remember(page.account.id, zone.name)
    monday = days.week_of(zone.info, now)
    today = now.astimezone(zone.info).date()
    laid = week.layout(reads.events_of(body, zone), monday, zone.info, today)
    calendars = answers["calendars"].body.get("value", []) if answers["calendars"].ok else []
    return render_template(
        "calendar/week.html", page=page, week=laid, zone=zone, calendar=calendar,
        calendars=calendars, accounts=connected_accounts(),
        more=bool(body.get("@odata.nextLink")),
        prev_week=(monday - dt.timedelta(days=7)).isoformat(),
        next_week=(monday + dt.timedelta(days=7)).isoformat(), this_week=today.isoformat())


def _known_zone(page, chosen, zone_asks) -> ZoneInfo | None:
    """The page's zone if it is known before the batch: chosen, UTC (the mailbox's cannot be
    read), or the mailbox's as this session last read it; None on a first visit."""
    if chosen is not None:
        return chosen.info
    if not zone_asks:
        return ZoneInfo("UTC")
    return this_week.remembered(page.account.id)


def _back_to(path: str | None) -> str:
    """A calendar page to return to (anything else: the week)."""
    path = safe_next(path) or ""
    return path if path.startswith("/calendar") else url_for("calendar.week_view")


@bp.get("/time-zone")
@login_required
def zone_page():
    """The zone chooser (its own page: listing every zone is too heavy for the week view)."""
    chosen = preferences.chosen_zone(current_user.id)
    form = ZoneForm(time_zone=chosen or MAILBOX)
    return render_template("calendar/time_zone.html", form=form,
                           back=_back_to(request.args.get("next")))


@bp.post("/time-zone")
@login_required
def choose_zone():
    """Remember the zone the user picked (or forget it, to follow the mailbox again)."""
    form = ZoneForm()
    target = _back_to(request.form.get("next"))
    if not form.validate_on_submit():
        flash("Pick a time zone from the list.", "error")
        return redirect(target, 303)
    name = form.time_zone.data or None
    preferences.choose_zone(current_user.id, name)
    flash(f"Times are now shown in {name}." if name else
          "Times now follow your mailbox's time zone.", "success")
    return redirect(target, 303)
