"""Hypothesis strategies for hostile input: what a scanner, a broken client or an attacker sends.

Text is drawn from what breaks naive code: bytes that are not UTF-8 (as a server hands them
over, one character per byte), control characters, surrogates (how Python spells undecodable
command-line bytes), long runs, and the odd ordinary value so that checks further in are reached.
"""

from __future__ import annotations

from urllib.parse import quote_from_bytes

from hypothesis import strategies as st

HUGE = 70_000  # far beyond any sane field, header or argument, yet quick to generate

# Bytes 0x80-0xff alone are never valid UTF-8 the way they are drawn here (stray continuation
# and lead bytes), and control characters, then plain letters so some values look ordinary.
_NASTY_CHARS = st.sampled_from(
    ["\x00", "\x01", "\x1b", "\x7f", "\r", "\n", "\t", "\x85", "\xa0", "\xff", "\xc3", "\x80",
     "\u2028", "\u202e", "\ufeff", "%", "'", '"', "<", ">", "&", ";", "/", "\\", "..", "{", "}",
     "a", "Z", "0", "9", "-", ".", "_", "~", " "])
_TEXT = st.lists(_NASTY_CHARS, max_size=40).map("".join)
_HUGE_TEXT = st.builds(lambda c, n: c * n, st.sampled_from(["a", "\xff", "%", "0"]),
                       st.sampled_from([5_000, HUGE]))
_PLAUSIBLE = st.sampled_from(["1", "0", "-1", "99999999999999999999", "inbox", "null", "true",
                              "", "https://evil.example/", "//evil.example", "AAMk=="])


def hostile_text() -> st.SearchStrategy[str]:
    """Text with controls, stray Latin-1 bytes, odd Unicode and very long runs."""
    return st.one_of(_TEXT, _PLAUSIBLE, _HUGE_TEXT)


def as_wire_bytes(text: str) -> bytes:
    """The bytes a client sends for ``text``: one per character where it can, else UTF-8."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8")


def hostile_bytes() -> st.SearchStrategy[bytes]:
    """Raw bytes: not UTF-8, controls, or an ordinary value encoded."""
    return st.one_of(st.binary(max_size=40), hostile_text().map(as_wire_bytes))


def path_segment() -> st.SearchStrategy[str]:
    """One URL path segment, percent-encoded from hostile bytes."""
    return hostile_bytes().map(lambda b: quote_from_bytes(b, safe="") or "x")


def query_string() -> st.SearchStrategy[str]:
    """A query string of hostile names and values (``next``, ``state`` ... among them)."""
    names = st.one_of(st.sampled_from(["next", "state", "code", "error", "page", "q", "folder",
                                       "account", "week", "start", "tz", "skip"]),
                      path_segment())
    pairs = st.lists(st.tuples(names, path_segment()), max_size=4)
    return pairs.map(lambda items: "&".join(f"{k}={v}" for k, v in items))


FORM_NAMES = ["client_id", "client_secret", "tenant_id", "expires_on", "next", "intent",
              "mode", "brand_name", "brand_color", "support_contact", "subject", "body", "to",
              "folder", "response", "comment", "start", "end", "time_zone", "scopes", "action",
              "organization", "title", "location"]


def form_fields() -> st.SearchStrategy[dict[str, str]]:
    """A form of known and unknown field names with hostile values."""
    names = st.one_of(st.sampled_from(FORM_NAMES), hostile_text())
    return st.dictionaries(names, hostile_text(), max_size=5)


def headers() -> st.SearchStrategy[dict[str, str]]:
    """Hostile values for headers the app reads, and a hostile Host now and then."""
    names = st.sampled_from(["Host", "Cookie", "Accept", "Accept-Language", "Referer",
                             "User-Agent", "X-Forwarded-For", "X-Forwarded-Host",
                             "X-Forwarded-Proto", "X-Request-Id", "Content-Type",
                             "If-None-Match", "Authorization", "Range"])
    # As a server hands them to the app: each byte one character (WSGI's Latin-1 strings).
    values = hostile_text().map(
        lambda t: as_wire_bytes(t.replace("\r", "").replace("\n", "")).decode("latin-1"))
    drawn = st.dictionaries(names, values, max_size=3)
    return st.one_of(drawn, st.builds(lambda d, h: d | {"Host": h}, drawn, host_header()))


def host_header() -> st.SearchStrategy[str]:
    """A ``Host`` no server should accept: no host name at all, or one IDNA cannot encode."""
    odd = st.sampled_from(["a" * 64 + ".example", "bad host!", "[::1", "x:99999", "a/b", "a@b",
                           "", ".", "..", "xn--", "xn--zz.example", "\xff\xfe.example",
                           "localhost:0", "localhost:-1", "localhost:abc"])
    return st.one_of(odd, hostile_text().map(
        lambda t: as_wire_bytes(t.replace("\r", "").replace("\n", "")).decode("latin-1")))


def cli_argument() -> st.SearchStrategy[str]:
    """An argument as Python hands over argv: undecodable bytes become lone surrogates."""
    valid = st.sampled_from(["2027-06-30", "30", "0", "00000000-0000-0000-0000-000000000001",
                             "72f988bf-86f1-41af-91ab-2d7cd011db47"])
    return st.one_of(valid, hostile_text(), st.binary(max_size=30).map(
        lambda b: b.decode("utf-8", "surrogateescape")))
