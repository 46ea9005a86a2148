"""Compose, reply, reply all, forward, drafts: addresses checked, attachments within Graph's
limit, the original quoted, and what the user typed kept when anything is refused."""

import io
import re

import pytest
from werkzeug.test import EnvironBuilder

from .conftest import csrf

MEGAN = "MeganB@contoso.com"


def _form(client, path="/mail/1/compose") -> dict:
    """The compose form's hidden fields and prefilled values, as a browser would send them."""
    page = client.get(path).get_data(as_text=True)
    fields = dict(re.findall(r'<input[^>]*name="(\w+)"[^>]*value="([^"]*)"', page))
    fields.update({name: value for value, name in
                   re.findall(r'<input[^>]*value="([^"]*)"[^>]*name="(\w+)"', page)})
    body = re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', page, re.S)
    fields["body"] = body.group(1).lstrip("\n") if body else ""
    fields["csrf_token"] = csrf(client, path)
    return {k: v.replace("&amp;", "&") for k, v in fields.items()
            if k not in ("send", "save", "files")}


def _in(mailbox, folder: str, subject: str):
    folder_id = mailbox.folder(folder).id
    return [m for m in mailbox.messages.values()
            if m.folder_id == folder_id and m.subject == subject]


def test_a_new_message_is_sent_and_kept_in_sent_items(adele, mailbox_of):
    data = _form(adele) | {"to": MEGAN, "subject": "Plans", "body": "See you at 3.",
                           "send": "Send"}
    resp = adele.post("/mail/1/compose", data=data)
    assert resp.status_code == 303 and "folder=sentitems" in resp.headers["Location"]
    assert _in(mailbox_of(MEGAN), "inbox", "Plans")
    assert _in(mailbox_of(), "sentitems", "Plans")
    assert "Message sent." in adele.get(resp.headers["Location"]).get_data(as_text=True)


def test_bad_addresses_are_refused_and_what_was_typed_is_kept(adele, mailbox_of):
    data = _form(adele) | {"to": "megan@@contoso", "cc": "ok@contoso.com; nope",
                           "subject": "Keep me", "body": "Typed <text> stays", "send": "Send"}
    resp = adele.post("/mail/1/compose", data=data)
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "Not an email address: megan@@contoso" in page and "Not an email address: nope" in page
    assert 'value="Keep me"' in page and "Typed &lt;text&gt; stays" in page
    assert not _in(mailbox_of(), "sentitems", "Keep me")


def test_sending_needs_a_recipient_but_a_draft_does_not(adele, mailbox_of):
    data = _form(adele) | {"subject": "Nobody yet", "body": "x", "send": "Send"}
    page = adele.post("/mail/1/compose", data=data).get_data(as_text=True)
    assert "Add at least one recipient." in page
    data = _form(adele) | {"subject": "Nobody yet", "body": "x", "save": "Save as draft"}
    resp = adele.post("/mail/1/compose", data=data)
    assert resp.status_code == 303 and "folder=drafts" in resp.headers["Location"]
    assert _in(mailbox_of(), "drafts", "Nobody yet")


def _post_big(client, data: dict):
    """POST a body over 500 KB: werkzeug's test client spools it to a temporary file that it
    never closes, so the test builds the request itself and closes it."""
    environ = EnvironBuilder(path="/mail/1/compose", method="POST", data=data).get_environ()
    try:
        return client.open(environ)
    finally:
        environ["wsgi.input"].close()


def test_attachments_are_sent_and_the_limit_is_stated_and_kept(adele, mailbox_of):
    page = adele.get("/mail/1/compose").get_data(as_text=True)
    assert "Up to 3 MB in all" in page and 'enctype="multipart/form-data"' in page
    data = _form(adele) | {"to": MEGAN, "subject": "With a file", "body": "attached",
                           "send": "Send", "files": [(io.BytesIO(b"%PDF-1.4 tiny"), "a.pdf")]}
    assert adele.post("/mail/1/compose", data=data).status_code == 303
    received = _in(mailbox_of(MEGAN), "inbox", "With a file")[0]
    assert [(a.name, a.data()) for a in received.attachments] == [("a.pdf", b"%PDF-1.4 tiny")]
    big = io.BytesIO(b"x" * (3 * 1024 * 1024 + 1))
    data = _form(adele) | {"to": MEGAN, "subject": "Too big", "body": "typed",
                           "send": "Send", "files": [(big, "big.bin")]}
    resp = _post_big(adele, data)
    assert resp.status_code == 400
    page = resp.get_data(as_text=True)
    assert "Attachments may add up to 3 MB at most" in page and 'value="Too big"' in page


