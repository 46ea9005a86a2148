"""Which folders had subfolders at the account's last folder view, kept in the session, so
the next view asks for their children inside its one ``$batch``."""

from flask import session

from .mailbox import MAX_REMEMBERED

SESSION_KEY = "mail_folder_parents"


def parents(account_id: int) -> list[str]:
    """Ids of folders with subfolders, as last seen."""
    found = (session.get(SESSION_KEY) or {}).get(str(account_id)) or []
    return [p for p in found if isinstance(p, str)][:MAX_REMEMBERED]


def remember(account_id: int, folder_ids: list[str]) -> None:
    """Keep this view's parents for the next one (only when they changed)."""
    kept = dict(session.get(SESSION_KEY) or {})
    wanted = folder_ids[:MAX_REMEMBERED]
    if kept.get(str(account_id)) != wanted:
        kept[str(account_id)] = wanted
        session[SESSION_KEY] = dict(list(kept.items())[-5:])
