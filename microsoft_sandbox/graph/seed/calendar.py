"""Seeded calendars: a busy fortnight of meetings around "now", and one share per tenant.

For every user: a default calendar (and a second one) filled with workday meetings from a week
before the anchor to a week after it, in the mailbox's time zone: recurring series with
exceptions (`calendar_series`), one-on-ones, customer calls, focus time, an all-hands, an
all-day absence, a three-day expo, an invitation not yet answered, a cancelled meeting, and
`next-up`, a meeting at the next half hour so a demo always has something coming. Personal
accounts get evenings and weekends instead. In each organization the first seeded user shares
their default calendar with the second (read), who shares a team calendar back (edit).
"""

import datetime as dt
import functools
import random

from ...directory.models import User
from .. import htmltext, ids
from ..models import Attendee, Calendar, Event, Mailbox, Recipient
from ..timezones import local_midnight
from . import calendar_series
from .mail import rng_for
from .people import circle, recipient

DAYS_AROUND = 7
WORK_POOL = (
    ("1:1 with {peer}", 30, "Their office", False),
    ("Project Falcon sync", 60, "Conf Room Baker", True),
    ("Customer call: Relecloud", 45, "", True),
    ("Design review: checkout flow", 60, "Conf Room Rainier", True),
    ("Lunch & learn: writing better specs", 60, "Cafeteria", False),
    ("Interview: senior designer", 60, "Conf Room Adams", True),
    ("Quarterly planning", 90, "Conf Room Rainier", True),
    ("Budget review", 60, "", True),
    ("Vendor demo: Litware", 45, "", True),
)
HOME_POOL = (
    ("Gym", 60, "Downtown fitness club", False),
    ("Dinner with {peer}", 120, "Thai Orchid", False),
    ("Call Mum", 30, "", True),
    ("Book club", 90, "Priya's place", False),
    ("Yoga class", 60, "Studio 4", False),
    ("Piano lesson", 45, "Music school", False),
)
AGENDA = ("<p>Agenda:</p><ol><li>Where we are</li><li>Open questions</li><li>Next steps</li>"
          "</ol>")
TEAMS = ('<div><p>________________________________________</p><p><b>Microsoft Teams meeting</b>'
         '</p><p><a href="{url}">Join the meeting now</a></p><p>Meeting ID: 245 118 903 71</p>'
         "</div>")


def share_plan(users: list[User]) -> dict[str, dict[str, dict[str, str]]]:
    """{owner oid: {calendar key: {sharee oid: role}}} for the seeded shares.

    In each organization, in directory order, the first user shares "calendar" with the second
    (read) and the second shares "team" with the first (write).
    """
    by_tenant: dict[str, list[User]] = {}
    for user in users:
        if not user.is_personal:
            by_tenant.setdefault(user.tenant_id, []).append(user)
    plan: dict[str, dict[str, dict[str, str]]] = {}
    for members in by_tenant.values():
        if len(members) >= 2:
            first, second = members[0], members[1]
            plan.setdefault(first.oid, {})["calendar"] = {second.oid: "read"}
            plan.setdefault(second.oid, {})["team"] = {first.oid: "write"}
    return plan


def seed_calendars(mailbox: Mailbox, user: User, peers: list[User], anchor: float,
                   shares: dict[str, dict[str, str]]) -> None:
    """Add the user's calendars and events to `mailbox`."""
    second = ("Birthdays", "lightPink", "#f4b4c8") if user.is_personal else (
        "Team events", "lightGreen", "#a6e3a1")
    for key, name, color, hex_color in (("calendar", "Calendar", "lightBlue", "#a6d1f5"),
                                        ("team", *second)):
        calendar = Calendar(ids.calendar_id(user.oid, key), user.oid, name, color, hex_color,
                            is_default=key == "calendar", shared_with=dict(shares.get(key, {})))
        mailbox.calendars[calendar.id] = calendar
    rng = rng_for(user.oid + ":calendar")
    people = circle(user, peers)
    maker = _Maker(user, mailbox, anchor, rng, people)
    maker.fortnight()
    maker.next_up()
    maker.team_calendar(mailbox.calendars[ids.calendar_id(user.oid, "team")])


