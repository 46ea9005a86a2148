"""Attachments with their bytes: in the list, one by one, raw through `$value`, expanded on
the message, kept when sent or added, and the documented 3 MB limit on inline posts."""

import base64

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, graph_error
from .test_mail_write import find

ITINERARY = ids.message_id(ADELE, "itinerary")
MEGAN_MAIL = "MeganB@contoso.com"


def file_attachment(name: str, content: bytes, **extra) -> dict:
    """A fileAttachment as clients post it."""
    return {"@odata.type": "#microsoft.graph.fileAttachment", "name": name,
            "contentBytes": base64.b64encode(content).decode(), **extra}


def test_list_one_and_value_agree(adele):
    """The list carries contentBytes; the single GET and `$value` give the same bytes."""
    values = adele.get(f"/me/messages/{ITINERARY}/attachments").json()["value"]
    assert values and all("contentBytes" in a for a in values)
    for listed in values:
        path = f"/me/messages/{ITINERARY}/attachments/{listed['id']}"
        one = adele.get(path).json()
        assert one["contentBytes"] == listed["contentBytes"]
        raw = adele.get(f"{path}/$value")
        assert raw.status_code == 200
        assert raw.headers["Content-Type"].startswith(listed["contentType"])
        assert raw.content == base64.b64decode(one["contentBytes"])
        assert len(raw.content) == one["size"]
    folder_path = f"/me/mailFolders/inbox/messages/{ITINERARY}/attachments/{values[0]['id']}"
    assert adele.get(folder_path).status_code == 200


def test_unknown_attachment_is_404(adele):
    """An attachment id the message lacks: 404 ErrorItemNotFound."""
    graph_error(adele.get(f"/me/messages/{ITINERARY}/attachments/{ids.new_id()}"), 404,
                "ErrorItemNotFound")


def test_expand_attachments_on_message_and_list(adele):
    """`$expand=attachments` nests the attachments, bytes included; unknown names are 400."""
    message = adele.get(f"/me/messages/{ITINERARY}?$expand=attachments").json()
    assert {a["name"] for a in message["attachments"]} >= {"fabrikam-logo.png"}
    assert all("contentBytes" in a for a in message["attachments"])
    listed = adele.get("/me/messages?$expand=attachments&$top=5").json()["value"]
    assert all("attachments" in m for m in listed)
    graph_error(adele.get(f"/me/messages/{ITINERARY}?$expand=colours"), 400, "BadRequest")


def test_sent_attachment_bytes_reach_the_recipient(adele, megan):
    """sendMail keeps the bytes: the recipient reads back exactly what was sent."""
    content = bytes(range(256)) * 3
    message = {"subject": "Bytes kept", "toRecipients": [
        {"emailAddress": {"address": MEGAN_MAIL}}],
        "attachments": [file_attachment("table.bin", content)]}
    assert adele.post("/me/sendMail", json={"message": message}).status_code == 202
    received = find(megan, "inbox", "Bytes kept")[0]
    listed = megan.get(f"/me/messages/{received['id']}/attachments").json()["value"]
    assert listed[0]["contentType"] == "application/octet-stream"
    raw = megan.get(f"/me/messages/{received['id']}/attachments/{listed[0]['id']}/$value")
    assert raw.content == content


def test_post_attachment_to_a_message(adele):
    """POST .../attachments: 201 with the attachment (type guessed from the name)."""
    response = adele.post(f"/me/messages/{ITINERARY}/attachments",
                          json=file_attachment("notes.txt", b"remember the passport"))
    assert response.status_code == 201, response.text
    added = response.json()
    assert added["contentType"] == "text/plain" and added["size"] == 21
    raw = adele.get(f"/me/messages/{ITINERARY}/attachments/{added['id']}/$value")
    assert raw.content == b"remember the passport"


def test_three_megabytes_inline_is_refused(adele):
    """At 3 MB or more an inline attachment is refused, naming the limit; just under passes."""
    limit = 3 * 1024 * 1024
    big = adele.post(f"/me/messages/{ITINERARY}/attachments",
                     json=file_attachment("big.bin", b"\0" * limit))
    error = graph_error(big, 413, "ErrorRequestEntityTooLarge")
    assert "3 MB" in error["message"]
    under = adele.post(f"/me/messages/{ITINERARY}/attachments",
                       json=file_attachment("fits.bin", b"\0" * (limit - 1)))
    assert under.status_code == 201


def test_attachment_rules(adele, graph_as):
    """Not base64, an item attachment, Mail.Read only (for POST): refused."""
    path = f"/me/messages/{ITINERARY}/attachments"
    graph_error(adele.post(path, json={"name": "x", "contentBytes": "!!"}), 400, "BadRequest")
    graph_error(adele.post(path, json={"@odata.type": "#microsoft.graph.itemAttachment",
                                       "name": "x"}), 400, "BadRequest")
    reader = graph_as(ADELE, "User.Read Mail.Read")
    graph_error(reader.post(path, json=file_attachment("a.txt", b"a")), 403,
                "ErrorAccessDenied")


def test_delete_attachment(adele):
    """DELETE .../attachments/{id}: 204, and the attachment is gone."""
    added = adele.post(f"/me/messages/{ITINERARY}/attachments",
                       json=file_attachment("gone.txt", b"bye")).json()
    path = f"/me/messages/{ITINERARY}/attachments/{added['id']}"
    assert adele.delete(path).status_code == 204
    graph_error(adele.get(path), 404, "ErrorItemNotFound")
    graph_error(adele.delete(path), 404, "ErrorItemNotFound")


def test_expand_attachments_with_a_nested_select_leaves_the_bytes_out(adele):
    """`attachments($select=...)` sends only what is named; a fileAttachment's own property is
    named with its type cast; an unknown name or another nested option is 400."""
    wanted = "id,name,size,isInline,microsoft.graph.fileAttachment/contentId"
    message = adele.get(f"/me/messages/{ITINERARY}?$select=subject"
                        f"&$expand=attachments($select={wanted})").json()
    assert message["subject"] and message["attachments"]
    for item in message["attachments"]:
        assert "contentBytes" not in item and "contentType" not in item
        assert {"id", "name", "size", "isInline", "contentId"} <= set(item)
        assert item["@odata.type"] == "#microsoft.graph.fileAttachment"
    with_bytes = adele.get(f"/me/messages/{ITINERARY}?$expand=attachments($select=name,"
                           "microsoft.graph.fileAttachment/contentBytes)").json()
    assert all("contentBytes" in a for a in with_bytes["attachments"])
    for bad in ("attachments($select=colour)", "attachments($top=1)",
                "attachments($select=microsoft.graph.itemAttachment/item)"):
        graph_error(adele.get(f"/me/messages/{ITINERARY}?$expand={bad}"), 400, "BadRequest")
