"""Hostile bytes on the wire, under gunicorn as production runs it (``scripts/serve``).

What no test client can send: request lines and headers that do not parse, header bytes that
are not UTF-8, a ``Host`` that is no host name, values far beyond any sane length. Each gets a
4xx (gunicorn's own before the app, or the app's page), the server never answers 500 or shows a
traceback, and it keeps serving.
"""

from __future__ import annotations

import socket

import pytest
import requests

from tests.app_servers import app_servers  # noqa: F401 - the fixture

LONG = 100_000


@pytest.fixture
def server(app_servers, tmp_path):  # noqa: F811
    """One server (two workers) on a SQLite file of its own."""
    shared = app_servers.settings(f"sqlite:///{tmp_path / 'wire.sqlite3'}")
    return app_servers.start(shared)


def send_raw(url: str, data: bytes) -> tuple[int, bytes]:
    """Write ``data`` as is to the server; its status code and whole answer."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status_line = answer.split(b"\r\n", 1)[0]
    return int(status_line.split()[1]), answer


def _request(first_line: bytes, *headers: bytes, body: bytes = b"") -> bytes:
    lines = [first_line, *headers, b"Connection: close",
             b"Content-Length: " + str(len(body)).encode()]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


HOST = b"Host: 127.0.0.1"
CASES = {
    "request line that is not HTTP": (b"GARBAGE\r\n\r\n", {400}),
    "unknown HTTP version": (_request(b"GET / HTTP/9.9", HOST), {400, 505}),
    "header without a colon": (_request(b"GET /login HTTP/1.1", HOST, b"NoColonHere"), {400}),
    "header name with a space": (_request(b"GET /login HTTP/1.1", HOST, b"Bad Name: x"), {400}),
    "control character in a header": (
        _request(b"GET /login HTTP/1.1", HOST, b"User-Agent: a\x00b"), {400}),
    "header bytes that are not UTF-8": (
        _request(b"GET /login HTTP/1.1", HOST, b"Accept-Language: \xff\xfe\xc3(",
                 b"User-Agent: \x80\x81", b"Cookie: postpress_session=\xff\xfe"), {200}),
    "Host that is not a host name": (_request(b"GET /login HTTP/1.1", b"Host: bad host!"),
                                     {400}),
    "Host in bytes that are not UTF-8": (_request(b"GET / HTTP/1.1", b"Host: \xff\xfe.example"),
                                         {400}),
    "Host IDNA cannot encode": (_request(b"GET /login HTTP/1.1", b"Host: " + b"a" * 64 + b".x"),
                                {400}),
    "Host IDNA cannot decode": (_request(b"GET /login HTTP/1.1", b"Host: xn--"), {400}),
    "two Host headers": (_request(b"GET / HTTP/1.1", HOST, b"Host: evil.example"), {400}),
    "header far beyond any sane length": (
        _request(b"GET /login HTTP/1.1", HOST, b"X-Junk: " + b"a" * LONG), {400, 431}),
    "request line far beyond any sane length": (
        _request(b"GET /" + b"a" * LONG + b" HTTP/1.1", HOST), {400, 414}),
    "path bytes that are not UTF-8": (_request(b"GET /%ff%fe/\xff\xfe HTTP/1.1", HOST), {400, 404}),
    "form field bytes that are not UTF-8": (
        _request(b"POST /connect/microsoft HTTP/1.1", HOST,
                 b"Content-Type: application/x-www-form-urlencoded",
                 body=b"csrf_token=%ff%fe&intent=\xff\xfe"), {400}),
    "body beyond MAX_CONTENT_LENGTH": (
        _request(b"POST /connect/microsoft HTTP/1.1", HOST,
                 b"Content-Type: application/x-www-form-urlencoded",
                 body=b"intent=" + b"a" * (2 * 1024 * 1024)), {413}),
}


def test_unparseable_and_hostile_requests_get_a_4xx_and_the_server_keeps_serving(server):
    for name, (data, expected) in CASES.items():
        status, answer = send_raw(server.url, data)
        assert status in expected, (name, status, answer[:300])
        assert b"Traceback" not in answer
    # The refusals the app makes itself are its pages, not bare text.
    _, answer = send_raw(server.url, CASES["Host that is not a host name"][0])
    assert b"This address is not served here" in answer
    _, answer = send_raw(server.url, CASES["form field bytes that are not UTF-8"][0])
    assert b"This form has expired" in answer
    assert requests.get(server.url + "/healthz", timeout=10).status_code == 200
    log = server.log.read_text(errors="replace")
    assert "Traceback" not in log and '" 500 ' not in log, log[-3000:]
