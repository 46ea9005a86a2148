"""A seeded message before ids and times are fixed, and the attachment types seeds use."""

from dataclasses import dataclass, field

from ..models import Recipient

PDF, XLSX, DOCX, PNG, ICS = (
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "image/png", "text/calendar")


@dataclass
class Spec:
    """A message before ids and times are fixed."""

    key: str
    folder: str
    subject: str
    inner: str
    sender: Recipient | None
    to: list[Recipient]
    hours_ago: float
    is_read: bool = True
    body_type: str = "html"
    cc: list[Recipient] = field(default_factory=list)
    # (name, content type, size, content id or None[, bytes]): with bytes, size is theirs.
    files: tuple = ()
    importance: str = "normal"
    flag: str = "notFlagged"
    inference: str = "focused"
    thread: str | None = None
    style: str = ""
    is_draft: bool = False
    # Inbox subfolder (display name) to file into, instead of `folder`'s own.
    subfolder: str | None = None
