"""The Microsoft Graph SDK's own request builders for every calendar call a Calendar plugin
makes, against the sandbox: calendars (own and shared), calendarView in a preferred zone,
events, instances, single and recurring events created and changed, answers, cancel, forward,
free/busy, and a colleague's calendar through /users/{id}."""

import datetime as dt
import warnings

import pytest

# The SDK's generated modules warn, as they load, that their own classes are deprecated:
# about the SDK's code, not this file's, so those warnings are let pass while importing.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from kiota_abstractions.api_error import APIError
    from kiota_abstractions.base_request_configuration import RequestConfiguration
    from msgraph.generated.models.attendee import Attendee
    from msgraph.generated.models.attendee_type import AttendeeType
    from msgraph.generated.models.body_type import BodyType
    from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone
    from msgraph.generated.models.day_of_week import DayOfWeek
    from msgraph.generated.models.email_address import EmailAddress
    from msgraph.generated.models.event import Event
    from msgraph.generated.models.event_type import EventType
    from msgraph.generated.models.item_body import ItemBody
    from msgraph.generated.models.patterned_recurrence import PatternedRecurrence
    from msgraph.generated.models.recipient import Recipient
    from msgraph.generated.models.recurrence_pattern import RecurrencePattern
    from msgraph.generated.models.recurrence_pattern_type import RecurrencePatternType
    from msgraph.generated.models.recurrence_range import RecurrenceRange
    from msgraph.generated.models.recurrence_range_type import RecurrenceRangeType
    from msgraph.generated.models.response_type import ResponseType
    from msgraph.generated.users.item.calendar.get_schedule.get_schedule_post_request_body import (
        GetSchedulePostRequestBody,
    )
    from msgraph.generated.users.item.calendar_view.calendar_view_request_builder import (
        CalendarViewRequestBuilder,
    )
    from msgraph.generated.users.item.events.item.accept.accept_post_request_body import (
        AcceptPostRequestBody,
    )
    from msgraph.generated.users.item.events.item.cancel.cancel_post_request_body import (
        CancelPostRequestBody,
    )
    from msgraph.generated.users.item.events.item.decline.decline_post_request_body import (
        DeclinePostRequestBody,
    )
    from msgraph.generated.users.item.events.item.forward.forward_post_request_body import (
        ForwardPostRequestBody,
    )
    from msgraph.generated.users.item.events.item.instances.instances_request_builder import (
        InstancesRequestBuilder,
    )
    from msgraph.generated.users.item.events.item.tentatively_accept import (
        tentatively_accept_post_request_body as tentative_body,
    )

from microsoft_sandbox.directory import seed
from microsoft_sandbox.graph import ids
from tests.conformance.sdk_clients import run

ADELE, MEGAN = seed.CONTOSO_USER_OID, seed.CONTOSO_ADMIN_OID
PACIFIC = "Pacific Standard Time"



def when(local: str, zone: str = PACIFIC) -> DateTimeTimeZone:
    """A dateTimeTimeZone."""
    return DateTimeTimeZone(date_time=local, time_zone=zone)


def configured(query=None, prefer: str | None = None) -> RequestConfiguration:
    """A request configuration with query parameters and a Prefer header."""
    config = RequestConfiguration(query_parameters=query)
    if prefer:
        config.headers.add("Prefer", prefer)
    return config


def view_query(start: str, end: str, **extra):
    """calendarView's query parameters."""
    return CalendarViewRequestBuilder.CalendarViewRequestBuilderGetQueryParameters(
        start_date_time=start, end_date_time=end, top=100, **extra)


def weekly_series(subject: str, attendees=()) -> Event:
    """Tuesdays at 9:00 Pacific, four times from 2 March 2027 (clocks change on 14 March)."""
    return Event(
        subject=subject, body=ItemBody(content_type=BodyType.Html, content="<p>Notes</p>"),
        start=when("2027-03-02T09:00:00"), end=when("2027-03-02T09:30:00"),
        attendees=[Attendee(email_address=EmailAddress(address=a), type=AttendeeType.Required)
                   for a in attendees],
        recurrence=PatternedRecurrence(
            pattern=RecurrencePattern(type=RecurrencePatternType.Weekly, interval=1,
                                      days_of_week=[DayOfWeek.Tuesday],
                                      first_day_of_week=DayOfWeek.Sunday),
            range=RecurrenceRange(type=RecurrenceRangeType.Numbered,
                                  start_date=dt.date(2027, 3, 2), number_of_occurrences=4)))


