"""A local certificate authority and a `localhost` server certificate, for serving https.

Microsoft's own libraries insist on https (the Graph SDK refuses to send a token over plain
http, MSAL builds `https://` authorities), so the sandbox can serve TLS with a certificate it
makes itself. The CA is separate from the server certificate so clients trust one stable file
(`ca_path`) through `verify=`, `REQUESTS_CA_BUNDLE` or `SSL_CERT_FILE`; both are short-lived
and exist only for this machine.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# Every name a client may use to reach a sandbox on this machine.
LOCAL_DNS_NAMES = ("localhost",)
LOCAL_IP_ADDRESSES = ("127.0.0.1", "::1")
VALIDITY = datetime.timedelta(days=30)


@dataclass(frozen=True)
class LocalCertificate:
    """Where the PEM files are: the CA to trust, and the server's chain and key."""

    ca_path: Path
    cert_path: Path
    key_path: Path

    def server_context(self) -> ssl.SSLContext:
        """An SSL context serving this certificate (TLS 1.2 or later)."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.load_cert_chain(self.cert_path, self.key_path)
        return context


def _name(common_name: str) -> x509.Name:
    """A subject or issuer name with just a common name."""
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(subject: str, issuer: str, public_key, now: datetime.datetime):
    """The fields a CA and a leaf share: names, key, serial, validity window."""
    return (x509.CertificateBuilder()
            .subject_name(_name(subject))
            .issuer_name(_name(issuer))
            .public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5))
            .not_valid_after(now + VALIDITY)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key),
                           critical=False))


def _ca(now: datetime.datetime):
    """A self-signed CA that may sign server certificates and nothing below them."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = "Microsoft sandbox local CA"
    cert = (_builder(name, name, key.public_key(), now)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def _server(ca_key, ca_cert: x509.Certificate, now: datetime.datetime):
    """A server certificate for the local names, signed by the CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    names = [x509.DNSName(n) for n in LOCAL_DNS_NAMES]
    names += [x509.IPAddress(ipaddress.ip_address(a)) for a in LOCAL_IP_ADDRESSES]
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (_builder("localhost", "Microsoft sandbox local CA", key.public_key(), now)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.SubjectAlternativeName(names), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(
                ca_ski), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return key, cert


def _pem(cert: x509.Certificate) -> bytes:
    """A certificate in PEM."""
    return cert.public_bytes(serialization.Encoding.PEM)


def create(directory: str | Path | None = None) -> LocalCertificate:
    """Make a CA and a server certificate and write them as PEM files in `directory` (a new
    temporary folder when None): `ca.pem`, `server.pem` (server then CA) and `server-key.pem`."""
    folder = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="sandbox-tls-"))
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    ca_key, ca_cert = _ca(now)
    key, cert = _server(ca_key, ca_cert, now)
    paths = LocalCertificate(folder / "ca.pem", folder / "server.pem", folder / "server-key.pem")
    paths.ca_path.write_bytes(_pem(ca_cert))
    paths.cert_path.write_bytes(_pem(cert) + _pem(ca_cert))
    _write_private(paths.key_path, key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    return paths


def _write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read, even one left readable by an earlier run."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        os.fchmod(file.fileno(), 0o600)
        file.write(data)
