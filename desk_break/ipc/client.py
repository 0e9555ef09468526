"""Talk to the running app from the command line, without starting Qt.

POSIX: the server is a QLocalServer listening on a Unix socket path, so the
standard library's socket module is enough (fast: no Qt import for `status`).
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path
from typing import Any

from desk_break.ipc.protocol import (
    MAX_LINE_BYTES,
    TIMEOUT_SECONDS,
    Reply,
    Request,
    decode_reply,
    encode_request,
)


class NotRunning(ConnectionError):
    """No Desk Break answers on the control socket."""


def send(socket_path: Path, cmd: str, args: dict[str, Any] | None = None,
         timeout: float = TIMEOUT_SECONDS) -> Reply:
    request = encode_request(Request(cmd, args or {}))
    if os.name != "posix":  # pragma: no cover - Windows uses a named pipe through Qt
        return _send_qt(str(socket_path), request, timeout)
    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        _connect(sock, socket_path, deadline)
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        sock.sendall(request)
        return decode_reply(_read_line(sock))


def _connect(sock: socket.socket, socket_path: Path, deadline: float) -> None:
    """Connect, waiting while the app's queue of new connections is full.

    A Unix socket with a timeout fails at once with EAGAIN when the listener's backlog
    is full (a flood of clients it is still accepting): that is "busy", not "not
    running", so try again until the deadline.
    """
    while True:
        try:
            sock.connect(str(socket_path))
            return
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            raise NotRunning(str(exc)) from None
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise TimeoutError("the running Desk Break is too busy to answer") from None
            time.sleep(0.005)


def is_answering(socket_path: Path, timeout: float = 1.0) -> bool:
    """True when a live instance answers a status request on this socket."""
    try:
        return send(socket_path, "status", timeout=timeout).ok
    except (OSError, ValueError):
        return False


def _read_line(sock: socket.socket) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = sock.recv(4096)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if b"\n" in chunk or size > MAX_LINE_BYTES:
            break
    data = b"".join(chunks)
    if not data:
        raise ConnectionError("the running Desk Break closed the connection without answering")
    return data.split(b"\n", 1)[0]


def _send_qt(name: str, request: bytes, timeout: float) -> Reply:  # pragma: no cover
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(int(timeout * 1000)):
        raise NotRunning(sock.errorString())
    sock.write(request)
    sock.waitForBytesWritten(int(timeout * 1000))
    data = b""
    while b"\n" not in data and sock.waitForReadyRead(int(timeout * 1000)):
        data += bytes(sock.readAll().data())
    return decode_reply(data.split(b"\n", 1)[0])
