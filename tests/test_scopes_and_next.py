"""Pure rules: granted-scope comparison and which ``next`` values are followed."""

from __future__ import annotations

import pytest

from postpress_whitelabel.security import safe_next
from postpress_whitelabel.signin import scopes


def test_granted_scopes_are_stored_bare_and_deduplicated():
    granted = scopes.normalise(
        "openid https://graph.microsoft.com/User.Read user.read https://graph.microsoft.com/Mail.Read"
    )
    assert granted == ["openid", "User.Read", "Mail.Read"]
    assert scopes.normalise(None) == []


def test_a_response_without_scope_grants_what_was_asked():
    """Microsoft documents ``scope`` as optional; its absence must not look like a refusal."""
    asked = "openid profile offline_access User.Read Mail.Read"
    assert scopes.granted({}, asked) == ["openid", "profile", "offline_access", "User.Read",
                                         "Mail.Read"]
    assert scopes.granted({}, asked.split())[-1] == "Mail.Read"
    assert scopes.granted({"scope": "openid User.Read"}, asked) == ["openid", "User.Read"]
    for garbled in ("", "  ", None, ["Mail.Read"], 7):  # present: taken at its word
        assert scopes.granted({"scope": garbled}, asked) == []


def test_missing_scopes_need_a_refresh_token_for_offline_access():
    required = scopes.BASE_SCOPES
    assert scopes.missing(required, ["User.Read"], has_refresh_token=True) == []
    assert scopes.missing(required, ["User.Read"], has_refresh_token=False) == ["offline_access"]
    assert scopes.missing(required, [], has_refresh_token=True) == ["User.Read"]


@pytest.mark.parametrize("value", ["/", "/accounts/", "/a?b=c#d", "/%2F%2Fevil"])
def test_relative_paths_are_followed(value):
    assert safe_next(value) == value


@pytest.mark.parametrize("value", [
    None, "", "https://evil.example", "//evil.example", "/\\evil.example", "\\\\evil",
    "/\t/evil.example", "/\n/evil", "javascript:alert(1)", "evil.example", "/" + "a" * 3000,
    ["/"],
])
def test_anything_else_is_ignored(value):
    assert safe_next(value) is None