class _Maker:
    """Places events in local time for one mailbox."""

    def __init__(self, user: User, mailbox: Mailbox, anchor: float, rng: random.Random,
                 people: list[Recipient]):
        """Remember where events go and who attends them."""
        self.user, self.mailbox, self.anchor, self.rng = user, mailbox, anchor, rng
        self.people, self.me = people, recipient(user)
        self.zone = mailbox.time_zone
        self.today = local_midnight(anchor, self.zone)
        self.calendar = mailbox.default_calendar

    def at(self, day: int, hour: float) -> float:
        """Epoch of `hour` o'clock local time, `day` days from today."""
        date = (self.today + dt.timedelta(days=day)).date()
        local = dt.datetime.combine(date, dt.time(), self.today.tzinfo)
        return local.timestamp() + hour * 3600

    def utc_day(self, day: int) -> float:
        """An all-day event's start: UTC midnight of the local date `day` days from today."""
        date = (self.today + dt.timedelta(days=day)).date()
        return dt.datetime.combine(date, dt.time(), dt.UTC).timestamp()

    def add(self, key: str, subject: str, start: float, minutes: int, **fields) -> Event:
        """Store one event; `fields` override the defaults."""
        event_id = ids.event_id(self.user.oid, key)
        online = fields.pop("online", False)
        body = AGENDA + (TEAMS.format(url=self.join_url(key)) if online else "")
        event = Event(
            id=event_id, calendar_id=fields.pop("calendar_id", self.calendar.id),
            subject=subject, body=event_body(body), start=start, end=start + minutes * 60,
            organizer=fields.pop("organizer", self.me),
            ical_uid=ids.ical_uid(self.user.oid, key), created=self.anchor - 30 * 86400,
            start_zone=fields.pop("start_zone", self.zone),
            end_zone=fields.pop("end_zone", self.zone),
            join_url=self.join_url(key) if online else None, **fields)
        event.is_organizer = event.organizer.address == self.me.address
        event.response = "organizer" if event.is_organizer else event.response
        event.preview = _preview(online)
        self.mailbox.events[event.id] = event
        return event

    def join_url(self, key: str) -> str:
        """A Teams-shaped join link (Skype for personal accounts)."""
        if self.user.is_personal:
            return f"https://join.skype.com/{ids.event_id(self.user.oid, key)[5:17]}"
        return ("https://teams.microsoft.com/l/meetup-join/19%3ameeting_"
                f"{ids.event_id(self.user.oid, key)[5:37]}%40thread.v2/0")

    def invited(self, organizer: Recipient, others: list[Recipient], past: bool) -> dict:
        """Fields for a meeting someone else organized: attendees and the owner's answer."""
        answers = ("accepted",) if past else ("accepted", "accepted", "tentativelyAccepted",
                                              "notResponded")
        answer = self.rng.choice(answers)
        attendees = [Attendee(self.me, response="none")] + [
            Attendee(p, response=self.rng.choice(("accepted", "none"))) for p in others]
        return {"organizer": organizer, "attendees": attendees, "response": answer,
                "response_time": self.anchor - 86400 if answer != "notResponded" else None}

    def fortnight(self) -> None:
        """Every day from a week ago to a week ahead."""
        for day in range(-DAYS_AROUND, DAYS_AROUND + 1):
            weekday = (self.today + dt.timedelta(days=day)).weekday()
            if self.user.is_personal:
                self.home_day(day, weekday)
            elif weekday < 5:
                self.work_day(day, weekday)
        if self.user.is_personal:
            calendar_series.home_series(self)
        else:
            self.extras()

    def work_day(self, day: int, weekday: int) -> None:
        """Two or three meetings, sometimes focus time, all-hands on Fridays."""
        past = day < 0
        slots = self.rng.sample((10, 11, 13, 14, 15), k=self.rng.choice((2, 3, 3)))
        meetings = self.rng.sample(WORK_POOL, k=len(slots))
        for index, hour in enumerate(sorted(slots)):
            subject, minutes, place, online = meetings[index]
            peer = self.rng.choice(self.people)
            subject = subject.format(peer=peer.name)
            fields = {} if index == 0 else self.invited(peer, self.people[:2], past)
            if index == 0:
                fields["attendees"] = [Attendee(peer, response="accepted" if past else "none")]
            self.add(f"d{day:+d}-{index}", subject, self.at(day, hour), minutes,
                     location=place, online=online, **fields)
        if weekday == 4:
            ceo = self.people[min(3, len(self.people) - 1)]
            self.add(f"allhands{day:+d}", "All hands", self.at(day, 16), 60, online=True,
                     location="Auditorium", **self.invited(ceo, [], past))
        elif weekday == 1:
            self.add(f"focus{day:+d}", "Focus time", self.at(day, 15.5), 120, show_as="busy",
                     sensitivity="private")

    def extras(self) -> None:
        """Series, an all-day absence, a three-day expo, an unanswered invitation and a
        cancelled meeting on the next workdays."""
        workdays = [d for d in range(1, DAYS_AROUND + 1)
                    if (self.today + dt.timedelta(days=d)).weekday() < 5]
        calendar_series.work_series(self, workdays)
        peer = self.people[-1]
        self.add("ooo", f"Out of office: {peer.name}", self.utc_day(workdays[1]), 24 * 60,
                 is_all_day=True, show_as="free", **self.invited(peer, [], False))
        self.add("expo", "Retail expo (Las Vegas)", self.utc_day(workdays[2]), 3 * 24 * 60,
                 is_all_day=True, show_as="oof", location="Las Vegas Convention Center")
        pending = self.invited(self.people[0], self.people[1:3], False)
        pending.update(response="notResponded", response_time=None)
        self.add("pending", "Invitation: Q3 kickoff", self.at(workdays[3], 13.5), 60,
                 online=True, location="Auditorium", **pending)
        self.add("cancelled", "Canceled: Vendor demo: Litware", self.at(workdays[0], 16.5), 30,
                 is_cancelled=True, show_as="free", **self.invited(self.people[0], [], False))

    def home_day(self, day: int, weekday: int) -> None:
        """An evening or two of plans; weekends get a daytime outing too."""
        hours = (10, 14, 19) if weekday >= 5 else (18, 19.5)
        for index, hour in enumerate(self.rng.sample(hours, k=min(2, len(hours)))):
            subject, minutes, place, online = self.rng.choice(HOME_POOL)
            peer = self.rng.choice(self.people)
            self.add(f"d{day:+d}-{index}", subject.format(peer=peer.name), self.at(day, hour),
                     minutes, location=place, online=online, show_as="busy")

    def next_up(self) -> None:
        """A meeting at the next half hour, whatever the day: the demo's "coming up next"."""
        start = (int(self.anchor) // 1800 + 1) * 1800
        peer = self.people[0]
        self.add("next-up", f"Quick sync with {peer.name}", start, 30, online=True,
                 location="", attendees=[Attendee(peer, response="accepted",
                                                  response_time=self.anchor - 3600)])

    def team_calendar(self, calendar: Calendar) -> None:
        """A few events on the second calendar (all-day birthdays for personal accounts)."""
        personal = self.user.is_personal
        names = (("Birthday: {peer}", 1), ("Birthday: {peer}", 5)) if personal \
            else (("Store walk-through", 1), ("Inventory count", 3), ("Team lunch", 4))
        for index, (subject, day) in enumerate(names):
            peer = self.people[index % len(self.people)]
            start = self.utc_day(day) if personal else self.at(day, 12)
            self.add(f"team-{index}", subject.format(peer=peer.name), start,
                     24 * 60 if personal else 60, calendar_id=calendar.id, show_as="free",
                     is_all_day=personal)


@functools.cache
def _preview(online: bool) -> str:
    """The preview of a seeded event's body (the same for every event of a kind)."""
    return htmltext.preview(event_body(AGENDA + (TEAMS if online else "")), "html")


def event_body(inner: str) -> str:
    """An event body as Outlook stores it."""
    return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            f"</head><body>{inner}</body></html>")
