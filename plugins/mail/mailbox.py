"""What one view of a mail folder asks Graph for, in one ``$batch``, and what it makes of it.

The page needs three things: a page of messages, the folder list with unread counts, and the
mailbox's time zone. They go to Graph as one ``$batch`` (one HTTP request); only a mailbox
whose folders gained subfolders since the last view costs one more batch per level of them.
"""

from dataclasses import dataclass, field

from postpress_whitelabel.api import BatchRequest, graph_path

from . import graph_paths, mail_time, paging, settings

LIST_FIELDS = ("id", "subject", "from", "bodyPreview", "receivedDateTime", "isRead", "flag",
               "hasAttachments", "isDraft", "toRecipients")
# Display order of the well-known folders; Graph v1.0 gives no well-known name for a folder,
# so they are recognised by their (English) display names, and user folders follow.
KNOWN_FOLDERS = {"Inbox": "inbox", "Sent Items": "sentitems", "Drafts": "drafts",
                 "Deleted Items": "deleteditems", "Archive": "archive", "Junk Email": "junkemail"}
MAX_FOLDER_DEPTH = 3
MAX_REMEMBERED = 10  # parents whose subfolders a view asks for in its one batch


@dataclass
class ListView:
    """What the browser asked to see."""

    folder: str = "inbox"
    unread: bool = False
    search: str = ""
    page: str | None = None

    def list_path(self) -> str:
        """The Graph path of the folder's messages."""
        return graph_paths.folder_messages(self.folder)

    def first_page_url(self) -> str:
        """The first page's URL: the search, else the unread filter (Graph refuses both)."""
        return graph_path(self.list_path(), select=LIST_FIELDS, top=settings.page_size(),
                          filter="isRead eq false" if self.unread and not self.search else None,
                          search=self.search or None)

    def messages_url(self, account_id: int) -> str:
        """This page's URL: the one the browser's page token carries, when the app signed it
        for this user's list, else the first page."""
        return paging.accepted_page(self.page, account_id, self.list_path()) \
            or self.first_page_url()


@dataclass
class Folder:
    """A folder as the list shows it."""

    id: str
    name: str
    unread: int
    total: int
    alias: str | None = None
    depth: int = 0
    children: int = 0

    @property
    def ref(self) -> str:
        """How links name it: its well-known alias, else its id."""
        return self.alias or self.id


@dataclass
class Mailbox:
    """A folder view, ready for the template."""

    messages: list[dict]
    folders: list[Folder]
    zone_label: str
    next_page: str | None = None
    next_refused: bool = False
    notes: list[str] = field(default_factory=list)


def requests_for(account, view: ListView, parents: list[str]) -> list[BatchRequest]:
    """The one batch of a folder view; ``parents`` are folders known to have subfolders."""
    found = [BatchRequest("messages", "GET", view.messages_url(account.id)),
             BatchRequest("folders", "GET", "/me/mailFolders?$top=100")]
    found += [BatchRequest(f"children-{i}", "GET", children_url(parent))
              for i, parent in enumerate(parents[:MAX_REMEMBERED])]
    return found + mail_time.settings_request(account, "settings")


def folders_of(values: list[dict], depth: int = 0) -> list[Folder]:
    """Folders from Graph: well-known first in their usual order, then the user's by name."""
    folders = [Folder(f["id"], f.get("displayName") or "(no name)",
                      int(f.get("unreadItemCount") or 0), int(f.get("totalItemCount") or 0),
                      KNOWN_FOLDERS.get(f.get("displayName")) if depth == 0 else None, depth,
                      int(f.get("childFolderCount") or 0))
               for f in values if not f.get("isHidden")]
    order = list(KNOWN_FOLDERS.values())
    return sorted(folders, key=lambda f: (order.index(f.alias) if f.alias else len(order),
                                          f.name.lower()))


def tree(client, top: list[dict], fetched: dict[str, list[dict]]) -> tuple[list[Folder],
                                                                         list[str]]:
    """Top-level folders with their subfolders inserted after them, and the ids of every
    folder that has some.

    ``fetched`` holds the child lists the page's batch already brought (for the parents
    remembered from the last view); only parents not among them cost another batch, one per
    level, so a mailbox whose folders did not change costs nothing more.
    """
    folders = folders_of(top)
    parents = [f for f in folders if f.children]
    seen: list[str] = []
    for _level in range(MAX_FOLDER_DEPTH):
        if not parents:
            break
        _fetch_missing(client, [p for p in parents if p.id not in fetched], fetched)
        next_parents = []
        for parent in parents:
            children = folders_of(fetched.get(parent.id, []), parent.depth + 1)
            at = folders.index(parent) + 1
            folders[at:at] = children
            next_parents += [c for c in children if c.children]
        seen += [p.id for p in parents]
        parents = next_parents
    return folders, seen


def _fetch_missing(client, parents: list[Folder], fetched: dict[str, list[dict]]) -> None:
    """The child folders of parents the page's batch did not bring, in one more batch."""
    if not parents:
        return
    answers = client.batch([BatchRequest(str(i), "GET", children_url(p.id))
                            for i, p in enumerate(parents[:20])])
    for i, parent in enumerate(parents[:20]):
        answer = answers.get(str(i))
        if answer is not None and answer.ok:
            fetched[parent.id] = (answer.body or {}).get("value", [])


def children_url(folder_id: str) -> str:
    """A folder's child folders."""
    return f"/me/mailFolders/{graph_paths.segment(folder_id)}/childFolders?$top=100"


def prefetched(answers: dict, parents: list[str]) -> dict[str, list[dict]]:
    """Child lists the page's batch brought for the remembered parents."""
    found = {}
    for i, parent in enumerate(parents):
        answer = answers.get(f"children-{i}")
        if answer is not None and answer.ok:
            found[parent] = (answer.body or {}).get("value", [])
    return found


def row(message: dict, tz) -> dict:
    """A message as the list shows it."""
    sender = (message.get("from") or {}).get("emailAddress") or {}
    if message.get("isDraft"):
        to = message.get("toRecipients") or [{}]
        sender = (to[0] or {}).get("emailAddress") or {}
    return {
        "id": message.get("id", ""),
        "sender": sender.get("name") or sender.get("address") or "(nobody)",
        "address": sender.get("address") or "",
        "subject": message.get("subject") or "(no subject)",
        "preview": message.get("bodyPreview") or "",
        "received": mail_time.short(message.get("receivedDateTime"), tz),
        "received_full": mail_time.full(message.get("receivedDateTime"), tz),
        "unread": not message.get("isRead", True),
        "flagged": ((message.get("flag") or {}).get("flagStatus") == "flagged"),
        "attachments": bool(message.get("hasAttachments")),
        "draft": bool(message.get("isDraft")),
    }


def zone_of(answers: dict) -> tuple:
    """The mailbox's zone from the batch, UTC when it could not be read."""
    return mail_time.from_answer(answers.get("settings"))
