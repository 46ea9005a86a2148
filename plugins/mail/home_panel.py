"""The home page's Mail panel: the latest unread messages of each connected account.

It declares its Graph requests (the unread messages, and the mailbox's time zone when the
account granted MailboxSettings.Read); the core sends them in the account's single ``$batch``
with every other panel's, and shows the panel's error box when one fails.
"""

from postpress_whitelabel.api import BatchRequest, Panel, graph_path

from . import mail_time, settings


def when(value: str | None, settings=None) -> str:
    """A message time in the mailbox's zone (from the batch's settings answer, else UTC)."""
    return mail_time.short(value, mail_time.from_answer(settings)[0])


def unread_panel(account) -> Panel:
    """The panel for one account."""
    url = graph_path("/me/mailFolders/inbox/messages",
                     select=("id", "subject", "from", "receivedDateTime"),
                     top=settings.panel_size(), filter="isRead eq false")
    requests = [BatchRequest("mail_unread", "GET", url),
                *mail_time.settings_request(account, "mail_settings")]
    # The zone is a nicety: without it the times show in UTC, so its failure is not the panel's.
    optional = [r.id for r in requests if r.id == "mail_settings"]
    return Panel("Unread mail", "mail/panel.html", {"account_id": account.id, "when": when},
                 requests=tuple(requests), optional=optional)
