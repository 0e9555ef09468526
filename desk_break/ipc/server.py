"""The running app's end of the control channel, and the single-instance guard.

A QLockFile in the private runtime dir decides who is the instance; its
QLocalServer answers one request per connection. After a kill -9 the next launch
finds the lock stale (QLockFile checks the PID) and the socket dead (a probe
connect fails), and takes both over; a live instance's socket is never removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject
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
    shown,
)
from desk_break.paths import UnusablePath, ensure_private_dir
from desk_break.qt.timers import make_timer

log = logging.getLogger(__name__)

Handler = Callable[[Request], Reply]
# Open at once. A new client beyond this evicts the oldest one still open (a script that
# leaks idle connections, a slow sender), so whoever asks now is served; the cap only
# keeps a flood from using up our file descriptors (QLocalServer closes itself for good
# when accept() fails, and the app would go deaf). Each lives at most TIMEOUT_SECONDS.
MAX_CONNECTIONS = 64
LISTEN_BACKLOG = 256  # 200 clients connecting in the same instant all get in line
CONNECTION_TIMER = "control-connection-timeout"


class AlreadyRunning(RuntimeError):
    """Another live instance holds the lock."""


class InstanceGuard:
    """Holds the instance lock for as long as the app runs."""

    WHAT = "the instance lock"

    def __init__(self, lock_file: Path) -> None:
        ensure_private_dir(lock_file.parent)
        self._path = lock_file
        self._lock = QLockFile(str(lock_file))
        self._lock.setStaleLockTime(0)  # stale only when its owner PID is gone

    def acquire(self) -> None:
        """Take the lock; AlreadyRunning if a live instance has it, UnusablePath if it cannot be.

        A folder (or anything but a file) at the lock's path looks to QLockFile like
        a lock it cannot read or remove, i.e. "held": it is named for what it is.
        """
        if self._path.exists() and not self._path.is_file():
            raise UnusablePath(self.WHAT, self._path, "is a folder, not a lock file")
        if self._lock.tryLock(0):
            return
        error = self._lock.error()
        if error == QLockFile.LockError.LockFailedError:
            # QLockFile removes a lock whose process is dead; still here means alive.
            raise AlreadyRunning("another Desk Break is running")
        if error == QLockFile.LockError.PermissionError:
            raise UnusablePath(self.WHAT, self._path, "cannot be created (permission denied)")
        raise UnusablePath(self.WHAT, self._path, "cannot be created (unknown error)")

    def reacquire(self) -> None:
        """The lock file was removed under us: take it again (AlreadyRunning if another
        instance was quicker)."""
        self._lock.unlock()
        ensure_private_dir(self._path.parent)
        self.acquire()

    def release(self) -> None:
        self._lock.unlock()


class ControlServer(QObject):
    """Answers versioned JSON requests on a local socket. Malformed input gets an error reply."""

    def __init__(self, socket_path: Path, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = socket_path
        self._handler = handler
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.setListenBacklogSize(LISTEN_BACKLOG)
        self._server.newConnection.connect(self._on_new_connection)
        self._open: list[_Connection] = []  # oldest first
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
            if len(self._open) >= MAX_CONNECTIONS:
                oldest = self._open[0]
                if not self._evicting:
                    log.warning(
                        "more than %d control connections open; closing the oldest ones "
                        "to serve new clients", MAX_CONNECTIONS,
                    )
                self._evicting = True
                oldest.close()
            connection = _Connection(sock, self._handler, self, self._forget)
            if not connection.finished:
                self._open.append(connection)

    def _forget(self, connection: _Connection) -> None:
        with contextlib.suppress(ValueError):
            self._open.remove(connection)
        if not self._open:
            self._evicting = False


class _Connection(QObject):
    """One client: one request line in (at most MAX_LINE_BYTES), one reply out, closed.

    Nothing a client sends or does makes a slot raise: every line gets a reply.
    """

    def __init__(
        self,
        sock: QLocalSocket,
        handler: Handler,
        parent: QObject,
        on_finished: Callable[[_Connection], None],
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
                self._reply(self._dispatch(bytes(self._buffer[:end])))
            elif len(self._buffer) > MAX_LINE_BYTES:
                log.warning("control request longer than %d bytes; closing", MAX_LINE_BYTES)
                self._reply(Reply(False, code=BAD_REQUEST, error="request too long"))
        except Exception:  # a bug here must not take the app down with it
            log.exception("control connection failed")
            self.close()

    def _dispatch(self, line: bytes) -> Reply:
        try:
            request = decode_request(line)
        except ProtocolError as exc:
            log.warning("malformed control request: %s", exc)
            return Reply(False, code=BAD_REQUEST, error=str(exc))
        except Exception as exc:  # the decoder's own bug: still an answer
            log.exception("control request could not be decoded")
            return Reply(False, code=BAD_REQUEST, error=f"cannot read the request ({shown(exc)})")
        try:
            return self._handler(request)
        except Exception as exc:  # the app keeps running whatever a request does
            log.exception("control request %s failed", request.cmd)
            return Reply(False, code=INTERNAL, error=f"{type(exc).__name__}: {shown(str(exc))}")

    def _reply(self, reply: Reply) -> None:
        self._answered = True
        try:
            data = encode_reply(reply)
        except (ProtocolError, TypeError, ValueError) as exc:  # too long, not JSON-able
            log.error("control reply could not be sent: %s", exc)
            data = encode_reply(Reply(False, code=INTERNAL, error="the reply could not be sent"))
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
