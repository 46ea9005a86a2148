"""Mark read or unread, flag, move and delete: POSTs with CSRF that answer with a redirect
back and a flash, so they work without JavaScript."""

import pytest

from .conftest import csrf


@pytest.fixture
def lunch(message_id):
    return message_id("Lunch?")


def _post(client, lunch, action, **data):
    page = f"/mail/1/messages/{lunch}"
    token = csrf(client, page)
    return client.post(f"{page}/{action}", data={"csrf_token": token, **data})


def test_mark_unread_and_read_again(adele, lunch, mailbox_of):
    resp = _post(adele, lunch, "read", read="0")
    assert resp.status_code == 303 and resp.headers["Location"].endswith(lunch)
    assert not mailbox_of().messages[lunch].is_read
    assert "Marked unread." in adele.get("/mail/?folder=sentitems").get_data(as_text=True)
    resp = _post(adele, lunch, "read", read="1", next="/mail/?folder=inbox")
    assert resp.headers["Location"] == "/mail/?folder=inbox"
    assert mailbox_of().messages[lunch].is_read
    assert "Marked read." in adele.get("/mail/").get_data(as_text=True)


def test_flag_and_unflag(adele, lunch, mailbox_of):
    _post(adele, lunch, "flag", status="flagged")
    assert mailbox_of().messages[lunch].flag == "flagged"
    _post(adele, lunch, "flag", status="notFlagged")
    assert mailbox_of().messages[lunch].flag == "notFlagged"


def test_move_to_archive(adele, lunch, mailbox_of):
    resp = _post(adele, lunch, "move", destination="archive")
    assert resp.status_code == 303
    archive = mailbox_of().folder("archive")
    assert any(m.subject == "Lunch?" and m.folder_id == archive.id
               for m in mailbox_of().messages.values())
    assert "Message moved." in adele.get(resp.headers["Location"]).get_data(as_text=True)


def test_move_to_a_subfolder_chosen_from_every_folder(adele, lunch, mailbox_of):
    page = adele.get(f"/mail/1/messages/{lunch}/move").get_data(as_text=True)
    sub = next(f for f in mailbox_of().folders.values() if f.display_name == "Projects")
    assert f'value="{sub.id}"' in page
    _post(adele, lunch, "move", destination=sub.id)
    assert any(m.subject == "Lunch?" and m.folder_id == sub.id
               for m in mailbox_of().messages.values())


def test_delete_moves_to_deleted_items(adele, lunch, mailbox_of):
    resp = _post(adele, lunch, "delete")
    assert resp.status_code == 303
    deleted = mailbox_of().folder("deleteditems")
    assert any(m.subject == "Lunch?" and m.folder_id == deleted.id
               for m in mailbox_of().messages.values())
    assert "Deleted Items" in adele.get(resp.headers["Location"]).get_data(as_text=True)


def test_an_action_without_the_form_token_changes_nothing(adele, lunch, mailbox_of):
    resp = adele.post(f"/mail/1/messages/{lunch}/delete", data={})
    assert resp.status_code == 400
    assert lunch in mailbox_of().messages


def test_a_next_off_the_mail_pages_is_ignored(adele, lunch):
    resp = _post(adele, lunch, "flag", status="flagged", next="//evil.example/")
    assert resp.headers["Location"].endswith(f"/mail/1/messages/{lunch}")


def test_graph_refusing_an_action_says_so_in_the_page(adele, lunch, sandbox):
    sandbox.faults.force_status("graph_update_message", 503, retry_after=30)
    resp = _post(adele, lunch, "flag", status="flagged")
    assert resp.status_code == 303
    page = adele.get(resp.headers["Location"]).get_data(as_text=True)
    assert "Microsoft is busy: nothing was changed. Try again in 30 seconds." in page