def test_reply_is_prefilled_quotes_the_original_and_reaches_the_sender(adele, message_id,
                                                                       mailbox_of):
    lunch = message_id("Lunch?")
    path = f"/mail/1/compose?mode=reply&source={lunch}"
    page = adele.get(path).get_data(as_text=True)
    assert 'value="RE: Lunch?"' in page and MEGAN.lower() in page.lower()
    assert "Original message" in page and "Lunch at 12:30?" in page
    data = _form(adele, path) | {"body": "Yes, 12:30 works.", "send": "Send"}
    resp = adele.post("/mail/1/compose", data=data)
    assert resp.status_code == 303
    reply = _in(mailbox_of(MEGAN), "inbox", "RE: Lunch?")[0]
    assert "Yes, 12:30 works." in reply.body and "Lunch at 12:30?" in reply.body
    assert _in(mailbox_of(), "sentitems", "RE: Lunch?")


def test_reply_all_copies_the_other_recipients(adele, mailbox_of):
    message = next(m for m in mailbox_of().messages.values() if len(m.to) + len(m.cc) > 1
                   and m.sender and m.sender.address.lower() != "adelev@contoso.com")
    page = adele.get(f"/mail/1/compose?mode=replyAll&source={message.id}").get_data(
        as_text=True)
    others = [r.address for r in message.to + message.cc
              if r.address.lower() != "adelev@contoso.com"]
    for address in others:
        assert address in page


def test_forward_goes_to_the_typed_address_with_the_original(adele, message_id, mailbox_of):
    itinerary = message_id("Your itinerary")
    path = f"/mail/1/compose?mode=forward&source={itinerary}"
    data = _form(adele, path) | {"to": MEGAN, "body": "FYI", "send": "Send"}
    assert data["subject"].startswith("FW: Your itinerary")
    assert adele.post("/mail/1/compose", data=data).status_code == 303
    forwarded = _in(mailbox_of(MEGAN), "inbox", data["subject"])[0]
    assert "FYI" in forwarded.body and any(a.name.endswith(".pdf")
                                            for a in forwarded.attachments)


def test_a_draft_is_saved_then_edited_and_sent_later(adele, mailbox_of):
    data = _form(adele) | {"to": MEGAN, "subject": "Later", "body": "first words",
                           "save": "Save as draft"}
    adele.post("/mail/1/compose", data=data)
    draft = _in(mailbox_of(), "drafts", "Later")[0]
    page = adele.get(f"/mail/1/messages/{draft.id}").get_data(as_text=True)
    assert "Edit draft" in page
    path = f"/mail/1/compose?draft={draft.id}"
    form = _form(adele, path)
    assert form["subject"] == "Later" and "first words" in form["body"]
    form |= {"body": "final words", "send": "Send"}
    resp = adele.post("/mail/1/compose", data=form)
    assert resp.status_code == 303
    assert not _in(mailbox_of(), "drafts", "Later")
    assert "final words" in _in(mailbox_of(MEGAN), "inbox", "Later")[0].body


def test_a_reply_saved_as_draft_is_sent_from_its_page(adele, message_id, mailbox_of):
    lunch = message_id("Lunch?")
    path = f"/mail/1/compose?mode=reply&source={lunch}"
    adele.post("/mail/1/compose", data=_form(adele, path) | {"body": "draft reply",
                                                             "save": "Save as draft"})
    draft = _in(mailbox_of(), "drafts", "RE: Lunch?")[0]
    page = f"/mail/1/messages/{draft.id}"
    resp = adele.post(f"/mail/1/drafts/{draft.id}/send", data={"csrf_token": csrf(adele, page)})
    assert resp.status_code == 303 and "folder=sentitems" in resp.headers["Location"]
    assert "draft reply" in _in(mailbox_of(MEGAN), "inbox", "RE: Lunch?")[0].body


@pytest.mark.parametrize(("status", "said"), [
    (400, "Microsoft refused the message:"),
    (503, "Microsoft is busy and did not take the message"),
])
def test_when_graph_refuses_the_typed_text_stays_with_the_reason(adele, sandbox, status,
                                                                 said):
    sandbox.faults.force_status("graph_send_mail", status, retry_after=5 if status == 503
                                else None)
    data = _form(adele) | {"to": MEGAN, "subject": "Refused", "body": "My long text",
                           "send": "Send"}
    resp = adele.post("/mail/1/compose", data=data)
    page = resp.get_data(as_text=True)
    assert resp.status_code in (400, 503)
    assert said in page and 'value="Refused"' in page and "My long text" in page


def test_a_refused_sign_in_while_sending_offers_to_sign_in_again(adele, sandbox, message_id):
    lunch = message_id("Lunch?")
    path = f"/mail/1/compose?mode=reply&source={lunch}"
    data = _form(adele, path) | {"body": "Sure.", "send": "Send"}
    sandbox.revoke_refresh_tokens(sandbox.user_by_login("AdeleV@contoso.com").oid)
    page = adele.post("/mail/1/compose", data=data).get_data(as_text=True)
    assert "Sign in to Microsoft again" in page
    assert f"/mail/1/compose?mode=reply&amp;source={lunch.replace('=', '%3D')}" in page
