"""RS256 signing keys, published as a JWKS and rotated on demand.

Each key carries a self-signed certificate so the JWKS has `x5c` and `x5t` like Microsoft's,
and the `kid` is the certificate thumbprint, as in Microsoft's published keys.
"""

import base64
import datetime
import hashlib
import threading
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def b64url(data: bytes) -> str:
    """Base64url without padding, the encoding JOSE uses everywhere."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _int_b64(value: int) -> str:
    """Encode an RSA integer (modulus, exponent) the way a JWK does."""
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


@dataclass(frozen=True)
class SigningKey:
    """A private key, its certificate and the kid under which it is published."""

    private_key: rsa.RSAPrivateKey
    cert_der: bytes
    kid: str

    def public_jwk(self) -> dict:
        """The public half as a JWKS entry shaped like Microsoft's."""
        numbers = self.private_key.public_key().public_numbers()
        return {
            "kty": "RSA",
            "use": "sig",
            "kid": self.kid,
            "x5t": self.kid,
            "n": _int_b64(numbers.n),
            "e": _int_b64(numbers.e),
            "x5c": [base64.b64encode(self.cert_der).decode("ascii")],
        }


def new_signing_key() -> SigningKey:
    """Generate a 2048-bit RSA key with a self-signed certificate; kid = SHA-1 thumbprint."""
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "accounts.accesscontrol.sandbox")])
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=3650))
        .sign(private_key, hashes.SHA256())
    )
    der = cert.public_bytes(serialization.Encoding.DER)
    thumbprint = hashlib.sha1(der, usedforsecurity=False).digest()
    return SigningKey(private_key=private_key, cert_der=der, kid=b64url(thumbprint))


class KeyRing:
    """The current signing key; the first key is kept so reset() restores a known JWKS."""

    def __init__(self):
        """Generate the seed key once: RSA generation is the slowest thing the sandbox does."""
        self._lock = threading.Lock()
        self._seed = new_signing_key()
        self._current = self._seed
        self._foreign: SigningKey | None = None
        # Keys rotated out of the JWKS: resources still accept tokens they signed until those
        # tokens expire, as Microsoft's resources do during a key rollover.
        self._retired: list[SigningKey] = []

    @property
    def current(self) -> SigningKey:
        """The key new tokens are signed with."""
        with self._lock:
            return self._current

    def jwks(self) -> dict:
        """The published key set: only the current key, so a rotated-out kid is unknown."""
        return {"keys": [self.current.public_jwk()]}

    def rotate(self) -> SigningKey:
        """Replace the current key with a fresh one and drop the old one from the JWKS."""
        fresh = new_signing_key()
        with self._lock:
            self._retired.append(self._current)
            self._current = fresh
        return fresh

    def verification_key(self, kid: str | None) -> SigningKey | None:
        """The current or a retired key with this kid (what Graph checks access tokens with)."""
        with self._lock:
            for key in (self._current, *self._retired):
                if key.kid == kid:
                    return key
        return None

    def reset(self) -> None:
        """Publish the seed key again."""
        with self._lock:
            self._current = self._seed
            self._retired = []

    def foreign(self) -> SigningKey:
        """A key that is never published, for tokens that must fail signature checks."""
        with self._lock:
            if self._foreign is None:
                self._foreign = new_signing_key()
            return self._foreign
