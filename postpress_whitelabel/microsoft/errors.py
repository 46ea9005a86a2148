"""Turn a Microsoft identity error (redirect query or token JSON) into one safe, structured value.

Anyone can craft a request to our callback URL, and proxies can answer the token request with
anything, so every field is treated as hostile: parsing never raises, text is stripped of control
characters and capped, ids are kept only when they look like GUIDs, and long opaque strings that
could be secrets or codes are redacted before anything is shown or logged.
"""

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Self

from .advice import Advice
from .advice_lookup import advice_for

DESCRIPTION_CAP = 400
_RAW_CAP = 16_384  # Microsoft's descriptions are a few hundred characters; more is not theirs
_BODY_CAP = 2_000_000

_GUID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
_PREFIX = re.compile(r"\s*AADSTS(\d{1,9})\b\s*:?\s*", re.IGNORECASE)
_URI_CODE = re.compile(r"[?&]code=(\d{1,9})(?![0-9])")
_TRACE = re.compile(r"Trace ID:\s*([0-9a-fA-F-]{36})", re.IGNORECASE)
_CORRELATION = re.compile(r"Correlation ID:\s*([0-9a-fA-F-]{36})", re.IGNORECASE)
_STAMP = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d{1,7})?(?:Z|[+-]\d\d:?\d\d)?")
_STAMP_LINE = re.compile(r"Timestamp:\s*(" + _STAMP.pattern + ")", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9_.\-]{1,64}")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TRAILER = re.compile(r"\s*Trace ID:.*", re.IGNORECASE | re.DOTALL)
_OPAQUE = re.compile(r"[A-Za-z0-9~._\-+=/]{32,}")
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


@dataclass(frozen=True)
class MicrosoftError:
    """One error from Microsoft's identity platform, already sanitized for display and logs."""

    error: str
    aadsts: int | None
    description: str
    trace_id: str | None
    correlation_id: str | None
    timestamp: str | None
    suberror: str | None
    source: str

    @classmethod
    def from_redirect(cls, args: Mapping[str, Any], source: str = "authorize") -> Self:
        """Parse the query of an authorize or adminconsent redirect that carries ``error``."""
        args = args if isinstance(args, Mapping) else {}
        raw = _raw_text(_get(args, "error_description"))
        return cls(
            error=_token(_get(args, "error")) or "unknown_error",
            aadsts=_aadsts(None, raw, _get(args, "error_uri")),
            description=_description(raw),
            trace_id=_guid(_search(_TRACE, raw)),
            correlation_id=_guid(_search(_CORRELATION, raw)),
            timestamp=_timestamp(_search(_STAMP_LINE, raw)),
            suberror=_token(_get(args, "error_subcode")),
            source=_token(source) or "unknown",
        )

    @classmethod
    def from_token_response(
        cls, status: int, body: bytes | str | dict | None, source: str = "token"
    ) -> Self:
        """Parse a failed token endpoint answer, whatever it is (JSON, HTML, empty, huge)."""
        data, problem = _json_object(body)
        if problem is None and not {"error", "error_codes", "error_description"} & data.keys():
            problem = "JSON that is not an error"
        if problem is not None:
            return cls._unreadable(status, problem, source)
        raw = _raw_text(data.get("error_description"))
        return cls(
            error=_token(data.get("error")) or "unknown_error",
            aadsts=_aadsts(data.get("error_codes"), raw, data.get("error_uri")),
            description=_description(raw),
            trace_id=_guid(data.get("trace_id")) or _guid(_search(_TRACE, raw)),
            correlation_id=(
                _guid(data.get("correlation_id")) or _guid(_search(_CORRELATION, raw))
            ),
            timestamp=_timestamp(data.get("timestamp")) or _timestamp(_search(_STAMP_LINE, raw)),
            suberror=_token(data.get("suberror")),
            source=_token(source) or "unknown",
        )

    @classmethod
    def unusable_tokens(cls, status: int) -> Self:
        """A token response that parsed but whose tokens are missing or not strings."""
        return cls._unreadable(status, "a token response without usable tokens", "token")

    @classmethod
    def _unreadable(cls, status: Any, problem: str, source: str) -> Self:
        """A token failure with no Microsoft error in it: blame the server side, name the status."""
        code = status if isinstance(status, int) and not isinstance(status, bool) else 0
        code = code if 100 <= code <= 599 else 0
        busy = code in (429, 503)
        shown = f"answered HTTP {code} with {problem}" if code else f"sent {problem} and no status"
        return cls(
            error="temporarily_unavailable" if busy else "server_error",
            aadsts=None,
            description=f"Microsoft {shown}; no error details came back.",
            trace_id=None,
            correlation_id=None,
            timestamp=None,
            suberror=None,
            source=_token(source) or "unknown",
        )

    @property
    def cancelled(self) -> bool:
        """True when the person pressed cancel or declined consent, which is not a failure."""
        return self.suberror == "cancel" or self.aadsts == 65004

    def advice(self) -> Advice:
        """What to tell the person, and who must act, from the AADSTS catalog."""
        return advice_for(self.aadsts, self.error, self.suberror, self.source)

    def to_log_dict(self) -> dict:
        """Fields safe to log: everything here is already sanitized and capped."""
        return asdict(self)


