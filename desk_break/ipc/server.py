"""The running app's end of the control channel, and the single-instance guard.

A QLockFile in the private runtime dir decides who is the instance; its control
socket answers one request per connection. After a kill -9 the next launch
finds the lock stale (QLockFile checks the PID) and the socket dead (a probe
connect fails), and takes both over; a live instance's socket is never removed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSocketNotifier

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
from desk_break.paths import UnusablePath, ensure_private_dir, os_reason
from desk_break.qt.timers import make_timer

log = logging.getLogger(__name__)

Handler = Callable[[Request], Reply]
MAX_CONNECTIONS = 16  # at once; each lives at most TIMEOUT_SECONDS
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
    """Answers versioned JSON requests on a local socket. Malformed input gets an error reply.

    POSIX: a Unix socket of the standard library, watched by a QSocketNotifier (no
    QtNetwork: its libraries cost the waiting app about 2.5 MiB). Elsewhere:
    QLocalServer (qt_local.py).
    """

    def __init__(self, socket_path: Path, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = socket_path
        self._handler = handler
        self._listener: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._qt: QObject | None = None  # qt_local.QtControlServer, where no Unix sockets

    def listen(self) -> None:
        """Listen; AlreadyRunning if a live instance answers, UnusablePath if the path cannot be."""
        name = str(self._path)
        if os.name != "posix":
            self._listen_qt()
            return
        if self._path.is_dir() and not self._path.is_symlink():
            raise UnusablePath("the control socket", self._path, "is a folder, not a socket")
        if self._path.exists() or self._path.is_symlink():
            if client.is_answering(self._path):
                raise AlreadyRunning(f"a live Desk Break answers on {name}")
            log.info("removing stale control socket %s", name)
            with contextlib.suppress(OSError):
                self._path.unlink()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        mask = os.umask(0o077)  # only this user may connect (the folder is private too)
        try:
            listener.bind(name)
            listener.listen(socket.SOMAXCONN)  # a burst waits; MAX_CONNECTIONS are served
            listener.setblocking(False)
        except OSError as exc:
            listener.close()
            raise UnusablePath(
                "the control socket", self._path, f"cannot be opened ({os_reason(exc)})"
            ) from None
        finally:
            os.umask(mask)
        self._listener = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_new_connection)
        log.info("control channel listening on %s", name)

    def _listen_qt(self) -> None:  # pragma: no cover - Windows
        from desk_break.ipc import qt_local

        server = qt_local.QtControlServer(self._path, self._handler, self)
        try:
            server.listen()
        except qt_local.AlreadyRunning as exc:
            raise AlreadyRunning(str(exc)) from None
        self._qt = server

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            # Ours, and closed: a path left behind would only make the next start probe it.
            with contextlib.suppress(OSError):
                self._path.unlink()
        if self._qt is not None:  # pragma: no cover - Windows
            self._qt.close()  # type: ignore[attr-defined]

    def _on_new_connection(self) -> None:
        while self._listener is not None:
            try:
                sock, _address = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # e.g. out of file descriptors: try again next time
                log.warning("could not accept a control connection: %s", os_reason(exc))
                return
            if len(self.findChildren(_Connection)) >= MAX_CONNECTIONS:
                # A flood must not use up our file descriptors.
                log.warning("too many control connections; refusing one")
                sock.close()
                continue
            _Connection(sock, self._handler, self)


class _Connection(QObject):
    def __init__(self, sock: socket.socket, handler: Handler, parent: QObject) -> None:
        super().__init__(parent)
        sock.setblocking(False)
        self._sock = sock
        self._handler = handler
        self._buffer = b""
        self._done = False
        self._timer = make_timer(
            CONNECTION_TIMER, self, TIMEOUT_SECONDS * 1000, single_shot=True,
            on_timeout=self._on_timeout,
        )
        self._timer.start()
        self._notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_ready_read)

    def _on_ready_read(self) -> None:
        if self._done:
            return
        try:
            chunk = self._sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:  # the client went away
            self._finish()
            return
        self._buffer += chunk
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
        try:
            # A reply is a few KiB: the socket's buffer takes it at once; a client that
            # stopped reading gets a second, not the app's attention for longer.
            self._sock.settimeout(1.0)
            self._sock.sendall(encode_reply(reply))
        except OSError as exc:
            log.warning("could not answer a control request: %s", os_reason(exc))
        self._finish()

    def _on_timeout(self) -> None:
        if not self._done:
            log.warning("control client sent no complete request in time; closing")
        self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self._timer.stop()
        self._notifier.setEnabled(False)
        self._sock.close()
        self.deleteLater()
