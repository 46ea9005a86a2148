"""Seeded mailboxes worth a demo: months of mail, Inbox subfolders, threads, and attachments
that are real files (PDF, PNG used inline, an iCalendar invitation)."""

import base64

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, SAM

DAY = 24 * 3600


def stored(sandbox, oid: str) -> list:
    """A user's stored messages."""
    return list(sandbox.graph.mailbox(sandbox.user(oid)).messages.values())


def test_a_few_hundred_messages_over_months(sandbox):
    """Work and personal mailboxes hold hundreds of messages spanning five months or more,
    some unread, some flagged, threads with replies in Sent Items."""
    for oid, least in ((ADELE, 250), (SAM, 200)):
        messages = stored(sandbox, oid)
        assert len(messages) >= least
        ages = [sandbox.graph.anchor - m.received for m in messages]
        assert max(ages) > 150 * DAY and min(ages) < DAY
        assert sum(not m.is_read for m in messages) >= 10
        assert sum(m.flag == "flagged" for m in messages) >= 3
    threads: dict[str, set] = {}
    mailbox = sandbox.graph.mailbox(sandbox.user(ADELE))
    for m in mailbox.messages.values():
        threads.setdefault(m.conversation_id, set()).add(mailbox.folders[m.folder_id].well_known)
    assert sum({"inbox", "sentitems"} <= folders for folders in threads.values()) >= 5


def test_inbox_subfolders(adele):
    """Inbox has Projects, Receipts and Newsletters; they list under childFolders only."""
    top = adele.get("/me/mailFolders?$top=50").json()["value"]
    inbox = next(f for f in top if f["displayName"] == "Inbox")
    assert inbox["childFolderCount"] == 3
    assert not {"Projects", "Receipts", "Newsletters"} & {f["displayName"] for f in top}
    children = adele.get("/me/mailFolders/inbox/childFolders").json()["value"]
    assert {f["displayName"] for f in children} == {"Projects", "Receipts", "Newsletters"}
    receipts = next(f for f in children if f["displayName"] == "Receipts")
    assert receipts["parentFolderId"] == inbox["id"] and receipts["totalItemCount"] > 0
    listed = adele.get(f"/me/mailFolders/{receipts['id']}/messages?$top=3").json()["value"]
    assert listed and all(m["hasAttachments"] for m in listed)


def test_attachments_are_real_files(adele, sandbox):
    """The e-ticket is a PDF, the inline logo a PNG the body shows by cid, invites are ICS."""
    itinerary = ids.message_id(ADELE, "itinerary")
    files = adele.get(f"/me/messages/{itinerary}/attachments").json()["value"]
    by_name = {f["name"]: base64.b64decode(f["contentBytes"]) for f in files}
    assert by_name["E-ticket K7Q2LM.pdf"].startswith(b"%PDF-1.4")
    assert by_name["E-ticket K7Q2LM.pdf"].rstrip().endswith(b"%%EOF")
    assert by_name["fabrikam-logo.png"].startswith(b"\x89PNG\r\n\x1a\n")
    body = adele.get(f"/me/messages/{itinerary}").json()["body"]["content"]
    assert 'src="cid:logo@fabrikam.com"' in body
    invite = next(m for m in stored(sandbox, ADELE)
                  if any(a.content_type == "text/calendar" for a in m.attachments))
    ics = adele.get(f"/me/messages/{invite.id}/attachments/{invite.attachments[0].id}/$value")
    assert ics.headers["Content-Type"].startswith("text/calendar")
    assert ics.content.startswith(b"BEGIN:VCALENDAR\r\n") and b"METHOD:REQUEST" in ics.content


def test_newsletters_carry_remote_images_and_pixels(sandbox):
    """Generated newsletters have remote images and a 1x1 tracking pixel."""
    bodies = [m.body for m in stored(sandbox, ADELE) if "issue" in m.subject]
    assert len(bodies) >= 20
    assert all('width="1" height="1"' in b and '<img src="https://' in b for b in bodies)


def test_child_folder_paths(adele):
    """`/mailFolders/inbox/childFolders/{id}` and its messages, as the SDK's builders ask."""
    children = adele.get("/me/mailFolders/inbox/childFolders").json()["value"]
    projects = next(f for f in children if f["displayName"] == "Projects")
    base = f"/me/mailFolders/inbox/childFolders/{projects['id']}"
    assert adele.get(base).json()["displayName"] == "Projects"
    listed = adele.get(f"{base}/messages?$top=2").json()["value"]
    assert listed and adele.get(f"{base}/messages/{listed[0]['id']}").status_code == 200
    assert adele.get(f"/me/mailFolders/sentitems/childFolders/{projects['id']}").status_code \
        == 404
