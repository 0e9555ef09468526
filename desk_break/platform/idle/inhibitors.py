"""Is an idle inhibitor active (a playing video, a presentation)? Read where exposed.

Whether that counts as presence is the person's setting; this only answers.
- GNOME: `org.gnome.SessionManager` property `InhibitedActions`, bit 8 (idle);
  re-read on its `InhibitorAdded` / `InhibitorRemoved` signals (event-driven).
- KDE: `org.kde.Solid.PowerManagement.PolicyAgent` `ListInhibitions() -> a(ss)`;
  re-read on its `InhibitionsChanged(a(ss) added, as removed)` signal (event-driven).
- logind (system bus): `ListInhibitors() -> a(ssssuu)`, an entry whose `what`
  contains `idle` with mode `block`. logind signals nothing for it: read on demand.
- X11: `XScreenSaverQueryInfo` state is ScreenSaverDisabled (`XScreenSaverSuspend`,
  what X11 video players call): read on demand.
All D-Bus calls are asynchronous (dbus_socket), so `inhibited()` answers from what
is known now and asks the on-demand sources again; `changed` follows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from desk_break.platform.idle.dbus_socket import DBusSocket
from desk_break.platform.idle.x11 import XScreenSaverConnection

GNOME = ("org.gnome.SessionManager", "/org/gnome/SessionManager", "org.gnome.SessionManager")
GNOME_INHIBIT_IDLE = 8
KDE = ("org.kde.Solid.PowerManagement.PolicyAgent",
       "/org/kde/Solid/PowerManagement/PolicyAgent",
       "org.kde.Solid.PowerManagement.PolicyAgent")
LOGIND = ("org.freedesktop.login1", "/org/freedesktop/login1",
          "org.freedesktop.login1.Manager")
PROPERTIES = "org.freedesktop.DBus.Properties"


def logind_blocks_idle(inhibitors: list[tuple[Any, ...]]) -> bool:
    """ListInhibitors entries are (what, who, why, mode, uid, pid); what is a:b:c."""
    return any("idle" in str(entry[0]).split(":") and entry[3] == "block"
               for entry in inhibitors if len(entry) >= 4)


class InhibitorWatch(QObject):
    """Whether any idle inhibitor is active here.

    Signals:
        changed(bool): the answer of `inhibited()` changed.
    """

    changed = Signal(bool)

    def __init__(
        self,
        session_bus: str | None = None,
        system_bus: str | None = "SYSTEM",
        x11_display: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session_address = session_bus
        self._system_address = system_bus
        self._x11_display = x11_display
        self._session: DBusSocket | None = None
        self._system: DBusSocket | None = None
        self._x11: XScreenSaverConnection | None = None
        self._state: dict[str, bool] = {}  # source -> inhibited
        self._last = False

    @property
    def sources(self) -> list[str]:
        """The sources that answered so far (gnome, kde, logind, x11)."""
        return sorted(self._state)

    def start(self) -> None:
        """Connect to what exists here; missing services simply never answer."""
        session = DBusSocket()
        if session.open(self._session_address):
            self._session = session
            session.subscribe(GNOME[0], GNOME[1], GNOME[2], "InhibitorAdded", self._gnome_signal)
            session.subscribe(GNOME[0], GNOME[1], GNOME[2], "InhibitorRemoved",
                              self._gnome_signal)
            session.subscribe(GNOME[0], GNOME[1], PROPERTIES, "PropertiesChanged",
                              self._gnome_signal)
            session.subscribe(KDE[0], KDE[1], KDE[2], "InhibitionsChanged", self._kde_signal)
            self._read_gnome()
            self._read_kde()
        if self._system_address:
            system = DBusSocket()
            if system.open(self._system_address, require_name=LOGIND[0]):
                self._system = system
                self._read_logind()
        if self._x11_display:
            x11 = XScreenSaverConnection(self._x11_display)
            if x11.is_open:
                self._x11 = x11
                self._read_x11()

    def stop(self) -> None:
        for bus in (self._session, self._system):
            if bus is not None:
                bus.close()
        if self._x11 is not None:
            self._x11.close()
        self._x11 = None

    def inhibited(self) -> bool:
        """True when any source says so; also asks the on-demand sources again."""
        self._read_logind()
        self._read_x11()
        return any(self._state.values())

    # ---- sources -----------------------------------------------------------------

    def _set(self, source: str, value: bool) -> None:
        self._state[source] = value
        now = any(self._state.values())
        if now != self._last:
            self._last = now
            self.changed.emit(now)

    def _gnome_signal(self, member: str, body: tuple[Any, ...]) -> None:
        self._read_gnome()

    def _read_gnome(self) -> None:
        if self._session is not None:
            self._session.call(
                GNOME[0], GNOME[1], PROPERTIES, "Get", "ss", (GNOME[2], "InhibitedActions"),
                lambda body: self._set("gnome", bool(int(body[0][1]) & GNOME_INHIBIT_IDLE)),
                lambda error: None)

    def _kde_signal(self, member: str, body: tuple[Any, ...]) -> None:
        self._read_kde()

    def _read_kde(self) -> None:
        if self._session is not None:
            self._session.call(KDE[0], KDE[1], KDE[2], "ListInhibitions", "", (),
                               lambda body: self._set("kde", bool(body[0])),
                               lambda error: None)

    def _read_logind(self) -> None:
        if self._system is not None:
            self._system.call(LOGIND[0], LOGIND[1], LOGIND[2], "ListInhibitors", "", (),
                              lambda body: self._set("logind", logind_blocks_idle(body[0])),
                              lambda error: None)

    def _read_x11(self) -> None:
        if self._x11 is not None:
            disabled = self._x11.screensaver_disabled()
            if disabled is not None:
                self._set("x11", disabled)
