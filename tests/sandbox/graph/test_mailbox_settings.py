"""`/me/mailboxSettings`: per-user zones and locales, one setting at a time, PATCH of the time
zone (which the user's working hours follow), and the MailboxSettings permissions."""

import datetime as dt

from microsoft_sandbox.directory import seed
from microsoft_sandbox.graph.store import GraphStore
from microsoft_sandbox.graph.timezones import zone

from .graph_helpers import ADELE, MEGAN, SAM, graph_error

READ = "User.Read MailboxSettings.Read"
WRITE = "User.Read MailboxSettings.ReadWrite"


def test_settings_per_seeded_user(graph_as):
    """Adele, Megan and Sam: their zones, with matching locales and formats."""
    adele = graph_as(ADELE, READ).get("/me/mailboxSettings")
    assert adele.status_code == 200, adele.text
    body = adele.json()
    assert body["@odata.context"].endswith(f"users('{ADELE}')/mailboxSettings")
    assert body["timeZone"] == "Pacific Standard Time"
    assert body["language"] == {"locale": "en-US", "displayName": "English (United States)"}
    assert body["dateFormat"] == "M/d/yyyy" and body["timeFormat"] == "h:mm tt"
    hours = body["workingHours"]
    assert hours["daysOfWeek"][0] == "monday" and hours["startTime"] == "08:00:00.0000000"
    assert hours["timeZone"] == {"name": "Pacific Standard Time"}
    assert body["automaticRepliesSetting"]["status"] == "disabled"
    megan = graph_as(MEGAN, READ).get("/me/mailboxSettings").json()
    assert megan["timeZone"] == "Pacific Standard Time"
    assert megan["workingHours"]["startTime"] == "08:00:00.0000000"
    sam = graph_as(SAM, READ).get("/me/mailboxSettings").json()
    assert sam["timeZone"] == "GMT Standard Time" and sam["dateFormat"] == "dd/MM/yyyy"


def test_zones_are_a_mix(sandbox):
    """Seeded users span several zones, with and without daylight saving time."""
    zones = {sandbox.graph.mailbox(sandbox.user(oid)).time_zone for oid in (
        seed.CONTOSO_ADMIN_OID, seed.TAILSPIN_ADMIN_OID, seed.NORTHWIND_USER_OID,
        seed.NORTHWIND_USER2_OID, seed.FABRIKAM_USER_OID)}
    assert len(zones) == 5 and "India Standard Time" in zones


def test_one_setting_at_a_time(graph_as):
    """A primitive setting is `{"value": ...}`; an object setting is itself."""
    client = graph_as(ADELE, READ)
    zone = client.get("/me/mailboxSettings/timeZone").json()
    assert zone["value"] == "Pacific Standard Time"
    assert zone["@odata.context"].endswith("/mailboxSettings/timeZone")
    hours = client.get("/me/mailboxSettings/workingHours").json()
    assert hours["endTime"] == "17:00:00.0000000"
    graph_error(client.get("/me/mailboxSettings/colour"), 400, "BadRequest")
    selected = client.get("/me/mailboxSettings?$select=timeZone,language").json()
    assert set(selected) == {"@odata.context", "timeZone", "language"}


def test_patch_time_zone(graph_as):
    """PATCH timeZone: 200 with what changed; the working hours' zone follows."""
    client = graph_as(ADELE, WRITE)
    response = client.patch("/me/mailboxSettings", json={
        "@odata.type": "#microsoft.graph.mailboxSettings", "timeZone": "Tokyo Standard Time"})
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"@odata.context", "timeZone"}
    after = client.get("/me/mailboxSettings").json()
    assert after["timeZone"] == "Tokyo Standard Time"
    assert after["workingHours"]["timeZone"] == {"name": "Tokyo Standard Time"}
    iana = client.patch("/me/mailboxSettings", json={"timeZone": "Europe/Paris"})
    assert iana.json()["timeZone"] == "Europe/Paris"


def test_patch_refusals_change_nothing(graph_as):
    """An unknown zone, a read-only setting or a wrong type: 400, nothing changed."""
    client = graph_as(ADELE, WRITE)
    graph_error(client.patch("/me/mailboxSettings", json={"timeZone": "Mars/Olympus"}), 400,
                "ErrorInvalidTimeZone")
    graph_error(client.patch("/me/mailboxSettings", json={
        "timeZone": "Tokyo Standard Time", "userPurpose": "shared"}), 400, "BadRequest")
    graph_error(client.patch("/me/mailboxSettings", json={"timeZone": 5}), 400,
                "ErrorInvalidTimeZone")
    assert client.get("/me/mailboxSettings/timeZone").json()["value"] == "Pacific Standard Time"


def test_permissions(graph_as):
    """Reading needs MailboxSettings.Read(Write); PATCH needs ReadWrite."""
    graph_error(graph_as(ADELE, "User.Read Mail.Read").get("/me/mailboxSettings"), 403,
                "ErrorAccessDenied")
    graph_error(graph_as(ADELE, READ).patch("/me/mailboxSettings",
                                            json={"timeZone": "UTC"}), 403, "ErrorAccessDenied")


def test_one_mailbox_crosses_a_clock_change_near_the_anchor(sandbox):
    """Northwind's admin lives where the clocks change nearest to the anchor: around such a
    change (here 4 April 2027, Sydney), their zone's offset differs a week either side."""
    anchor = dt.datetime(2027, 4, 6, 12, tzinfo=dt.UTC).timestamp()
    store = GraphStore(anchor, sandbox.list_users)
    name = store.mailbox(sandbox.user(seed.NORTHWIND_ADMIN_OID)).time_zone
    local = zone(name)
    before = dt.datetime.fromtimestamp(anchor - 7 * 86400, local).utcoffset()
    after = dt.datetime.fromtimestamp(anchor + 7 * 86400, local).utcoffset()
    assert before != after, name
