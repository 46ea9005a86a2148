"""Every mail call a Mail plugin makes, through the Graph SDK's own request builders: folders,
listing and searching, a message with its attachments and their bytes, mark read, flag, move,
delete, send, reply, reply-all, forward, and a draft created, patched and sent.

The SDK writes what it writes (`Comment`, `DestinationId`, `@odata.type` on every object);
the sandbox must read it as Graph does.
"""

import ssl
import warnings

import httpx
import pytest

from microsoft_sandbox.directory import seed
from microsoft_sandbox.graph import ids
from tests.conformance.sdk_clients import run

# The SDK's generated modules warn, as they load, that their own base classes are deprecated:
# about the SDK's code, not this test's use of it.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from kiota_abstractions.api_error import APIError
    from kiota_abstractions.base_request_configuration import RequestConfiguration
    from msgraph.generated.models.attachment_item import AttachmentItem
    from msgraph.generated.models.attachment_type import AttachmentType
    from msgraph.generated.models.body_type import BodyType
    from msgraph.generated.models.email_address import EmailAddress
    from msgraph.generated.models.file_attachment import FileAttachment
    from msgraph.generated.models.followup_flag import FollowupFlag
    from msgraph.generated.models.followup_flag_status import FollowupFlagStatus
    from msgraph.generated.models.item_body import ItemBody
    from msgraph.generated.models.mailbox_settings import MailboxSettings
    from msgraph.generated.models.message import Message
    from msgraph.generated.models.message_collection_response import MessageCollectionResponse
    from msgraph.generated.models.recipient import Recipient
    from msgraph.generated.users.item.mail_folders.item.messages.messages_request_builder import (
        MessagesRequestBuilder as FolderMessagesRequestBuilder,
    )
    from msgraph.generated.users.item.messages.item.attachments.create_upload_session.create_upload_session_post_request_body import (  # noqa: E501
        CreateUploadSessionPostRequestBody,
    )
    from msgraph.generated.users.item.messages.item.create_forward.create_forward_post_request_body import (  # noqa: E501
        CreateForwardPostRequestBody,
    )
    from msgraph.generated.users.item.messages.item.create_reply.create_reply_post_request_body import (  # noqa: E501
        CreateReplyPostRequestBody,
    )
    from msgraph.generated.users.item.messages.item.forward.forward_post_request_body import (
        ForwardPostRequestBody,
    )
    from msgraph.generated.users.item.messages.item.message_item_request_builder import (
        MessageItemRequestBuilder,
    )
    from msgraph.generated.users.item.messages.item.move.move_post_request_body import (
        MovePostRequestBody,
    )
    from msgraph.generated.users.item.messages.item.reply.reply_post_request_body import (
        ReplyPostRequestBody,
    )
    from msgraph.generated.users.item.messages.item.reply_all.reply_all_post_request_body import (
        ReplyAllPostRequestBody,
    )
    from msgraph.generated.users.item.messages.messages_request_builder import (
        MessagesRequestBuilder,
    )
    from msgraph.generated.users.item.send_mail.send_mail_post_request_body import (
        SendMailPostRequestBody,
    )
    from msgraph_core import PageIterator

ADELE, MEGAN = seed.CONTOSO_USER_OID, seed.CONTOSO_ADMIN_OID
MEGAN_MAIL = "MeganB@contoso.com"
ITINERARY = ids.message_id(ADELE, "itinerary")
ANNOUNCEMENT = ids.message_id(ADELE, "announcement")
STANDUP = ids.message_id(ADELE, "note-standup")



def to(address: str) -> Recipient:
    """A recipient as the SDK builds one."""
    return Recipient(email_address=EmailAddress(address=address))


def messages_with(query: dict, folder: str | None = None):
    """A request configuration for a message list with these query parameters."""
    if folder is None:
        params = MessagesRequestBuilder.MessagesRequestBuilderGetQueryParameters(**query)
    else:
        params = FolderMessagesRequestBuilder.MessagesRequestBuilderGetQueryParameters(**query)
    return RequestConfiguration(query_parameters=params)


def inbox_subjects(client, subject: str) -> list[Message]:
    """Messages of the Inbox with this subject."""
    found = run(client.me.mail_folders.by_mail_folder_id("inbox").messages.get(
        messages_with({"filter": f"subject eq '{subject}'", "top": 50}, folder="inbox")))
    return found.value


@pytest.fixture
def adele(graph_sdk):
    """The SDK signed in as Adele with every mail and calendar scope."""
    return graph_sdk(ADELE)


def test_list_folders_and_child_folders(adele):
    folders = run(adele.me.mail_folders.get()).value
    names = {f.display_name: f for f in folders}
    assert {"Inbox", "Sent Items", "Drafts", "Deleted Items"} <= set(names)
    assert names["Inbox"].child_folder_count == 3 and names["Inbox"].total_item_count > 100
    children = run(adele.me.mail_folders.by_mail_folder_id("inbox").child_folders.get()).value
    assert {c.display_name for c in children} == {"Projects", "Receipts", "Newsletters"}


