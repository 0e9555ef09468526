"""Full screen on GNOME Wayland, where no protocol tells a client about other windows.

What GNOME does expose: a full-screen video, a presentation or a game inhibits
idle (org.gnome.SessionManager `InhibitedActions` has bit 8, "idle"). That is the
signal the issue's GNOME answer rests on, read by `InhibitorWatch` (signals, no
polling); this adapts it to a hold reason.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desk_break.platform.hold.base import HoldDetector
from desk_break.platform.idle.dbus_socket import DBusSocket
from desk_break.platform.idle.inhibitors import InhibitorWatch

SESSION_MANAGER = "org.gnome.SessionManager"


class GnomeIdleInhibitFullscreen(HoldDetector):
    """Holds while something inhibits idle on GNOME (a full-screen video, a talk)."""

    reason = "fullscreen"

    def __init__(self, session_bus: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bus = session_bus
        self._watch = InhibitorWatch(session_bus=session_bus, system_bus=None, parent=self)
        self._watch.changed.connect(self._set_active)

    def start(self) -> bool:
        probe = DBusSocket()
        if not probe.open(self._bus, require_name=SESSION_MANAGER):
            return False  # not GNOME's session manager here
        probe.close()
        self._watch.start()  # its first answer arrives as `changed`
        return True

    def stop(self) -> None:
        self._watch.stop()
        super().stop()

    def check_now(self) -> None:
        self._set_active(self._watch.inhibited())
