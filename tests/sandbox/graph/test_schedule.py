"""Free/busy: POST /me/calendar/getSchedule for colleagues of the same organization."""

import datetime as dt

import pytest

from .graph_helpers import ADELE, graph_error

PACIFIC = {"Prefer": 'outlook.timezone="Pacific Standard Time"'}


@pytest.fixture
def day(sandbox) -> str:
    """A Saturday three weeks out, where no seeded Contoso meeting or series falls."""
    soon = dt.date.fromtimestamp(sandbox.clock.now()) + dt.timedelta(days=21)
    return (soon + dt.timedelta(days=(5 - soon.weekday()) % 7)).isoformat()


def busy(client, day: str, subject: str, start: str, end: str, show_as: str = "busy",
         **extra) -> dict:
    """Create a one-off event on `day`, Pacific time."""
    body = {"subject": subject, "showAs": show_as,
            "start": {"dateTime": f"{day}T{start}", "timeZone": "Pacific Standard Time"},
            "end": {"dateTime": f"{day}T{end}", "timeZone": "Pacific Standard Time"}, **extra}
    created = client.post("/me/events", json=body)
    assert created.status_code == 201, created.text
    return created.json()


def schedule(client, day: str, names, interval=60, headers=PACIFIC):
    """getSchedule from 9:00 to 13:00 Pacific on `day`."""
    body = {"schedules": names, "availabilityViewInterval": interval,
            "startTime": {"dateTime": f"{day}T09:00:00", "timeZone": "Pacific Standard Time"},
            "endTime": {"dateTime": f"{day}T13:00:00", "timeZone": "Pacific Standard Time"}}
    return client.post("/me/calendar/getSchedule", json=body, headers=headers)


def test_free_busy_of_colleagues(adele, megan, day):
    """Items and one digit per hour for each person; unshared calendars show no subjects."""
    busy(adele, day, "Pricing workshop", "09:30:00", "10:30:00")
    busy(megan, day, "Dentist", "11:00:00", "12:00:00", show_as="oof")
    busy(megan, day, "Maybe lunch", "12:00:00", "12:30:00", show_as="tentative")
    busy(megan, day, "Quiet hour", "09:00:00", "10:00:00", show_as="free")
    answer = schedule(adele, day, ["AdeleV@contoso.com", "MeganB@contoso.com"])
    assert answer.status_code == 200, answer.text
    mine, hers = answer.json()["value"]
    assert mine["scheduleId"] == "AdeleV@contoso.com"
    assert mine["availabilityView"] == "2200"
    assert mine["scheduleItems"][0]["subject"] == "Pricing workshop"
    assert mine["scheduleItems"][0]["start"] == {"dateTime": f"{day}T09:30:00.0000000",
                                                 "timeZone": "Pacific Standard Time"}
    assert hers["availabilityView"] == "0031"
    assert [i["status"] for i in hers["scheduleItems"]] == ["oof", "tentative"]
    assert hers["workingHours"]["daysOfWeek"][0] == "monday"
    assert hers["workingHours"]["startTime"] == "08:00:00.0000000"
    assert hers["workingHours"]["timeZone"] == {"name": "Pacific Standard Time"}


def test_shared_calendar_shows_subjects(adele, megan, day):
    """Megan shares her calendar with Adele, so Adele sees Megan's subjects and locations."""
    busy(megan, day, "Board prep", "10:00:00", "11:00:00", location={"displayName": "Room 1"})
    hers = schedule(adele, day, ["MeganB@contoso.com"]).json()["value"][0]
    assert hers["scheduleItems"][0]["subject"] == "Board prep"
    assert hers["scheduleItems"][0]["location"] == "Room 1"
    mine_for_megan = schedule(megan, day, ["AdeleV@contoso.com"]).json()["value"][0]
    assert all("subject" not in i for i in mine_for_megan["scheduleItems"])


def test_interval_and_unknown_people(adele, day):
    """30-minute default slots; an unknown address gets an error entry, not a failure."""
    body = schedule(adele, day, ["AdeleV@contoso.com", "nobody@contoso.com"], interval=None).json()
    assert len(body["value"][0]["availabilityView"]) == 8
    assert body["value"][1]["error"]["responseCode"]


@pytest.mark.parametrize("change", [{"availabilityViewInterval": 4},
                                    {"availabilityViewInterval": 1441},
                                    {"schedules": []}, {"schedules": "AdeleV@contoso.com"}])
def test_bad_requests(adele, change, day):
    """Interval outside 5..1440 or no schedules: 400."""
    body = {"schedules": ["AdeleV@contoso.com"],
            "startTime": {"dateTime": f"{day}T09:00:00", "timeZone": "UTC"},
            "endTime": {"dateTime": f"{day}T13:00:00", "timeZone": "UTC"}, **change}
    graph_error(adele.post("/me/calendar/getSchedule", json=body), 400, "ErrorInvalidParameter")


def test_needs_calendars_read_and_a_work_account(graph_as, sam, day):
    """Without Calendars.Read: 403; personal accounts: 403."""
    plain = graph_as(ADELE, "User.Read")
    graph_error(schedule(plain, day, ["AdeleV@contoso.com"]), 403, "ErrorAccessDenied")
    graph_error(schedule(sam, day, ["AdeleV@contoso.com"]), 403, "ErrorAccessDenied")


def test_series_count_as_busy(adele, day):
    """Occurrences of a recurring meeting show in free/busy."""
    first = (dt.date.fromisoformat(day) - dt.timedelta(days=2)).isoformat()
    busy(adele, day, "Daily sync", "12:00:00", "12:15:00", recurrence={
        "pattern": {"type": "daily", "interval": 1},
        "range": {"type": "numbered", "startDate": first, "numberOfOccurrences": 5}})
    mine = schedule(adele, day, ["AdeleV@contoso.com"]).json()["value"][0]
    assert mine["availabilityView"] == "0002"
