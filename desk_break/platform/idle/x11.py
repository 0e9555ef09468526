"""X11: the MIT-SCREEN-SAVER extension's idle counter, read through ctypes on libXss.

`XScreenSaverQueryInfo` reports milliseconds since the last input the X server saw.
Under Xwayland it sees X11 clients' input only, so the chooser uses this backend
only when the session really is X11. The backend opens its own X connection (not
Qt's), so it works whatever Qt's platform plugin is and never blocks Qt's event
queue; each reading is one round trip to the server.

The same reply's `state` is ScreenSaverDisabled when a client turned the screen
saver off (timeout 0: `xset s off`, what some video players do): see
`screensaver_disabled()`, read by the inhibitor watch. `XScreenSaverSuspend` (what
newer players call) does NOT show there: the server keeps the state as it was
(checked on Xvfb), so on X11 only the D-Bus inhibitors see those players.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from desk_break.platform.idle.base import PollingIdleMonitor

if TYPE_CHECKING:
    from desk_break.platform.idle.x11_sync import XSyncIdleAlarms

SCREEN_SAVER_DISABLED = 3  # XScreenSaverInfo.state: ScreenSaverDisabled (scrnsaver.h)


class XScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("eventMask", ctypes.c_ulong),
    ]


def _load(name: str, soname: str) -> ctypes.CDLL | None:
    path = ctypes.util.find_library(name) or soname
    try:
        return ctypes.CDLL(path)
    except OSError:
        return None


class XScreenSaverConnection:
    """One X connection that answers idle time and screen-saver state."""

    def __init__(self, display: str | None = None) -> None:
        self._x11 = _load("X11", "libX11.so.6")
        self._xss = _load("Xss", "libXss.so.1")
        self._display: int | None = None
        self._root = 0
        self._info = XScreenSaverInfo()
        if self._x11 is None or self._xss is None:
            return
        x11, xss = self._x11, self._xss
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x11.XFlush.argtypes = [ctypes.c_void_p]
        x11.XSetScreenSaver.argtypes = [ctypes.c_void_p] + [ctypes.c_int] * 4
        xss.XScreenSaverQueryExtension.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int)]
        xss.XScreenSaverQueryInfo.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(XScreenSaverInfo)]
        name = display if display is not None else os.environ.get("DISPLAY")
        if not name:
            return
        handle = x11.XOpenDisplay(name.encode())
        if not handle:
            return
        event, error = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(handle, ctypes.byref(event), ctypes.byref(error)):
            x11.XCloseDisplay(handle)
            return
        self._display = handle
        self._root = x11.XDefaultRootWindow(handle)

    @property
    def is_open(self) -> bool:
        return self._display is not None

    def query(self) -> XScreenSaverInfo | None:
        if self._display is None or self._xss is None:
            return None
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root,
                                               ctypes.byref(self._info)):
            return None
        return self._info

    def idle_seconds(self) -> float | None:
        info = self.query()
        return None if info is None else info.idle / 1000.0

    def screensaver_disabled(self) -> bool | None:
        """True when a client suspended the screen saver (a video playing); None unknown."""
        info = self.query()
        return None if info is None else info.state == SCREEN_SAVER_DISABLED

    def set_timeout(self, seconds: int) -> bool:
        """XSetScreenSaver's timeout, as `xset s off` (0) or a player sets it; for tests."""
        if self._display is None or self._x11 is None:
            return False
        self._x11.XSetScreenSaver(self._display, seconds, 0, 2, 2)  # 2: the defaults
        self._x11.XFlush(self._display)
        return True

    def close(self) -> None:
        if self._display is not None and self._x11 is not None:
            self._x11.XCloseDisplay(self._display)
        self._display = None


class X11IdleMonitor(PollingIdleMonitor):
    """Idle time from the X server, polled only when a decision needs it (see base)."""

    source = "x11"

    def __init__(
        self,
        display: str | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(None, monotonic, parent)
        self._display_name = display
        self._conn: XScreenSaverConnection | None = None
        self._alarm: XSyncIdleAlarms | None = None
        self.use_sync_alarm = True  # False: poll for the return (tests compare both)

    def open(self) -> bool:
        conn = XScreenSaverConnection(self._display_name)
        if not conn.is_open:
            return False
        self._conn = conn
        return conn.idle_seconds() is not None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._alarm is not None:
            self._alarm.close()
            self._alarm = None

    def _alarms(self) -> XSyncIdleAlarms | None:
        if not self.use_sync_alarm:
            return None
        if self._alarm is None:
            from desk_break.platform.idle.x11_sync import XSyncIdleAlarms

            name = self._display_name or os.environ.get("DISPLAY", "")
            alarm = XSyncIdleAlarms(name, lambda idle_ms: self.check_now(
                None if idle_ms is None else idle_ms / 1000.0))
            if not alarm.is_open:
                self.use_sync_alarm = False
                return None
            self._alarm = alarm
        return self._alarm

    def watch_thresholds(self, thresholds: tuple[float, ...]) -> bool:
        """SYNC alarms at each threshold: no wakeups at all while someone types."""
        alarms = self._alarms()
        if alarms is None:
            return False
        wanted = sorted(round(t * 1000) for t in thresholds)
        return alarms.thresholds_ms == wanted or alarms.set_thresholds(wanted)

    def watch_for_return(self, idle: float) -> bool:
        """A SYNC alarm on the first input: no polling while nobody is there."""
        alarms = self._alarms()
        return alarms is not None and alarms.arm(int(idle * 1000))

    def unwatch_return(self) -> None:
        if self._alarm is not None:
            self._alarm.disarm()

    def read_idle(self) -> float | None:
        return self._conn.idle_seconds() if self._conn is not None else None