def instances_of(client, master_id: str, prefer: str | None = None) -> list[Event]:
    """The series' instances in March 2027."""
    query = InstancesRequestBuilder.InstancesRequestBuilderGetQueryParameters(
        start_date_time="2027-03-01T00:00:00Z", end_date_time="2027-04-01T00:00:00Z")
    builder = client.me.events.by_event_id(master_id).instances
    return run(builder.get(configured(query, prefer))).value


def test_calendars_own_and_shared(graph_sdk):
    """The list holds Adele's calendars and Megan's shared one under Adele's own id."""
    client = graph_sdk(ADELE)
    calendars = run(client.me.calendars.get()).value
    own = next(c for c in calendars if c.is_default_calendar)
    assert own.id == ids.calendar_id(ADELE, "calendar") and own.can_edit and own.can_share
    shared = next(c for c in calendars if c.owner.address == "MeganB@contoso.com")
    assert shared.id != ids.calendar_id(MEGAN, "calendar") and shared.can_edit is False
    entry = run(client.me.calendars.by_calendar_id(shared.id).get())
    assert entry.id == shared.id and entry.name == "Megan Bowen"


def test_calendar_view_in_a_preferred_zone(graph_sdk, sandbox):
    """calendarView with Prefer: outlook.timezone: start and end come back in that zone."""
    client = graph_sdk(ADELE)
    now = dt.datetime.fromtimestamp(sandbox.clock.now(), dt.UTC)
    query = view_query((now - dt.timedelta(days=1)).isoformat(),
                       (now + dt.timedelta(days=1)).isoformat())
    events = run(client.me.calendar_view.get(
        configured(query, f'outlook.timezone="{PACIFIC}"'))).value
    assert events and {e.start.time_zone for e in events} == {PACIFIC}
    next_up = next(e for e in events if e.id == ids.event_id(ADELE, "next-up"))
    fetched = run(client.me.events.by_event_id(next_up.id).get())
    assert fetched.subject == next_up.subject and fetched.start.time_zone == "UTC"
    assert fetched.is_online_meeting and fetched.online_meeting.join_url


def test_recurring_series_instances_and_edits(graph_sdk):
    """Create a series, read its instances across the clock change, move one occurrence,
    delete another, rename the series, then delete it."""
    client = graph_sdk(ADELE)
    master = run(client.me.events.post(weekly_series("Window check-in")))
    assert master.type == EventType.SeriesMaster
    assert master.recurrence.range.number_of_occurrences == 4
    local = instances_of(client, master.id, f'outlook.timezone="{PACIFIC}"')
    assert [e.start.date_time[:16] for e in local] == [
        f"2027-03-{d:02d}T09:00" for d in (2, 9, 16, 23)]
    assert {e.type for e in local} == {EventType.Occurrence}
    assert {e.series_master_id for e in local} == {master.id}
    moved = run(client.me.events.by_event_id(local[1].id).patch(
        Event(start=when("2027-03-10T10:00:00"), end=when("2027-03-10T10:30:00"))))
    assert moved.type == EventType.Exception and moved.id == local[1].id
    run(client.me.events.by_event_id(local[2].id).delete())
    run(client.me.events.by_event_id(master.id).patch(Event(subject="Window review")))
    after = instances_of(client, master.id)
    assert [e.type for e in after] == [EventType.Occurrence, EventType.Exception,
                                       EventType.Occurrence]
    assert after[0].subject == "Window review"
    assert run(client.me.events.by_event_id(after[0].series_master_id).get()).id == master.id
    run(client.me.events.by_event_id(master.id).delete())
    with pytest.raises(APIError) as gone:
        run(client.me.events.by_event_id(master.id).get())
    assert gone.value.response_status_code == 404


def test_single_event_created_updated_deleted(graph_sdk):
    """POST, PATCH and DELETE one event."""
    client = graph_sdk(ADELE)
    created = run(client.me.calendar.events.post(Event(
        subject="Inventory", start=when("2027-02-01T10:00:00"),
        end=when("2027-02-01T11:00:00"))))
    assert created.type == EventType.SingleInstance and created.is_organizer
    changed = run(client.me.events.by_event_id(created.id).patch(Event(subject="Inventory!")))
    assert changed.subject == "Inventory!" and changed.change_key != created.change_key
    run(client.me.events.by_event_id(created.id).delete())


