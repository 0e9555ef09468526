"""X11: the person's return as an event, from the SYNC extension's IDLETIME counter.

Polling the screen-saver counter to spot a return costs a wakeup and a round trip
every second or so while nobody is there. Instead, once a threshold has fired, one
alarm is set on the server's IDLETIME counter with a NegativeComparison test
("idle time below what it is now"): the server sends XSyncAlarmNotify on the first
input, or at once if it already happened. With delta 0 the alarm then goes
inactive, so it fires once. This is what KDE's KIdleTime and older Mutter did.
Its own X connection, watched by a QSocketNotifier.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier, QTimer

from desk_break.platform.idle.x11 import _load

SYNC_ALARM_NOTIFY = 1  # event_base + XSyncAlarmNotify
ALARM_DESTROYED = 2  # XSyncAlarmDestroyed: the notify that destroying an alarm sends
ABSOLUTE = 0  # XSyncAbsolute
NEGATIVE_COMPARISON = 3  # XSyncNegativeComparison
CA_COUNTER, CA_VALUE_TYPE, CA_VALUE, CA_TEST_TYPE, CA_DELTA, CA_EVENTS = (
    1 << 0, 1 << 1, 1 << 2, 1 << 3, 1 << 4, 1 << 5)


class XSyncValue(ctypes.Structure):
    _fields_ = [("hi", ctypes.c_int), ("lo", ctypes.c_uint)]


class XSyncSystemCounter(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p), ("counter", ctypes.c_ulong), ("resolution", XSyncValue)]


class XSyncTrigger(ctypes.Structure):
    _fields_ = [
        ("counter", ctypes.c_ulong), ("value_type", ctypes.c_int),
        ("wait_value", XSyncValue), ("test_type", ctypes.c_int)]


class XSyncAlarmAttributes(ctypes.Structure):
    _fields_ = [
        ("trigger", XSyncTrigger), ("delta", XSyncValue), ("events", ctypes.c_int),
        ("state", ctypes.c_int)]


class XSyncAlarmNotifyEvent(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int), ("serial", ctypes.c_ulong), ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p), ("alarm", ctypes.c_ulong),
        ("counter_value", XSyncValue), ("alarm_value", XSyncValue), ("time", ctypes.c_ulong),
        ("state", ctypes.c_int)]


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("alarm", XSyncAlarmNotifyEvent),
                ("pad", ctypes.c_long * 24)]


class XSyncReturnAlarm:
    """Calls `on_return()` once, on the first input after `arm()`."""

    def __init__(self, display: str, on_return: Callable[[], None]) -> None:
        self._on_return = on_return
        self._x11 = _load("X11", "libX11.so.6")
        self._ext = _load("Xext", "libXext.so.6")
        self._display: int | None = None
        self._counter = 0
        self._alarm = 0
        self._event_base = 0
        self._notifier: QSocketNotifier | None = None
        # Xlib may read our event off the socket during another call (XFlush, XPending),
        # leaving the notifier nothing to see: look at Xlib's queue after each arm too.
        self._drain = QTimer()
        self._drain.setObjectName("xsync-drain")
        self._drain.setSingleShot(True)
        self._drain.setInterval(0)
        self._drain.timeout.connect(self._readable)
        if self._x11 is None or self._ext is None:
            return
        x11, ext = self._x11, self._ext
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x11.XPending.argtypes = [ctypes.c_void_p]
        x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
        x11.XFlush.argtypes = [ctypes.c_void_p]
        x11.XFree.argtypes = [ctypes.c_void_p]
        ext.XSyncQueryExtension.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                            ctypes.POINTER(ctypes.c_int)]
        ext.XSyncInitialize.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                        ctypes.POINTER(ctypes.c_int)]
        ext.XSyncListSystemCounters.restype = ctypes.POINTER(XSyncSystemCounter)
        ext.XSyncListSystemCounters.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        ext.XSyncFreeSystemCounterList.argtypes = [ctypes.POINTER(XSyncSystemCounter)]
        ext.XSyncCreateAlarm.restype = ctypes.c_ulong
        ext.XSyncCreateAlarm.argtypes = [ctypes.c_void_p, ctypes.c_ulong,
                                         ctypes.POINTER(XSyncAlarmAttributes)]
        ext.XSyncDestroyAlarm.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        handle = x11.XOpenDisplay(display.encode())
        if not handle:
            return
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        major, minor = ctypes.c_int(), ctypes.c_int()
        if not (ext.XSyncQueryExtension(handle, ctypes.byref(event_base),
                                        ctypes.byref(error_base))
                and ext.XSyncInitialize(handle, ctypes.byref(major), ctypes.byref(minor))):
            x11.XCloseDisplay(handle)
            return
        count = ctypes.c_int()
        counters = ext.XSyncListSystemCounters(handle, ctypes.byref(count))
        for i in range(count.value if counters else 0):
            if counters[i].name == b"IDLETIME":
                self._counter = int(counters[i].counter)
        if counters:
            ext.XSyncFreeSystemCounterList(counters)
        if not self._counter:
            x11.XCloseDisplay(handle)
            return
        self._display = handle
        self._event_base = event_base.value
        self._notifier = QSocketNotifier(x11.XConnectionNumber(handle),
                                         QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._readable)

    @property
    def is_open(self) -> bool:
        return self._display is not None

    def arm(self, idle_ms: int) -> bool:
        """Fire on the first input from now: when IDLETIME drops below `idle_ms`."""
        if self._display is None or self._ext is None or self._x11 is None:
            return False
        self.disarm()
        attrs = XSyncAlarmAttributes()
        attrs.trigger.counter = self._counter
        attrs.trigger.value_type = ABSOLUTE
        attrs.trigger.wait_value = XSyncValue(0, max(1, min(idle_ms, 0xFFFFFFFF)))
        attrs.trigger.test_type = NEGATIVE_COMPARISON
        attrs.delta = XSyncValue(0, 0)
        attrs.events = 1
        mask = CA_COUNTER | CA_VALUE_TYPE | CA_VALUE | CA_TEST_TYPE | CA_DELTA | CA_EVENTS
        self._alarm = int(self._ext.XSyncCreateAlarm(self._display, mask, ctypes.byref(attrs)))
        self._x11.XFlush(self._display)
        self._drain.start()
        return bool(self._alarm)

    def disarm(self) -> None:
        if self._alarm and self._display is not None and self._ext is not None:
            self._ext.XSyncDestroyAlarm(self._display, self._alarm)
            if self._x11 is not None:
                self._x11.XFlush(self._display)
        self._alarm = 0

    def close(self) -> None:
        self.disarm()
        self._drain.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._display is not None and self._x11 is not None:
            self._x11.XCloseDisplay(self._display)
        self._display = None

    def _readable(self) -> None:
        if self._display is None or self._x11 is None:
            return
        fired = False
        event = XEvent()
        while self._display is not None and self._x11.XPending(self._display):
            self._x11.XNextEvent(self._display, ctypes.byref(event))
            if (event.type == self._event_base + SYNC_ALARM_NOTIFY
                    and event.alarm.alarm == self._alarm
                    and event.alarm.state != ALARM_DESTROYED):
                fired = True
        if fired and self._alarm:
            self._alarm_fired()

    def _alarm_fired(self) -> None:
        self.disarm()  # inactive after firing already; destroy it so it is not reused
        self._on_return()
