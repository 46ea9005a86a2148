"""Reading calendars: the list (own and shared), calendarView with time zones, events, and a
colleague's calendar through /users with the .Shared permissions."""

import datetime as dt

from microsoft_sandbox.graph import ids
from microsoft_sandbox.graph.calendar_access import sharee_calendar_id

from .graph_helpers import ADELE, MEGAN, graph_error, window

PACIFIC = {"Prefer": 'outlook.timezone="Pacific Standard Time"'}


def shared_entry(sharee: str, owner: str, key: str) -> str:
    """The id of the sharee's own entry for a calendar shared with them."""
    return ids.calendar_id(sharee, f"shared:{ids.calendar_id(owner, key)}")


def test_calendars_own_and_shared(adele, megan):
    """Adele sees her two calendars and Megan's shared one (read only, under an id of her
    own), with owners."""
    values = adele.get("/me/calendars").json()["value"]
    by_id = {c["id"]: c for c in values}
    own = by_id[ids.calendar_id(ADELE, "calendar")]
    assert own["isDefaultCalendar"] and own["canEdit"] and own["canShare"]
    assert own["owner"] == {"name": "Adele Vance", "address": "AdeleV@contoso.com"}
    assert own["hexColor"].startswith("#")
    assert ids.calendar_id(MEGAN, "calendar") not in by_id
    shared = by_id[shared_entry(ADELE, MEGAN, "calendar")]
    assert shared["owner"]["address"] == "MeganB@contoso.com"
    assert shared["canEdit"] is False and shared["canShare"] is False
    assert shared["isDefaultCalendar"] is False and shared["name"] == "Megan Bowen"
    team = {c["id"]: c for c in megan.get("/me/calendars").json()["value"]}[
        shared_entry(MEGAN, ADELE, "team")]
    assert team["canEdit"] is True and team["owner"]["address"] == "AdeleV@contoso.com"


def test_one_calendar(adele):
    """The default calendar and one by id."""
    default = adele.get("/me/calendar").json()
    assert default["id"] == ids.calendar_id(ADELE, "calendar")
    team = adele.get(f"/me/calendars/{ids.calendar_id(ADELE, 'team')}?$select=name").json()
    assert team["name"] == "Team events" and "canEdit" not in team
    graph_error(adele.get(f"/me/calendars/{ids.calendar_id(ADELE, 'nope')}"), 404,
                "ErrorItemNotFound")


def test_calendar_view_needs_a_window(adele):
    """Without both bounds: 400 ErrorInvalidParameter."""
    graph_error(adele.get("/me/calendarView"), 400, "ErrorInvalidParameter")
    graph_error(adele.get("/me/calendarView?startDateTime=2026-01-01"), 400,
                "ErrorInvalidParameter")
    graph_error(adele.get("/me/calendarView?startDateTime=x&endDateTime=y"), 400,
                "ErrorInvalidParameter")


def test_calendar_view_is_busy_around_now(adele, sandbox):
    """A busy fortnight: events overlap the window, earliest first, the next one included."""
    body = adele.get(f"/me/calendarView?{window(sandbox, 7, 7)}&$top=200").json()
    starts = [e["start"]["dateTime"] for e in body["value"]]
    assert len(starts) >= 25 and starts == sorted(starts)
    assert all(e["start"]["timeZone"] == "UTC" for e in body["value"])
    assert ids.event_id(ADELE, "next-up") in {e["id"] for e in body["value"]}
    soon = adele.get(f"/me/calendarView?{window(sandbox, 0, 1 / 48)}").json()["value"]
    assert ids.event_id(ADELE, "next-up") in {e["id"] for e in soon}


def test_calendar_view_pages(adele, sandbox):
    """10 a page by default, nextLink to the rest."""
    first = adele.get(f"/me/calendarView?{window(sandbox, 7, 7)}").json()
    assert len(first["value"]) == 10
    second = adele.get(first["@odata.nextLink"]).json()
    assert not {e["id"] for e in first["value"]} & {e["id"] for e in second["value"]}


