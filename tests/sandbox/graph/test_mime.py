"""`GET /me/messages/{id}/$value`: the message as RFC 5322 MIME, served as text/plain."""

import email
from email import policy

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, graph_error

LUNCH = ids.message_id(ADELE, "lunch")
NEWSLETTER = ids.message_id(ADELE, "newsletter")


def mime_of(client, path: str) -> email.message.EmailMessage:
    """GET a $value and parse it as a mail message."""
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["Content-Type"].startswith("text/plain")
    assert b"\r\n" in response.content and response.content.isascii()
    return email.message_from_bytes(response.content, policy=policy.default)


def test_headers_and_body_match_the_message(adele):
    """From, To, Subject, Message-ID and the body are the message's own."""
    message = adele.get(f"/me/messages/{LUNCH}").json()
    mime = mime_of(adele, f"/me/messages/{LUNCH}/$value")
    assert mime["Subject"] == message["subject"]
    assert message["from"]["emailAddress"]["address"] in mime["From"]
    assert "AdeleV@contoso.com" in mime["To"]
    assert mime["Message-ID"] == message["internetMessageId"]
    assert mime["MIME-Version"] == "1.0" and mime["Date"]
    assert mime.get_content_type() == "text/plain"
    assert mime.get_content().strip()


def test_html_bodies_and_folder_paths(adele):
    """An HTML message is a text/html part; the folder path and `%24value` reach it too."""
    mime = mime_of(adele, f"/me/mailFolders/inbox/messages/{NEWSLETTER}/%24value")
    assert mime.get_content_type() == "text/html" and "<" in mime.get_content()


def test_client_chosen_header_values_cannot_add_headers(adele):
    """A subject with CR/LF (sendMail accepts it) stays one Subject header."""
    subject = "Hello\r\nBcc: everyone@example.com"
    adele.post("/me/sendMail", json={"message": {"subject": subject, "toRecipients": [
        {"emailAddress": {"address": "someone@example.com", "name": "Some\nOne"}}]}})
    sent = adele.get("/me/mailFolders/sentitems/messages?$top=1").json()["value"][0]
    mime = mime_of(adele, f"/me/messages/{sent['id']}/$value")
    assert mime["Bcc"] is None and mime["Subject"] == "Hello Bcc: everyone@example.com"


def test_needs_mail_read_and_a_real_message(adele, graph_as):
    """Mail.ReadBasic does not include bodies: 403; unknown ids: 404."""
    basic = graph_as(ADELE, "User.Read Mail.ReadBasic")
    graph_error(basic.get(f"/me/messages/{LUNCH}/$value"), 403, "ErrorAccessDenied")
    graph_error(adele.get(f"/me/messages/{ids.message_id(ADELE, 'gone')}/$value"), 404,
                "ErrorItemNotFound")
