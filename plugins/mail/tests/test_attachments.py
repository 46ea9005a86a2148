"""Attachments download through the app, as attachments, labelled by what the bytes are."""

import dataclasses
import re
from urllib.parse import quote

import pytest

from plugins.mail import sniff
from plugins.mail.attachment_views import disposition

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
HTML = b"<!doctype html><script>alert(document.cookie)</script>"


def _links(page: str) -> dict[str, str]:
    return {name: href.replace("&amp;", "&") for href, name in
            re.findall(r'<a href="(/mail/1/messages/[^"]+/attachments/[^"]+)" download>([^<]+)',
                       page)}


@pytest.fixture
def with_file(mailbox_of, message_id):
    """``with_file(name, content_type, content)``: put a file on the itinerary message."""
    itinerary = message_id("Your itinerary")
    message = mailbox_of().messages[itinerary]

    def add(name: str, content_type: str, content: bytes) -> str:
        template = message.attachments[0]
        message.attachments.append(dataclasses.replace(
            template, id=template.id[:-8] + f"{len(message.attachments):04d}AAA=", name=name,
            content_type=content_type, size=len(content), content=content, is_inline=False,
            content_id=None))
        return itinerary

    return add


def test_a_pdf_downloads_as_an_attachment_with_its_type(adele, message_id):
    itinerary = message_id("Your itinerary")
    links = _links(adele.get(f"/mail/1/messages/{itinerary}").get_data(as_text=True))
    name, href = next((n, h) for n, h in links.items() if n.endswith(".pdf"))
    resp = adele.get(href)
    assert resp.status_code == 200
    assert resp.mimetype == "application/pdf" and resp.data.startswith(b"%PDF-")
    assert resp.headers["Content-Disposition"].startswith("attachment;")
    assert f"filename*=UTF-8''{quote(name, safe='')}" in resp.headers["Content-Disposition"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_whose_type_lies_downloads_as_octet_stream(adele, with_file):
    itinerary = with_file("cute-cat.png", "image/png", HTML)
    links = _links(adele.get(f"/mail/1/messages/{itinerary}").get_data(as_text=True))
    resp = adele.get(links["cute-cat.png"])
    assert resp.status_code == 200
    assert resp.mimetype == "application/octet-stream"
    assert resp.headers["Content-Disposition"].startswith("attachment;")
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in resp.headers["Content-Security-Policy"]
    assert resp.data == HTML


def test_html_and_svg_never_keep_their_type(adele, with_file):
    with_file("page.html", "text/html", b"<p>hello</p>")
    itinerary = with_file("logo.svg", "image/svg+xml", b"<svg onload='alert(1)'/>")
    links = _links(adele.get(f"/mail/1/messages/{itinerary}").get_data(as_text=True))
    for name in ("page.html", "logo.svg"):
        resp = adele.get(links[name])
        assert resp.mimetype == "application/octet-stream", name
        assert resp.headers["Content-Disposition"].startswith("attachment;")


def test_a_true_png_keeps_its_type_and_a_unicode_name(adele, with_file):
    itinerary = with_file("Grüße \"from\" Köln.png", "image/png", PNG)
    page = adele.get(f"/mail/1/messages/{itinerary}").get_data(as_text=True)
    href = next(h for n, h in _links(page).items() if n.endswith("Köln.png"))
    resp = adele.get(href)
    assert resp.mimetype == "image/png"
    header = resp.headers["Content-Disposition"]
    assert 'filename="Gr__e _from_ K_ln.png"' in header
    assert "filename*=UTF-8''Gr%C3%BC%C3%9Fe%20_from_%20K%C3%B6ln.png" in header


def test_someone_elses_attachment_is_not_found(adele):
    resp = adele.get("/mail/1/messages/AAMkAAAAAAAAAAAAAAAAAAAA/attachments/AAMkAAAAAAAAAAAAAAAA")
    assert resp.status_code == 404


@pytest.mark.parametrize(("declared", "content", "served"), [
    ("image/png", PNG, "image/png"),
    ("image/png", HTML, "application/octet-stream"),
    ("image/jpeg", PNG, "application/octet-stream"),
    ("application/pdf", b"%PDF-1.7\n", "application/pdf"),
    ("application/pdf", b"MZ\x90\x00", "application/octet-stream"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     b"PK\x03\x04rest", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("text/plain", b"hello\n", "text/plain"),
    ("text/plain", b"  <html><body>x", "application/octet-stream"),
    ("text/html", b"<p>x</p>", "application/octet-stream"),
    ("application/x-unknown", b"whatever", "application/octet-stream"),
    (None, PNG, "application/octet-stream"),
])
def test_the_declared_type_is_kept_only_when_the_bytes_agree(declared, content, served):
    assert sniff.served_type(declared, content) == served


def test_a_file_name_cannot_break_the_header():
    header = disposition('..\\evil"\r\nSet-Cookie: x=1;.exe')
    assert "\r" not in header and "\n" not in header and '\\' not in header
    assert header.startswith('attachment; filename="')


def test_format_characters_are_stripped_where_a_name_is_shown_and_saved(adele, with_file):
    spoof = "invoice\u202egpj.exe"  # reads as "invoiceexe.jpg" with the override kept
    itinerary = with_file(spoof, "application/octet-stream", b"MZ")
    links = _links(adele.get(f"/mail/1/messages/{itinerary}").get_data(as_text=True))
    assert "invoicegpj.exe" in links and not any("\u202e" in n for n in links)
    header = adele.get(links["invoicegpj.exe"]).headers["Content-Disposition"]
    assert "%E2%80%AE" not in header and "invoicegpj.exe" in header
    for hidden in ("\u200b", "\u2066", "\u2069", "\u200e", "\ufeff"):
        assert hidden not in disposition(f"a{hidden}b.txt")