def test_list_page_and_select(adele):
    page = run(adele.me.messages.get(messages_with(
        {"top": 5, "select": ["subject", "from", "receivedDateTime", "isRead"]})))
    assert len(page.value) == 5 and page.odata_next_link
    stamps = [m.received_date_time for m in page.value]
    assert stamps == sorted(stamps, reverse=True) and page.value[0].body is None
    unread = run(adele.me.mail_folders.by_mail_folder_id("inbox").messages.get(messages_with(
        {"filter": "isRead eq false", "top": 50}, folder="inbox"))).value
    assert unread and not any(m.is_read for m in unread)
    assert run(adele.me.messages.count.get()) > 250


def test_search(adele):
    found = run(adele.me.messages.get(messages_with(
        {"search": '"hasAttachments:true"', "top": 50}))).value
    assert found and all(m.has_attachments for m in found)
    with pytest.raises(APIError) as refused:
        run(adele.me.messages.get(messages_with({"search": '"pizza"',
                                                 "orderby": ["receivedDateTime desc"]})))
    assert refused.value.response_status_code == 400
    assert refused.value.error.code == "SearchWithOrderBy"


def test_message_with_attachments_and_their_bytes(adele):
    config = RequestConfiguration(
        query_parameters=MessageItemRequestBuilder.MessageItemRequestBuilderGetQueryParameters(
            expand=["attachments"]))
    message = run(adele.me.messages.by_message_id(ITINERARY).get(config))
    assert message.has_attachments and len(message.attachments) == 2
    ticket = next(a for a in message.attachments if a.name.endswith(".pdf"))
    assert isinstance(ticket, FileAttachment) and ticket.content_bytes.startswith(b"%PDF")
    one = run(adele.me.messages.by_message_id(ITINERARY).attachments
              .by_attachment_id(ticket.id).get())
    assert isinstance(one, FileAttachment) and one.content_bytes == ticket.content_bytes
    listed = run(adele.me.messages.by_message_id(ITINERARY).attachments.get()).value
    logo = next(a for a in listed if a.is_inline)
    assert logo.content_id == "logo@fabrikam.com" and logo.content_bytes[:4] == b"\x89PNG"
    mime = run(adele.me.messages.by_message_id(ITINERARY).content.get())
    assert b"Subject:" in mime


def test_mark_read_flag_move_and_delete(adele):
    builder = adele.me.messages.by_message_id(STANDUP)
    read = run(builder.patch(Message(is_read=True)))
    assert read.is_read is True
    flagged = run(builder.patch(Message(flag=FollowupFlag(
        flag_status=FollowupFlagStatus.Flagged))))
    assert flagged.flag.flag_status == FollowupFlagStatus.Flagged
    moved = run(builder.move.post(MovePostRequestBody(destination_id="archive")))
    assert moved.parent_folder_id == ids.folder_id(ADELE, "archive")
    run(adele.me.messages.by_message_id(moved.id).delete())
    with pytest.raises(APIError) as gone:
        run(adele.me.messages.by_message_id(moved.id).get())
    assert gone.value.response_status_code == 404
    assert gone.value.error.code == "ErrorItemNotFound"


def test_send_mail_with_an_attachment(adele, graph_sdk):
    message = Message(subject="SDK send", body=ItemBody(content_type=BodyType.Html,
                                                        content="<p>Hello</p>"),
                      to_recipients=[to(MEGAN_MAIL)],
                      attachments=[FileAttachment(name="hello.txt", content_type="text/plain",
                                                  content_bytes=b"hello")])
    run(adele.me.send_mail.post(SendMailPostRequestBody(message=message,
                                                        save_to_sent_items=True)))
    megan = graph_sdk(MEGAN)
    received = inbox_subjects(megan, "SDK send")
    assert len(received) == 1 and received[0].has_attachments
    files = run(megan.me.messages.by_message_id(received[0].id).attachments.get()).value
    assert files[0].content_bytes == b"hello"


def test_reply_reply_all_and_forward(adele, graph_sdk):
    original = run(adele.me.messages.by_message_id(ANNOUNCEMENT).get())
    run(adele.me.messages.by_message_id(ANNOUNCEMENT).reply.post(
        ReplyPostRequestBody(comment="Thanks!")))
    run(adele.me.messages.by_message_id(ANNOUNCEMENT).reply_all.post(
        ReplyAllPostRequestBody(comment="Great news, all")))
    run(adele.me.messages.by_message_id(ITINERARY).forward.post(
        ForwardPostRequestBody(comment="FYI", to_recipients=[to(MEGAN_MAIL)])))
    megan = graph_sdk(MEGAN)
    reply_all = inbox_subjects(megan, f"RE: {original.subject}")
    assert reply_all, "Megan was on the announcement's cc"
    forwarded = [m for m in run(megan.me.messages.get(messages_with(
        {"search": '"subject:FW"', "top": 10}))).value]
    assert forwarded and forwarded[0].has_attachments