def _get(args: Mapping[str, Any], key: str) -> Any:
    """Read a query value tolerantly: MultiDicts, plain dicts, or lists of values."""
    return args.get(key)


def _first_str(value: Any) -> str | None:
    """A string value, or the first string of a list of them; anything else is ignored."""
    if isinstance(value, (list, tuple)) and value:
        value = value[0]
    return value if isinstance(value, str) else None


def _raw_text(value: Any) -> str:
    """The raw description, capped before any regex or character work runs over it."""
    return (_first_str(value) or "")[:_RAW_CAP]


def _token(value: Any) -> str | None:
    """An OAuth-style code (``invalid_grant``, ``cancel``) or None if it is not one."""
    text = _first_str(value)
    if text is None:
        return None
    text = text.strip().lower()
    return text if _TOKEN.fullmatch(text) else None


def _guid(value: Any) -> str | None:
    """A trace or correlation id, only if it is exactly a GUID (lower-cased)."""
    text = _first_str(value)
    if text is None or not _GUID.fullmatch(text.strip()):
        return None
    return text.strip().lower()


def _timestamp(value: Any) -> str | None:
    """Microsoft's timestamp text (``2024-05-01 10:00:00Z``), only if it is exactly one."""
    text = _first_str(value)
    if text is None:
        return None
    text = text.strip()
    return text if _STAMP.fullmatch(text) else None


def _search(pattern: re.Pattern, text: str) -> str | None:
    """The first group of a match, or None."""
    match = pattern.search(text)
    return match.group(1) if match else None


def _as_code(value: Any) -> int | None:
    """An AADSTS number from an int or a digit string; bools and junk are not codes."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.strip().upper().removeprefix("AADSTS")
        value = int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None
    if isinstance(value, int) and 0 < value < 10**9:
        return value
    return None


def _aadsts(error_codes: Any, raw: str, error_uri: Any) -> int | None:
    """The AADSTS number: ``error_codes`` first, then the description prefix, then error_uri."""
    codes = error_codes if isinstance(error_codes, (list, tuple)) else [error_codes]
    for value in codes[:10]:
        code = _as_code(value)
        if code is not None:
            return code
    prefix = _PREFIX.match(raw)
    if prefix:
        return int(prefix.group(1))
    uri = (_first_str(error_uri) or "")[:2048]
    return _as_code(_search(_URI_CODE, uri))


def _description(raw: str) -> str:
    """The first line of Microsoft's text, without the AADSTS prefix, trace lines or secrets."""
    first = _LINE_BREAK.split(raw.strip(), maxsplit=1)[0]
    prefix = _PREFIX.match(first)
    first = _TRAILER.sub("", first[prefix.end() :] if prefix else first)
    text = "".join(" " if unicodedata.category(ch) in _INVISIBLE else ch for ch in first)
    text = _OPAQUE.sub(_redact, " ".join(text.split()))
    if len(text) > DESCRIPTION_CAP:
        text = text[: DESCRIPTION_CAP - 1].rstrip() + "\u2026"
    return text


def _redact(match: re.Match) -> str:
    """Hide long mixed-case-and-digit runs: the shape of secrets, codes and tokens, not prose."""
    run = match.group(0)
    if _GUID.fullmatch(run):
        return run
    mixed = (
        any(c.islower() for c in run)
        and any(c.isupper() for c in run)
        and any(c.isdigit() for c in run)
    )
    return "[redacted]" if mixed else run


def _json_object(body: Any) -> tuple[dict, str | None]:
    """Decode a token response body into a dict, or say (without quoting it) why it is not one."""
    if isinstance(body, dict):
        return body, None
    if isinstance(body, (bytes, bytearray)):
        if len(body) > _BODY_CAP:
            return {}, "an oversized body"
        body = bytes(body).decode("utf-8", errors="replace")
    if not isinstance(body, str):
        return {}, "no body"
    if not body.strip():
        return {}, "an empty body"
    if len(body) > _BODY_CAP:
        return {}, "an oversized body"
    try:
        data = json.loads(body.lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return {}, "a body that is not JSON"
    if not isinstance(data, dict):
        return {}, "JSON that is not an error"
    return data, None
