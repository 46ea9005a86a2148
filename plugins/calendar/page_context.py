"""What every calendar page settles first: which account, what it may do, which calendar.

Each check that fails answers the request itself: no account connected, calendars turned off
by an administrator, a permission this account has not granted (the core's reconnect page),
colleagues' calendars out of reach for a personal account.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import request, url_for

from postpress_whitelabel.api import connected_accounts, reconnect

from . import access, failures
from .source import Source


@dataclass
class Page:
    """The settled request: account, its access, the calendar shown."""

    account: object
    access: access.Access
    source: Source

    def url(self, endpoint: str, **values) -> str:
        """A link that keeps the account and the calendar."""
        return url_for(endpoint, account=self.account.id, **self.source.args, **values)

    @property
    def args(self) -> dict:
        """Query arguments naming the account and calendar, for templates' links."""
        return {"account": self.account.id, **self.source.args}


def pick_account(accounts, wanted: str | None):
    """The account named by ``account=`` (an id), else the first connected one."""
    for account in accounts:
        if wanted and str(account.id) == wanted:
            return account
    usable = [a for a in accounts if a.status == "connected"]
    return (usable or list(accounts) or [None])[0]


def settle(writing: bool = False) -> Page | tuple:
    """The page's account, access and calendar, or the response that stops it."""
    accounts = connected_accounts()
    account = pick_account(accounts, request.values.get("account"))
    if account is None:
        return failures.problem("No Microsoft account connected",
                                "Connect a Microsoft account to see its calendar.",
                                "end_user", 404)
    rights = access.of(account)
    source = Source.from_args(request.values)
    if not rights.turned_on:
        return failures.turned_off()
    if source.is_colleague and rights.shared_hidden:
        return failures.problem("Colleagues' calendars are not available", _why_no_shared(rights),
                                "admin" if not rights.personal else "end_user", 403)
    needed = rights.read and (rights.shared or not source.is_colleague)
    if writing:
        needed = needed and (rights.write_shared if source.is_colleague else rights.write)
    if not needed or account.status == "needs_sign_in":
        return reconnect(account, next=request.full_path)
    return Page(account, rights, source)


def _why_no_shared(rights) -> str:
    """One line on why colleagues' calendars are hidden."""
    if rights.personal:
        return ("Personal Microsoft accounts cannot open colleagues' calendars: Microsoft "
                "grants that only to work or school accounts.")
    return ("This app does not ask for Calendars.Read.Shared. An administrator turns it on in "
            "Settings > Microsoft Graph delegated permissions; then sign in again.")