def test_prefer_time_zone(adele):
    """outlook.timezone converts start and end; Preference-Applied says so."""
    event_id = ids.event_id(ADELE, "next-up")
    utc = adele.get(f"/me/events/{event_id}").json()
    pacific = adele.get(f"/me/events/{event_id}", headers=PACIFIC)
    assert pacific.headers["Preference-Applied"] == 'outlook.timezone="Pacific Standard Time"'
    local = pacific.json()["start"]
    assert local["timeZone"] == "Pacific Standard Time"
    as_utc = dt.datetime.fromisoformat(utc["start"]["dateTime"][:19]).replace(tzinfo=dt.UTC)
    expected = as_utc.astimezone(dt.timezone(dt.timedelta(hours=-8))).replace(tzinfo=None)
    assert local["dateTime"][:19] in (expected.isoformat(),
                                      (expected + dt.timedelta(hours=1)).isoformat())
    iana = adele.get(f"/me/events/{event_id}", headers={"Prefer": 'outlook.timezone="Asia/Tokyo"'})
    assert iana.json()["start"]["timeZone"] == "Asia/Tokyo"
    unknown = adele.get(f"/me/events/{event_id}", headers={"Prefer": 'outlook.timezone="Mars"'})
    assert unknown.json()["start"]["timeZone"] == "UTC"
    assert "Preference-Applied" not in unknown.headers


def test_events_list_and_filter(adele):
    """/me/events lists the default calendar; $filter and $select work on events."""
    body = adele.get("/me/events?$top=100&$select=subject,isAllDay").json()
    assert len(body["value"]) >= 25 and set(body["value"][0]) == {
        "@odata.etag", "id", "subject", "isAllDay"}
    all_day = adele.get("/me/events?$filter=isAllDay eq true").json()["value"]
    assert sorted(e["subject"].split(":")[0] for e in all_day) == [
        "Out of office", "Retail expo (Las Vegas)"]
    assert all_day[0]["start"]["dateTime"].endswith("T00:00:00.0000000")
    team = adele.get(f"/me/calendars/{ids.calendar_id(ADELE, 'team')}/events").json()["value"]
    assert {e["subject"] for e in team} == {"Store walk-through", "Inventory count", "Team lunch"}


def test_colleague_calendar_through_users(adele, sandbox):
    """Megan shares her calendar with Adele: /users/{upn}/calendarView works with .Shared."""
    view = adele.get(f"/users/MeganB@contoso.com/calendarView?{window(sandbox, 2, 2)}")
    assert view.status_code == 200 and view.json()["value"]
    assert all(e["organizer"]["emailAddress"] for e in view.json()["value"])
    by_id = adele.get(f"/users/{MEGAN}/calendar/calendarView?{window(sandbox, 2, 2)}")
    assert by_id.json()["value"] == view.json()["value"]
    entry = shared_entry(ADELE, MEGAN, "calendar")
    also_me = adele.get(f"/me/calendars/{entry}/calendarView?{window(sandbox, 2, 2)}")
    assert [e["id"] for e in also_me.json()["value"]] == [e["id"] for e in view.json()["value"]]
    assert adele.get(f"/me/calendars/{entry}").json()["id"] == entry


def test_owner_calendar_ids_are_unknown_under_the_sharee(adele, sandbox):
    """Under Adele's /me, Megan's own calendar id names nothing: 404; /users/{Megan} works."""
    megan_calendar = ids.calendar_id(MEGAN, "calendar")
    graph_error(adele.get(f"/me/calendars/{megan_calendar}"), 404, "ErrorItemNotFound")
    graph_error(adele.get(f"/me/calendars/{megan_calendar}/calendarView?{window(sandbox)}"),
                404, "ErrorItemNotFound")
    through_owner = adele.get(f"/users/{MEGAN}/calendars/{megan_calendar}").json()
    assert through_owner["id"] == megan_calendar and through_owner["canEdit"] is False
    assert through_owner["owner"]["address"] == "MeganB@contoso.com"
    assert sharee_calendar_id(ADELE, sandbox.graph.calendar(megan_calendar)[1]) == \
        shared_entry(ADELE, MEGAN, "calendar")


def test_colleague_calendar_needs_shared_scope_and_a_share(graph_as, megan, sandbox):
    """Without Calendars.Read.Shared: 403; an unshared calendar: 403; nobody: 404."""
    plain = graph_as(ADELE, "User.Read Calendars.Read")
    graph_error(plain.get(f"/users/MeganB@contoso.com/calendarView?{window(sandbox)}"), 403,
                "ErrorAccessDenied")
    graph_error(megan.get(f"/users/AdeleV@contoso.com/calendarView?{window(sandbox)}"), 403,
                "ErrorAccessDenied")
    shared_team = megan.get(f"/users/AdeleV@contoso.com/calendars/"
                            f"{ids.calendar_id(ADELE, 'team')}/events")
    assert shared_team.status_code == 200 and len(shared_team.json()["value"]) == 3
    listed = megan.get("/users/AdeleV@contoso.com/calendars").json()["value"]
    assert [c["id"] for c in listed] == [ids.calendar_id(ADELE, "team")]
    graph_error(megan.get(f"/users/nobody@contoso.com/calendarView?{window(sandbox)}"), 404,
                "ErrorInvalidUser")
