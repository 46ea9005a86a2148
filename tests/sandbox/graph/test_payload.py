"""Request bodies as the SDKs write them: action parameters in any case, `@odata.type`
annotations of the right type accepted and others refused."""

import pytest

from microsoft_sandbox.graph import ids

from .graph_helpers import ADELE, graph_error
from .test_mail_write import find

STANDUP = ids.message_id(ADELE, "note-standup")
MEGAN_MAIL = "MeganB@contoso.com"
TO_MEGAN = [{"@odata.type": "#microsoft.graph.recipient",
             "emailAddress": {"@odata.type": "#microsoft.graph.emailAddress",
                              "address": MEGAN_MAIL}}]


def test_send_mail_with_pascal_case_parameters_and_type_annotations(adele, megan):
    """`Message` and `SaveToSentItems`, as the SDK sends them, with every object annotated."""
    message = {"@odata.type": "#microsoft.graph.message", "subject": "Pascal parameters",
               "body": {"@odata.type": "#microsoft.graph.itemBody", "contentType": "text",
                        "content": "hi"},
               "toRecipients": TO_MEGAN}
    response = adele.post("/me/sendMail", json={"Message": message, "SaveToSentItems": False})
    assert response.status_code == 202, response.text
    assert find(megan, "inbox", "Pascal parameters")
    assert not find(adele, "sentitems", "Pascal parameters")


def test_reply_and_move_parameters_in_any_case(adele, megan):
    """`Comment` on reply reaches the recipient; `DestinationId` moves the message."""
    assert adele.post(f"/me/messages/{STANDUP}/reply",
                      json={"Comment": "On my way"}).status_code == 202
    moved = adele.post(f"/me/messages/{STANDUP}/move", json={"DESTINATIONID": "archive"})
    assert moved.status_code == 201, moved.text
    assert moved.json()["parentFolderId"] == ids.folder_id(ADELE, "archive")


def test_unknown_and_repeated_parameters_are_refused(adele):
    """A parameter the action lacks, or one given twice in two cases, is 400."""
    error = graph_error(adele.post(f"/me/messages/{STANDUP}/move",
                                   json={"destinationId": "archive", "folder": "x"}),
                        400, "BadRequest")
    assert "'folder'" in error["message"] and "'move'" in error["message"]
    graph_error(adele.post(f"/me/messages/{STANDUP}/move",
                           json={"destinationId": "archive", "DestinationId": "inbox"}),
                400, "BadRequest")


def test_patch_with_type_annotations(adele):
    """The SDK's PATCH carries `@odata.type` on the message and on `flag`."""
    response = adele.patch(f"/me/messages/{STANDUP}", json={
        "@odata.type": "#microsoft.graph.message", "isRead": True,
        "flag": {"@odata.type": "#microsoft.graph.followupFlag", "flagStatus": "flagged"}})
    assert response.status_code == 200, response.text
    assert response.json()["flag"] == {"flagStatus": "flagged"}


@pytest.mark.parametrize(("body", "words"), [
    ({"@odata.type": "#microsoft.graph.event", "isRead": True}, "not assignable"),
    ({"@odata.type": "#microsoft.graph.nothing", "isRead": True}, "could not be resolved"),
    ({"flag": {"@odata.type": "#microsoft.graph.itemBody", "flagStatus": "flagged"}},
     "not assignable"),
])
def test_patch_with_a_wrong_type_is_refused(adele, body, words):
    """Another known type, or a name the model lacks: 400, and the message is unchanged."""
    before = adele.get(f"/me/messages/{STANDUP}").json()
    error = graph_error(adele.patch(f"/me/messages/{STANDUP}", json=body), 400, "BadRequest")
    assert words in error["message"]
    after = adele.get(f"/me/messages/{STANDUP}").json()
    assert after["changeKey"] == before["changeKey"]


def test_send_mail_with_wrong_types_is_refused(adele):
    """An event where a message goes, or a fileAttachment where a recipient goes: 400."""
    event = {"@odata.type": "#microsoft.graph.event", "subject": "x", "toRecipients": TO_MEGAN}
    graph_error(adele.post("/me/sendMail", json={"message": event}), 400, "BadRequest")
    wrong = [{"@odata.type": "#microsoft.graph.fileAttachment",
              "emailAddress": {"address": MEGAN_MAIL}}]
    graph_error(adele.post("/me/sendMail", json={"message": {"toRecipients": wrong}}),
                400, "BadRequest")


def test_event_answers_take_parameters_in_any_case(megan, adele):
    """`SendResponse: false` keeps the answer from the organizer; `Comment` is accepted."""
    event = adele.post("/me/events", json={
        "subject": "Case check", "start": {"dateTime": "2030-01-07T10:00:00", "timeZone": "UTC"},
        "end": {"dateTime": "2030-01-07T10:30:00", "timeZone": "UTC"},
        "attendees": [{"emailAddress": {"address": MEGAN_MAIL}, "type": "required"}]}).json()
    copies = megan.get("/me/events?$filter=subject eq 'Case check'").json()["value"]
    assert len(copies) == 1
    answer = megan.post(f"/me/events/{copies[0]['id']}/accept",
                        json={"Comment": "Yes", "SendResponse": False})
    assert answer.status_code == 202, answer.text
    organizer_view = adele.get(f"/me/events/{event['id']}").json()
    assert organizer_view["attendees"][0]["status"]["response"] == "none"
    graph_error(megan.post(f"/me/events/{copies[0]['id']}/accept", json={"bogus": 1}),
                400, "BadRequest")



def test_event_bodies_take_their_own_type_only(adele):
    """An event annotated `#microsoft.graph.event` is created; one posing as a message is 400."""
    event = {"subject": "Typed", "start": {"dateTime": "2030-01-08T10:00:00", "timeZone": "UTC"},
             "end": {"dateTime": "2030-01-08T10:30:00", "timeZone": "UTC"}}
    created = adele.post("/me/events", json={"@odata.type": "#microsoft.graph.event", **event})
    assert created.status_code == 201, created.text
    error = graph_error(adele.post("/me/events", json={
        "@odata.type": "#microsoft.graph.message", **event}), 400, "BadRequest")
    assert "not assignable" in error["message"]
    graph_error(adele.patch(f"/me/events/{created.json()['id']}", json={
        "@odata.type": "#microsoft.graph.message", "subject": "x"}), 400, "BadRequest")
