"""The home page's panel: today's and tomorrow's events of each account.

It declares its Graph requests (calendarView over the two days, and the mailbox's zone unless
the user picked one) instead of calling Graph, so the core sends them with every other
panel's in one ``$batch`` per account. The template gets ``agenda(graph)``, which turns the
answers into the two days' lists.
"""

from __future__ import annotations

import datetime as dt

from flask import url_for

from postpress_whitelabel.api import Panel

from . import access, clock, reads
from .source import Source

TITLE = "Today and tomorrow"


def panels(account, user) -> list[Panel]:
    """The panel for one account: the agenda, or a line on how to turn calendars on."""
    rights = access.of(account)
    link = url_for("calendar.week_view", account=account.id)
    if not rights.turned_on or not rights.read:
        return [Panel(TITLE, "calendar/panel_off.html",
                      {"turned_on": rights.turned_on, "link": link})]
    chosen, zone_asks = reads.zone_requests(user.id, rights) if user is not None \
        else (None, [])
    guess = clock.now().date()
    view = reads.view_request("agenda", Source(), guess - dt.timedelta(days=1), 3)
    # Without the mailbox's zone the agenda shows in UTC: its failure is not the panel's.
    return [Panel(TITLE, "calendar/panel.html",
                  {"agenda": lambda graph: agenda(graph, chosen), "link": link},
                  requests=(view, *zone_asks), optional=[r.id for r in zone_asks])]


def agenda(graph: dict, chosen) -> list[tuple[str, list]]:
    """Today's and tomorrow's events, in the page's zone: ``[(label, events), ...]``."""
    zone = reads.zone_from(graph, chosen)
    today = clock.now().astimezone(zone.info).date()
    found = reads.events_of(graph["agenda"].body or {}, zone)
    days = []
    for label, day in (("Today", today), ("Tomorrow", today + dt.timedelta(days=1))):
        days.append((label, [e for e in found if e.start.date() <= day <= e.last_day]))
    return days
