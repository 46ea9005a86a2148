"""Seeded calendars worth a demo: series with a moved and a cancelled occurrence, meetings
that cross daylight-saving changes, all-day and multi-day events, online meetings, and an
invitation waiting for an answer."""

import datetime as dt

from microsoft_sandbox.graph import ids, series
from microsoft_sandbox.graph.seed.calendar_series import nearest_dst_change
from microsoft_sandbox.graph.timezones import zone

from .graph_helpers import ADELE, SAM

PACIFIC = {"Prefer": 'outlook.timezone="Pacific Standard Time"'}


def instances(client, event_id: str, days_before: int, days_after: int, sandbox,
              headers=None) -> list[dict]:
    """A series' instances around sandbox "now"."""
    now = dt.datetime.fromtimestamp(sandbox.clock.now(), dt.UTC)
    start = (now - dt.timedelta(days=days_before)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (now + dt.timedelta(days=days_after)).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = client.get(f"/me/events/{event_id}/instances?startDateTime={start}"
                      f"&endDateTime={end}&$top=1000", headers=headers).json()
    return body["value"]


def local_times(items: list[dict]) -> set[str]:
    """The wall-clock start times (HH:MM) of events read in one zone."""
    return {e["start"]["dateTime"][11:16] for e in items}


def test_standup_series_with_a_moved_and_a_cancelled_occurrence(adele, sandbox):
    """The weekday standup is one master; next week one occurrence moved, one cancelled."""
    master_id = ids.event_id(ADELE, "standup")
    master = adele.get(f"/me/events/{master_id}").json()
    assert master["type"] == "seriesMaster"
    assert master["recurrence"]["pattern"]["daysOfWeek"] == [
        "monday", "tuesday", "wednesday", "thursday", "friday"]
    assert master["recurrence"]["range"]["type"] == "noEnd"
    coming = instances(adele, master_id, 0, 8, sandbox, PACIFIC)
    kinds = [e["type"] for e in coming]
    assert kinds.count("exception") == 1 and kinds.count("occurrence") >= 3
    moved = next(e for e in coming if e["type"] == "exception")
    assert moved["start"]["dateTime"][11:16] == "10:30"
    assert local_times([e for e in coming if e["type"] == "occurrence"]) == {"09:30"}
    weekdays = {dt.date.fromisoformat(e["start"]["dateTime"][:10]).weekday() for e in coming}
    assert len(coming) < 6 or len(weekdays) == 5
    listed = adele.get("/me/events?$filter=subject eq 'Daily standup'").json()["value"]
    assert [e["id"] for e in listed] == [master_id]


def test_daily_series_moved_yesterday_skipped_tomorrow(adele, sandbox):
    """"Plan the day" every day: yesterday's moved a quarter hour, tomorrow's cancelled."""
    master_id = ids.event_id(ADELE, "plan")
    around = instances(adele, master_id, 3, 3, sandbox, PACIFIC)
    by_day = {e["start"]["dateTime"][:10]: e for e in around}
    today = dt.datetime.fromtimestamp(sandbox.clock.now(), zone("Pacific Standard Time"))
    yesterday = (today - dt.timedelta(days=1)).date().isoformat()
    tomorrow = (today + dt.timedelta(days=1)).date().isoformat()
    assert by_day[yesterday]["type"] == "exception"
    assert by_day[yesterday]["start"]["dateTime"][11:16] == "09:00"
    assert tomorrow not in by_day and len(by_day) == 5


def test_weekly_meeting_keeps_its_local_time_across_daylight_saving(adele, sandbox):
    """A year of Tuesday team syncs: always 11:00 in Seattle, two different UTC times."""
    master_id = ids.event_id(ADELE, "team-sync")
    year = instances(adele, master_id, 366, 1, sandbox, PACIFIC)
    assert len(year) >= 52 and local_times(year) == {"11:00"}
    assert len(local_times(instances(adele, master_id, 366, 1, sandbox))) == 2


def test_store_call_crosses_a_clock_change_near_now(adele, sandbox):
    """The weekly store call sits in a zone whose clocks change within weeks of "now": 9:00
    there every week, two different times in UTC inside the seeded weeks."""
    zone_name, _city, change = nearest_dst_change(int(sandbox.graph.anchor // 86400))
    assert abs(change - sandbox.graph.anchor) < 13 * 7 * 86400
    master_id = ids.event_id(ADELE, "store-call")
    master = adele.get(f"/me/events/{master_id}").json()
    assert master["originalStartTimeZone"] == zone_name
    there = {"Prefer": f'outlook.timezone="{zone_name}"'}
    weeks = instances(adele, master_id, 95, 95, sandbox, there)
    assert len(weeks) >= 24 and local_times(weeks) == {"09:00"}
    assert len(local_times(instances(adele, master_id, 95, 95, sandbox))) == 2


def test_all_day_multi_day_online_and_unanswered(adele):
    """An all-day absence, a three-day expo, Teams meetings, an invitation not yet answered."""
    ooo = adele.get(f"/me/events/{ids.event_id(ADELE, 'ooo')}").json()
    expo = adele.get(f"/me/events/{ids.event_id(ADELE, 'expo')}").json()
    assert ooo["isAllDay"] and expo["isAllDay"] and expo["showAs"] == "oof"
    days = dt.date.fromisoformat(expo["end"]["dateTime"][:10]) - dt.date.fromisoformat(
        expo["start"]["dateTime"][:10])
    assert days.days == 3
    pending = adele.get(f"/me/events/{ids.event_id(ADELE, 'pending')}").json()
    assert pending["responseStatus"]["response"] == "notResponded"
    assert pending["isOrganizer"] is False and pending["isOnlineMeeting"] is True
    assert pending["onlineMeetingProvider"] == "teamsForBusiness"
    assert pending["onlineMeeting"]["joinUrl"].startswith("https://teams.microsoft.com/")
    assert {a["status"]["response"] for a in pending["attendees"]} <= {"none", "accepted"}


def test_personal_account_series(sam, sandbox):
    """Sam runs every morning (tomorrow's moved, the day after skipped) and calls home weekly."""
    run = instances(sam, ids.event_id(SAM, "run"), 0, 4, sandbox)
    assert [e["type"] for e in run].count("exception") == 1
    assert len(run) == 3
    assert sam.get(f"/me/events/{ids.event_id(SAM, 'call-home')}").json()["recurrence"]


def test_exception_ids_are_occurrence_ids(sandbox):
    """A seeded exception keeps the id of the occurrence it replaced."""
    mailbox = sandbox.graph.mailbox(sandbox.user(ADELE))
    exceptions = [e for e in mailbox.events.values() if e.type == series.EXCEPTION]
    assert exceptions
    for item in exceptions:
        assert series.parse_occurrence_id(item.id) == (item.series_master_id,
                                                       item.original_start)
