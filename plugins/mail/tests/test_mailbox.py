"""The folder view: folders and counts, the message list, paging, the unread filter, search,
times in the mailbox's zone, the account picker, and one Graph request per view."""

import re
from urllib.parse import unquote

from .conftest import ADELE


def _graph_calls(sandbox) -> dict:
    return {name: n for name, n in sandbox.request_totals().items() if name.startswith("graph_")}


def _subjects(html: str) -> list[str]:
    return re.findall(r'<span class="mail-subject">([^<]*)</span>', html)


def test_folders_come_in_outlook_order_with_unread_counts_and_subfolders(adele, mailbox_of):
    html = adele.get("/mail/").get_data(as_text=True)
    names = re.findall(r'<li class="depth-(\d)"><a [^>]*>\s*<span>([^<]+)</span>', html)
    order = [name for _depth, name in names]
    assert order[:1] == ["Inbox"]
    known = [n for n in order if n in ("Inbox", "Sent Items", "Drafts", "Deleted Items",
                                       "Archive", "Junk Email")]
    assert known == ["Inbox", "Sent Items", "Drafts", "Deleted Items", "Archive", "Junk Email"]
    subfolders = [name for depth, name in names if depth == "1"]
    assert subfolders and order.index(subfolders[0]) == 1  # under Inbox
    inbox = mailbox_of().folder("inbox")
    unread = sum(1 for m in mailbox_of().messages.values()
                 if m.folder_id == inbox.id and not m.is_read)
    assert f'title="{unread} unread">{unread}</span>' in html


def test_a_folder_view_is_one_graph_request(adele, sandbox):
    adele.get("/mail/")  # the first view learns which folders have subfolders
    sandbox.reset_counts()
    assert adele.get("/mail/?folder=inbox").status_code == 200
    calls = _graph_calls(sandbox)
    assert calls.pop("graph_batch") == 1
    assert calls.pop("graph_messages") == 1 and calls.pop("graph_mailbox_settings") == 1
    assert set(calls) == {"graph_mail_folders"}  # the folder list and its subfolders


def test_the_list_shows_sender_subject_preview_marks_and_local_time(adele, mailbox_of):
    html = adele.get("/mail/").get_data(as_text=True)
    assert 'class="unread"' in html and "● unread" in html
    assert "+ attachment</span>" in html
    assert "⚑ flagged" in html
    assert "Pacific Standard Time" in html  # Contoso's mailbox zone, not UTC
    assert len(_subjects(html)) == 25


def test_times_are_converted_to_the_mailbox_zone(adele, mailbox_of):
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    inbox = mailbox_of().folder("inbox")
    newest = max((m for m in mailbox_of().messages.values() if m.folder_id == inbox.id),
                 key=lambda m: m.received)
    local = datetime.fromtimestamp(newest.received, UTC).astimezone(
        ZoneInfo("America/Los_Angeles"))
    html = adele.get("/mail/").get_data(as_text=True)
    assert local.strftime("%a %d %b %Y %H:%M") + " (Pacific Standard Time)" in html


def test_older_pages_follow_graphs_link_and_stay_one_request(adele, sandbox):
    first = adele.get("/mail/").get_data(as_text=True)
    older = re.search(r'href="([^"]+)" rel="next"', first)
    assert older, "no link to older messages"
    sandbox.reset_counts()
    second = adele.get(older.group(1).replace("&amp;", "&")).get_data(as_text=True)
    assert _graph_calls(sandbox)["graph_batch"] == 1
    assert _subjects(second) and not set(_subjects(second)) & set(_subjects(first)[:5])
    assert "Newest" in second


def test_a_page_token_naming_another_list_is_ignored(adele, sandbox):
    html = adele.get("/mail/?page=/me/events?$top=5").get_data(as_text=True)
    assert "graph_events" not in sandbox.request_counts()
    assert len(_subjects(html)) == 25


