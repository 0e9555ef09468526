"""KDE Plasma and wlroots compositors: `ext-idle-notify-v1`, on a Wayland connection of ours.

PySide6 has no QtWaylandClient bindings, so this opens a second connection to the
compositor through pywayland (libwayland-client; its wheel ships the generated
protocol modules, so no scanner step), watched by a QSocketNotifier: no polling.
One notification per threshold; the compositor sends `idled` when the person has
been idle that long and `resumed` on their next input.

Version 1's `get_idle_notification` honours idle inhibitors (a playing video keeps
the person "present"); version 2's `get_input_idle_notification` ignores them, so
`inhibitors_count_as_presence` picks the request. A compositor with only version 1
gets `get_idle_notification` either way (logged once).

The protocol has no "how long idle now?": `idle_seconds()` knows it only while a
threshold has fired (the stretch began `threshold` seconds before `idled`), else
None. Connecting does one blocking round trip to the compositor; Qt itself is a
client of the same compositor, so a hung compositor would freeze us anyway.
`org.freedesktop.ScreenSaver.GetSessionIdleTime` is no fallback: Plasma on Wayland
answers 0.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier

from desk_break.platform.idle.base import IdleMonitor

log = logging.getLogger(__name__)

NOTIFIER_INTERFACE = "ext_idle_notifier_v1"


class ExtIdleNotifyMonitor(IdleMonitor):
    """Idle time from the compositor's ext-idle-notify-v1 (see module docstring)."""

    source = "ext-idle-notify"

    def __init__(
        self,
        display: str | None = None,
        inhibitors_count_as_presence: bool = True,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.display_name = display
        self.inhibitors_count_as_presence = inhibitors_count_as_presence
        self._monotonic = monotonic
        self._display: Any = None
        self._notifier: Any = None
        self._notifier_version = 0
        self._seat: Any = None
        self._socket: QSocketNotifier | None = None
        self._notifications: list[Any] = []
        self._fired: set[float] = set()
        self._stretch_start: float | None = None

    @property
    def notifier_version(self) -> int:
        return self._notifier_version if self._notifier is not None else 0

    # ---- IdleMonitor -------------------------------------------------------------

    def start(self) -> bool:
        if self._display is not None:
            return True
        if not self.display_name:
            return False
        try:
            return self._connect()
        except Exception as error:  # no pywayland, no compositor, a protocol error
            log.debug("ext-idle-notify not available: %s", error)
            self._disconnect()
            return False

    def stop(self) -> None:
        self._disconnect()
        self._fired.clear()
        self._stretch_start = None

    def idle_seconds(self) -> float | None:
        if self._display is None or self._stretch_start is None:
            return None
        return self._monotonic() - self._stretch_start

    def set_thresholds(self, seconds: Sequence[float]) -> None:
        super().set_thresholds(seconds)
        self._fired &= set(self.thresholds)
        if self._display is not None:
            self._arm()

    @property
    def waiting_for_return(self) -> bool:
        return bool(self._fired)

    # ---- Wayland -----------------------------------------------------------------

    def _connect(self) -> bool:
        from pywayland.client.display import Display
        from pywayland.protocol.ext_idle_notify_v1 import ExtIdleNotifierV1
        from pywayland.protocol.wayland import WlSeat

        display = Display(self.display_name)
        display.connect()
        self._display = display
        found: dict[str, tuple[int, int]] = {}

        def on_global(registry: Any, name: int, interface: str, version: int) -> None:
            if interface in (NOTIFIER_INTERFACE, "wl_seat") and interface not in found:
                found[interface] = (name, version)

        registry = display.get_registry()
        registry.dispatcher["global"] = on_global
        display.roundtrip()
        if NOTIFIER_INTERFACE not in found or "wl_seat" not in found:
            log.debug("compositor lacks %s or wl_seat", NOTIFIER_INTERFACE)
            self._disconnect()
            return False
        name, version = found[NOTIFIER_INTERFACE]
        self._notifier_version = min(version, 2)
        self._notifier = registry.bind(name, ExtIdleNotifierV1, self._notifier_version)
        name, version = found["wl_seat"]
        self._seat = registry.bind(name, WlSeat, 1)
        if not self.inhibitors_count_as_presence and self.notifier_version < 2:
            log.info("ext-idle-notify v1 only: idle inhibitors will count as presence")
        display.roundtrip()
        self._socket = QSocketNotifier(display.get_fd(), QSocketNotifier.Type.Read)
        self._socket.activated.connect(self._readable)
        self._arm()
        return True

    def _disconnect(self) -> None:
        if self._socket is not None:
            self._socket.setEnabled(False)  # not deleted: we may be inside its signal
        self._notifications.clear()
        if self._display is not None:
            try:
                self._display.disconnect()
            except Exception:
                log.debug("Wayland disconnect failed", exc_info=True)
        self._display = None
        self._notifier = None
        self._seat = None

    def _readable(self) -> None:
        if self._display is None:
            return
        try:
            self._display.dispatch(block=True)  # readable: reading will not block
            self._display.flush()
        except Exception as error:
            log.info("ext-idle-notify connection lost: %s", error)
            self._disconnect()

    def _arm(self) -> None:
        """One notification per threshold (old ones destroyed)."""
        for notification in self._notifications:
            notification.destroy()
        self._notifications.clear()
        use_v2 = not self.inhibitors_count_as_presence and self.notifier_version >= 2
        for threshold in self.thresholds:
            timeout_ms = max(1, round(threshold * 1000))
            if use_v2:
                notification = self._notifier.get_input_idle_notification(timeout_ms,
                                                                           self._seat)
            else:
                notification = self._notifier.get_idle_notification(timeout_ms, self._seat)
            notification.dispatcher["idled"] = (
                lambda _n, threshold=threshold: self._idled(threshold))
            notification.dispatcher["resumed"] = lambda _n: self._resumed()
            self._notifications.append(notification)
        self._display.flush()

    def _idled(self, threshold: float) -> None:
        if threshold in self._fired:
            return
        start = self._monotonic() - threshold
        if self._stretch_start is None or start < self._stretch_start:
            self._stretch_start = start
        self._fired.add(threshold)
        self.idle_reached.emit(threshold)

    def _resumed(self) -> None:
        if not self._fired or self._stretch_start is None:
            return  # every notification sends resumed: the first one counts
        away = self._monotonic() - self._stretch_start
        self._fired.clear()
        self._stretch_start = None
        self.became_active.emit(max(0.0, away))
