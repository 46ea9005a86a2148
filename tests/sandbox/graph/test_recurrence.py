"""Recurring events: series masters in /events, occurrences and exceptions in calendarView and
/instances, each pattern and range, editing one occurrence or the whole series, and wall-clock
times kept across a daylight-saving change."""

import pytest

from .graph_helpers import graph_error

PACIFIC = {"Prefer": 'outlook.timezone="Pacific Standard Time"'}
# Tuesdays at 9:00 in Seattle, four times; US daylight saving starts on 14 March 2027.
WEEKLY = {
    "subject": "Window display check-in",
    "start": {"dateTime": "2027-03-02T09:00:00", "timeZone": "Pacific Standard Time"},
    "end": {"dateTime": "2027-03-02T09:30:00", "timeZone": "Pacific Standard Time"},
    "recurrence": {
        "pattern": {"type": "weekly", "interval": 1, "daysOfWeek": ["tuesday"],
                    "firstDayOfWeek": "sunday"},
        "range": {"type": "numbered", "startDate": "2027-03-02", "numberOfOccurrences": 4},
    },
}
MARCH = "startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-04-01T00:00:00Z"


def view(client, subject: str, window: str = MARCH, headers=None) -> list[dict]:
    """calendarView items with this subject, earliest first."""
    body = client.get(f"/me/calendarView?{window}&$top=100&$filter=subject eq '{subject}'",
                      headers=headers).json()
    return body["value"]


def test_series_master_in_events_and_occurrences_in_the_view(adele):
    """/events holds the master with its full recurrence; calendarView the four occurrences."""
    created = adele.post("/me/events", json=WEEKLY)
    assert created.status_code == 201
    master = created.json()
    assert master["type"] == "seriesMaster" and master["seriesMasterId"] is None
    assert master["recurrence"] == {
        "pattern": {"type": "weekly", "interval": 1, "month": 0, "dayOfMonth": 0,
                    "daysOfWeek": ["tuesday"], "firstDayOfWeek": "sunday", "index": "first"},
        "range": {"type": "numbered", "startDate": "2027-03-02", "endDate": "0001-01-01",
                  "recurrenceTimeZone": "Pacific Standard Time", "numberOfOccurrences": 4}}
    listed = adele.get(f"/me/events?$filter=subject eq '{WEEKLY['subject']}'").json()["value"]
    assert [e["id"] for e in listed] == [master["id"]]
    items = view(adele, WEEKLY["subject"])
    assert [e["type"] for e in items] == ["occurrence"] * 4
    assert {e["seriesMasterId"] for e in items} == {master["id"]}
    assert len({e["id"] for e in items} | {master["id"]}) == 5
    assert len({e["iCalUId"] for e in items}) == 4 and all(e["recurrence"] is None for e in items)
    assert items[0]["originalStart"] == "2027-03-02T17:00:00Z"


def test_occurrences_keep_local_time_across_daylight_saving(adele):
    """9:00 Pacific every week: 17:00 UTC before 14 March, 16:00 UTC after."""
    adele.post("/me/events", json=WEEKLY)
    local = [e["start"]["dateTime"] for e in view(adele, WEEKLY["subject"], headers=PACIFIC)]
    assert local == [f"2027-03-{d:02d}T09:00:00.0000000" for d in (2, 9, 16, 23)]
    utc = [e["start"]["dateTime"][11:16] for e in view(adele, WEEKLY["subject"])]
    assert utc == ["17:00", "17:00", "16:00", "16:00"]


def test_occurrence_and_master_resolve_by_id(adele):
    """GET an occurrence by its id, then its master through seriesMasterId."""
    master = adele.post("/me/events", json=WEEKLY).json()
    second = view(adele, WEEKLY["subject"])[1]
    got = adele.get(f"/me/events/{second['id']}", headers=PACIFIC).json()
    assert got["type"] == "occurrence" and got["start"]["dateTime"].startswith("2027-03-09T09")
    assert adele.get(f"/me/events/{got['seriesMasterId']}").json()["id"] == master["id"]
    graph_error(adele.get(f"/me/events/{master['id'][:-4]}BBEQAAAAAAAAAAA="), 404,
                "ErrorItemNotFound")


def test_instances_of_a_series(adele):
    """/events/{master}/instances lists the window's occurrences; a window is required."""
    master = adele.post("/me/events", json=WEEKLY).json()
    path = f"/me/events/{master['id']}/instances"
    middle = adele.get(f"{path}?startDateTime=2027-03-08&endDateTime=2027-03-20").json()
    assert [e["start"]["dateTime"][:10] for e in middle["value"]] == ["2027-03-09",
                                                                      "2027-03-16"]
    graph_error(adele.get(path), 400, "ErrorInvalidParameter")
    again = adele.get(f"/me/calendar/events/{master['id']}/instances?startDateTime=2027-03-08"
                      "&endDateTime=2027-03-20").json()
    assert again["value"] == middle["value"]


