"""Scope parsing and the plain-words descriptions the consent page shows.

Bare scopes (`User.Read`) and full ones (`https://graph.microsoft.com/User.Read`) both mean
Microsoft Graph; the OIDC scopes are kept apart because they are not Graph permissions.
"""

from dataclasses import dataclass

from ..identity.aadsts_errors import AadstsError

GRAPH_RESOURCE = "https://graph.microsoft.com/"
GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"
OIDC_SCOPES = ("openid", "profile", "email", "offline_access")


@dataclass(frozen=True)
class Permission:
    """A delegated Graph permission: consent text, and who may grant it."""

    consent_text: str
    admin_only: bool = False
    work_only: bool = False


GRAPH_PERMISSIONS: dict[str, Permission] = {
    "User.Read": Permission("Sign you in and read your profile"),
    "User.ReadBasic.All": Permission("Read all users' basic profiles"),
    "User.Read.All": Permission("Read all users' full profiles", admin_only=True, work_only=True),
    "Mail.ReadBasic": Permission("Read basic details of your mail"),
    "Mail.Read": Permission("Read your mail"),
    "Mail.ReadWrite": Permission("Read and write access to your mail"),
    "Mail.Send": Permission("Send mail as you"),
    "Mail.Read.Shared": Permission("Read mail you can access", work_only=True),
    "Mail.ReadWrite.Shared": Permission("Read and write mail you can access", work_only=True),
    "Mail.Send.Shared": Permission("Send mail on behalf of others or yourself", work_only=True),
    "Calendars.ReadBasic": Permission("Read basic details of your calendars"),
    "Calendars.Read": Permission("Read your calendars"),
    "Calendars.ReadWrite": Permission("Have full access to your calendars"),
    "Calendars.Read.Shared": Permission("Read calendars you can access", work_only=True),
    "Calendars.ReadWrite.Shared": Permission(
        "Read and write calendars you can access", work_only=True
    ),
    "MailboxSettings.Read": Permission("Read your mailbox settings"),
    "MailboxSettings.ReadWrite": Permission("Read and write your mailbox settings"),
    "Contacts.Read": Permission("Read your contacts"),
}

OIDC_TEXT = {
    "profile": "Sign you in and read your profile",
    "openid": "Sign you in and read your profile",
    "email": "View your email address",
    "offline_access": "Maintain access to data you have given it access to",
}

_CANONICAL = {name.lower(): name for name in (*GRAPH_PERMISSIONS, *OIDC_SCOPES)}


def parse_scopes(raw: str | None, app_default: list[str]) -> list[str]:
    """Normalize a `scope` parameter into bare, canonical names, keeping the caller's order.

    :raise AadstsError: 900144 when empty, 70011 for a scope the sandbox does not know or for
        Graph's `/.default` next to Graph permissions named one by one.
    """
    if not raw or not raw.strip():
        raise AadstsError(900144, {"name": "scope"})
    _refuse_default_with_named(raw.split())
    result: list[str] = []
    for item in raw.split():
        for name in _expand(item, app_default):
            if name not in result:
                result.append(name)
    return result


def _refuse_default_with_named(items: list[str]) -> None:
    """`/.default` stands for every permission the app is configured for, so Microsoft refuses
    it next to permissions of the same resource named one by one (OIDC scopes may join it).

    :raise AadstsError: 70011 quoting the whole scope parameter, as Microsoft's message does.
    """
    bare = [i[len(GRAPH_RESOURCE):] if i.lower().startswith(GRAPH_RESOURCE) else i
            for i in items]
    has_default = any(name.lower() == ".default" for name in bare)
    named = any(_CANONICAL.get(name.lower()) in GRAPH_PERMISSIONS for name in bare)
    if has_default and named:
        raise AadstsError(70011, {"scope": " ".join(items)})


def _expand(item: str, app_default: list[str]) -> list[str]:
    """One requested scope as canonical names; `.default` means the app's configured list."""
    name = item[len(GRAPH_RESOURCE):] if item.lower().startswith(GRAPH_RESOURCE) else item
    if name.lower() == ".default":
        return list(app_default)
    canonical = _CANONICAL.get(name.lower())
    if canonical is None:
        raise AadstsError(70011, {"scope": item})
    return [canonical]


def graph_scopes(scopes: list[str]) -> list[str]:
    """Only the Graph permissions of a list, in order."""
    return [s for s in scopes if s in GRAPH_PERMISSIONS]


def for_account(scopes: list[str], personal: bool) -> list[str]:
    """Drop work-only permissions for personal accounts, as the project assumes Microsoft does."""
    if not personal:
        return list(scopes)
    return [s for s in scopes if not (s in GRAPH_PERMISSIONS and GRAPH_PERMISSIONS[s].work_only)]


def consent_lines(scopes: list[str]) -> list[str]:
    """The "This app would like to:" list: one plain sentence per distinct permission."""
    lines: list[str] = []
    for scope in scopes:
        text = OIDC_TEXT.get(scope) or GRAPH_PERMISSIONS[scope].consent_text
        if text not in lines:
            lines.append(text)
    return lines


def scope_string(scopes: list[str]) -> str:
    """The token response's `scope`: Graph scopes first, then the OIDC ones granted."""
    graph = graph_scopes(scopes)
    oidc = [s for s in OIDC_SCOPES if s in scopes]
    return " ".join(graph + oidc)
