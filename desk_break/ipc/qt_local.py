"""The control channel's server where there are no Unix sockets (Windows): QLocalServer.

The same requests and replies as server.py's, over a named pipe; loaded only there
(QtNetwork costs a POSIX tray app about 2.5 MiB it does not need).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desk_break.ipc import client
from desk_break.ipc.protocol import (
    BAD_REQUEST,
    INTERNAL,
    MAX_LINE_BYTES,
    TIMEOUT_SECONDS,
    ProtocolError,
    Reply,
    Request,
    decode_request,
    encode_reply,
)
from desk_break.paths import UnusablePath
from desk_break.qt.timers import make_timer

log = logging.getLogger(__name__)

Handler = Callable[[Request], Reply]
MAX_CONNECTIONS = 16
CONNECTION_TIMER = "control-connection-timeout"


class AlreadyRunning(RuntimeError):
    """Another live instance answers (server.py raises its own, same meaning)."""


class QtControlServer(QObject):
    """Answers versioned JSON requests on a local socket. Malformed input gets an error reply."""

    def __init__(self, socket_path: Path, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = socket_path
        self._handler = handler
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_new_connection)

    def listen(self) -> None:
        """Listen; AlreadyRunning if a live instance answers, UnusablePath if the path cannot be."""
        name = str(self._path)
        if os.name == "posix" and self._path.is_dir() and not self._path.is_symlink():
            raise UnusablePath("the control socket", self._path, "is a folder, not a socket")
        if os.name == "posix" and self._path.exists():
            if client.is_answering(self._path):
                raise AlreadyRunning(f"a live Desk Break answers on {name}")
            log.info("removing stale control socket %s", name)
            QLocalServer.removeServer(name)
        if not self._server.listen(name):
            reason = self._server.errorString().removeprefix("QLocalServer::listen: ")
            raise UnusablePath("the control socket", self._path, f"cannot be opened ({reason})")
        log.info("control channel listening on %s", name)

    def close(self) -> None:
        self._server.close()

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            live = self.findChildren(_QtConnection)
            if len(live) >= MAX_CONNECTIONS:
                # A flood must not use up our file descriptors: QLocalServer closes itself
                # for good when accept() fails, and the app would go deaf.
                log.warning("too many control connections; refusing one")
                sock.abort()
                sock.deleteLater()
                continue
            _QtConnection(sock, self._handler, self)


class _QtConnection(QObject):
    def __init__(self, sock: QLocalSocket, handler: Handler, parent: QObject) -> None:
        super().__init__(parent)
        self._sock = sock
        self._handler = handler
        self._buffer = b""
        self._answered = False
        self._timer = make_timer(
            CONNECTION_TIMER, self, TIMEOUT_SECONDS * 1000, single_shot=True,
            on_timeout=self._on_timeout,
        )
        self._timer.start()
        sock.readyRead.connect(self._on_ready_read)
        sock.disconnected.connect(self._finish)
        self._on_ready_read()

    def _on_ready_read(self) -> None:
        if self._answered:
            return
        self._buffer += bytes(self._sock.readAll().data())
        if b"\n" in self._buffer:
            line = self._buffer.split(b"\n", 1)[0]
            self._reply(self._dispatch(line))
        elif len(self._buffer) > MAX_LINE_BYTES:
            self._reply(Reply(False, code=BAD_REQUEST, error="request too long"))

    def _dispatch(self, line: bytes) -> Reply:
        try:
            request = decode_request(line)
        except ProtocolError as exc:
            log.warning("malformed control request: %s", exc)
            return Reply(False, code=BAD_REQUEST, error=str(exc))
        try:
            return self._handler(request)
        except Exception as exc:  # the app keeps running whatever a request does
            log.exception("control request %s failed", request.cmd)
            return Reply(False, code=INTERNAL, error=f"{type(exc).__name__}: {exc}")

    def _reply(self, reply: Reply) -> None:
        self._answered = True
        self._sock.write(encode_reply(reply))
        self._sock.flush()
        self._sock.disconnectFromServer()

    def _on_timeout(self) -> None:
        if not self._answered:
            log.warning("control client sent no complete request in time; closing")
        self._sock.abort()
        self._finish()

    def _finish(self) -> None:
        self._timer.stop()
        self._sock.deleteLater()
        self.deleteLater()
