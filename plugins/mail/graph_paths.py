"""Graph paths for mail, built from ids that come from the browser.

Ids are percent-encoded into one path segment, so an id can never reach another endpoint.
Well-known folder names are Graph's own aliases.
"""

from urllib.parse import quote

WELL_KNOWN = ("inbox", "sentitems", "drafts", "deleteditems", "archive", "junkemail")


def segment(value: str) -> str:
    """One path segment, whatever the value holds."""
    return quote(str(value), safe="")


def message(message_id: str) -> str:
    """The message's path."""
    return f"/me/messages/{segment(message_id)}"


def folder_messages(folder: str) -> str:
    """The messages of a folder (a well-known name or an id)."""
    return f"/me/mailFolders/{segment(folder)}/messages"