def test_editing_one_occurrence_makes_an_exception(adele):
    """PATCH one occurrence: it becomes an exception (same id), moved; the rest stay."""
    adele.post("/me/events", json=WEEKLY)
    third = view(adele, WEEKLY["subject"])[2]
    moved = {"start": {"dateTime": "2027-03-17T11:00:00", "timeZone": "Pacific Standard Time"},
             "end": {"dateTime": "2027-03-17T11:30:00", "timeZone": "Pacific Standard Time"}}
    answer = adele.patch(f"/me/events/{third['id']}", json=moved)
    assert answer.status_code == 200 and answer.json()["type"] == "exception"
    items = view(adele, WEEKLY["subject"], headers=PACIFIC)
    assert [(e["type"], e["start"]["dateTime"][:13]) for e in items] == [
        ("occurrence", "2027-03-02T09"), ("occurrence", "2027-03-09T09"),
        ("exception", "2027-03-17T11"), ("occurrence", "2027-03-23T09")]
    assert items[2]["id"] == third["id"]
    assert items[2]["originalStart"] == "2027-03-16T16:00:00Z"


def test_deleting_one_occurrence_cancels_it(adele):
    """DELETE an occurrence: 204, absent from the view and the instances, 404 by id."""
    master = adele.post("/me/events", json=WEEKLY).json()
    second = view(adele, WEEKLY["subject"])[1]
    assert adele.delete(f"/me/events/{second['id']}").status_code == 204
    remaining = [e["start"]["dateTime"][:10] for e in view(adele, WEEKLY["subject"])]
    assert remaining == ["2027-03-02", "2027-03-16", "2027-03-23"]
    graph_error(adele.get(f"/me/events/{second['id']}"), 404, "ErrorItemNotFound")
    assert adele.get(f"/me/events/{master['id']}").status_code == 200


def test_editing_the_series(adele):
    """PATCH the master: every occurrence follows; a new time of day moves them all."""
    master = adele.post("/me/events", json=WEEKLY).json()
    adele.patch(f"/me/events/{master['id']}", json={"subject": "Window review"})
    assert len(view(adele, "Window review")) == 4
    later = {"start": {"dateTime": "2027-03-02T14:00:00", "timeZone": "Pacific Standard Time"},
             "end": {"dateTime": "2027-03-02T15:00:00", "timeZone": "Pacific Standard Time"}}
    adele.patch(f"/me/events/{master['id']}", json=later)
    local = [e["start"]["dateTime"][11:16] for e in view(adele, "Window review",
                                                             headers=PACIFIC)]
    assert local == ["14:00"] * 4
    assert adele.delete(f"/me/events/{master['id']}").status_code == 204
    assert view(adele, "Window review") == []


@pytest.mark.parametrize(("pattern", "span", "expected"), [
    ({"type": "daily", "interval": 2},
     {"type": "endDate", "startDate": "2027-01-04", "endDate": "2027-01-10"},
     ["2027-01-04", "2027-01-06", "2027-01-08", "2027-01-10"]),
    ({"type": "weekly", "interval": 2, "daysOfWeek": ["monday", "thursday"],
      "firstDayOfWeek": "monday"},
     {"type": "numbered", "startDate": "2027-01-07", "numberOfOccurrences": 4},
     ["2027-01-07", "2027-01-18", "2027-01-21", "2027-02-01"]),
    ({"type": "absoluteMonthly", "interval": 1, "dayOfMonth": 31},
     {"type": "numbered", "startDate": "2027-01-31", "numberOfOccurrences": 3},
     ["2027-01-31", "2027-02-28", "2027-03-31"]),
    ({"type": "relativeMonthly", "interval": 1, "daysOfWeek": ["friday"], "index": "last"},
     {"type": "noEnd", "startDate": "2027-01-01"},
     ["2027-01-29", "2027-02-26", "2027-03-26", "2027-04-30", "2027-05-28"]),
    ({"type": "absoluteYearly", "interval": 1, "dayOfMonth": 15, "month": 3},
     {"type": "endDate", "startDate": "2027-01-01", "endDate": "2029-12-31"},
     ["2027-03-15", "2028-03-15", "2029-03-15"]),
    ({"type": "relativeYearly", "interval": 1, "daysOfWeek": ["thursday"], "index": "fourth",
      "month": 11},
     {"type": "numbered", "startDate": "2027-01-01", "numberOfOccurrences": 2},
     ["2027-11-25", "2028-11-23"]),
])
def test_patterns_and_ranges(adele, pattern, span, expected):
    """Each pattern type and range type expands to the dates Outlook shows."""
    body = {"subject": "Pattern", "start": {"dateTime": f"{span['startDate']}T12:00:00",
                                            "timeZone": "UTC"},
            "end": {"dateTime": f"{span['startDate']}T13:00:00", "timeZone": "UTC"},
            "recurrence": {"pattern": pattern, "range": span}}
    master = adele.post("/me/events", json=body).json()
    window = "startDateTime=2027-01-01&endDateTime=2030-01-01&$top=50"
    got = adele.get(f"/me/events/{master['id']}/instances?{window}").json()["value"]
    dates = [e["start"]["dateTime"][:10] for e in got]
    assert dates[:len(expected)] == expected
    if span["type"] != "noEnd":
        assert len(dates) == len(expected)
    assert master["start"]["dateTime"][:10] == expected[0]


