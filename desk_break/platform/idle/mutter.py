"""GNOME (Wayland and X11): `org.gnome.Mutter.IdleMonitor` watches on the session bus.

No polling: `AddIdleWatch(t interval_ms) -> u` fires `WatchFired(u)` each time the
person has been idle that long, `AddUserActiveWatch() -> u` fires once on the next
input. Every call is asynchronous (see dbus_socket: QtDBus cannot send the `t`
and `u` arguments), so a hung Mutter never freezes the UI.

Quirks handled here:
- an idle watch added while the person is already idle fires at once (e.g. right
  after a break): a firing that soon after the watch was added is checked against
  `GetIdletime`, which dates the start of the stretch (later firings need no call:
  idle is the threshold then); a threshold fires once per stretch, whatever Mutter
  does;
- the user-active watch is added as the first threshold fires; input in the
  millisecond before Mutter has it is seen at the next input instead;
- Mutter restarting (or appearing late) re-arms every watch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject

from desk_break.platform.idle.base import IdleMonitor
from desk_break.platform.idle.dbus_socket import DBusSocket

SERVICE = "org.gnome.Mutter.IdleMonitor"
PATH = "/org/gnome/Mutter/IdleMonitor/Core"
INTERFACE = "org.gnome.Mutter.IdleMonitor"
# An idle watch whose GetIdletime reading is this far below its threshold is stale:
# the person came back between the watch firing and the reading.
STALE_SLACK = 0.25


class MutterIdleMonitor(IdleMonitor):
    """Idle time from GNOME's compositor, event-driven (see module docstring)."""

    source = "gnome"

    def __init__(
        self,
        bus_address: str | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._address = bus_address
        self._monotonic = monotonic
        self._bus: DBusSocket | None = None
        self._closed_bus: DBusSocket | None = None
        self._generation = 0
        self._watches: dict[int, float] = {}  # idle watch id -> threshold
        self._armed_at: dict[int, float] = {}  # idle watch id -> when Mutter made it
        self._active_watch: int | None = None
        self._active_pending = False
        self._fired: set[float] = set()
        self._stretch_start: float | None = None
        self._sample: tuple[float, float] | None = None  # (idle s, monotonic at reading)
        self._refreshing = False

    # ---- IdleMonitor -------------------------------------------------------------

    def start(self) -> bool:
        if self._bus is not None:
            return True
        bus = DBusSocket()  # Python-owned: no deleteLater (see dbus_socket.close)
        if not bus.open(self._address, require_name=SERVICE):
            return False
        self._bus = bus
        bus.subscribe(SERVICE, PATH, INTERFACE, "WatchFired", self._on_signal)
        bus.subscribe("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                      "NameOwnerChanged", self._on_owner_changed)
        self._refresh()
        self._arm()
        return True

    def stop(self) -> None:
        if self._bus is not None:
            self._bus.close()  # Mutter drops a connection's watches when it leaves
            # Kept until the next start: stop() may run inside one of its signals.
            self._closed_bus = self._bus
            self._bus = None
        self._watches.clear()
        self._active_watch = None
        self._active_pending = False
        self._fired.clear()
        self._stretch_start = None
        self._sample = None

    def idle_seconds(self) -> float | None:
        """From the stretch while idle; else the last reading, carried forward and
        capped below the first unfired threshold (its watch has not fired). Each call
        also asks Mutter again, so the next answer is fresh."""
        if self._bus is None:
            return None
        now = self._monotonic()
        self._refresh()
        if self._stretch_start is not None:
            return now - self._stretch_start
        if self._sample is None:
            return None
        idle, at = self._sample
        estimate = idle + (now - at)
        if self._watches:
            estimate = min(estimate, min(self._watches.values()))
        return estimate

    def set_thresholds(self, seconds: Sequence[float]) -> None:
        super().set_thresholds(seconds)
        self._fired &= set(self.thresholds)
        if self._bus is not None:
            self._arm()

    @property
    def waiting_for_return(self) -> bool:
        return bool(self._fired)

    # ---- watches -----------------------------------------------------------------

    def _call(self, method: str, signature: str = "", body: tuple[Any, ...] = (),
              on_reply: Callable[[tuple[Any, ...]], None] | None = None) -> None:
        if self._bus is not None:
            self._bus.call(SERVICE, PATH, INTERFACE, method, signature, body, on_reply,
                           lambda error: None)

    def _arm(self) -> None:
        """Replace every idle watch with one per threshold (replies of older rounds are
        removed as they come in)."""
        self._generation += 1
        generation = self._generation
        for watch in list(self._watches):
            self._call("RemoveWatch", "u", (watch,))
        self._watches.clear()
        self._armed_at.clear()
        for threshold in self.thresholds:
            def added(body: tuple[Any, ...], threshold: float = threshold) -> None:
                watch = int(body[0])
                if generation != self._generation:
                    self._call("RemoveWatch", "u", (watch,))
                else:
                    self._watches[watch] = threshold
                    self._armed_at[watch] = self._monotonic()
            self._call("AddIdleWatch", "t", (round(threshold * 1000),), added)
        if self._fired and self._active_watch is None:
            self._arm_active()

    def _arm_active(self) -> None:
        if self._active_pending or self._active_watch is not None:
            return
        self._active_pending = True

        def added(body: tuple[Any, ...]) -> None:
            self._active_pending = False
            self._active_watch = int(body[0])

        self._call("AddUserActiveWatch", on_reply=added)

    # ---- events ------------------------------------------------------------------

    def _on_signal(self, member: str, body: tuple[Any, ...]) -> None:
        if member != "WatchFired" or not body:
            return
        watch = int(body[0])
        if watch == self._active_watch:
            self._active_watch = None  # a user-active watch fires once and is gone
            self._returned(self._monotonic())
        elif watch in self._watches:
            threshold = self._watches[watch]
            if threshold in self._fired:
                return  # Mutter's quirk: a re-added watch fires again in the same stretch
            self._arm_active()
            armed_at = self._armed_at.get(watch, 0.0)
            if self._monotonic() - armed_at >= threshold + 0.5:
                # A normal firing: idle exactly `threshold` now; no reading needed.
                self._idle_watch_fired(threshold, (round(threshold * 1000),))
                return
            # Soon after being added: maybe Mutter's fire-at-once, so the stretch may be
            # older. Asked in the same go as the user-active watch, answered in order.
            self._call("GetIdletime",
                       on_reply=lambda reply: self._idle_watch_fired(threshold, reply))

    def _idle_watch_fired(self, threshold: float, body: tuple[Any, ...]) -> None:
        idle = self._record(body)
        if threshold in self._fired or threshold not in self.thresholds:
            return
        if idle + STALE_SLACK < threshold:
            return  # they are back already: the user-active watch fires, or fired, alone
        start = self._monotonic() - idle
        if self._stretch_start is None or start < self._stretch_start:
            self._stretch_start = start
        self._fired.add(threshold)
        self._arm_active()  # normally already on its way
        self.idle_reached.emit(threshold)

    def _returned(self, at: float) -> None:
        if self._stretch_start is None:
            return
        away = max(0.0, at - self._stretch_start)
        self._fired.clear()
        self._stretch_start = None
        self._sample = (0.0, at)
        self.became_active.emit(away)

    def _on_owner_changed(self, member: str, body: tuple[Any, ...]) -> None:
        if member == "NameOwnerChanged" and len(body) == 3 and body[0] == SERVICE and body[2]:
            self._watches.clear()  # a new Mutter knows none of our watches
            self._active_watch = None
            self._active_pending = False
            self._arm()

    def _refresh(self) -> None:
        if self._refreshing:
            return
        self._refreshing = True

        def done(body: tuple[Any, ...]) -> None:
            self._refreshing = False
            self._record(body)

        if self._bus is not None:
            self._bus.call(SERVICE, PATH, INTERFACE, "GetIdletime", "", (), done,
                           lambda error: setattr(self, "_refreshing", False))

    def _record(self, body: tuple[Any, ...]) -> float:
        idle = int(body[0]) / 1000.0 if body else 0.0
        self._sample = (idle, self._monotonic())
        return idle
