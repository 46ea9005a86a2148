"""The event form: what a person types, checked before anything reaches Graph.

Errors name the field and say what would be right; the form is kept as typed on any error,
including Graph's refusals. Times are wall times in the chosen zone.
"""

from __future__ import annotations

import datetime as dt
import re

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from . import guesses, recurrence, zones
from .source import valid_address

SEPARATORS = re.compile(r"[\s,;]+")


def options(pairs) -> list[SelectChoice]:
    """Choices for a select, radio or checkbox list from ``(value, label)`` pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class CheckboxList(SelectMultipleField):
    """Several checkboxes under one name (the days of a weekly series)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EventForm(FlaskForm):
    """Title, times, zone, place, people, details and recurrence of an event."""

    subject = StringField("Title", validators=[DataRequired("Give the event a title."),
                                               Length(max=255)])
    all_day = BooleanField("All day")
    start_date = DateField("Starts", validators=[DataRequired("Give a start date.")])
    start_time = TimeField("at", validators=[Optional()])
    end_date = DateField("Ends", validators=[DataRequired("Give an end date.")])
    end_time = TimeField("at", validators=[Optional()])
    time_zone = SelectField("Time zone", choices=[])
    location = StringField("Location", validators=[Length(max=255)])
    attendees = TextAreaField("Attendees", validators=[Length(max=10000)],
                              description="E-mail addresses, separated by commas or lines.")
    body = TextAreaField("Details", validators=[Length(max=20000)])
    repeat = SelectField("Repeats", choices=options([
        ("none", "Does not repeat"), ("daily", "Daily"), ("weekly", "Weekly"),
        ("monthly", "Monthly")]), default="none")
    interval = IntegerField("Every", default=1, validators=[Optional(), NumberRange(1, 99)])
    days = CheckboxList("On", choices=options((d, d.capitalize()) for d in recurrence.DAYS))
    ends = SelectField("Ends", choices=options([("never", "Never"), ("until", "On a date"),
                                                ("count", "After a number of times")]),
                       default="never")
    until = DateField("Last date", validators=[Optional()])
    count = IntegerField("Times", validators=[Optional(),
                                              NumberRange(1, guesses.MAX_OCCURRENCES)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone.choices = options(zones.choices())

    def people(self) -> list[str]:
        """The attendee addresses typed, without repeats."""
        found = {}
        for address in SEPARATORS.split(self.attendees.data or ""):
            if address:
                found.setdefault(address.lower(), address)
        return list(found.values())

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Start and end as wall times (all-day: midnight to the midnight after the end)."""
        if self.all_day.data:
            return (dt.datetime.combine(self.start_date.data, dt.time()),
                    dt.datetime.combine(self.end_date.data + dt.timedelta(days=1), dt.time()))
        return (dt.datetime.combine(self.start_date.data, self.start_time.data),
                dt.datetime.combine(self.end_date.data, self.end_time.data))

    def validate(self, extra_validators=None) -> bool:
        """The fields, then what they mean together."""
        if not super().validate(extra_validators):
            return False
        checks = [self._check_times(), self._check_people(), self._check_repeat()]
        return all(checks)

    def _check_times(self) -> bool:
        """Times given unless all day; the end after the start."""
        if not self.all_day.data:
            for field in (self.start_time, self.end_time):
                if field.data is None:
                    field.errors.append("Give a time, or tick All day.")
                    return False
        start, end = self.bounds()
        if end <= start:
            (self.end_date if self.all_day.data else self.end_time).errors.append(
                "The end must be after the start.")
            return False
        return True

    def _check_people(self) -> bool:
        """Every attendee a valid address, at most guesses.MAX_ATTENDEES of them."""
        people = self.people()
        wrong = [a for a in people if not valid_address(a)]
        if wrong:
            self.attendees.errors.append("Not an e-mail address: " + ", ".join(wrong[:5]))
        if len(people) > guesses.MAX_ATTENDEES:
            self.attendees.errors.append(f"At most {guesses.MAX_ATTENDEES} attendees.")
        return not self.attendees.errors

    def _check_repeat(self) -> bool:
        """A series that makes sense: days for weekly, an end after the start."""
        if self.repeat.data == "none":
            return True
        ok = True
        if self.repeat.data == "weekly" and not self.days.data:
            self.days.errors.append("Pick the days of the week it repeats on.")
            ok = False
        if self.repeat.data == "weekly" and self.days.data and \
                recurrence.DAYS[self.start_date.data.weekday()] not in self.days.data:
            self.days.errors.append("Include the start date's day of the week.")
            ok = False
        if self.ends.data == "until" and (self.until.data is None
                                          or self.until.data < self.start_date.data):
            self.until.errors.append("Give a last date on or after the start date.")
            ok = False
        if self.ends.data == "count" and not self.count.data:
            self.count.errors.append("Give how many times it happens.")
            ok = False
        return ok

    def graph_body(self, with_recurrence: bool, first_day: str = recurrence.FIRST_DAY) -> dict:
        """The event as Graph's JSON for POST or PATCH (``first_day``: the series' own
        ``firstDayOfWeek`` when editing one)."""
        start, end = self.bounds()
        zone = zones.for_graph(self.time_zone.data)
        body = {"subject": self.subject.data.strip(), "isAllDay": bool(self.all_day.data),
                "start": {"dateTime": start.isoformat(), "timeZone": zone},
                "end": {"dateTime": end.isoformat(), "timeZone": zone},
                "location": {"displayName": (self.location.data or "").strip()},
                "body": {"contentType": "text", "content": self.body.data or ""},
                "attendees": [{"emailAddress": {"address": a}, "type": "required"}
                              for a in self.people()]}
        rule = recurrence.to_graph(
            self.repeat.data, self.interval.data or 1, self.days.data or [],
            self.start_date.data, self.ends.data, self.until.data, self.count.data, zone,
            first_day)
        if with_recurrence and rule is not None:
            body["recurrence"] = rule
        return body
