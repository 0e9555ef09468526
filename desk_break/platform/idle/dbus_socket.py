"""A D-Bus connection of our own, on Qt's event loop, for calls QtDBus cannot make.

PySide6's QtDBus cannot send an unsigned integer: a Python int goes out as `i`
(int32) and QDBusArgument's `<<` picks `q` (uint16), so Mutter refuses
`AddIdleWatch(t)` and `RemoveWatch(u)` ("Type of message (i) does not match (t)").
jeepney (pure Python, no dependencies) marshals by signature; this class runs it
without threads or blocking: the socket is watched by a QSocketNotifier, every
call is asynchronous with a timeout, so a hung service never freezes the UI. Only
connecting and authenticating to the bus daemon itself is synchronous (< 1 ms,
bounded by jeepney's 1 s auth timeout).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import socket
import time
from collections.abc import Callable
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

from desk_break.qt.timers import make_timer

log = logging.getLogger(__name__)

Reply = Callable[[tuple[Any, ...]], None]
Failure = Callable[[str], None]
SignalHandler = Callable[[str, tuple[Any, ...]], None]  # (member, body)

CALL_TIMEOUT_MS = 5000


def _jeepney(module: str = "") -> Any:
    """jeepney (or one of its modules), imported at first use; it ships no type hints."""
    return importlib.import_module(f"jeepney.{module}" if module else "jeepney")


class DBusSocket(QObject):
    """One bus connection: `call(...)` with callbacks, `subscribe(...)` to signals."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sock: socket.socket | None = None
        self._parser: Any = None
        self._serials = count(start=1)
        self._pending: dict[int, tuple[Reply | None, Failure | None]] = {}
        self._deadlines: dict[int, float] = {}  # serial -> monotonic deadline
        # One timer for every pending call's timeout.
        self._timeouts = make_timer("dbus-call-timeouts", self, single_shot=True,
                                    on_timeout=self._expire)
        self._handlers: list[tuple[str, str, SignalHandler]] = []  # (path, interface, f)
        self._notifier: QSocketNotifier | None = None
        self.unique_name = ""

    @property
    def is_open(self) -> bool:
        return self._sock is not None

    def open(self, address: str | None, require_name: str = "") -> bool:
        """Connect to the bus at `address` (None: the session bus); False if we cannot.

        With `require_name`, also False unless that name has an owner now: asked of the
        bus daemon (not of the service, which might hang), with a 1 s bound.
        """
        try:
            message_bus = _jeepney("bus_messages").message_bus
            blocking = _jeepney("io.blocking")
            conn = blocking.open_dbus_connection(bus=address or "SESSION", auth_timeout=1.0)
            if require_name:
                reply = conn.send_and_get_reply(message_bus.NameHasOwner(require_name),
                                                timeout=1.0)
                if not reply.body or not reply.body[0]:
                    conn.close()
                    return False
        except Exception as error:  # no jeepney, no bus, refused: not available here
            log.debug("no D-Bus connection to %s: %s", address, error)
            return False
        conn.selector.close()  # we watch the socket ourselves
        self._sock = conn.sock
        self._sock.setblocking(False)
        self._parser = conn.parser  # it may already hold the start of a message
        self._serials = count(start=next(conn.outgoing_serial))
        self.unique_name = str(conn.unique_name)
        self._notifier = QSocketNotifier(self._sock.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._readable)
        return True

    def close(self) -> None:
        if self._notifier is not None:
            # Disabled, not deleted: close() may run inside the notifier's own signal.
            # It goes with this object (no deleteLater: PySide crashed on that here).
            self._notifier.setEnabled(False)
        if self._sock is not None:
            with contextlib.suppress(OSError):
                self._sock.close()
            self._sock = None
        self._pending.clear()
        self._deadlines.clear()
        self._timeouts.stop()

    # ---- calls and signals -------------------------------------------------------

    def call(
        self,
        service: str,
        path: str,
        interface: str,
        method: str,
        signature: str = "",
        body: tuple[Any, ...] = (),
        on_reply: Reply | None = None,
        on_error: Failure | None = None,
        timeout_ms: int = CALL_TIMEOUT_MS,
    ) -> None:
        """Send a method call; exactly one of the callbacks runs later (error on timeout)."""
        jeepney = _jeepney()
        message = jeepney.new_method_call(jeepney.DBusAddress(path, service, interface),
                                          method, signature or None, body)
        self._send(message, on_reply, on_error, timeout_ms)

    def subscribe(self, sender: str, path: str, interface: str, member: str,
                  handler: SignalHandler) -> None:
        """Ask the bus for these signals and hand each one to `handler`."""
        message_bus = _jeepney("bus_messages").message_bus
        rule = _jeepney().MatchRule(type="signal", sender=sender, path=path, interface=interface,
                         member=member)
        self._handlers.append((path, interface, handler))
        self._send(message_bus.AddMatch(rule), None, None, CALL_TIMEOUT_MS)

    def _send(self, message: Any, on_reply: Reply | None, on_error: Failure | None,
              timeout_ms: int) -> None:
        if self._sock is None:
            if on_error is not None:
                on_error("not connected")
            return
        serial = next(self._serials)
        self._pending[serial] = (on_reply, on_error)
        try:
            self._sock.sendall(message.serialise(serial=serial))
        except OSError as error:
            self._pending.pop(serial, None)
            self._deadlines.pop(serial, None)
            self._lost(str(error))
            if on_error is not None:
                on_error(str(error))
            return
        self._deadlines[serial] = time.monotonic() + timeout_ms / 1000.0
        self._rearm_timeouts()

    def _rearm_timeouts(self) -> None:
        if not self._deadlines:
            self._timeouts.stop()
            return
        wait = min(self._deadlines.values()) - time.monotonic()
        self._timeouts.start(max(0, int(wait * 1000) + 1))

    def _expire(self) -> None:
        now = time.monotonic()
        for serial, deadline in list(self._deadlines.items()):
            if deadline <= now:
                del self._deadlines[serial]
                callbacks = self._pending.pop(serial, None)
                if callbacks is not None and callbacks[1] is not None:
                    callbacks[1]("timeout")
        self._rearm_timeouts()

    # ---- reading -----------------------------------------------------------------

    def _readable(self) -> None:
        if self._sock is None:
            return
        try:
            data = self._sock.recv(65536)
        except BlockingIOError:
            return
        except OSError as error:
            self._lost(str(error))
            return
        if not data:
            self._lost("the bus closed the connection")
            return
        self._parser.add_data(data)
        while self._sock is not None:
            message = self._parser.get_next_message()
            if message is None:
                break
            self._dispatch(message)

    def _dispatch(self, message: Any) -> None:
        jeepney = _jeepney()
        HeaderFields, MessageType = jeepney.HeaderFields, jeepney.MessageType
        header = message.header
        kind = header.message_type
        if kind in (MessageType.method_return, MessageType.error):
            serial = header.fields.get(HeaderFields.reply_serial, -1)
            callbacks = self._pending.pop(serial, None)
            self._deadlines.pop(serial, None)
            if callbacks is None:
                return
            on_reply, on_error = callbacks
            if kind == MessageType.method_return and on_reply is not None:
                on_reply(tuple(message.body))
            elif kind == MessageType.error and on_error is not None:
                on_error(str(header.fields.get(HeaderFields.error_name, "error")))
        elif kind == MessageType.signal:
            path = header.fields.get(HeaderFields.path)
            interface = header.fields.get(HeaderFields.interface)
            member = str(header.fields.get(HeaderFields.member))
            for want_path, want_interface, handler in list(self._handlers):
                if path == want_path and interface == want_interface:
                    handler(member, tuple(message.body))

    def _lost(self, why: str) -> None:
        log.info("D-Bus connection lost: %s", why)
        pending = list(self._pending.values())
        self.close()
        for _, on_error in pending:
            if on_error is not None:
                on_error(why)
