"""Changing mail: mark read, move, delete, send (delivered to sandbox mailboxes), reply."""

import base64

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, graph_error

STANDUP = ids.message_id(ADELE, "note-standup")


def unread(client) -> int:
    """The Inbox's unread count."""
    return client.get("/me/mailFolders/inbox").json()["unreadItemCount"]


def find(client, folder: str, subject: str) -> list[dict]:
    """Messages of a folder with this subject."""
    query = f"$filter=subject eq '{subject}'&$top=50"
    return client.get(f"/me/mailFolders/{folder}/messages?{query}").json()["value"]


def test_patch_is_read_updates_message_and_counts(adele):
    """PATCH {isRead: true} answers the message, moves the change key and the unread count."""
    before = adele.get(f"/me/messages/{STANDUP}").json()
    assert before["isRead"] is False
    count = unread(adele)
    response = adele.patch(f"/me/messages/{STANDUP}", json={"isRead": True})
    assert response.status_code == 200 and response.json()["isRead"] is True
    assert response.json()["changeKey"] != before["changeKey"]
    assert unread(adele) == count - 1
    adele.patch(f"/me/messages/{STANDUP}", json={"isRead": False})
    assert unread(adele) == count


def test_patch_rules(adele, graph_as):
    """Read-only properties, unknown ones and bad JSON are 400; Mail.Read cannot write."""
    graph_error(adele.patch(f"/me/messages/{STANDUP}", json={"subject": "x"}), 400,
                "ErrorInvalidPropertyUpdateSentMessage")
    graph_error(adele.patch(f"/me/messages/{STANDUP}", json={"colour": "x"}), 400, "BadRequest")
    graph_error(adele.patch(f"/me/messages/{STANDUP}", json={"isRead": "yes"}), 400,
                "BadRequest")
    bad_json = adele.patch(f"/me/messages/{STANDUP}", data="{nope",
                           headers={"Content-Type": "application/json"})
    graph_error(bad_json, 400, "BadRequest")
    draft = ids.message_id(ADELE, "draft-1")
    assert adele.patch(f"/me/messages/{draft}", json={"subject": "Team day"}).json()[
        "subject"] == "Team day"
    reader = graph_as(ADELE, "User.Read Mail.Read")
    graph_error(reader.patch(f"/me/messages/{STANDUP}", json={"isRead": True}), 403,
                "ErrorAccessDenied")


def test_move_gives_a_new_id_unless_immutable(adele):
    """Move answers 201 with the message in its new folder, under a new id."""
    archive = adele.get("/me/mailFolders/archive").json()
    moved = adele.post(f"/me/messages/{STANDUP}/move", json={"destinationId": "archive"})
    assert moved.status_code == 201
    assert moved.json()["parentFolderId"] == archive["id"] and moved.json()["id"] != STANDUP
    graph_error(adele.get(f"/me/messages/{STANDUP}"), 404, "ErrorItemNotFound")
    again = adele.post(f"/me/messages/{moved.json()['id']}/move",
                       json={"destinationId": "inbox"},
                       headers={"Prefer": 'IdType="ImmutableId"'})
    assert again.json()["id"] == moved.json()["id"]
    graph_error(adele.post(f"/me/messages/{again.json()['id']}/move",
                           json={"destinationId": "nowhere"}), 404, "ErrorItemNotFound")


def test_delete(adele):
    """DELETE answers 204 and the message is gone."""
    total = adele.get("/me/mailFolders/inbox").json()["totalItemCount"]
    assert adele.delete(f"/me/messages/{STANDUP}").status_code == 204
    graph_error(adele.get(f"/me/messages/{STANDUP}"), 404, "ErrorItemNotFound")
    assert adele.get("/me/mailFolders/inbox").json()["totalItemCount"] == total - 1
    graph_error(adele.delete(f"/me/messages/{STANDUP}"), 404, "ErrorItemNotFound")


