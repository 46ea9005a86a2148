"""The Mail plugin's forms: each carries Flask-WTF's CSRF token; compose checks addresses and
the attachment limit before anything goes to Microsoft."""

import re

from flask_wtf import FlaskForm
from wtforms import (
    HiddenField,
    MultipleFileField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import Length, Optional, ValidationError

# Microsoft documents 3 MB as the size of a file attached in one request (larger ones need an
# upload session, which this form does not offer); for several files in one message it says
# nothing, so all of them together stay under it (UNCONFIRMED; docs/mail.md).
ATTACHMENT_LIMIT = 3 * 1024 * 1024
ADDRESS = re.compile(r"^[^@\s<>,;:\"()\[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                     r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
MAX_RECIPIENTS = 100


def addresses(text: str | None) -> list[str]:
    """Addresses typed one after another, separated by commas, semicolons or spaces."""
    return [a for a in re.split(r"[,;\s]+", text or "") if a]


def check_addresses(form, field) -> None:
    """Every address must look like one, and there may not be too many."""
    found = addresses(field.data)
    bad = [a for a in found if not ADDRESS.match(a) or len(a) > 254]
    if bad:
        raise ValidationError(f"Not an email address: {', '.join(bad[:3])}")
    if len(found) > MAX_RECIPIENTS:
        raise ValidationError(f"At most {MAX_RECIPIENTS} addresses.")


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token."""


class ComposeForm(FlaskForm):
    """A new message, a reply, a reply to all, a forward, or a draft being edited."""

    mode = HiddenField(default="new")
    source = HiddenField()
    draft = HiddenField()
    to = StringField("To", validators=[Length(max=5000), check_addresses])
    cc = StringField("Cc", validators=[Optional(), Length(max=5000), check_addresses])
    bcc = StringField("Bcc", validators=[Optional(), Length(max=5000), check_addresses])
    subject = StringField("Subject", validators=[Length(max=255)])
    body = TextAreaField("Message", validators=[Length(max=100_000)])
    files = MultipleFileField("Attachments")
    send = SubmitField("Send")
    save = SubmitField("Save as draft")

    def validate_to(self, field) -> None:
        """Sending needs a recipient (a draft may have none yet, and a forward needs To)."""
        if self.send.data and not (addresses(field.data) or addresses(self.cc.data)
                                   or addresses(self.bcc.data)):
            raise ValidationError("Add at least one recipient.")

    def validate_files(self, field) -> None:
        """Attachments together within Graph's limit for sending them with the message."""
        total = 0
        for upload in field.data or []:
            if not getattr(upload, "filename", ""):
                continue
            upload.stream.seek(0, 2)
            total += upload.stream.tell()
            upload.stream.seek(0)
        if total > ATTACHMENT_LIMIT:
            raise ValidationError("Attachments may add up to 3 MB at most (Microsoft Graph's "
                                  "limit for files sent with a message).")
