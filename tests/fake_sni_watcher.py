"""A small StatusNotifierWatcher and host, speaking the real D-Bus protocol, in its own process.

KDE Plasma and GNOME's AppIndicator extension show tray icons through the
StatusNotifierItem protocol instead of XEmbed: a watcher owns the bus name
`org.kde.StatusNotifierWatcher`, apps register their items with it, and a host
(the panel) reads each item's properties. Neither desktop runs in the tests, so
this stands in for both, on whatever session bus DBUS_SESSION_BUS_ADDRESS names:

    python tests/fake_sni_watcher.py --log events.jsonl [--no-host]

It exports /StatusNotifierWatcher with the interface `org.kde.StatusNotifierWatcher`
(methods RegisterStatusNotifierItem(s), RegisterStatusNotifierHost(s); properties
RegisteredStatusNotifierItems (as), IsStatusNotifierHostRegistered (b),
ProtocolVersion (i); signals StatusNotifierItemRegistered(s),
StatusNotifierItemUnregistered(s), StatusNotifierHostRegistered()), then owns the
watcher's name, so a client that sees the name finds the object ready. Unless
--no-host, it also registers itself as the host, as a panel would.

Each thing that happens is appended to the log as one JSON object a line
(`ready`, `call`, `item_registered`, `item_unregistered`), so a test can wait on it.
The items' own properties are read by the test over D-Bus, as a host would.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtDBus import (
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
    QDBusServiceWatcher,
    QDBusVariant,
    QDBusVirtualObject,
)

WATCHER_SERVICE = "org.kde.StatusNotifierWatcher"
WATCHER_PATH = "/StatusNotifierWatcher"
WATCHER_IFACE = "org.kde.StatusNotifierWatcher"
PROPERTIES_IFACE = "org.freedesktop.DBus.Properties"
ITEM_PATH = "/StatusNotifierItem"  # the spec's default when an item registers by bus name
PROTOCOL_VERSION = 0

INTROSPECTION = f"""\
  <interface name="{WATCHER_IFACE}">
    <method name="RegisterStatusNotifierItem"><arg name="service" type="s" direction="in"/></method>
    <method name="RegisterStatusNotifierHost"><arg name="service" type="s" direction="in"/></method>
    <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
    <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
    <property name="ProtocolVersion" type="i" access="read"/>
    <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
    <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
    <signal name="StatusNotifierHostRegistered"/>
  </interface>
  <interface name="{PROPERTIES_IFACE}">
    <method name="Get">
      <arg name="interface_name" type="s" direction="in"/>
      <arg name="property_name" type="s" direction="in"/>
      <arg name="value" type="v" direction="out"/>
    </method>
    <method name="GetAll">
      <arg name="interface_name" type="s" direction="in"/>
      <arg name="properties" type="a{{sv}}" direction="out"/>
    </method>
  </interface>