def test_send_mail_lands_in_recipient_inbox_and_sent_items(adele, megan, sandbox):
    """sendMail: 202 with no body; Megan receives it unread, Adele keeps a copy."""
    payload = {"message": {
        "subject": "Store visit notes",
        "body": {"contentType": "HTML", "content": "<p>See <b>notes</b> attached.</p>"},
        "toRecipients": [{"emailAddress": {"address": "meganb@contoso.com"}}],
        "ccRecipients": [{"emailAddress": {"address": "someone@example.com"}}],
        "attachments": [{"@odata.type": "#microsoft.graph.fileAttachment", "name": "n.txt",
                         "contentType": "text/plain",
                         "contentBytes": base64.b64encode(b"hello").decode()}],
    }, "saveToSentItems": True}
    response = adele.post("/me/sendMail", json=payload)
    assert response.status_code == 202 and response.content == b""
    received = find(megan, "inbox", "Store visit notes")
    assert len(received) == 1 and received[0]["isRead"] is False
    assert received[0]["from"]["emailAddress"]["address"] == "AdeleV@contoso.com"
    assert received[0]["hasAttachments"] is True
    sent = find(adele, "sentitems", "Store visit notes")
    assert len(sent) == 1 and sent[0]["conversationId"] == received[0]["conversationId"]
    assert sandbox.graph.outbound[-1]["to"] == "someone@example.com"


def test_send_mail_rules(adele, graph_as):
    """No recipient is ErrorInvalidRecipients; no message is 400; Mail.Send is required."""
    no_one = adele.post("/me/sendMail", json={"message": {"subject": "x"}})
    error = graph_error(no_one, 400, "ErrorInvalidRecipients")
    assert error["message"] == "At least one recipient is required, but none were found."
    graph_error(adele.post("/me/sendMail", json={}), 400, "ErrorInvalidRequest")
    reader = graph_as(ADELE, "User.Read Mail.ReadWrite")
    to = {"message": {"toRecipients": [{"emailAddress": {"address": "a@b.c"}}]}}
    graph_error(reader.post("/me/sendMail", json=to), 403, "ErrorAccessDenied")


def test_send_without_saving(adele, megan):
    """saveToSentItems false: delivered, no copy in Sent Items."""
    payload = {"message": {"subject": "Quiet one", "toRecipients": [
        {"emailAddress": {"address": "MeganB@contoso.com"}}]}, "saveToSentItems": False}
    assert adele.post("/me/sendMail", json=payload).status_code == 202
    assert find(megan, "inbox", "Quiet one") and not find(adele, "sentitems", "Quiet one")


def test_reply_reaches_the_sender_in_the_same_conversation(adele, megan):
    """Reply to Megan's lunch note: Megan gets "RE: Lunch?" in the same conversation."""
    original = adele.get(f"/me/messages/{ids.message_id(ADELE, 'lunch')}").json()
    assert original["from"]["emailAddress"]["address"] == "MeganB@contoso.com"
    response = adele.post(f"/me/messages/{original['id']}/reply",
                          json={"comment": "Yes, 12:30 works <3"})
    assert response.status_code == 202
    replies = find(megan, "inbox", "RE: Lunch?")
    assert len(replies) == 1
    reply = megan.get(f"/me/messages/{replies[0]['id']}").json()
    assert reply["conversationId"] == original["conversationId"]
    assert "12:30 works &lt;3" in reply["body"]["content"]
    assert find(adele, "sentitems", "RE: Lunch?")


def test_reply_all_includes_every_recipient_but_me(adele, megan):
    """Reply-all to the announcement goes to its sender and the other cc'd people."""
    announcement = ids.message_id(ADELE, "announcement")
    assert adele.post(f"/me/messages/{announcement}/replyAll",
                      json={"comment": "Great news!"}).status_code == 202
    sent = find(adele, "sentitems", "RE: New office opening in Lisbon")[0]
    # As Outlook does: the original's Cc stay in Cc.
    to = {r["emailAddress"]["address"] for r in sent["toRecipients"]}
    cc = {r["emailAddress"]["address"] for r in sent["ccRecipients"]}
    assert "AdeleV@contoso.com" not in to | cc and "MeganB@contoso.com" in cc
    assert find(megan, "inbox", "RE: New office opening in Lisbon")