@pytest.mark.parametrize("recurrence", [
    {"pattern": {"type": "hourly", "interval": 1}, "range": {"type": "noEnd"}},
    {"pattern": {"type": "weekly", "interval": 1}, "range": {"type": "noEnd"}},
    {"pattern": {"type": "daily", "interval": 0}, "range": {"type": "noEnd"}},
    {"pattern": {"type": "daily", "interval": 1}, "range": {"type": "numbered"}},
    {"pattern": {"type": "daily", "interval": 1},
     "range": {"type": "endDate", "startDate": "2027-03-02", "endDate": "2027-03-01"}},
    {"pattern": {"type": "absoluteYearly", "interval": 1, "dayOfMonth": 1},
     "range": {"type": "noEnd"}},
    "weekly",
])
def test_bad_recurrence_is_400(adele, recurrence):
    """A pattern or range Graph cannot use: 400 ErrorInvalidRequest, nothing created."""
    graph_error(adele.post("/me/events", json={**WEEKLY, "recurrence": recurrence}), 400,
                "ErrorInvalidRequest")
    assert view(adele, WEEKLY["subject"]) == []


def test_series_meeting_reaches_attendees(adele, megan):
    """Megan gets her own series; the organizer cancelling one occurrence cancels hers."""
    meeting = {**WEEKLY, "attendees": [{"emailAddress": {"address": "MeganB@contoso.com"},
                                        "type": "required"}]}
    adele.post("/me/events", json=meeting)
    hers = view(megan, WEEKLY["subject"])
    assert len(hers) == 4 and all(e["isOrganizer"] is False for e in hers)
    adele.delete(f"/me/events/{view(adele, WEEKLY['subject'])[1]['id']}")
    cancelled = view(megan, f"Canceled: {WEEKLY['subject']}")
    assert len(cancelled) == 1 and cancelled[0]["isCancelled"] is True
    assert cancelled[0]["type"] == "exception"


def test_answering_one_occurrence(adele, megan):
    """Megan accepts one occurrence: hers becomes an exception, and Adele's same occurrence
    shows her answer while the others still wait for one."""
    meeting = {**WEEKLY, "attendees": [{"emailAddress": {"address": "MeganB@contoso.com"},
                                        "type": "required"}]}
    adele.post("/me/events", json=meeting)
    second = view(megan, WEEKLY["subject"])[1]
    assert megan.post(f"/me/events/{second['id']}/accept", json={}).status_code == 202
    hers = view(megan, WEEKLY["subject"])
    assert [e["responseStatus"]["response"] for e in hers] == [
        "notResponded", "accepted", "notResponded", "notResponded"]
    assert hers[1]["type"] == "exception"
    answers = [e["attendees"][0]["status"]["response"] for e in view(adele, WEEKLY["subject"])]
    assert answers == ["none", "accepted", "none", "none"]


def test_moving_the_series_drops_exceptions_everywhere(adele, megan):
    """A new series time drops the moved occurrence for the organizer and the attendee."""
    meeting = {**WEEKLY, "attendees": [{"emailAddress": {"address": "MeganB@contoso.com"},
                                        "type": "required"}]}
    master = adele.post("/me/events", json=meeting).json()
    first = view(adele, WEEKLY["subject"])[0]
    adele.patch(f"/me/events/{first['id']}", json={"subject": "Moved check-in"})
    assert len(view(megan, "Moved check-in")) == 1
    later = {"start": {"dateTime": "2027-03-02T13:00:00", "timeZone": "Pacific Standard Time"},
             "end": {"dateTime": "2027-03-02T13:30:00", "timeZone": "Pacific Standard Time"}}
    adele.patch(f"/me/events/{master['id']}", json=later)
    for client in (adele, megan):
        items = view(client, WEEKLY["subject"], headers=PACIFIC)
        assert [e["type"] for e in items] == ["occurrence"] * 4
        assert {e["start"]["dateTime"][11:16] for e in items} == {"13:00"}


def test_an_old_endless_daily_series_still_expands_today(adele):
    """A daily series since 1950 (over 27,000 occurrences ago) shows in a 2027 window, and its
    occurrence there opens by id."""
    old = {"subject": "Feed the cat", "start": {"dateTime": "1950-01-01T07:00:00",
                                                "timeZone": "UTC"},
           "end": {"dateTime": "1950-01-01T07:10:00", "timeZone": "UTC"},
           "recurrence": {"pattern": {"type": "daily", "interval": 1},
                          "range": {"type": "noEnd", "startDate": "1950-01-01"}}}
    adele.post("/me/events", json=old)
    items = view(adele, "Feed the cat", "startDateTime=2027-03-01&endDateTime=2027-03-04")
    assert [e["start"]["dateTime"][:16] for e in items] == [
        "2027-03-01T07:00", "2027-03-02T07:00", "2027-03-03T07:00"]
    assert adele.get(f"/me/events/{items[1]['id']}").json()["type"] == "occurrence"
