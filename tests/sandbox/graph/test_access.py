"""Every Graph call checks its access token and demands its delegated permission."""

import base64
import json

from microsoft_sandbox.directory import seed
from microsoft_sandbox.directory.scopes import GRAPH_APP_ID
from microsoft_sandbox.identity import jws, tokens

from .graph_helpers import ADELE, SAM, Graph, access_token, graph_error


def forged(sandbox, key=None, **claims) -> str:
    """A token signed by a sandbox key (the current one unless given) with these claims."""
    key = key or sandbox.keys.current
    now = int(sandbox.clock.now())
    body = {"aud": GRAPH_APP_ID, "iat": now, "nbf": now, "exp": now + 3600, "oid": ADELE,
            "tid": seed.CONTOSO_TENANT_ID, "scp": "User.Read", "appid": seed.DEFAULT_CLIENT_ID,
            "uti": tokens.new_uti(sandbox.reset_epoch)}
    body.update(claims)
    body = {k: v for k, v in body.items() if v is not None}
    return jws.sign_rs256({"typ": "JWT", "alg": "RS256", "kid": key.kid}, body,
                          key.private_key)


def test_missing_and_garbage_tokens_are_401(base_url):
    """No token, a non-JWT and another scheme: 401 InvalidAuthenticationToken with a challenge."""
    response = Graph(base_url, None).get("/me")
    error = graph_error(response, 401, "InvalidAuthenticationToken")
    assert error["message"] == "Access token is empty."
    assert response.headers["WWW-Authenticate"].startswith("Bearer ")
    graph_error(Graph(base_url, "not-a-jwt").get("/me"), 401, "InvalidAuthenticationToken")
    basic = Graph(base_url, None).get("/me", headers={"Authorization": "Basic eDp5"})
    graph_error(basic, 401, "InvalidAuthenticationToken")


def test_signature_audience_and_algorithm_are_checked(base_url, sandbox):
    """A foreign key, another audience, or alg none are refused; a good forgery passes."""
    assert Graph(base_url, forged(sandbox)).get("/me").status_code == 200
    foreign = forged(sandbox, key=sandbox.keys.foreign())
    foreign = ".".join(foreign.split(".")[:2] + [forged(sandbox).split(".")[2][::-1]])
    graph_error(Graph(base_url, foreign).get("/me"), 401, "InvalidAuthenticationToken")
    other_aud = forged(sandbox, aud=seed.DEFAULT_CLIENT_ID)
    error = graph_error(Graph(base_url, other_aud).get("/me"), 401, "InvalidAuthenticationToken")
    assert "Invalid audience" in error["message"]
    unsigned = jws.unsigned({"alg": "none"}, {"aud": GRAPH_APP_ID, "oid": ADELE})
    graph_error(Graph(base_url, unsigned).get("/me"), 401, "InvalidAuthenticationToken")


def test_expiry_follows_the_sandbox_clock(adele, sandbox):
    """A token works until its exp on the sandbox clock, then 401 'has expired'."""
    assert adele.get("/me").status_code == 200
    sandbox.clock.advance(3600)
    error = graph_error(adele.get("/me"), 401, "InvalidAuthenticationToken")
    assert error["message"] == "Access token has expired or is not yet valid."


def test_not_yet_valid_token_is_refused(base_url, sandbox):
    """nbf in the future: 401."""
    early = forged(sandbox, nbf=int(sandbox.clock.now()) + 600)
    graph_error(Graph(base_url, early).get("/me"), 401, "InvalidAuthenticationToken")


def test_revocation_ends_access_tokens_issued_before_it(base_url, sandbox, adele):
    """After revoke_refresh_tokens, older tokens fail; a token from a later sign-in works."""
    sandbox.clock.advance(1)
    sandbox.revoke_refresh_tokens(ADELE)
    error = graph_error(adele.get("/me"), 401, "InvalidAuthenticationToken")
    assert "TokenIssuedBeforeRevocationTimestamp" in error["message"]
    sandbox.clock.advance(1)
    fresh = forged(sandbox)
    assert Graph(base_url, fresh).get("/me").status_code == 200


def test_tokens_outlive_a_key_rotation_until_they_expire(adele, sandbox):
    """A rotated-out key still verifies the tokens it signed, as Graph does."""
    sandbox.rotate_keys()
    assert adele.get("/me").status_code == 200
    sandbox.clock.advance(3600)
    graph_error(adele.get("/me"), 401, "InvalidAuthenticationToken")


