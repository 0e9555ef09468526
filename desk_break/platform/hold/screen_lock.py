"""Hold breaks while the screen is locked: nobody is there to take them.

Two ways of seeing it, either is enough:
- logind's `LockedHint` on our session (system bus), which GNOME, KDE and most
  lockers set; the session is found with `GetSession("auto")` (our own session,
  or the user's graphical one when we run outside it, e.g. as a user service;
  XDG_SESSION_ID where logind predates "auto"),
  because its signals come from its real path, not from `/session/auto`;
- the screen saver's `GetActive()` / `ActiveChanged(b)` on the session bus:
  `org.gnome.ScreenSaver` (GNOME), `org.freedesktop.ScreenSaver` (KDE and
  others), and xfce4-, mate- and cinnamon-screensaver under their own names.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QObject
from PySide6.QtDBus import QDBusConnection

from desk_break.platform.hold.dbus_watch import (
    AnyOfDetector,
    BoolWatch,
    BusKind,
    DBusBoolDetector,
    SignalRule,
    async_call,
    connect_bus,
    first_bool,
    method_call,
    properties_changed,
    property_get,
    service_present,
)

LOGIND_SERVICE = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER_IFACE = "org.freedesktop.login1.Manager"
LOGIND_SESSION_IFACE = "org.freedesktop.login1.Session"
NO_SUCH_SESSION = "org.freedesktop.login1.NoSuchSession"

GNOME_SCREENSAVER = ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver")
FREEDESKTOP_SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
                           "org.freedesktop.ScreenSaver")
# gnome-screensaver's descendants keep its API under their own names.
SCREENSAVERS = (
    GNOME_SCREENSAVER,
    FREEDESKTOP_SCREENSAVER,
    *((f"org.{d}.ScreenSaver", f"/org/{d}/ScreenSaver", f"org.{d}.ScreenSaver")
      for d in ("xfce", "mate", "cinnamon")),
)


class LogindLocked(DBusBoolDetector):
    """logind's LockedHint on our session (b, with PropertiesChanged)."""

    reason: ClassVar[str] = "screen_locked"
    bus_kind: ClassVar[BusKind] = "system"

    service = LOGIND_SERVICE

    def __init__(self, bus_address: str | None = None, session_id: str | None = None,
                 parent: QObject | None = None) -> None:
        """`session_id` (XDG_SESSION_ID) is asked for if logind is too old to know "auto"."""
        super().__init__(bus_address, parent)
        self._bus: QDBusConnection | None = None
        self._session_path: str | None = None
        self._session_id = session_id

    def start(self) -> bool:
        """True when logind is on the bus; the session is looked up in the background."""
        if self._bus is not None:
            return True
        bus = connect_bus(self.bus_kind, self._address)
        if bus is None or not service_present(bus, self.service):
            return False
        self._bus = bus
        self._look_up("auto")
        return True

    def _look_up(self, name: str) -> None:
        """GetSession(name) -> o; "auto" is ours, or our user's graphical one (systemd 243+)."""
        assert self._bus is not None

        def failed(error: str) -> None:
            # Not in any session (the screen saver may still tell), or an old logind.
            if error == NO_SUCH_SESSION and name == "auto" and self._session_id:
                self._look_up(self._session_id)

        async_call(self._bus, method_call(LOGIND_SERVICE, LOGIND_PATH, LOGIND_MANAGER_IFACE,
                                          "GetSession", name), self._found_session, failed)

    def stop(self) -> None:
        self._bus = None
        super().stop()

    @property
    def session_path(self) -> str | None:
        return self._session_path

    def _found_session(self, args: list[Any]) -> None:
        if self._bus is None or not args or not isinstance(args[0], str):
            return
        path = args[0]
        if self._watch is not None and self._session_path == path:
            self._watch.start()
            return
        watch = BoolWatch(
            self._bus, LOGIND_SERVICE, path,
            read=lambda: property_get(LOGIND_SERVICE, path, LOGIND_SESSION_IFACE, "LockedHint"),
            parse=first_bool, rules=[properties_changed(LOGIND_SESSION_IFACE)],
            on_value=self._set_active, parent=self)
        if watch.start():
            self._session_path = path
            self._watch = watch


class ScreenSaverActive(DBusBoolDetector):
    """A screen saver's GetActive() -> b and ActiveChanged(b), on the session bus."""

    reason: ClassVar[str] = "screen_locked"

    def __init__(self, which: tuple[str, str, str], bus_address: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(bus_address, parent)
        self.service, self.path, self.interface = which

    def make_watch(self, bus: QDBusConnection) -> BoolWatch:
        def changed(args: list[Any]) -> bool | None:
            return first_bool(args)

        return BoolWatch(
            bus, self.service, self.path,
            read=lambda: method_call(self.service, self.path, self.interface, "GetActive"),
            parse=first_bool, rules=[SignalRule(self.interface, "ActiveChanged", changed)],
            on_value=self._set_active, parent=self)


class ScreenLockDetector(AnyOfDetector):
    """The screen is locked, as logind or a screen saver tells."""

    reason: ClassVar[str] = "screen_locked"

    def __init__(self, system_bus_address: str | None = None,
                 session_bus_address: str | None = None, session_id: str | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__([
            LogindLocked(system_bus_address, session_id),
            *(ScreenSaverActive(which, session_bus_address) for which in SCREENSAVERS),
        ], parent)
