"""The folder view: folders with unread counts, a page of messages, the unread filter, search
and the account picker, for one Graph ``$batch`` per view."""

from flask import render_template, request

from postpress_whitelabel.api import GraphError, graph, has_scope, login_required, reconnect

from . import folder_memory, mail_time, mailbox, paging
from .accounts import MAIL_READ, chosen_account, mail_accounts
from .blueprint import bp
from .graph_errors import error_response

MAX_SEARCH = 200


def list_view() -> mailbox.ListView:
    """The folder, filter, search and page the browser asked for."""
    args = request.args
    return mailbox.ListView(folder=(args.get("folder") or "inbox").strip()[:300] or "inbox",
                            unread=args.get("unread") == "1",
                            search=" ".join((args.get("q") or "").split())[:MAX_SEARCH],
                            page=args.get("page"))


@bp.get("/")
@login_required
def inbox():
    """One folder of one account: the folder list, a page of messages, search."""
    accounts = mail_accounts()
    if not accounts:
        return render_template("mail/no_account.html")
    account = chosen_account(request.args.get("account"))
    if not any(has_scope(account, name) for name in MAIL_READ):
        return reconnect(account, next=request.full_path)
    view = list_view()
    client = graph(account)
    try:
        parents = folder_memory.parents(account.id)
        answers = client.batch(mailbox.requests_for(account, view, parents))
    except GraphError as error:
        return error_response(account, error)
    found = answers["messages"]
    refused_search = not found.ok and view.search and found.status == 400
    if not found.ok and not refused_search:
        return error_response(account, found.error)
    box = _mailbox(account, client, answers, {} if refused_search else found.body or {},
                   parents, view)
    if refused_search:
        box.notes.append(f"Microsoft could not search for that: {found.error}")
    return render_template("mail/inbox.html", account=account, accounts=accounts, view=view,
                           box=box)


def _mailbox(account, client, answers: dict, body: dict, parents: list[str],
             view: mailbox.ListView) -> mailbox.Mailbox:
    """The page's content from the batch's answers."""
    tz, label = mailbox.zone_of(answers)
    mail_time.remember(account.id, label)
    notes = []
    folders_answer = answers.get("folders")
    folders = []
    if folders_answer is not None and folders_answer.ok:
        top = (folders_answer.body or {}).get("value", [])
        try:
            folders, seen = mailbox.tree(client, top, mailbox.prefetched(answers, parents))
            folder_memory.remember(account.id, seen)
        except GraphError as error:
            folders = mailbox.folders_of(top)
            notes.append(f"Subfolders could not be listed: {error}")
    else:
        notes.append("The folder list could not be loaded.")
    next_page, refused = paging.next_page(body.get("@odata.nextLink"), account.id,
                                          view.list_path())
    return mailbox.Mailbox(messages=[mailbox.row(m, tz) for m in body.get("value", [])],
                           folders=folders, zone_label=label, next_page=next_page,
                           next_refused=refused, notes=notes)
