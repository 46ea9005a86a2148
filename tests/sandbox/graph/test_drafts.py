"""Drafts, replies and forwards: create, patch and send a draft; createReply, createReplyAll
and createForward drafts; forward at once; replies keep the comment above the quote."""

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, graph_error
from .test_mail_write import find

MEGAN_MAIL = "MeganB@contoso.com"
ANNOUNCEMENT = ids.message_id(ADELE, "announcement")
ITINERARY = ids.message_id(ADELE, "itinerary")


def to(*addresses: str) -> list[dict]:
    """A recipient list."""
    return [{"emailAddress": {"address": a}} for a in addresses]


def test_create_patch_and_send_a_draft(adele, megan):
    """POST /me/messages is a draft in Drafts (201); PATCH edits it; send delivers it (202)."""
    created = adele.post("/me/messages", json={"subject": "Draft one", "body": {
        "contentType": "text", "content": "first"}})
    assert created.status_code == 201, created.text
    draft = created.json()
    assert draft["isDraft"] is True and draft["sentDateTime"] is None
    assert draft["parentFolderId"] == ids.folder_id(ADELE, "drafts")
    graph_error(adele.post(f"/me/messages/{draft['id']}/send"), 400, "ErrorInvalidRecipients")
    patched = adele.patch(f"/me/messages/{draft['id']}", json={
        "subject": "Draft final", "toRecipients": to(MEGAN_MAIL)}).json()
    assert patched["subject"] == "Draft final"
    sent = adele.post(f"/me/messages/{draft['id']}/send")
    assert sent.status_code == 202 and sent.content == b""
    graph_error(adele.get(f"/me/messages/{draft['id']}"), 404, "ErrorItemNotFound")
    assert not find(adele, "drafts", "Draft final")
    kept = find(adele, "sentitems", "Draft final")
    assert kept and kept[0]["isDraft"] is False and kept[0]["sentDateTime"]
    assert find(megan, "inbox", "Draft final")


def test_sending_a_sent_message_is_refused(adele):
    """`send` on a message that is not a draft: 400."""
    graph_error(adele.post(f"/me/messages/{ITINERARY}/send"), 400, "ErrorInvalidRequest")


def test_create_in_a_folder(adele):
    """POST /me/mailFolders/{id}/messages files the draft in that folder."""
    made = adele.post("/me/mailFolders/archive/messages", json={"subject": "Filed"}).json()
    assert made["parentFolderId"] == ids.folder_id(ADELE, "archive") and made["isDraft"]


def test_create_reply_all_and_forward_drafts(adele):
    """Reply drafts answer the sender (and, for all, the others but me); forward has FW:."""
    original = adele.get(f"/me/messages/{ANNOUNCEMENT}").json()
    reply = adele.post(f"/me/messages/{ANNOUNCEMENT}/createReply").json()
    assert reply["subject"] == f"RE: {original['subject']}" and reply["isDraft"]
    assert reply["toRecipients"] == [{"emailAddress": original["from"]["emailAddress"]}]
    assert reply["conversationId"] == original["conversationId"]
    assert original["subject"] in reply["body"]["content"]
    everyone = adele.post(f"/me/messages/{ANNOUNCEMENT}/createReplyAll",
                          json={"Comment": "Thanks all"}).json()
    addresses = {r["emailAddress"]["address"].lower()
                 for r in everyone["toRecipients"] + everyone["ccRecipients"]}
    assert original["from"]["emailAddress"]["address"].lower() in addresses
    assert "adelev@contoso.com" not in addresses
    assert everyone["body"]["content"].index("Thanks all") < \
        everyone["body"]["content"].index("divRplyFwdMsg")
    forward = adele.post(f"/me/messages/{ITINERARY}/createForward",
                         json={"ToRecipients": to(MEGAN_MAIL)})
    assert forward.status_code == 201
    assert forward.json()["subject"].startswith("FW: ")
    assert forward.json()["hasAttachments"] is True


def test_comment_and_body_together_are_refused(adele):
    """Graph documents a 400 for both a comment and a message body."""
    graph_error(adele.post(f"/me/messages/{ANNOUNCEMENT}/createReply", json={
        "comment": "a", "message": {"body": {"contentType": "text", "content": "b"}}}),
        400, "BadRequest")


def test_forward_delivers_with_attachments_and_comment(adele, megan):
    """forward: 202, the recipient gets FW: with the comment above the quote and the files."""
    subject = adele.get(f"/me/messages/{ITINERARY}").json()["subject"]
    response = adele.post(f"/me/messages/{ITINERARY}/forward", json={
        "comment": "For your trip", "toRecipients": to(MEGAN_MAIL)})
    assert response.status_code == 202, response.text
    got = find(megan, "inbox", f"FW: {subject}")
    assert got and got[0]["hasAttachments"] is True
    body = megan.get(f"/me/messages/{got[0]['id']}").json()["body"]["content"]
    assert body.index("For your trip") < body.index(subject)
    graph_error(adele.post(f"/me/messages/{ITINERARY}/forward", json={"comment": "x"}),
                400, "ErrorInvalidRecipients")


def test_reply_keeps_comment_above_the_quote_in_sent_items(adele):
    """The sent reply's body has the comment first, then the quoted original."""
    original = adele.get(f"/me/messages/{ANNOUNCEMENT}").json()
    assert adele.post(f"/me/messages/{ANNOUNCEMENT}/reply",
                      json={"comment": "Count me in"}).status_code == 202
    sent = find(adele, "sentitems", f"RE: {original['subject']}")[0]
    body = adele.get(f"/me/messages/{sent['id']}").json()["body"]["content"]
    assert body.index("Count me in") < body.index("divRplyFwdMsg")


def test_permissions(graph_as):
    """Creating needs Mail.ReadWrite, sending Mail.Send."""
    reader = graph_as(ADELE, "User.Read Mail.Read")
    graph_error(reader.post("/me/messages", json={"subject": "x"}), 403, "ErrorAccessDenied")
    graph_error(reader.post(f"/me/messages/{ITINERARY}/forward",
                            json={"toRecipients": to(MEGAN_MAIL)}), 403, "ErrorAccessDenied")
