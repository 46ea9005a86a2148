"""Seeded mail and calendars: realistic, deterministic, "now"-relative, resettable."""

import datetime as dt
import re

from microsoft_sandbox.directory import seed
from microsoft_sandbox.directory.models import User
from microsoft_sandbox.graph import ids
from microsoft_sandbox.graph.store import GraphStore

from .graph_helpers import ADELE, MEGAN, SAM

FOLDERS = ("inbox", "sentitems", "drafts", "deleteditems", "junkemail", "archive")


def all_messages(client) -> list[dict]:
    """Every message of the mailbox, following nextLinks."""
    page = client.get("/me/messages?$top=1000").json()
    values = page["value"]
    while "@odata.nextLink" in page:
        page = client.get(page["@odata.nextLink"]).json()
        values += page["value"]
    return values


def test_every_seeded_user_gets_a_few_dozen_messages_across_folders(sandbox):
    """Every user of the directory, work or personal, has 25+ messages in 6+ folders."""
    sandbox.graph.ensure_seeded()
    for user in sandbox.list_users():
        mailbox = sandbox.graph.mailbox(user)
        assert len(mailbox.messages) >= 25, user.upn
        used = {mailbox.folders[m.folder_id].well_known for m in mailbox.messages.values()}
        assert set(FOLDERS) <= used, user.upn
        assert len(mailbox.events) >= 25, user.upn


def test_mail_looks_real(adele):
    """HTML bodies, remote images, a tracking pixel, hostile markup, threads, attachments."""
    messages = all_messages(adele)
    bodies = " ".join(m["body"]["content"] for m in messages)
    assert sum(m["body"]["contentType"] == "html" for m in messages) >= 25
    assert re.search(r'<img src="https://[^"]+"', bodies)
    assert 'width="1" height="1"' in bodies and 'src="cid:' in bodies
    for trick in ("<script", "onerror=", "javascript:", "<iframe", "<form", 'http-equiv="refresh"',
                  "<base href", "data:text/html", "vbscript:", "<svg onload", "position:fixed"):
        assert trick in bodies, trick
    threads = {}
    for m in messages:
        threads.setdefault(m["conversationId"], []).append(m)
    assert max(len(t) for t in threads.values()) >= 3
    assert sum(m["hasAttachments"] for m in messages) >= 4
    assert 3 <= sum(not m["isRead"] for m in messages) < len(messages) / 2


def test_hostile_mail_is_in_the_inbox_and_junk(adele):
    """The sanitizer has something to defuse in the Inbox, not only in Junk Email."""
    inbox = adele.get(f"/me/messages/{ids.message_id(ADELE, 'hostile-invoice')}").json()
    junk = adele.get(f"/me/messages/{ids.message_id(ADELE, 'phishing')}").json()
    folders = {f["id"]: f["displayName"] for f in adele.get("/me/mailFolders").json()["value"]}
    assert folders[inbox["parentFolderId"]] == "Inbox"
    assert folders[junk["parentFolderId"]] == "Junk Email"
    assert "<script>" in junk["body"]["content"]


def test_seed_is_deterministic_and_resettable(graph_as, sandbox):
    """Same ids and subjects after a reset; changes are undone by the reset (and a token
    from before it is void, so Adele signs in again)."""
    adele = graph_as(ADELE)
    first = [(m["id"], m["subject"]) for m in all_messages(adele)]
    assert adele.delete(f"/me/messages/{first[0][0]}").status_code == 204
    sandbox.reset()
    again = [(m["id"], m["subject"]) for m in all_messages(graph_as(ADELE))]
    assert again == first


def test_seed_is_relative_to_the_sandbox_clock(adele, sandbox):
    """Mail is recent and the next meeting starts within half an hour of the reset."""
    anchor = sandbox.graph.anchor
    assert abs(anchor - sandbox.clock.now()) < 60
    newest = adele.get("/me/messages?$top=1").json()["value"][0]["receivedDateTime"]
    assert _iso(anchor - 3600) <= newest[:19] <= _iso(anchor)
    start = adele.get(f"/me/events/{ids.event_id(ADELE, 'next-up')}").json()["start"]
    assert _iso(anchor) <= start["dateTime"][:19] <= _iso(anchor + 1800)


def test_seed_follows_the_anchor(sandbox):
    """A store anchored ten days later places the same items ten days later."""
    adele = sandbox.user(ADELE)
    later = GraphStore(sandbox.graph.anchor + 10 * 86400, sandbox.list_users)
    now_box, later_box = sandbox.graph.mailbox(adele), later.mailbox(adele)
    key = ids.message_id(ADELE, "itinerary")
    shift = later_box.messages[key].received - now_box.messages[key].received
    assert abs(shift - 10 * 86400) <= 1
    next_up = ids.event_id(ADELE, "next-up")
    assert later_box.events[next_up].start - now_box.events[next_up].start == 10 * 86400


def _iso(epoch: float) -> str:
    """An epoch as Graph's UTC date-time, to the second."""
    return dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def test_shared_calendar_between_two_users_of_one_tenant(sandbox):
    """In Contoso, Megan shares her calendar with Adele; Adele shares a team calendar back."""
    megan = sandbox.graph.mailbox(sandbox.user(MEGAN))
    adele = sandbox.graph.mailbox(sandbox.user(ADELE))
    assert megan.calendars[ids.calendar_id(MEGAN, "calendar")].shared_with == {ADELE: "read"}
    assert adele.calendars[ids.calendar_id(ADELE, "team")].shared_with == {MEGAN: "write"}
    sam = sandbox.graph.mailbox(sandbox.user(SAM))
    assert all(not c.shared_with for c in sam.calendars.values())


def test_users_added_later_get_seeded_mailboxes(sandbox):
    """A user added to the directory after reset gets seeded data on first use."""
    user = User("0f1e2d3c-4b5a-4697-8879-6a5b4c3d2e1f", seed.CONTOSO_TENANT_ID, "Grady Archie",
                "Grady", "Archie", "GradyA@contoso.com", "GradyA@contoso.com")
    sandbox.graph.mailbox(sandbox.user(ADELE))
    sandbox.users[user.oid] = user
    mailbox = sandbox.graph.mailbox(user)
    assert len(mailbox.messages) >= 25 and mailbox.default_calendar.owner_oid == user.oid
