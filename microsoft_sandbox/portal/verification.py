"""Publisher domain verification: really fetch `/.well-known/microsoft-identity-association.json`.

The rules follow microsoft-identity.md section 6: the file lists the app's id under
`associatedApplications`, its Content-Type is `application/json` (UTF-8 charset optional) or
absent, and anything else fails with Microsoft's sentence. Plain HTTP is accepted only for
loopback hosts, so a demo app on 127.0.0.1 can be verified offline; redirects are not followed.
"""

import ipaddress
import json
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import HTTPError as TransportError
from werkzeug.http import parse_options_header

ASSOCIATION_PATH = "/.well-known/microsoft-identity-association.json"
CONTENT_TYPE_ERROR = "The server returned an unexpected content type header value."
TIMEOUT = (3.05, 5)
MAX_BYTES = 64 * 1024


class VerificationError(Exception):
    """Why a domain could not be verified, in words the portal shows."""


def is_loopback(host: str | None) -> bool:
    """localhost, 127.0.0.0/8 or ::1."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_domain(raw: str | None) -> tuple[str, str]:
    """The origin to fetch from and the domain to record, from what the person typed.

    :raise VerificationError: for anything but a bare https origin (or http on loopback), and
        for `*.onmicrosoft.com`, which can never be a verified publisher domain.
    """
    text = (raw or "").strip().rstrip("/")
    if not text:
        raise VerificationError("Enter the domain to verify, for example https://www.contoso.com.")
    try:
        parts = urlsplit(text if "://" in text else f"https://{text}")
        parts.port  # noqa: B018 (reading it is the check: ValueError when out of 0..65535)
    except ValueError:  # an unclosed IPv6 bracket, or a port that is no port
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname \
            or parts.username or parts.path or parts.query or parts.fragment:
        raise VerificationError("Enter a domain only, such as https://www.contoso.com, with no "
                                "path.")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise VerificationError("The domain must be served over HTTPS (plain HTTP is accepted "
                                "only for loopback demo addresses).")
    if parts.hostname.endswith(".onmicrosoft.com"):
        raise VerificationError("A *.onmicrosoft.com domain cannot be a verified publisher "
                                "domain. Use a domain your organization owns.")
    return f"{parts.scheme}://{parts.netloc}", parts.netloc.lower()


def check_content_type(header: str | None) -> None:
    """application/json, with or without `charset=utf-8`, or no header at all.

    :raise VerificationError: with Microsoft's sentence for any other value.
    """
    if not header or not header.strip():
        return
    mimetype, options = parse_options_header(header)
    charset = options.pop("charset", "utf-8").lower()
    if mimetype.lower() != "application/json" or options or charset != "utf-8":
        raise VerificationError(CONTENT_TYPE_ERROR)


def listed_app_ids(body: bytes) -> list[str]:
    """The application ids the association file lists, lower-cased.

    :raise VerificationError: when the body is not the JSON document Microsoft expects.
    """
    try:
        document = json.loads(body.decode("utf-8-sig"))
        entries = document["associatedApplications"]
        return [str(entry["applicationId"]).strip().lower() for entry in entries]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError) as exc:
        raise VerificationError("The file is not valid: it must be UTF-8 JSON of the form "
                                '{"associatedApplications": [{"applicationId": "..."}]}.') from exc


def fetch(origin: str) -> tuple[str | None, bytes]:
    """GET the association file (short timeout, no redirects, no proxies): its Content-Type
    and body.

    :raise VerificationError: when the server cannot be reached or does not answer 200.
    """
    url = origin + ASSOCIATION_PATH
    with requests.Session() as http:
        http.trust_env = False  # loopback demo hosts must not go through a proxy
        try:
            with http.get(url, timeout=TIMEOUT, allow_redirects=False, stream=True) as response:
                status = response.status_code
                content_type = response.headers.get("Content-Type")
                body = response.raw.read(MAX_BYTES + 1, decode_content=True)
        except (requests.RequestException, TransportError, OSError) as exc:
            raise VerificationError(f"Could not retrieve {url}. Check the file is published "
                                    "and the server is reachable.") from exc
    if status != 200:
        raise VerificationError(f"Could not retrieve {url}: the server answered HTTP {status}.")
    if len(body) > MAX_BYTES:
        raise VerificationError("The file is too large to be an association file.")
    return content_type, body


def verify_domain(raw: str | None, client_id: str) -> str:
    """Fetch and check the association file for an app; returns the verified domain.

    :raise VerificationError: for the first rule the domain breaks.
    """
    origin, domain = parse_domain(raw)
    content_type, body = fetch(origin)
    check_content_type(content_type)
    if client_id.lower() not in listed_app_ids(body):
        raise VerificationError(f"The application ID {client_id} is not listed in "
                                f"{origin}{ASSOCIATION_PATH}.")
    return domain
