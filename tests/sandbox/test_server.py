"""The threaded server answers even requests it cannot parse, and keeps query strings (which
may hold an id_token_hint) out of its log."""

import socket

import pytest
import requests


def raw_exchange(sandbox_server, data: bytes) -> bytes:
    """Send raw bytes on a fresh connection; everything the server answers before closing."""
    with socket.create_connection(("127.0.0.1", sandbox_server._server.server_port),
                                  timeout=10) as conn:
        conn.sendall(data)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("request_line,status", [
    (b"GARBAGE\r\n\r\n", b"400"),
    (b"GET /?id_token_hint=secret HTTP/9.9\r\n\r\n", b"505"),
    (b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"414"),
])
def test_malformed_request_lines_get_an_error_answer(sandbox_server, base_url, caplog,
                                                     request_line, status):
    """http.server refuses these before it knows a path; the log hook must not crash on
    that, or the client gets nothing back. The server keeps serving afterwards."""
    answer = raw_exchange(sandbox_server, request_line)
    assert b"Error code: " + status in answer
    assert "secret" not in caplog.text
    keys = requests.get(f"{base_url}/common/discovery/v2.0/keys", timeout=10)
    assert keys.status_code == 200
