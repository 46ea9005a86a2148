"""Compact JWS serialization done by hand, so faults can produce tokens a library would refuse.

joserfc would not emit `alg: none` or a mismatched `kid`; the sandbox must, to test clients.
"""

import json

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .signing_keys import b64url


def _segment(obj: dict) -> str:
    """JSON-encode compactly and base64url the result."""
    return b64url(json.dumps(obj, separators=(",", ":")).encode("utf-8"))


def sign_rs256(header: dict, claims: dict, private_key: rsa.RSAPrivateKey) -> str:
    """Sign with RS256 exactly the header given (no kid is added or removed)."""
    signing_input = f"{_segment(header)}.{_segment(claims)}"
    signature = private_key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64url(signature)}"


def unsigned(header: dict, claims: dict) -> str:
    """An `alg: none` token: header, payload and an empty signature."""
    return f"{_segment(header)}.{_segment(claims)}."
