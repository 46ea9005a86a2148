"""A loopback TCP forwarder that can be switched off: Microsoft "down" for an app server in
another process, while the sandbox itself keeps running for every other test.

Down, it accepts each connection and resets it at once, as a host whose service has stopped
does; clients see a connection error at once, with no timeout to wait for.
"""

from __future__ import annotations

import socket
import struct
import threading


class SwitchableProxy:
    """Forwards ``127.0.0.1:<port>`` to ``target``; ``down = True`` refuses every connection."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.down = False
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        """Stop listening (connections in flight end with their peers)."""
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.down:
                # SO_LINGER 0: close sends a reset, the way a stopped service refuses.
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.close()
                continue
            threading.Thread(target=self._forward, args=(client,), daemon=True).start()

    def _forward(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=30)
        except OSError:
            client.close()
            return
        threading.Thread(target=_pump, args=(upstream, client), daemon=True).start()
        _pump(client, upstream)


def _pump(source: socket.socket, sink: socket.socket) -> None:
    """Copy bytes one way until either side closes, then close both."""
    try:
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
