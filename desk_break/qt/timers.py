"""Every Qt timer in Desk Break is made here, named, with a checked interval.

Why one place (as qutebrowser's `usertypes.Timer`):

* A name on every timer: `live_timers()` lists the timers that still exist and
  `active_timers()` the ones still armed, by name, so a leaked timer (one still
  running after its owner shut down) is told by its name, not by its address.
* Intervals are checked: a negative or NaN wait is a bug and raises; a wait
  longer than Qt's limit (2**31-1 ms, about 24.8 days) is clamped, because the
  caller (the scheduler) re-arms when it fires anyway.
* Tests swap in `FakeTimer` (the `fake_timers` fixture in tests/conftest.py):
  a timer that never fires by itself, only when the test calls `fire()`. No
  test then waits for a debounce, a timeout or a heartbeat in real time.

`QTimer(` and `QTimer.singleShot(` are refused elsewhere in the package by
tests/qt/test_timers.py (an explicit allow-list lists the files not yet converted).
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer

MAX_INTERVAL_MS = 2**31 - 1


def checked_interval(ms: float) -> int:
    """`ms` as a whole number of milliseconds Qt accepts: rounded up, clamped to Qt's limit."""
    if math.isnan(ms) or ms < 0:
        raise ValueError(f"a timer interval must be 0 ms or more, got {ms!r}")
    return min(math.ceil(ms), MAX_INTERVAL_MS)


class Timer(QTimer):
    """A QTimer with a name (also its objectName) whose intervals are checked."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        if not name:
            raise ValueError("every timer needs a name")
        super().__init__(parent)
        self._name = name
        self.setObjectName(name)
        _registry.add(self)

    @property
    def name(self) -> str:
        return self._name

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self._name!r} {self.interval()} ms>"

    def setInterval(self, msec: float) -> None:
        super().setInterval(checked_interval(msec))

    def start(self, msec: float | None = None) -> None:
        if msec is None:
            super().start()
        else:
            super().start(checked_interval(msec))


class FakeTimer(Timer):
    """A Timer that never fires by itself: a test fires it with `fire()`.

    It keeps the state a real one would (interval, single shot, active), so the
    code under test cannot tell the difference, except that time does not pass.
    """

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(name, parent)
        self._active = False
        self.fired = 0

    def start(self, msec: float | None = None) -> None:
        if msec is not None:
            self.setInterval(msec)
        self._active = True

    def stop(self) -> None:
        self._active = False

    def isActive(self) -> bool:
        return self._active

    def remainingTime(self) -> int:
        return self.interval() if self._active else -1

    def fire(self) -> None:
        """Time's up: emit `timeout` as Qt would (a single-shot timer is then inactive)."""
        if not self._active:
            raise RuntimeError(f"timer {self.name!r} is not running; it cannot fire")
        if self.isSingleShot():
            self._active = False
        self.fired += 1
        self.timeout.emit()


_registry: weakref.WeakSet[Timer] = weakref.WeakSet()
_timer_class: type[Timer] = Timer
_fakes: list[weakref.ref[FakeTimer]] | None = None  # made inside `fake_timers()`


def make_timer(
    name: str,
    parent: QObject | None,
    interval_ms: float = 0,
    *,
    single_shot: bool = False,
    precise: bool = False,
    coarse: bool = False,
    on_timeout: Callable[[], object] | None = None,
) -> Timer:
    """A named timer, not started. `precise`/`coarse` pick Qt's timer type (default coarse 5 %)."""
    timer = _timer_class(name, parent)
    if _fakes is not None and isinstance(timer, FakeTimer):
        _fakes.append(weakref.ref(timer))
    timer.setInterval(interval_ms)
    timer.setSingleShot(single_shot)
    if precise:
        timer.setTimerType(Qt.TimerType.PreciseTimer)
    elif coarse:
        timer.setTimerType(Qt.TimerType.VeryCoarseTimer)
    if on_timeout is not None:
        timer.timeout.connect(on_timeout)
    return timer


def call_later(name: str, parent: QObject, ms: float, callback: Callable[[], object]) -> Timer:
    """Run `callback` once after `ms` on the Qt loop; the timer is freed after it fired.

    Unlike `QTimer.singleShot`, the shot has a name and dies with `parent`, so a
    callback never runs on an object that is gone.
    """
    timer = make_timer(name, parent, ms, single_shot=True)

    def fired() -> None:
        timer.deleteLater()
        callback()

    timer.timeout.connect(fired)
    timer.start()
    return timer


def _alive(timer: Timer) -> bool:
    return bool(shiboken6.isValid(timer))


def live_timers() -> list[str]:
    """The names of every timer that still exists (its C++ object not yet deleted)."""
    return sorted(t.name for t in list(_registry) if _alive(t))


def active_timers() -> list[str]:
    """The names of every timer still armed: after a shutdown this should be empty."""
    return sorted(t.name for t in list(_registry) if _alive(t) and t.isActive())


def find_timers(name: str) -> list[Timer]:
    """The live timers called `name` (tests fire fake ones through this)."""
    return [t for t in list(_registry) if _alive(t) and t.name == name]


@contextmanager
def fake_timers() -> Iterator[Callable[[], list[FakeTimer]]]:
    """Every timer made inside this block is a FakeTimer (the test fixture uses this).

    Yields a function listing the fake timers made in the block that still exist,
    so a test sees its own timers and not those other tests left behind.
    """
    global _timer_class, _fakes
    previous, previous_fakes = _timer_class, _fakes
    made: list[weakref.ref[FakeTimer]] = []
    _timer_class, _fakes = FakeTimer, made

    def listing() -> list[FakeTimer]:
        return [t for ref in made if (t := ref()) is not None and _alive(t)]

    try:
        yield listing
    finally:
        _timer_class, _fakes = previous, previous_fakes
