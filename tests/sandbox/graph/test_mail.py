"""Reading mail: /me, folders with counts, messages with OData options and paging, one
message in HTML or text, attachments."""

from urllib.parse import quote

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, graph_error

INBOX = "/me/mailFolders/inbox/messages"


def test_me_has_the_documented_properties(adele):
    """GET /me answers the default user properties."""
    me = adele.get("/me").json()
    for name in ("businessPhones", "displayName", "givenName", "id", "jobTitle", "mail",
                 "mobilePhone", "officeLocation", "preferredLanguage", "surname",
                 "userPrincipalName"):
        assert name in me
    assert me["id"] == ADELE and me["displayName"] == "Adele Vance"
    selected = adele.get("/me?$select=displayName,mail").json()
    assert set(selected) == {"@odata.context", "displayName", "mail", "id"}


def test_folders_with_counts(adele):
    """Well-known folders with unread and total counts; a folder by its well-known name."""
    folders = {f["displayName"]: f for f in adele.get("/me/mailFolders").json()["value"]}
    assert {"Inbox", "Drafts", "Sent Items", "Deleted Items", "Junk Email"} <= set(folders)
    inbox = adele.get("/me/mailFolders/inbox").json()
    assert inbox["id"] == folders["Inbox"]["id"]
    assert inbox["totalItemCount"] >= 20 and 0 < inbox["unreadItemCount"] < inbox["totalItemCount"]
    graph_error(adele.get("/me/mailFolders/nope"), 404, "ErrorItemNotFound")


def test_paging_follows_next_link_to_every_message(adele):
    """Default page 10, newest first; nextLink as-is reaches every Inbox message once."""
    total = adele.get("/me/mailFolders/inbox").json()["totalItemCount"]
    page = adele.get(INBOX).json()
    assert len(page["value"]) == 10 and "@odata.nextLink" in page
    seen, received = [], []
    while True:
        seen += [m["id"] for m in page["value"]]
        received += [m["receivedDateTime"] for m in page["value"]]
        if "@odata.nextLink" not in page:
            break
        page = adele.get(page["@odata.nextLink"]).json()
    assert len(seen) == len(set(seen)) == total
    assert received == sorted(received, reverse=True)


def test_select_top_and_orderby(adele):
    """$select trims properties, $top sizes the page, $orderby sorts."""
    body = adele.get(f"{INBOX}?$select=subject,isRead&$top=5&$orderby=subject asc").json()
    assert len(body["value"]) == 5
    assert set(body["value"][0]) == {"@odata.etag", "id", "subject", "isRead"}
    subjects = [m["subject"].lower() for m in body["value"]]
    assert subjects == sorted(subjects)
    assert "$top=5" in body["@odata.nextLink"]


def test_bad_query_options_are_400(adele):
    """Unknown properties, $top out of range and broken filters."""
    graph_error(adele.get(f"{INBOX}?$select=nonsense"), 400, "BadRequest")
    graph_error(adele.get(f"{INBOX}?$top=0"), 400, "ErrorInvalidRequest")
    graph_error(adele.get(f"{INBOX}?$top=1001"), 400, "ErrorInvalidRequest")
    graph_error(adele.get(f"{INBOX}?$top=ten"), 400, "BadRequest")
    graph_error(adele.get(f"{INBOX}?$orderby=body desc"), 400, "BadRequest")
    graph_error(adele.get(f"{INBOX}?$filter=isRead eq"), 400, "BadRequest")
    graph_error(adele.get(f"{INBOX}?$filter=color eq 'red'"), 400, "BadRequest")


def test_filter_on_is_read_matches_the_unread_count(adele):
    """$filter=isRead eq false returns exactly the folder's unread messages."""
    unread = adele.get("/me/mailFolders/inbox").json()["unreadItemCount"]
    body = adele.get(f"{INBOX}?$filter=isRead eq false&$top=100&$count=true").json()
    assert body["@odata.count"] == len(body["value"]) == unread
    assert all(not m["isRead"] for m in body["value"])
    combined = adele.get(f"{INBOX}?$filter=isRead eq false and hasAttachments eq true").json()
    assert all(m["hasAttachments"] for m in combined["value"])


