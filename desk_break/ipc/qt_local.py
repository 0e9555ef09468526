"""The control channel's server where there are no Unix sockets (Windows): QLocalServer.

The same requests and replies as server.py's, over a named pipe; loaded only there
(QtNetwork costs a POSIX tray app about 2.5 MiB it does not need).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desk_break.ipc import client
from desk_break.ipc.protocol import (
    BAD_REQUEST,
    MAX_LINE_BYTES,
    TIMEOUT_SECONDS,
    Reply,
    Request,
)
from desk_break.ipc.server import (
    CONNECTION_TIMER,
    LISTEN_BACKLOG,
    AlreadyRunning,
    dispatch,
    make_room,
    reply_bytes,
)
from desk_break.paths import UnusablePath
from desk_break.qt.timers import make_timer

log = logging.getLogger(__name__)

Handler = Callable[[Request], Reply]


class QtControlServer(QObject):
    """Answers versioned JSON requests on a local socket. Malformed input gets an error reply."""

    def __init__(self, socket_path: Path, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = socket_path
        self._handler = handler
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.setListenBacklogSize(LISTEN_BACKLOG)
        self._server.newConnection.connect(self._on_new_connection)
        self._open: list[_QtConnection] = []  # oldest first
        self._evicting = False  # said once per flood in the log

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

    @property
    def open_connections(self) -> int:
        return len(self._open)

    def _on_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            self._evicting = make_room(self._open, self._evicting)
            connection = _QtConnection(sock, self._handler, self, self._forget)
            if not connection.finished:
                self._open.append(connection)

    def _forget(self, connection: _QtConnection) -> None:
        with contextlib.suppress(ValueError):
            self._open.remove(connection)
        if not self._open:
            self._evicting = False


class _QtConnection(QObject):
    """One client: one request line in (at most MAX_LINE_BYTES), one reply out, closed.

    Nothing a client sends or does makes a slot raise: every line gets a reply.
    """

    def __init__(
        self,
        sock: QLocalSocket,
        handler: Handler,
        parent: QObject,
        on_finished: Callable[[_QtConnection], None],
    ) -> None:
        super().__init__(parent)
        self._sock = sock
        self._handler = handler
        self._on_finished = on_finished
        self._buffer = bytearray()
        self._answered = False
        self.finished = False
        # Qt stops reading from the kernel once this much waits unread: a 10 MB line
        # costs us 64 KiB, and the sender is answered and dropped there.
        sock.setReadBufferSize(MAX_LINE_BYTES + 1)
        self._timer = make_timer(
            CONNECTION_TIMER, self, TIMEOUT_SECONDS * 1000, single_shot=True,
            on_timeout=self._on_timeout,
        )
        self._timer.start()
        sock.readyRead.connect(self._on_ready_read)
        # A client that half-closes (`printf '...\n' | nc -N`) is answered if its line
        # came whole: QLocalSocket closes both ways at the end of input, so a line
        # without its newline cannot be answered, only dropped (its place freed at once).
        sock.disconnected.connect(self._finish)
        self._on_ready_read()

    def _on_ready_read(self) -> None:
        if self._answered or self.finished:
            return
        try:
            room = MAX_LINE_BYTES + 1 - len(self._buffer)
            if self._sock.bytesAvailable() > 0:
                self._buffer += bytes(self._sock.read(room).data())
            end = self._buffer.find(b"\n")
            if end >= 0:
                self._reply(dispatch(self._handler, bytes(self._buffer[:end])))
            elif len(self._buffer) > MAX_LINE_BYTES:
                log.warning("control request longer than %d bytes; closing", MAX_LINE_BYTES)
                self._reply(Reply(False, code=BAD_REQUEST, error="request too long"))
        except Exception:  # a bug here must not take the app down with it
            log.exception("control connection failed")
            self.close()

    def _reply(self, reply: Reply) -> None:
        self._answered = True
        data = reply_bytes(reply)
        self._sock.write(data)
        self._sock.flush()
        self._sock.disconnectFromServer()

    def _on_timeout(self) -> None:
        if not self._answered:
            log.warning("control client sent no complete request in time; closing")
        self.close()

    def close(self) -> None:
        """Drop the client now (timed out, or evicted for a newer one)."""
        if self.finished:
            return
        self._sock.abort()
        self._finish()

    def _finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        self._timer.stop()
        self._on_finished(self)
        self._sock.deleteLater()
        self.deleteLater()
