"""The home page's Mail panel: the latest unread messages of each connected account.

It declares its one Graph request; the core sends it in the account's single ``$batch`` with
every other panel's and shows the panel's error box when it fails.
"""

from functools import partial
from urllib.parse import quote, urlencode

from postpress_whitelabel.api import BatchRequest, Panel, graph_query

from . import mail_time

LATEST = 5


def unread_panel(account) -> Panel:
    """The panel for one account."""
    params = graph_query(select=("id", "subject", "from", "receivedDateTime"), top=LATEST,
                         filter="isRead eq false")
    url = f"/me/mailFolders/inbox/messages?{urlencode(params, quote_via=quote, safe='$,')}"
    tz, _label = mail_time.remembered(account.id)
    return Panel("Unread mail", "mail/panel.html",
                 {"account_id": account.id, "when": partial(mail_time.short, tz=tz)},
                 requests=(BatchRequest("mail_unread", "GET", url),))
