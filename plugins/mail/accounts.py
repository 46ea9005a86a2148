"""Which of the user's Microsoft accounts a page speaks for.

A user may connect several accounts; pages name one by its id (``?account=`` or a path
segment) and default to the first. An id that is not one of the user's is a 404, never
another user's mailbox.
"""

from flask import abort

from postpress_whitelabel.api import connected_accounts

MAIL_READ = ("Mail.Read", "Mail.ReadWrite")


def mail_accounts() -> list:
    """The signed-in user's Microsoft accounts, in the order they were connected."""
    return sorted(connected_accounts(), key=lambda account: account.id)


def chosen_account(account_id) -> object:
    """The user's account with this id, or their first when ``account_id`` is None.

    :raise 404: for an id that is not one of the user's accounts, or a user with none.
    """
    accounts = mail_accounts()
    if account_id in (None, ""):
        if not accounts:
            abort(404)
        return accounts[0]
    try:
        wanted = int(account_id)
    except (TypeError, ValueError):
        abort(404)
    for account in accounts:
        if account.id == wanted:
            return account
    abort(404)