"""
INTROSPECTION_DOCUMENT = (
    '<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN"\n'
    '"http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">\n'
    f"<node>\n{INTROSPECTION}</node>\n"
)


def string_array(strings: list[str]) -> QDBusArgument:
    """D-Bus "as" (PySide turns a plain list into "av", even an empty one)."""
    arg = QDBusArgument()
    arg << list(strings)
    return arg


class Watcher(QDBusVirtualObject):
    """Handles every message sent to /StatusNotifierWatcher by hand, as the spec reads."""

    def __init__(self, bus: QDBusConnection, log: Path) -> None:
        super().__init__()
        self.bus = bus
        self.log_path = log
        self.items: list[str] = []  # "service/path", as KDE's watcher lists them
        self.owners: dict[str, str] = {}  # item -> the unique name that owns it
        self.hosts: list[str] = []
        self.gone = QDBusServiceWatcher()
        self.gone.setConnection(bus)
        self.gone.setWatchMode(QDBusServiceWatcher.WatchModeFlag.WatchForUnregistration)
        self.gone.serviceUnregistered.connect(self.owner_left)

    # ---- log ------------------------------------------------------------------

    def log(self, event: str, **fields: object) -> None:
        with self.log_path.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"event": event, **fields}) + "\n")

    # ---- QDBusVirtualObject ------------------------------------------------------

    def introspect(self, path: str) -> str:
        return INTROSPECTION

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        iface, member, args = message.interface(), message.member(), message.arguments()
        self.log("call", interface=iface, member=member, args=[str(a) for a in args],
                 sender=message.service())
        if iface == "org.freedesktop.DBus.Introspectable" and member == "Introspect":
            return self._reply(message, [INTROSPECTION_DOCUMENT])
        if iface in (WATCHER_IFACE, "") and member == "RegisterStatusNotifierItem":
            return self._register_item(message, str(args[0]) if args else "")
        if iface in (WATCHER_IFACE, "") and member == "RegisterStatusNotifierHost":
            self._register_host(str(args[0]) if args else message.service())
            return self._reply(message, [])
        if iface == PROPERTIES_IFACE and member == "Get" and len(args) == 2:
            props = self._properties()
            if args[0] != WATCHER_IFACE or args[1] not in props:
                return self._error(message, "org.freedesktop.DBus.Error.UnknownProperty",
                                   f"no property {args[0]}.{args[1]}")
            return self._reply(message, [QDBusVariant(props[args[1]])])
        if iface == PROPERTIES_IFACE and member == "GetAll" and args:
            props = self._properties() if args[0] == WATCHER_IFACE else {}
            return self._reply(message, [props])  # a{sv}: Qt wraps each value in a variant
        if iface == PROPERTIES_IFACE and member == "Set":
            return self._error(message, "org.freedesktop.DBus.Error.PropertyReadOnly",
                               "the watcher's properties are read-only")
        return self._error(message, "org.freedesktop.DBus.Error.UnknownMethod",
                           f"no method {iface}.{member}")

    # ---- the protocol -------------------------------------------------------------

    def _properties(self) -> dict[str, object]:
        return {
            "RegisteredStatusNotifierItems": string_array(self.items),
            "IsStatusNotifierHostRegistered": bool(self.hosts),
            "ProtocolVersion": PROTOCOL_VERSION,
        }

    def _register_item(self, message: QDBusMessage, arg: str) -> bool:
        # The spec: the argument is a bus name (the item is at /StatusNotifierItem) or,
        # as some libraries send, an object path on the caller's own connection.
        if arg.startswith("/"):
            service, path = message.service(), arg
        else:
            service, path = arg or message.service(), ITEM_PATH
        owner = self._owner_of(service)
        if not owner:
            return self._error(message, "org.freedesktop.DBus.Error.InvalidArgs",
                               f"{service} is not on the bus")
        item = f"{service}{path}"
        if item not in self.items:
            self.items.append(item)
            self.owners[item] = owner
            self.gone.addWatchedService(owner)
            self._emit("StatusNotifierItemRegistered", [item])
            self.log("item_registered", item=item, service=service, path=path, owner=owner,
                     pid=self._pid_of(owner))
        return self._reply(message, [])

    def _register_host(self, service: str) -> None:
        if service not in self.hosts:
            self.hosts.append(service)
            self._emit("StatusNotifierHostRegistered", [])

    def owner_left(self, name: str) -> None:
        """An item whose owner left the bus is gone: tell the host, as the real watchers do."""
        for item, owner in list(self.owners.items()):
            if name == owner:
                self.items.remove(item)
                del self.owners[item]
                self._emit("StatusNotifierItemUnregistered", [item])
                self.log("item_unregistered", item=item)

    # ---- D-Bus plumbing -------------------------------------------------------------

    def _owner_of(self, service: str) -> str:
        if service.startswith(":"):
            return service
        reply = self.bus.interface().serviceOwner(service)
        return reply.value() if reply.isValid() else ""

    def _pid_of(self, owner: str) -> int:
        reply = self.bus.interface().servicePid(owner)
        return int(reply.value()) if reply.isValid() else 0

    def _emit(self, name: str, args: list[object]) -> None:
        signal_ = QDBusMessage.createSignal(WATCHER_PATH, WATCHER_IFACE, name)
        signal_.setArguments(args)
        self.bus.send(signal_)

    def _reply(self, message: QDBusMessage, args: list[object]) -> bool:
        reply = message.createReply()
        reply.setArguments(args)  # createReply(list) would send one array of variants
        self.bus.send(reply)
        return True

    def _error(self, message: QDBusMessage, name: str, text: str) -> bool:
        self.bus.send(message.createErrorReply(name, text))
        return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", type=Path, required=True, help="JSON-lines event log")
    parser.add_argument("--no-host", action="store_true", help="do not register a host")
    options = parser.parse_args(argv)

    app = QCoreApplication(sys.argv[:1])
    bus = QDBusConnection.sessionBus()
    if not bus.isConnected():
        print(f"no session bus: {bus.lastError().message()}", file=sys.stderr)
        return 1
    watcher = Watcher(bus, options.log)
    if not bus.registerVirtualObject(WATCHER_PATH, watcher):
        print(f"cannot export {WATCHER_PATH}: {bus.lastError().message()}", file=sys.stderr)
        return 1
    if not bus.registerService(WATCHER_SERVICE):
        print(f"cannot own {WATCHER_SERVICE}: {bus.lastError().message()}", file=sys.stderr)
        return 1
    if not options.no_host:
        host = f"org.kde.StatusNotifierHost-{os.getpid()}"
        bus.registerService(host)
        watcher._register_host(host)
    watcher.log("ready", unique_name=bus.baseService(), pid=os.getpid(),
                host=not options.no_host)

    # Quit cleanly on SIGTERM: Python only runs signal handlers between Qt events.
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    tick = QTimer()
    tick.start(200)
    tick.timeout.connect(lambda: None)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