@pytest.mark.parametrize("action,expected", [
    ("accept", ResponseType.Accepted),
    ("tentatively_accept", ResponseType.TentativelyAccepted),
    ("decline", ResponseType.Declined),
])
def test_answers_reach_the_organizer(graph_sdk, action, expected):
    """Megan answers Adele's meeting through the SDK; Adele's attendee list shows it."""
    adele, megan = graph_sdk(ADELE), graph_sdk(MEGAN)
    meeting = run(adele.me.events.post(Event(
        subject=f"Planning ({action})", start=when("2027-02-02T10:00:00"),
        end=when("2027-02-02T11:00:00"),
        attendees=[Attendee(email_address=EmailAddress(address="MeganB@contoso.com"),
                            type=AttendeeType.Required)])))
    query = view_query("2027-02-02T00:00:00Z", "2027-02-03T00:00:00Z")
    theirs = next(e for e in run(megan.me.calendar_view.get(configured(query))).value
                  if e.subject == meeting.subject)
    builder = getattr(megan.me.events.by_event_id(theirs.id), action)
    body = {"accept": AcceptPostRequestBody, "decline": DeclinePostRequestBody,
            "tentatively_accept": tentative_body.TentativelyAcceptPostRequestBody}[action]
    run(builder.post(body(comment="Thanks", send_response=True)))
    organizer_copy = run(adele.me.events.by_event_id(meeting.id).get())
    assert organizer_copy.attendees[0].status.response == expected


def test_cancel_and_forward(graph_sdk, sandbox):
    """Adele forwards her meeting to Alex, then cancels it: Megan's copy is cancelled."""
    adele, megan = graph_sdk(ADELE), graph_sdk(MEGAN)
    meeting = run(adele.me.events.post(Event(
        subject="Supplier visit", start=when("2027-02-03T10:00:00"),
        end=when("2027-02-03T11:00:00"),
        attendees=[Attendee(email_address=EmailAddress(address="MeganB@contoso.com"))])))
    run(adele.me.events.by_event_id(meeting.id).forward.post(ForwardPostRequestBody(
        to_recipients=[Recipient(email_address=EmailAddress(address="AlexW@fabrikam.com"))],
        comment="Join us?")))
    alex = sandbox.graph.mailbox(sandbox.user_by_login("AlexW@fabrikam.com"))
    assert any(e.ical_uid == meeting.i_cal_u_id for e in alex.events.values())
    run(adele.me.events.by_event_id(meeting.id).cancel.post(
        CancelPostRequestBody(comment="Postponed")))
    query = view_query("2027-02-03T00:00:00Z", "2027-02-04T00:00:00Z")
    theirs = run(megan.me.calendar_view.get(configured(query))).value
    assert [e.is_cancelled for e in theirs if e.subject.endswith("Supplier visit")] == [True]


def test_get_schedule(graph_sdk):
    """Free/busy for two colleagues through calendar.getSchedule."""
    client = graph_sdk(ADELE)
    run(client.me.events.post(Event(subject="Busy", start=when("2027-02-06T10:00:00"),
                                    end=when("2027-02-06T11:00:00"))))
    body = GetSchedulePostRequestBody(
        schedules=["AdeleV@contoso.com", "MeganB@contoso.com"],
        start_time=when("2027-02-06T09:00:00"), end_time=when("2027-02-06T12:00:00"),
        availability_view_interval=60)
    answer = run(client.me.calendar.get_schedule.post(
        body, configured(prefer=f'outlook.timezone="{PACIFIC}"'))).value
    assert [s.schedule_id for s in answer] == ["AdeleV@contoso.com", "MeganB@contoso.com"]
    assert answer[0].availability_view == "020"
    assert answer[0].schedule_items[0].start.time_zone == PACIFIC


def test_shared_calendar_through_users(graph_sdk, sandbox):
    """Megan's calendar through /users/{id}/calendar with the .Shared permissions."""
    client = graph_sdk(ADELE)
    owner = client.users.by_user_id(MEGAN)
    calendar = run(owner.calendar.get())
    assert calendar.id == ids.calendar_id(MEGAN, "calendar") and calendar.can_edit is False
    now = dt.datetime.fromtimestamp(sandbox.clock.now(), dt.UTC)
    query = view_query((now - dt.timedelta(days=2)).isoformat(),
                       (now + dt.timedelta(days=2)).isoformat())
    events = run(owner.calendar.calendar_view.get(configured(query))).value
    assert events and all(e.organizer.email_address.address for e in events)
    with pytest.raises(APIError) as refused:
        run(owner.calendar.events.post(Event(subject="x", start=when("2027-02-01T10:00:00"),
                                             end=when("2027-02-01T11:00:00"))))
    assert refused.value.response_status_code == 403
