"""The idle-time interface every desktop backend implements, and the polling helper.

One small QObject per backend, chosen at run time by `choose.choose_idle_monitor`.
A backend that cannot work here says so by returning False from `start()`; it
never raises, so the chooser can simply move on to the next one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import ClassVar

from PySide6.QtCore import QObject, Signal

from desk_break.qt.timers import make_timer

# How often a polling backend looks for the person's return once a threshold has fired.
# It starts at RETURN_POLL_MIN and grows with the idle stretch (a tenth of it), up to
# RETURN_POLL_MAX, so an hour away costs one wakeup every 10 s, not one a second.
RETURN_POLL_MIN = 1.0
RETURN_POLL_MAX = 10.0
# A reading that puts the start of the idle stretch this much later than the last one
# means there was input in between (readings jitter by a few milliseconds).
RESTART_SLACK = 0.5
# When the OS cannot be asked right now, ask again this much later.
RETRY_SECONDS = 30.0


class IdleMonitor(QObject):
    """How long the person has left keyboard and mouse alone, as events.

    Signals:
        idle_reached(float): the person has been idle for at least this threshold
            (seconds); once per threshold per idle stretch.
        became_active(float): first input after a threshold fired; the argument is how
            long they were idle (seconds).
    """

    idle_reached = Signal(float)
    became_active = Signal(float)

    source: ClassVar[str] = ""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thresholds: tuple[float, ...] = ()

    @property
    def thresholds(self) -> tuple[float, ...]:
        return self._thresholds

    def start(self) -> bool:
        """Begin watching; False (never an exception) when this backend is not available."""
        raise NotImplementedError

    def stop(self) -> None:
        """Stop watching; no signal is emitted after this returns."""
        raise NotImplementedError

    def idle_seconds(self) -> float | None:
        """Seconds since the last input, cheaply; None when unknown."""
        raise NotImplementedError

    def set_thresholds(self, seconds: Sequence[float]) -> None:
        """Re-arm with these thresholds (e.g. [2, 60, break length]).

        Thresholds already passed in the current idle stretch count as fired only if
        they fired before; a new one that is already passed fires at the next check.
        """
        self._thresholds = tuple(sorted({float(s) for s in seconds if s > 0}))


def next_return_poll(idle: float) -> float:
    """The period for spotting the person's return after `idle` seconds away."""
    return min(max(RETURN_POLL_MIN, idle / 10.0), RETURN_POLL_MAX)


class PollingIdleMonitor(IdleMonitor):
    """A backend whose OS can only be asked "how long idle?" (X11, Windows, macOS).

    It never polls at a fixed rate: it wakes when the next threshold could first be
    reached (threshold - idle so far), and after a threshold fired it looks for the
    return at `next_return_poll` (1 s at first, growing to 10 s). A backend that can
    be told of both (`watch_thresholds`, `watch_for_return`: X11's SYNC alarms)
    replaces the timer with those events.
    `read_idle` returns seconds or None; `monotonic` is injectable for tests.
    """

    def __init__(
        self,
        read_idle: Callable[[], float | None] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._read = read_idle
        self._monotonic = monotonic
        # Coarse (5 %): thresholds of seconds and more do not need Qt's precise timer.
        self._timer = make_timer(f"idle-{self.source or 'poll'}", self, single_shot=True,
                                 on_timeout=self.check_now)
        self._running = False
        self._fired: set[float] = set()
        self._stretch_start: float | None = None  # monotonic time the last stretch began
        self._return_watched = False

    # ---- for subclasses ----------------------------------------------------------

    def read_idle(self) -> float | None:
        """Seconds idle according to the OS, or None when it cannot tell right now."""
        return self._read() if self._read is not None else None

    def open(self) -> bool:
        """Connect to the OS; False when not available. Called by start()."""
        return self.read_idle() is not None

    def close(self) -> None:
        """Release what open() took. Called by stop()."""

    def watch_thresholds(self, thresholds: tuple[float, ...]) -> bool:
        """Arrange for `check_now()` whenever idleness reaches a threshold (each
        stretch); False: wake on a timer instead."""
        return False

    def watch_for_return(self, idle: float) -> bool:
        """Arrange for `check_now()` on the next input; False: poll for it instead."""
        return False

    def unwatch_return(self) -> None:
        """Cancel what watch_for_return() arranged."""

    # ---- IdleMonitor -------------------------------------------------------------

    def start(self) -> bool:
        if self._running:
            return True
        try:
            ok = self.open()
        except Exception:  # a broken library is "not available", never a crash
            ok = False
        if not ok:
            return False
        self._running = True
        self.check_now()
        return True

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        self._fired.clear()
        self._stretch_start = None
        if self._return_watched:
            self.unwatch_return()
            self._return_watched = False
        self.close()

    def idle_seconds(self) -> float | None:
        if not self._running:
            return None
        try:
            return self.read_idle()
        except Exception:
            return None

    def set_thresholds(self, seconds: Sequence[float]) -> None:
        super().set_thresholds(seconds)
        self._fired &= set(self._thresholds)
        if self._running:
            self.check_now()

    @property
    def waiting_for_return(self) -> bool:
        """True while a threshold has fired and the person has not come back yet."""
        return bool(self._fired)

    @property
    def next_check_in(self) -> float | None:
        """Seconds until the next look at the OS (None: no look scheduled)."""
        if not self._timer.isActive():
            return None
        return self._timer.remainingTime() / 1000.0

    def check_now(self, known_idle: float | None = None) -> None:
        """Read the idle time (unless an event just told it), emit what it implies,
        and schedule the next reading."""
        if not self._running:
            return
        try:
            idle = known_idle if known_idle is not None else self.read_idle()
        except Exception:
            idle = None
        if idle is None:
            self._timer.start(int(RETRY_SECONDS * 1000))
            return
        now = self._monotonic()
        start = now - idle
        previous = self._stretch_start
        if previous is not None and start > previous + RESTART_SLACK and self._fired:
            # There was input since the last reading: the old stretch ended `idle` s ago.
            self._fired.clear()
            self._return_watched = False
            self.became_active.emit(max(0.0, start - previous))
        self._stretch_start = start
        for threshold in self._thresholds:
            if threshold not in self._fired and idle >= threshold:
                self._fired.add(threshold)
                self.idle_reached.emit(threshold)
                if not self._running:  # a slot stopped us
                    return
        self._schedule(idle)

    def _schedule(self, idle: float) -> None:
        pending = [t - idle for t in self._thresholds if t not in self._fired]
        if pending and self.watch_thresholds(self._thresholds):
            pending = []  # the backend tells us: no timer
        waits = [min(pending)] if pending else []
        if self._fired:
            if not self._return_watched:
                self._return_watched = self.watch_for_return(idle)
            if not self._return_watched:
                waits.append(next_return_poll(idle))
        if not waits:
            self._timer.stop()  # nothing to decide: idle_seconds() still answers
            return
        # Round up so the reading after the wait is past the threshold, not just short.
        self._timer.start(max(10, int(min(waits) * 1000) + 5))
