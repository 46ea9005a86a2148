"""A heavy reader's session cookie stays small: remote-image choices are short digests, and
the folders with subfolders are kept per account in the plugin's table, not in the cookie."""

import dataclasses

from plugins.mail.models import MailFolderParents
from postpress_whitelabel.api import db

from .conftest import csrf

BROWSER_LIMIT = 4096


def _cookie(app, client) -> tuple[str, dict]:
    """The session cookie as the browser holds it, and what it carries."""
    value = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    return value, app.session_interface.get_signing_serializer(app).loads(value)


def _with_subfolders(mailbox, count: int) -> list[str]:
    """``count`` top-level folders, each with one child; their ids."""
    inbox = mailbox.folder("inbox")
    parents = []
    for number in range(count):
        parent = dataclasses.replace(inbox, id=f"{inbox.id[:-6]}P{number:04d}A=",
                                     display_name=f"Project {number}", well_known=None)
        child = dataclasses.replace(parent, id=f"{inbox.id[:-6]}C{number:04d}A=",
                                    display_name="Notes", parent_id=parent.id)
        mailbox.folders[parent.id] = parent
        mailbox.folders[child.id] = child
        parents.append(parent.id)
    return parents


def test_a_heavy_readers_cookie_stays_under_3_kb(app, adele, mailbox_of, message_id):
    parents = _with_subfolders(mailbox_of(), 12)
    assert "Project 11" in adele.get("/mail/").get_data(as_text=True)
    path = f"/mail/1/messages/{message_id('Your itinerary')}"
    token = csrf(adele, path)
    for number in range(120):
        adele.post(f"/mail/1/messages/AAMkA{number:0140d}AAA=/images",
                   data={"csrf_token": token})
    assert adele.post(f"{path}/images", data={"csrf_token": token}).status_code == 303
    assert "Remote images are shown" in adele.get(path).get_data(as_text=True)
    value, carried = _cookie(app, adele)
    assert len(value) < 3000 < BROWSER_LIMIT
    assert not any(p in value or p in str(carried) for p in parents)
    with app.app_context():
        remembered = db.session.get(MailFolderParents, 1).ids()
    assert remembered and set(remembered) <= set(parents) | {f.id for f in
                                                              mailbox_of().folders.values()}


def test_two_first_views_of_an_account_at_once_both_answer(app, adele, mailbox_of, monkeypatch):
    """The second request to store the account's first row meets the first one's row (the
    primary key): it leaves that row in place instead of failing the page."""
    from plugins.mail import folder_memory

    _with_subfolders(mailbox_of(), 2)
    assert adele.get("/mail/").status_code == 200  # stores the row
    real_get = db.session.get
    monkeypatch.setattr(db.session, "get", lambda model, key, *a, **k: None
                        if model is MailFolderParents else real_get(model, key, *a, **k))
    with app.test_request_context("/mail/"):
        folder_memory.remember(1, ["a-folder-seen-by-the-racing-request"])
    monkeypatch.undo()
    assert adele.get("/mail/").status_code == 200
    with app.app_context():
        assert db.session.get(MailFolderParents, 1) is not None
