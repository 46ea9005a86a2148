"""Large attachments through an upload session: create it (3 MB to 150 MB), PUT byte ranges
in order to its pre-authenticated URL, get the attachment's URL at the end; refusals."""

import requests

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, graph_error

ITINERARY = ids.message_id(ADELE, "itinerary")
MB = 1024 * 1024
CREATE = f"/me/messages/{ITINERARY}/attachments/createUploadSession"


def session_for(client, size: int, name: str = "big.bin") -> dict:
    """A new upload session for a file of `size` bytes (parameters as the SDK spells them)."""
    response = client.post(CREATE, json={"AttachmentItem": {
        "attachmentType": "file", "name": name, "size": size, "contentType": "image/png"}})
    assert response.status_code == 201, response.text
    return response.json()


def put(url: str, data: bytes, start: int, total: int) -> requests.Response:
    """One ranged PUT with no Authorization header, as the documentation says."""
    end = start + len(data) - 1
    return requests.put(url, data=data, timeout=10, headers={
        "Content-Type": "application/octet-stream",
        "Content-Range": f"bytes {start}-{end}/{total}"})


def test_upload_in_two_ranges(adele):
    """0-, then the next byte, then 201 with the attachment's Location; the bytes read back."""
    content = bytes(range(256)) * (13 * 1024 + 7)
    total = len(content)
    session = session_for(adele, total)
    assert session["nextExpectedRanges"] == ["0-"] and session["expirationDateTime"]
    assert "/AttachmentSessions('" in session["uploadUrl"]
    first = put(session["uploadUrl"], content[:2 * MB], 0, total)
    assert first.status_code == 200, first.text
    assert first.json()["nextExpectedRanges"] == [str(2 * MB)]
    last = put(session["uploadUrl"], content[2 * MB:], 2 * MB, total)
    assert last.status_code == 201 and last.content == b""
    attachment_id = last.headers["Location"].rsplit("Attachments('", 1)[1].rstrip("')")
    raw = adele.get(f"/me/messages/{ITINERARY}/attachments/{attachment_id}/$value")
    assert raw.content == content and raw.headers["Content-Type"].startswith("image/png")
    graph_error(put(session["uploadUrl"], b"x", 0, total), 404, "ErrorItemNotFound")


def test_session_refusals(adele):
    """Under 3 MB or over 150 MB: 400; a wrong token 401; out of order 416; cancel 204."""
    graph_error(adele.post(CREATE, json={"AttachmentItem": {
        "attachmentType": "file", "name": "small", "size": 1000}}), 400,
        "ErrorAttachmentSizeShouldNotBeLessThanMinimumSize")
    graph_error(adele.post(CREATE, json={"AttachmentItem": {
        "attachmentType": "file", "name": "huge", "size": 151 * MB}}), 400, "ErrorInvalidRequest")
    total = 3 * MB + 10
    session = session_for(adele, total)
    url = session["uploadUrl"]
    graph_error(put(url.replace("authtoken=", "authtoken=x"), b"a" * 10, 0, total), 401,
                "InvalidAuthenticationToken")
    graph_error(put(url, b"a" * 10, 5, total), 416, "ErrorInvalidRange")
    graph_error(put(url, b"a" * 10, 0, total + 1), 400, "ErrorInvalidRequest")
    assert requests.delete(url, timeout=10).status_code == 204
    graph_error(put(url, b"a" * 10, 0, total), 404, "ErrorItemNotFound")


def test_session_expires_on_the_sandbox_clock(adele, sandbox):
    """Past `expirationDateTime` the upload URL is refused."""
    session = session_for(adele, 3 * MB)
    sandbox.clock.advance(15 * 60)
    graph_error(put(session["uploadUrl"], b"a", 0, 3 * MB), 401, "InvalidAuthenticationToken")