def test_inefficient_filter_rule(adele):
    """Ordering by a property the filter does not name first is InefficientFilter."""
    wrong = adele.get(f"{INBOX}?$filter=isRead eq false&$orderby=receivedDateTime desc")
    error = graph_error(wrong, 400, "InefficientFilter")
    assert error["message"] == "The restriction or sort order is too complex for this operation."
    right = adele.get(f"{INBOX}?$filter=receivedDateTime ge 1900-01-01T00:00:00Z and "
                      "isRead eq false&$orderby=receivedDateTime desc")
    assert right.status_code == 200 and all(not m["isRead"] for m in right.json()["value"])


def test_one_message_in_html_or_text(adele):
    """A message's body is HTML by default, text with Prefer (and Preference-Applied)."""
    message_id = ids.message_id(ADELE, "itinerary")
    html = adele.get(f"/me/messages/{quote(message_id)}")
    assert html.status_code == 200
    assert html.json()["body"]["contentType"] == "html"
    assert "<table" in html.json()["body"]["content"]
    text = adele.get(f"/me/messages/{message_id}",
                     headers={"Prefer": 'outlook.body-content-type="text"'})
    assert text.json()["body"]["contentType"] == "text"
    assert "<" not in text.json()["body"]["content"]
    assert "Your trip to Seattle" in text.json()["body"]["content"]
    assert text.headers["Preference-Applied"] == 'outlook.body-content-type="text"'
    in_folder = adele.get(f"/me/mailFolders/inbox/messages/{message_id}")
    assert in_folder.json()["id"] == message_id
    graph_error(adele.get(f"/me/mailFolders/drafts/messages/{message_id}"), 404,
                "ErrorItemNotFound")


def test_unknown_and_malformed_ids(adele):
    """404 ErrorItemNotFound for an id of nothing, 400 for something that is not an id."""
    graph_error(adele.get(f"/me/messages/{ids.message_id(ADELE, 'missing')}"), 404,
                "ErrorItemNotFound")
    graph_error(adele.get("/me/messages/abc"), 400, "ErrorInvalidIdMalformed")


def test_attachments_metadata(adele):
    """File and inline (cid:) attachments, with size and content type."""
    message_id = ids.message_id(ADELE, "itinerary")
    values = adele.get(f"/me/messages/{message_id}/attachments").json()["value"]
    by_name = {a["name"]: a for a in values}
    ticket = by_name["E-ticket K7Q2LM.pdf"]
    assert ticket["contentType"] == "application/pdf" and ticket["size"] > 0
    assert ticket["@odata.type"] == "#microsoft.graph.fileAttachment"
    assert by_name["fabrikam-logo.png"]["isInline"] is True
    assert by_name["fabrikam-logo.png"]["contentId"] == "logo@fabrikam.com"
    message = adele.get(f"/me/messages/{message_id}").json()
    assert message["hasAttachments"] is True


def test_read_basic_leaves_bodies_out(graph_as):
    """With Mail.ReadBasic only, lists come without body or preview and attachments are 403."""
    basic = graph_as(ADELE, "User.Read Mail.ReadBasic")
    first = basic.get(INBOX).json()["value"][0]
    assert "body" not in first and "bodyPreview" not in first and "subject" in first
    message_id = ids.message_id(ADELE, "itinerary")
    graph_error(basic.get(f"/me/messages/{message_id}/attachments"), 403, "ErrorAccessDenied")


def test_someone_elses_mailbox_is_forbidden(adele):
    """Mail is never delegated in the sandbox: another user's mailbox is 403."""
    graph_error(adele.get("/users/MeganB@contoso.com/messages"), 403, "ErrorAccessDenied")
    assert adele.get("/users/AdeleV@contoso.com/messages?$top=1").status_code == 200
