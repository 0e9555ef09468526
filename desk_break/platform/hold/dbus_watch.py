"""Follow one boolean that a D-Bus service exposes, without ever blocking on the service.

Every detector that speaks D-Bus does the same three things: read the value
once, follow the service's signal, and read again when the service restarts
(a new owner of its name). All of it is asynchronous: a hung service leaves the
value where it was; it never freezes the UI. The only blocking calls go to the
bus daemon itself (is the name there?), with a short timeout.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from PySide6.QtCore import SLOT, QCoreApplication, QObject, Slot
from PySide6.QtDBus import (
    QDBus,
    QDBusConnection,
    QDBusError,
    QDBusMessage,
    QDBusObjectPath,
    QDBusServiceWatcher,
    QDBusVariant,
)

from desk_break.platform.hold.base import HoldDetector
from desk_break.qt.timers import call_later

log = logging.getLogger(__name__)

PROPERTIES_IFACE = "org.freedesktop.DBus.Properties"
DAEMON_TIMEOUT_MS = 1000  # the bus daemon answers at once; this only guards a broken bus
CALL_TIMEOUT_MS = 5000

BusKind = Literal["session", "system"]
# What a signal means: the new value, "reread" (ask the service again), or None (not ours).
Verdict = bool | Literal["reread"] | None


def connect_bus(kind: BusKind, address: str | None = None) -> QDBusConnection | None:
    """The session or system bus (or the bus at `address`, for tests); None if unreachable."""
    if address:
        bus = QDBusConnection.connectToBus(address, f"desk-break-hold-{kind}-{address}")
    elif kind == "system":
        bus = QDBusConnection.systemBus()
    else:
        bus = QDBusConnection.sessionBus()
    return bus if bus.isConnected() else None


def service_present(bus: QDBusConnection, name: str) -> bool:
    """Whether `name` has an owner or can be started by the bus (asks only the bus daemon).

    An activatable service counts: at login it may come after us (reads never start
    it; BoolWatch reads once its owner appears).
    """
    for member, args in (("NameHasOwner", [name]), ("ListActivatableNames", [])):
        call = QDBusMessage.createMethodCall(
            "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", member)
        call.setArguments(args)
        reply = bus.call(call, QDBus.CallMode.Block, DAEMON_TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            continue
        answer = reply.arguments()[0]
        if answer is True or (isinstance(answer, list) and name in answer):
            return True
    return False


def slot(signature: str) -> Any:
    """SLOT() as QtDBus wants it: PySide takes the str at run time, its stubs say bytes."""
    return SLOT(signature)


def plain(value: Any) -> Any:
    """A reply argument as plain Python (variants unwrapped, object paths as str)."""
    if isinstance(value, QDBusVariant):
        return plain(value.variant())
    if isinstance(value, QDBusObjectPath):
        return value.path()
    return value


class _Reply(QObject):
    """Receives one asynchronous reply (QDBusConnection.callWithCallback) and hands it on.

    One small object per call, owned by Python and let go once it has answered:
    no watcher objects to deleteLater (PySide crashed deleting those at teardown).
    """

    def __init__(self, on_reply: Callable[[list[Any]], None],
                 on_error: Callable[[str], None] | None, what: str) -> None:
        super().__init__()
        self._on_reply, self._on_error, self._what = on_reply, on_error, what

    @Slot(QDBusMessage)
    def replied(self, message: QDBusMessage) -> None:
        self._done()
        self._on_reply([plain(a) for a in message.arguments()])

    @Slot(QDBusError)
    def failed(self, error: QDBusError) -> None:
        self._done()
        log.debug("%s failed: %s %s", self._what, error.name(), error.message())
        if self._on_error is not None:
            self._on_error(error.name() or "no reply")

    def _done(self) -> None:
        # Let go of it once its own signal has returned, never inside it.
        app = QCoreApplication.instance()
        if app is None:
            _PENDING.discard(self)
            return
        call_later("dbus-reply-release", app, 0, lambda: _PENDING.discard(self))


_PENDING: set[_Reply] = set()  # replies still to come, kept alive until they answer


def async_call(bus: QDBusConnection, message: QDBusMessage,
               on_reply: Callable[[list[Any]], None],
               on_error: Callable[[str], None] | None = None,
               timeout_ms: int = CALL_TIMEOUT_MS) -> None:
    """Send `message`; later call on_reply(plain arguments) or on_error(error name)."""
    receiver = _Reply(on_reply, on_error, f"{message.interface()}.{message.member()}")
    if bus.callWithCallback(message, receiver, slot("replied(QDBusMessage)"),
                            slot("failed(QDBusError)"), timeout_ms):
        _PENDING.add(receiver)
    elif on_error is not None:
        on_error("not sent")


def method_call(service: str, path: str, interface: str, member: str,
                *args: Any) -> QDBusMessage:
    message = QDBusMessage.createMethodCall(service, path, interface, member)
    if args:
        message.setArguments(list(args))
    return message


def property_get(service: str, path: str, interface: str, name: str) -> QDBusMessage:
    return method_call(service, path, PROPERTIES_IFACE, "Get", interface, name)


@dataclass(frozen=True)
class SignalRule:
    """A signal that tells about the value, and what it means (`judge(arguments)`)."""

    interface: str
    member: str
    judge: Callable[[list[Any]], Verdict]


def properties_changed(interface: str) -> SignalRule:
    """PropertiesChanged on `interface` means "read again" (PySide cannot unpack a{sv})."""
    return SignalRule(PROPERTIES_IFACE, "PropertiesChanged",
                      lambda args: "reread" if args and args[0] == interface else None)


class BoolWatch(QObject):
    """Read one boolean, then follow signals, re-reading when the service's owner changes.

    `read` builds the method call that answers the value; `parse` turns its reply
    arguments into a bool (None: unreadable, keep the old value); `errors` maps an
    error the read may answer to the value it means (xfconf's PropertyNotFound: the
    default). `on_value` is called with each value learned, including the first.
    """

    def __init__(self, bus: QDBusConnection, service: str, path: str,
                 read: Callable[[], QDBusMessage], parse: Callable[[list[Any]], bool | None],
                 rules: Sequence[SignalRule], on_value: Callable[[bool], None],
                 parent: QObject | None = None, errors: Mapping[str, bool] | None = None,
                 ) -> None:
        super().__init__(parent)
        self._bus, self._service, self._path = bus, service, path
        self._read, self._parse, self._rules = read, parse, list(rules)
        self._errors = dict(errors or {})
        self._on_value = on_value
        self._subscribed: list[SignalRule] = []
        self._owner = QDBusServiceWatcher(
            service, bus, QDBusServiceWatcher.WatchModeFlag.WatchForOwnerChange, self)
        self._owner.serviceOwnerChanged.connect(self._owner_changed)
        self._generation = 0  # a reply older than the last signal is stale
        self._running = False

    def start(self) -> bool:
        """Subscribe and ask for the value; False if the bus refused the subscription."""
        for rule in self._rules:
            if not self._bus.connect(self._service, self._path, rule.interface, rule.member,
                                     self, slot("_on_signal(QDBusMessage)")):
                self.stop()
                return False
            self._subscribed.append(rule)
        self._running = True
        self.reread()
        return True

    @property
    def running(self) -> bool:
        return self._running

    def stop(self) -> None:
        self._running = False
        self._generation += 1
        for rule in self._subscribed:
            self._bus.disconnect(self._service, self._path, rule.interface, rule.member,
                                 self, slot("_on_signal(QDBusMessage)"))
        self._subscribed.clear()

    def reread(self) -> None:
        if not self._running:
            return
        generation = self._generation

        def learned(value: bool | None) -> None:
            if self._running and generation == self._generation and value is not None:
                self._on_value(value)

        message = self._read()
        # We watch; we never start a service (a notification daemon, a screen saver) that
        # is not running: its owner appearing later is read then.
        message.setAutoStartService(False)
        async_call(self._bus, message, lambda args: learned(self._parse(args)),
                   lambda error: learned(self._errors.get(error)))

    @Slot(QDBusMessage)
    def _on_signal(self, message: QDBusMessage) -> None:
        if not self._running:
            return
        args = [plain(a) for a in message.arguments()]
        for rule in self._subscribed:
            if rule.interface != message.interface() or rule.member != message.member():
                continue
            verdict = rule.judge(args)
            if verdict == "reread":
                self._generation += 1
                self.reread()
            elif isinstance(verdict, bool):
                self._generation += 1
                self._on_value(verdict)

    def _owner_changed(self, _name: str, _old: str, new: str) -> None:
        if not self._running:
            return
        self._generation += 1
        if new:
            self.reread()  # a restarted service: its state may differ
        else:
            self._on_value(False)  # gone: nothing holds breaks on its behalf


class AnyOfDetector(HoldDetector):
    """Active while any of its parts is: one reason, several ways of seeing it."""

    reason: ClassVar[str]

    def __init__(self, parts: Sequence[HoldDetector], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._parts = list(parts)
        self._running: list[HoldDetector] = []
        for part in self._parts:
            part.setParent(self)

    def start(self) -> bool:
        for part in self._parts:
            if part in self._running:
                continue
            if part.start():
                part.changed.connect(self._part_changed)
                self._running.append(part)
        self._part_changed()
        return bool(self._running)

    def stop(self) -> None:
        for part in self._running:
            part.changed.disconnect(self._part_changed)
            part.stop()
        self._running.clear()
        super().stop()

    def check_now(self) -> None:
        for part in self._running:
            part.check_now()

    @property
    def parts(self) -> list[HoldDetector]:
        """The parts that started (for About: which ways of seeing work here)."""
        return list(self._running)

    @property
    def problem(self) -> str | None:
        problems = [p.problem for p in self._parts if p.problem]
        return " ".join(problems) if problems else None

    def _part_changed(self, _active: bool = False) -> None:
        self._set_active(any(p.active() for p in self._running))


class DBusBoolDetector(HoldDetector):
    """A detector whose state is one BoolWatch on one service (see the subclasses)."""

    reason: ClassVar[str]
    bus_kind: ClassVar[BusKind] = "session"
    service: str  # the bus name start() looks for

    def __init__(self, bus_address: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._address = bus_address
        self._watch: BoolWatch | None = None

    def make_watch(self, bus: QDBusConnection) -> BoolWatch:
        raise NotImplementedError

    def start(self) -> bool:
        """True when the service is on the bus; its value then comes in the background."""
        if self._watch is not None and self._watch.running:
            return True
        bus = connect_bus(self.bus_kind, self._address)
        if bus is None or not service_present(bus, self.service):
            return False
        # The watch is made once and kept (a child of this detector) across stop/start:
        # deleting QObjects that PySide also tracks is where crashes come from.
        if self._watch is None:
            self._watch = self.make_watch(bus)
        return self._watch.start()

    def stop(self) -> None:
        if self._watch is not None:
            self._watch.stop()
        super().stop()

    def check_now(self) -> None:
        if self._watch is not None:
            self._watch.reread()


def first_bool(args: list[Any]) -> bool | None:
    """The reply's first argument if it is a bool (what Get and GetActive answer)."""
    return args[0] if args and isinstance(args[0], bool) else None


# ---- org.freedesktop.Notifications: Inhibited (KDE Plasma, and others that follow it) ----

NOTIFICATIONS_SERVICE = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
NOTIFICATIONS_IFACE = "org.freedesktop.Notifications"


class NotificationsInhibited(DBusBoolDetector):
    """The notification server's `Inhibited` property (b).

    Plasma sets it for its do-not-disturb mode and, by default, while a window is
    fullscreen or the screen is shared; so it serves both `desktop_dnd` and, on
    Wayland where no client can see other windows, `fullscreen`.
    """

    service = NOTIFICATIONS_SERVICE

    def make_watch(self, bus: QDBusConnection) -> BoolWatch:
        return BoolWatch(
            bus, NOTIFICATIONS_SERVICE, NOTIFICATIONS_PATH,
            read=lambda: property_get(NOTIFICATIONS_SERVICE, NOTIFICATIONS_PATH,
                                      NOTIFICATIONS_IFACE, "Inhibited"),
            parse=first_bool, rules=[properties_changed(NOTIFICATIONS_IFACE)],
            on_value=self._set_active, parent=self)