def test_only_a_page_token_the_app_signed_for_this_list_is_followed(adele):
    first = adele.get("/mail/").get_data(as_text=True)
    older = re.search(r'href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    token = re.search(r"[?&]page=([^&]+)", older).group(1)
    # a path naming the inbox, written by the browser: not sent to Graph
    crafted = adele.get("/mail/?page=/me/mailFolders/inbox/messages?$top=3&$skip=1")
    assert _subjects(crafted.get_data(as_text=True)) == _subjects(first)
    # the inbox's own token, shown with another folder: that folder's first page
    sent = adele.get("/mail/?folder=sentitems").get_data(as_text=True)
    moved = adele.get(f"/mail/?folder=sentitems&page={token}").get_data(as_text=True)
    assert _subjects(moved) == _subjects(sent)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert _subjects(adele.get(f"/mail/?page={tampered}").get_data(as_text=True)) == \
        _subjects(first)


def test_the_unread_filter_shows_only_unread_messages(adele):
    html = adele.get("/mail/?unread=1").get_data(as_text=True)
    rows = re.findall(r'<li class="([^"]*)">\s*<a href="/mail/1/messages/', html)
    assert rows and all(r == "unread" for r in rows)


def test_search_uses_graph_search_and_pages_its_results(adele, sandbox, mailbox_of):
    html = adele.get("/mail/?q=invoice").get_data(as_text=True)
    subjects = _subjects(html)
    assert subjects and any("invoice" in s.lower() for s in subjects)
    assert "graph_messages" in sandbox.request_counts()
    html = adele.get("/mail/?q=from:megan").get_data(as_text=True)
    senders = re.findall(r'<span class="mail-sender">([^<]*)</span>', html)
    assert senders and set(senders) == {"Megan Bowen"}
    assert 'value="from:megan"' in html


def test_search_results_are_paged(adele, sandbox):
    html = adele.get("/mail/?q=the").get_data(as_text=True)
    older = re.search(r'href="([^"]+)" rel="next"', html)
    assert older, "a broad search should have a second page"
    link = unquote(older.group(1).replace("&amp;", "&"))
    assert "q=the" in link and "$search" not in link  # the Graph path travels signed
    second = adele.get(older.group(1).replace("&amp;", "&"))
    assert second.status_code == 200
    assert _subjects(second.get_data(as_text=True)) not in ([], _subjects(html))


def test_nothing_found_says_so(adele):
    html = adele.get("/mail/?q=zzzqqqxx").get_data(as_text=True)
    assert "No messages match" in html


def test_another_users_account_id_is_a_404(adele):
    assert adele.get("/mail/?account=99").status_code == 404
    assert adele.get("/mail/99/messages/AAMkAAAAAAAAAAAAAAAAAAAA").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get("/mail/").status_code in (302, 401)


def test_the_account_picker_appears_with_two_accounts(app, sign_in, sandbox_server, sandbox):
    from postpress_whitelabel.testing import Journey, MicrosoftBrowser

    user = sign_in(ADELE)
    journey = Journey(user, MicrosoftBrowser(sandbox_server.url))
    resp = journey.sign_in("sam.taylor@outlook.com", intent="connect")
    assert resp.status_code in (302, 303)
    html = user.get("/mail/").get_data(as_text=True)
    assert '<select id="mail-account" name="account">' in html
    assert "sam.taylor@outlook.com" in html.lower()
    second = user.get("/mail/?account=2").get_data(as_text=True)
    assert re.search(r'<option value="2" selected>', second)
    assert set(_subjects(second)) != set(_subjects(html))  # Sam's own mailbox
    assert 'href="/mail/2/messages/' in second


def test_the_page_size_is_a_plugin_setting(make_app, sign_in):
    app = make_app(plugins=["mail"], PLUGIN_MAIL_PAGE_SIZE="10", PLUGIN_MAIL_PANEL_SIZE="2")
    user = sign_in(app=app)
    assert len(_subjects(user.get("/mail/").get_data(as_text=True))) == 10
    home = user.get("/").get_data(as_text=True)
    assert len(re.findall(r'<li><a href="/mail/1/messages/', home)) == 2


def test_times_fall_back_to_utc_when_the_mailbox_zone_cannot_be_read(adele, sandbox):
    sandbox.faults.force_status("graph_mailbox_settings", 500)
    resp = adele.get("/mail/")
    assert resp.status_code == 200
    assert "Times in UTC." in resp.get_data(as_text=True)


def test_a_search_graph_cannot_run_is_said_beside_the_folders(adele, sandbox):
    sandbox.faults.force_status("graph_messages", 400)
    resp = adele.get("/mail/?q=anything")
    page = resp.get_data(as_text=True)
    assert resp.status_code == 200
    assert "Microsoft could not search for that" in page and 'value="anything"' in page
    assert "<span>Sent Items</span>" in page
