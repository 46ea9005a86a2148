"""The sandbox over https, with a certificate it makes itself; plain http stays the default."""

import ipaddress
import socket
import ssl
import stat

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from microsoft_sandbox import local_tls
from microsoft_sandbox.server import SandboxServer


@pytest.fixture(scope="module")
def https_server(tmp_path_factory):
    """One https sandbox for this module, its certificate in a temporary folder."""
    with SandboxServer(https=True, cert_dir=tmp_path_factory.mktemp("tls")) as server:
        yield server


def trusting(ca_path) -> requests.Session:
    """A session trusting only `ca_path`, whatever the environment's CA settings say."""
    session = requests.Session()
    session.trust_env = False
    session.verify = str(ca_path)
    return session


def test_http_is_the_default(sandbox_server):
    assert sandbox_server.scheme == "http"
    assert sandbox_server.ca_path is None
    assert sandbox_server.url.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_client_trusting_the_ca_reaches_it_by_either_local_name(https_server, host):
    """The certificate names localhost and 127.0.0.1; discovery then speaks https."""
    assert https_server.url.startswith("https://127.0.0.1:")
    url = https_server.url.replace("127.0.0.1", host)
    answer = trusting(https_server.ca_path).get(
        f"{url}/common/v2.0/.well-known/openid-configuration", timeout=10)
    assert answer.status_code == 200
    assert answer.json()["token_endpoint"] == f"{url}/common/oauth2/v2.0/token"


def test_a_client_not_trusting_the_ca_is_refused(https_server, tmp_path):
    """The server certificate is not trusted by accident: another CA's clients fail."""
    other = local_tls.create(tmp_path)
    with pytest.raises(requests.exceptions.SSLError):
        trusting(other.ca_path).get(f"{https_server.url}/common/discovery/v2.0/keys",
                                    timeout=10)
    # The failed handshake did not stop the server.
    assert trusting(https_server.ca_path).get(
        f"{https_server.url}/common/discovery/v2.0/keys", timeout=10).status_code == 200


def test_plain_http_to_the_https_port_gets_no_page(https_server):
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(https_server.url.replace("https://", "http://") + "/common/discovery/"
                     "v2.0/keys", timeout=10)


def test_the_certificate_is_a_local_server_certificate_under_its_own_ca(tmp_path):
    paths = local_tls.create(tmp_path / "certs")
    leaf, ca = x509.load_pem_x509_certificates(paths.cert_path.read_bytes())
    assert ca == x509.load_pem_x509_certificate(paths.ca_path.read_bytes())
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    assert ipaddress.ip_address("127.0.0.1") in names.get_values_for_type(x509.IPAddress)
    assert not leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    leaf.verify_directly_issued_by(ca)
    # Only its owner may read the private key, even when an earlier run left it readable.
    assert stat.S_IMODE(paths.key_path.stat().st_mode) == 0o600
    paths.key_path.chmod(0o644)
    again = local_tls.create(tmp_path / "certs")
    assert stat.S_IMODE(again.key_path.stat().st_mode) == 0o600
    new_key = serialization.load_pem_private_key(again.key_path.read_bytes(), password=None)
    new_leaf = x509.load_pem_x509_certificates(again.cert_path.read_bytes())[0]
    assert new_key.public_key() == new_leaf.public_key()
    context = ssl.create_default_context(cafile=str(paths.ca_path))
    assert context.cert_store_stats()["x509_ca"] == 1


def test_a_client_that_never_starts_tls_does_not_stall_the_others(https_server):
    """The handshake happens in each connection's own thread, not in the accepting one."""
    port = int(https_server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10):
        answer = trusting(https_server.ca_path).get(
            f"{https_server.url}/common/discovery/v2.0/keys", timeout=5)
    assert answer.status_code == 200
