"""Which folders had subfolders at the account's last folder view, kept in the plugin's table
(``models.MailFolderParents``), so the next view asks for their children inside its one
``$batch``."""

import json

from flask import session
from sqlalchemy.exc import IntegrityError

from postpress_whitelabel.api import db

from .mailbox import MAX_REMEMBERED
from .models import MailFolderParents

OLD_SESSION_KEY = "mail_folder_parents"  # where earlier versions kept them: dropped on sight


def parents(account_id: int) -> list[str]:
    """Ids of folders with subfolders, as last seen."""
    row = db.session.get(MailFolderParents, account_id)
    return row.ids()[:MAX_REMEMBERED] if row is not None else []


def remember(account_id: int, folder_ids: list[str]) -> None:
    """Keep this view's parents for the next one (written only when they changed)."""
    if OLD_SESSION_KEY in session:
        session.pop(OLD_SESSION_KEY)
    wanted = [i for i in folder_ids if isinstance(i, str)][:MAX_REMEMBERED]
    row = db.session.get(MailFolderParents, account_id)
    if row is not None and row.ids() == wanted:
        return
    row = row or MailFolderParents(account_id=account_id)
    row.folder_ids = json.dumps(wanted)
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:
        # Another request of the same account stored the first row a moment earlier, from
        # the same kind of answer: theirs serves the next view as well as ours would.
        db.session.rollback()
