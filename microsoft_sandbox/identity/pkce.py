"""PKCE (RFC 7636): the shape both the challenge (at authorize) and the verifier (at token) must
have, 43 to 128 characters of `[A-Za-z0-9._~-]`.

Checking the characters up front keeps non-ASCII values out of the hashing and the constant-time
comparison, which would otherwise fail with a TypeError instead of an AADSTS error.
"""

import re

_VALUE = re.compile(r"[A-Za-z0-9._~-]{43,128}")
MIN_LENGTH, MAX_LENGTH = 43, 128


def well_formed(value: str | None) -> bool:
    """Whether `value` is a syntactically valid code verifier or challenge."""
    return isinstance(value, str) and _VALUE.fullmatch(value) is not None
