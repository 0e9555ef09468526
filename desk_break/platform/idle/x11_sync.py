"""X11: thresholds and the person's return as events, from SYNC's IDLETIME counter.

Polling the screen-saver counter costs a wakeup and a round trip each time: every
2 s while someone types (the typing-pause threshold) and every second or so while
nobody is there. Instead the server is given alarms on its IDLETIME counter:
- one per threshold, PositiveTransition at the threshold: XSyncAlarmNotify each
  time idleness reaches it (it stays active, like Mutter's idle watches; a
  threshold already passed when armed waits for the next stretch, so the monitor
  reads the counter once after arming);
- once a threshold has fired, a return alarm, NegativeComparison below the idle
  time now: it fires on the first input, or at once if that already happened, and
  then goes inactive (delta 0), so it fires once.
This is what KDE's KIdleTime and older Mutter did. Its own X connection, watched
by a QSocketNotifier; any alarm calls `on_alarm(idle_ms)`: 0 after a return (no
round trip needed), None after a crossing (the monitor reads the counter).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable

from PySide6.QtCore import QSocketNotifier

from desk_break.platform.idle.x11 import _load
from desk_break.qt.timers import make_timer

SYNC_ALARM_NOTIFY = 1  # event_base + XSyncAlarmNotify
ALARM_DESTROYED = 2  # XSyncAlarmDestroyed: the notify that destroying an alarm sends
ABSOLUTE = 0  # XSyncAbsolute
POSITIVE_TRANSITION = 0  # XSyncPositiveTransition
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


class XSyncIdleAlarms:
    """Calls `on_alarm(idle_ms)` when a threshold alarm or the return alarm fires."""

    def __init__(self, display: str, on_alarm: Callable[[int | None], None]) -> None:
        self._on_alarm = on_alarm
        self._threshold_alarms: dict[int, int] = {}  # alarm -> threshold ms
        self._x11 = _load("X11", "libX11.so.6")
        self._ext = _load("Xext", "libXext.so.6")
        self._display: int | None = None
        self._counter = 0
        self._alarm = 0
        self._event_base = 0
        self._notifier: QSocketNotifier | None = None
        # Xlib may read our event off the socket during another call, leaving the
        # notifier nothing to see: the queue is drained on the next turn of the loop
        # after every change (without it a return was missed here, on Xvfb; a 0 ms
        # timer in the same loop turn costs no context switch).
        self._drain = make_timer("xsync-drain", None, 0, single_shot=True,
                                 on_timeout=self._readable)
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
        x11.XEventsQueued.argtypes = [ctypes.c_void_p, ctypes.c_int]
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
        ext.XSyncChangeAlarm.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong,
                                         ctypes.POINTER(XSyncAlarmAttributes)]
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

    @property
    def thresholds_ms(self) -> list[int]:
        return sorted(self._threshold_alarms.values())

    def set_thresholds(self, thresholds_ms: list[int]) -> bool:
        """One PositiveTransition alarm per threshold (replacing the old ones)."""
        if self._display is None:
            return False
        for alarm in self._threshold_alarms:
            self._destroy(alarm)
        self._threshold_alarms = {}
        for ms in thresholds_ms:
            alarm = self._create(ms, POSITIVE_TRANSITION)
            if not alarm:
                return False
            self._threshold_alarms[alarm] = ms
        self._flush()
        return True

    def arm(self, idle_ms: int) -> bool:
        """Fire once on the first input from now: when IDLETIME drops below `idle_ms`.

        The same alarm is changed, not destroyed and made anew: destroying one makes
        the server send a notify, a wakeup for nothing."""
        if self._display is None or self._ext is None:
            return False
        if self._alarm:
            attrs, mask = self._attributes(idle_ms, NEGATIVE_COMPARISON)
            self._ext.XSyncChangeAlarm(self._display, self._alarm, mask, ctypes.byref(attrs))
        else:
            self._alarm = self._create(idle_ms, NEGATIVE_COMPARISON)
        self._flush()
        return bool(self._alarm)

    def disarm(self) -> None:
        if self._alarm:
            self._destroy(self._alarm)
            self._flush()
        self._alarm = 0

    def _create(self, ms: int, test_type: int) -> int:
        assert self._ext is not None
        attrs, mask = self._attributes(ms, test_type)
        return int(self._ext.XSyncCreateAlarm(self._display, mask, ctypes.byref(attrs)))

    def _attributes(self, ms: int, test_type: int) -> tuple[XSyncAlarmAttributes, int]:
        attrs = XSyncAlarmAttributes()
        attrs.trigger.counter = self._counter
        attrs.trigger.value_type = ABSOLUTE
        attrs.trigger.wait_value = XSyncValue(0, max(1, min(ms, 0xFFFFFFFF)))
        attrs.trigger.test_type = test_type
        attrs.delta = XSyncValue(0, 0)
        attrs.events = 1
        mask = CA_COUNTER | CA_VALUE_TYPE | CA_VALUE | CA_TEST_TYPE | CA_DELTA | CA_EVENTS
        return attrs, mask

    def _destroy(self, alarm: int) -> None:
        if self._display is not None and self._ext is not None:
            self._ext.XSyncDestroyAlarm(self._display, alarm)

    def _flush(self) -> None:
        if self._display is not None and self._x11 is not None:
            self._x11.XFlush(self._display)
            self._drain.start()

    def close(self) -> None:
        self.disarm()
        for alarm in self._threshold_alarms:
            self._destroy(alarm)
        self._threshold_alarms = {}
        self._drain.stop()
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._display is not None and self._x11 is not None:
            self._x11.XCloseDisplay(self._display)
        self._display = None

    def _readable(self) -> None:
        if self._display is None or self._x11 is None:
            return
        returned = crossed = False
        event = XEvent()
        while self._display is not None and self._x11.XPending(self._display):
            self._x11.XNextEvent(self._display, ctypes.byref(event))
            if (event.type != self._event_base + SYNC_ALARM_NOTIFY
                    or event.alarm.state == ALARM_DESTROYED):
                continue  # destroying an alarm sends a notify too
            if self._alarm and event.alarm.alarm == self._alarm:
                returned = True
            elif event.alarm.alarm in self._threshold_alarms:
                crossed = True
        # A fired return alarm is inactive until arm() again. After a return the idle
        # time is ~0, no need to ask; after a crossing the monitor reads it, because
        # the event's counter value is as old as the event (the stretch is dated by it).
        if returned:
            self._on_alarm(0)
        elif crossed:
            self._on_alarm(None)
