"""The Mail plugin's own table: which folders of an account had subfolders at its last view.

Kept per account in the database, not in the session cookie: Graph's folder ids are long
(about 120 characters), and a cookie holding ten of them for several accounts outgrows what
browsers accept (4 KB). The folder view reads the row to ask for those folders' children in
its one ``$batch``; any browser of the user benefits.
"""

from __future__ import annotations

import json

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from postpress_whitelabel.api import db


class MailFolderParents(db.Model):
    """One row per connected account: the ids of its folders with subfolders, as JSON."""

    __tablename__ = "mail_folder_parents"  # a plugin's tables carry its name

    account_id: Mapped[int] = mapped_column(
        ForeignKey("connected_account.id", ondelete="CASCADE"), primary_key=True)
    folder_ids: Mapped[str] = mapped_column(Text, default="[]")

    def ids(self) -> list[str]:
        """The stored ids; an unreadable row is no ids."""
        try:
            found = json.loads(self.folder_ids or "[]")
        except ValueError:
            return []
        return [i for i in found if isinstance(i, str)] if isinstance(found, list) else []
