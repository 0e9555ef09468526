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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

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
    shown,
)
from desk_break.paths import UnusablePath, ensure_private_dir, os_reason
from desk_break.qt.timers import make_timer

log = logging.getLogger(__name__)

Handler = Callable[[Request], Reply]


def dispatch(handler: Handler, line: bytes) -> Reply:
    """One request line to its reply; whatever the line or the handler does, a reply."""
    try:
        request = decode_request(line)
    except ProtocolError as exc:
        log.warning("malformed control request: %s", exc)
        return Reply(False, code=BAD_REQUEST, error=str(exc))
    except Exception as exc:  # the decoder's own bug: still an answer
        log.exception("control request could not be decoded")
        return Reply(False, code=BAD_REQUEST, error=f"cannot read the request ({shown(exc)})")
    try:
        return handler(request)
    except Exception as exc:  # the app keeps running whatever a request does
        log.exception("control request %s failed", request.cmd)
        return Reply(False, code=INTERNAL, error=f"{type(exc).__name__}: {shown(str(exc))}")


class _Closable(Protocol):
    def close(self) -> None: ...


def make_room(open_connections: Sequence[_Closable], evicting: bool) -> bool:
    """Past MAX_CONNECTIONS, close the oldest client so a new one is served (an idle or
    slow script never locks anyone out). Says so in the log once per flood; returns
    whether a flood is on."""
    if len(open_connections) < MAX_CONNECTIONS:
        return evicting
    if not evicting:
        log.warning(
            "more than %d control connections open; closing the oldest ones "
            "to serve new clients", MAX_CONNECTIONS,
        )
    open_connections[0].close()
    return True


def reply_bytes(reply: Reply) -> bytes:
    """The reply as sent; one that cannot be encoded (too long, not JSON) is an error."""
    try:
        return encode_reply(reply)
    except (ProtocolError, TypeError, ValueError) as exc:
        log.error("control reply could not be sent: %s", exc)
        return encode_reply(Reply(False, code=INTERNAL, error="the reply could not be sent"))
# Open at once. A new client beyond this evicts the oldest one still open (a script that
# leaks idle connections, a slow sender), so whoever asks now is served; the cap only
# keeps a flood from using up our file descriptors (with none left, accept() fails and
# the app would go deaf). Each lives at most TIMEOUT_SECONDS.
MAX_CONNECTIONS = 64
LISTEN_BACKLOG = 256  # 200 clients connecting in the same instant all get in line
ACCEPT_PER_TURN = 16
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
    QLocalServer (qt_local.py), with the same rules.
    """

    def __init__(self, socket_path: Path, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = socket_path
        self._handler = handler
        self._listener: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._qt: QObject | None = None  # qt_local.QtControlServer, where no Unix sockets
        self._open: list[_Connection] = []  # oldest first
        self._evicting = False  # said once per flood in the log

    def listen(self) -> None:
        """Listen; AlreadyRunning if a live instance answers, UnusablePath if the path cannot be."""
        name = str(self._path)
        if os.name != "posix":  # pragma: no cover - Windows
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
            listener.listen(LISTEN_BACKLOG)
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
        server.listen()
        self._qt = server

    def close(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            # Ours, and closed (as QLocalServer.close() does): the next start need not probe it.
            with contextlib.suppress(OSError):
                self._path.unlink()
        if self._qt is not None:  # pragma: no cover - Windows
            self._qt.close()  # type: ignore[attr-defined]

    @property
    def open_connections(self) -> int:
        if self._qt is not None:  # pragma: no cover - Windows
            return int(self._qt.open_connections)  # type: ignore[attr-defined]
        return len(self._open)

    def _on_new_connection(self) -> None:
        # A few per turn of the event loop (as QLocalServer's pending queue does): the
        # clients already taken in are answered before more are let in, so a burst of
        # 200 is served in turns instead of evicting its own first comers.
        for _ in range(ACCEPT_PER_TURN):
            if self._listener is None:
                return
            try:
                sock, _address = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as exc:  # e.g. out of file descriptors: the next client retries
                log.warning("could not accept a control connection: %s", os_reason(exc))
                return
            self._evicting = make_room(self._open, self._evicting)
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

    Nothing a client sends or does makes a slot raise: every line gets a reply. A
    client that half-closes after a whole line is answered; one whose input ends
    without a newline is dropped (its place freed at once), as before on QLocalSocket.
    """

    def __init__(
        self,
        sock: socket.socket,
        handler: Handler,
        parent: QObject,
        on_finished: Callable[[_Connection], None],
    ) -> None:
        super().__init__(parent)
        sock.setblocking(False)
        self._sock = sock
        self._handler = handler
        self._on_finished = on_finished
        self._buffer = bytearray()
        self._answered = False
        self.finished = False
        self._timer = make_timer(
            CONNECTION_TIMER, self, TIMEOUT_SECONDS * 1000, single_shot=True,
            on_timeout=self._on_timeout,
        )
        self._timer.start()
        self._notifier = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_ready_read)

    def _on_ready_read(self) -> None:
        if self._answered or self.finished:
            return
        try:
            # Never more than a line's worth: a 10 MB line costs us 64 KiB, and the
            # sender is answered and dropped there.
            room = MAX_LINE_BYTES + 1 - len(self._buffer)
            try:
                chunk = self._sock.recv(max(room, 1))
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                chunk = b""
            self._buffer += chunk
            end = self._buffer.find(b"\n")
            if end >= 0:
                self._reply(dispatch(self._handler, bytes(self._buffer[:end])))
            elif len(self._buffer) > MAX_LINE_BYTES:
                log.warning("control request longer than %d bytes; closing", MAX_LINE_BYTES)
                self._reply(Reply(False, code=BAD_REQUEST, error="request too long"))
            elif not chunk and self._buffer.strip():
                # Half-closed after its request without the newline (`printf … | nc -N`):
                # the end of input ends the line, and the client can still read.
                self._reply(dispatch(self._handler, bytes(self._buffer)))
            elif not chunk:  # the client went away before sending anything
                self._finish()
        except Exception:  # a bug here must not take the app down with it
            log.exception("control connection failed")
            self.close()

    def _reply(self, reply: Reply) -> None:
        self._answered = True
        data = reply_bytes(reply)
        try:
            # A reply fits the socket's buffer at once; a client that stopped reading
            # costs us a second at most, not the app's attention.
            self._sock.settimeout(1.0)
            self._sock.sendall(data)
        except OSError as exc:
            log.warning("could not answer a control request: %s", os_reason(exc))
        self._finish()

    def _on_timeout(self) -> None:
        if not self._answered:
            log.warning("control client sent no complete request in time; closing")
        self.close()

    def close(self) -> None:
        """Drop the client now (timed out, or evicted for a newer one)."""
        self._finish()

    def _finish(self) -> None:
        if self.finished:
            return
        self.finished = True
        self._timer.stop()
        self._notifier.setEnabled(False)
        self._on_finished(self)
        with contextlib.suppress(OSError):
            self._sock.close()
        self.deleteLater()