def test_draft_create_patch_send(adele, graph_sdk):
    draft = run(adele.me.messages.post(Message(subject="SDK draft",
                                               to_recipients=[to(MEGAN_MAIL)])))
    assert draft.is_draft is True
    patched = run(adele.me.messages.by_message_id(draft.id).patch(Message(
        subject="SDK draft, final", body=ItemBody(content_type=BodyType.Text,
                                                  content="Ready"))))
    assert patched.subject == "SDK draft, final"
    attached = run(adele.me.messages.by_message_id(draft.id).attachments.post(
        FileAttachment(name="notes.txt", content_bytes=b"notes")))
    assert attached.size == 5
    run(adele.me.messages.by_message_id(draft.id).send.post())
    assert inbox_subjects(graph_sdk(MEGAN), "SDK draft, final")


def test_create_reply_and_forward_drafts(adele):
    reply = run(adele.me.messages.by_message_id(ANNOUNCEMENT).create_reply.post(
        CreateReplyPostRequestBody(comment="Draft reply")))
    assert reply.is_draft and reply.subject.startswith("RE: ")
    forward = run(adele.me.messages.by_message_id(ITINERARY).create_forward.post(
        CreateForwardPostRequestBody(to_recipients=[to(MEGAN_MAIL)])))
    assert forward.is_draft and forward.subject.startswith("FW: ")
    assert forward.to_recipients[0].email_address.address == MEGAN_MAIL


def test_mailbox_settings(graph_sdk):
    client = graph_sdk(ADELE, scopes=["User.Read", "MailboxSettings.ReadWrite"])
    settings = run(client.me.mailbox_settings.get())
    assert settings.time_zone == "Pacific Standard Time"
    assert settings.working_hours.time_zone.name == "Pacific Standard Time"
    assert settings.language.locale == "en-US"
    run(client.me.mailbox_settings.patch(MailboxSettings(time_zone="Tokyo Standard Time")))
    assert run(client.me.mailbox_settings.get()).time_zone == "Tokyo Standard Time"


def test_large_attachment_upload_session(adele, ca_bundle):
    """The SDK opens the session; the ranges go up with plain PUTs (the SDK's own
    LargeFileUploadTask cannot parse Outlook's `nextExpectedRanges`: docs/sandbox-graph.md)."""
    content = bytes(range(256)) * (12 * 1024 + 1)
    body = CreateUploadSessionPostRequestBody(attachment_item=AttachmentItem(
        attachment_type=AttachmentType.File, name="scan.pdf", size=len(content),
        content_type="application/pdf"))
    session = run(adele.me.messages.by_message_id(ITINERARY).attachments
                  .create_upload_session.post(body))
    assert session.next_expected_ranges == ["0-"] and session.upload_url
    trust = ssl.create_default_context(cafile=ca_bundle)
    with httpx.Client(verify=trust, trust_env=False) as http:
        half = len(content) // 2
        for start, chunk in ((0, content[:half]), (half, content[half:])):
            end = start + len(chunk) - 1
            answer = http.put(session.upload_url, content=chunk, headers={
                "Content-Type": "application/octet-stream",
                "Content-Range": f"bytes {start}-{end}/{len(content)}"})
    assert answer.status_code == 201
    attachment_id = answer.headers["Location"].rsplit("Attachments('", 1)[1].rstrip("')")
    stored = run(adele.me.messages.by_message_id(ITINERARY).attachments
                 .by_attachment_id(attachment_id).get())
    assert stored.name == "scan.pdf" and stored.size == len(content)
    assert stored.content_bytes == content


def test_paging_with_the_sdks_page_iterator(adele, sandbox):
    """The SDK's PageIterator follows `@odata.nextLink` through a whole folder."""
    async def every_message():
        first = await adele.me.mail_folders.by_mail_folder_id("sentitems").messages.get(
            messages_with({"top": 7, "select": ["subject"]}, folder="sentitems"))
        seen: list = []
        assert isinstance(first, MessageCollectionResponse)
        iterator = PageIterator(first, adele.request_adapter)
        await iterator.iterate(lambda message: seen.append(message.id) or True)
        return seen

    seen = run(every_message())
    mailbox = sandbox.graph.mailbox(sandbox.user(ADELE))
    sent = mailbox.folder("sentitems").id
    assert len(seen) == len(set(seen)) == sum(
        1 for m in mailbox.messages.values() if m.folder_id == sent) > 7