def test_tokens_from_before_a_reset_are_refused(adele, base_url, sandbox):
    """reset() restores the seed signing key, yet an earlier test's token must not open Graph:
    tokens carry the reset epoch in `uti`, and a token without it, or with an older one,
    fails validation."""
    assert adele.get("/me").status_code == 200
    sandbox.reset()
    graph_error(adele.get("/me"), 401, "InvalidAuthenticationToken")
    graph_error(Graph(base_url, forged(sandbox, uti=None)).get("/me"), 401,
                "InvalidAuthenticationToken")
    assert Graph(base_url, access_token(base_url, sandbox, ADELE)).get("/me").status_code == 200


def test_unknown_user_and_wrong_tenant_are_refused(base_url, sandbox):
    """A validly signed token for nobody, or for a user in another tenant, is refused."""
    nobody = forged(sandbox, oid="11111111-2222-3333-4444-555555555555")
    graph_error(Graph(base_url, nobody).get("/me"), 401, "InvalidAuthenticationToken")
    elsewhere = forged(sandbox, tid=seed.PERSONAL_USER_OID[:8] + seed.CONTOSO_TENANT_ID[8:])
    graph_error(Graph(base_url, elsewhere).get("/me"), 401, "InvalidAuthenticationToken")


def test_each_call_demands_its_permission(graph_as):
    """User.Read alone opens /me but not mail or calendars: 403 ErrorAccessDenied."""
    profile_only = graph_as(ADELE, "User.Read")
    assert profile_only.get("/me").status_code == 200
    for path in ("/me/messages", "/me/mailFolders", "/me/calendars",
                 "/me/calendarView?startDateTime=2026-01-01&endDateTime=2026-01-02"):
        error = graph_error(profile_only.get(path), 403, "ErrorAccessDenied")
        assert error["message"] == "Access is denied. Check credentials and try again."
    graph_error(profile_only.post("/me/sendMail", json={}), 403, "ErrorAccessDenied")


def test_request_ids_are_echoed(adele):
    """client-request-id is echoed; request-id is fresh per call."""
    first = adele.get("/me", headers={"client-request-id": "abc-123"})
    assert first.headers["client-request-id"] == "abc-123"
    second = adele.get("/me/messages/AAMkAnothing-here-at-allAAA=")
    error = graph_error(second, 404, "ErrorItemNotFound")
    assert error["innerError"]["request-id"] != first.headers["request-id"]


def test_personal_accounts_get_mail_and_calendars_but_no_shared_scopes(base_url, sandbox, sam):
    """Sam's token lacks the .Shared scopes, so a colleague's calendar is forbidden."""
    assert sam.get("/me/messages").status_code == 200
    assert sam.get("/me/calendars").status_code == 200
    me = sam.get("/me").json()
    assert me["id"] == "7a3e5c91b2d4f608" and me["jobTitle"] is None
    view = "/users/AdeleV@contoso.com/calendarView?startDateTime=2026-01-01&endDateTime=2026-01-02"
    graph_error(sam.get(view), 404, "ErrorInvalidUser")
    token = access_token(base_url, sandbox, SAM)
    scopes = sandbox_scopes(token)
    assert "Calendars.Read" in scopes and "Calendars.Read.Shared" not in scopes


def sandbox_scopes(token: str) -> list[str]:
    """The `scp` of a token (tests may peek; clients must not)."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["scp"].split()


def test_app_only_tokens(base_url, sandbox):
    """App-only tokens (no scp, no roles): /me is 400, a mailbox is 403."""
    app = Graph(base_url, forged(sandbox, scp=None, oid=None, idtyp="app"))
    graph_error(app.get("/me"), 400, "BadRequest")
    graph_error(app.get(f"/users/{ADELE}/messages"), 403, "ErrorAccessDenied")
    graph_error(app.get(f"/users/{ADELE}/calendarView?startDateTime=2026-01-01"
                        "&endDateTime=2026-01-02"), 403, "ErrorAccessDenied")


def test_unknown_paths_and_methods(adele):
    """Graph's 400 for an unknown segment, 405 for a known path with another method."""
    error = graph_error(adele.get("/me/nonsense"), 400, "BadRequest")
    assert error["message"] == "Resource not found for the segment 'nonsense'."
    graph_error(adele.call("PUT", "/me/messages"), 405, "BadRequest")
