"""The one adapter between the break engine and real time: one precise Qt timer.

The engine owns no timer; it says when it next needs to run (`next_wakeup()`,
which already includes warnings, due breaks, break ends, pause ends and the
starts and ends of work ranges). `EngineDriver` keeps exactly one named,
precise, single-shot timer (desk_break/qt/timers.py) armed for that moment, and
its timeout runs `engine.tick()` on the Qt main thread. Each action re-arms it
(stop, then start: never a second pending shot).

Why not APScheduler (used here until issue 13): the driver only ever kept one
`date` job, so the library did nothing our timer did not, and importing it cost
the waiting app about 10 MiB (asyncio, ssl, email, multiprocessing,
importlib.metadata and tzlocal's helpers came with it), a third of what the app
costs beyond a bare tray app. Its two traps (jobs on a thread pool,
`QtScheduler` stacking uncancellable single shots) went with it.

The timer counts monotonic time. A wakeup that is early by the wall clock (the
clock was set back, the machine slept) is harmless: `tick()` does nothing that is
not due and the driver re-arms for what remains; a wakeup that is late is what
the sleep and clock checks below are for.

Sleep, clock and zone changes: on every wakeup, every action and a coarse
heartbeat (once a minute, the only periodic wakeup) the driver compares the wall
clock, the monotonic clock and the boot-time clock with their last readings, and
asks the clock whether the system's zone changed (a few stats; see core/clock.py).
Boot time gaining on monotonic means the machine slept (`engine.woke_up`); the
wall clock gaining or losing on boot time means someone set the clock, and a new
zone means the work hours now sit elsewhere (both `engine.clock_changed`, which
re-plans in `clock.tz`). If logind is on the system bus, its PrepareForSleep
signal triggers the same check the moment the machine resumes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, Signal, Slot

from desk_break.core.clock import Clock
from desk_break.core.engine import BreakEngine
from desk_break.core.events import (
    BreakEnded,
    BreakSnoozed,
    BreakStarted,
    Event,
    Refused,
    StateChanged,
    WarningStarted,
)
from desk_break.qt.timers import Timer, make_timer

log = logging.getLogger(__name__)

WAKEUP_TIMER = "engine-wakeup"
HEARTBEAT_TIMER = "engine-heartbeat"
HEARTBEAT_MS = 60_000
SLEEP_THRESHOLD_S = 5.0
JUMP_THRESHOLD_S = 5.0


class EngineDriver(QObject):
    """Runs the engine on time, performs the shell's intents, and announces what happened.

    Signals:
        state_changed(str): the engine's new State value.
        warning_started(object): a WarningStarted event.
        break_started(object): a BreakStarted event.
        break_snoozed(object): a BreakSnoozed event.
        break_ended(object): a BreakEnded event.
        events_announced(object): every list of events, in order (for the history).
        changed(): anything changed (refresh the tooltip and menu).
        minute_passed(): the 60 s heartbeat ran; one wake-up serves every "in N min" text.
    """

    state_changed = Signal(str)
    warning_started = Signal(object)
    break_started = Signal(object)
    break_snoozed = Signal(object)
    break_ended = Signal(object)
    events_announced = Signal(object)
    changed = Signal()
    minute_passed = Signal()  # the heartbeat: texts like "in 12 min" go stale

    def __init__(
        self,
        engine: BreakEngine,
        clock: Clock,
        parent: QObject | None = None,
        *,
        watch_logind: bool = True,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._clock = clock
        self._running = False
        self._watch_logind = watch_logind
        # Precise: it fires a few times an hour at most, so precision costs no extra
        # wakeups, while a coarse timer may be 5 % late (90 s on a 30-minute wait) and a
        # break would visibly miss its announced time.
        self._wakeup = make_timer(
            WAKEUP_TIMER, self, single_shot=True, precise=True, on_timeout=self._on_wakeup
        )
        self._wakeup_at: datetime | None = None
        self.wakeups = 0  # times the wakeup timer fired (tests and diagnostics)
        self._heartbeat = make_timer(
            HEARTBEAT_TIMER, self, HEARTBEAT_MS, coarse=True, on_timeout=self._on_heartbeat
        )
        self._last = self._read_clocks()

    # ---- API ----------------------------------------------------------------------

    @property
    def engine(self) -> BreakEngine:
        return self._engine

    @property
    def wakeup_timer(self) -> Timer:
        return self._wakeup

    @property
    def wakeup_at(self) -> datetime | None:
        """The wall time (UTC) the wakeup timer is armed for, or None when it is not."""
        return self._wakeup_at if self._wakeup.isActive() else None

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Start the heartbeat and bring the engine up to now (which arms the wakeup)."""
        if self._running:
            return
        self._running = True
        self._last = self._read_clocks()
        self._heartbeat.start()
        if self._watch_logind:
            self._subscribe_logind()
        self.run(lambda e: e.tick())

    def shutdown(self) -> None:
        """Stop every timer; nothing fires after this returns."""
        if not self._running:
            return
        self._running = False
        self._heartbeat.stop()
        self._wakeup.stop()

    def run(self, action: Callable[[BreakEngine], list[Event] | Refused]) -> Refused | None:
        """Perform one engine action: check the clocks, run it, announce events, re-arm."""
        events, _noticed = self._check_clocks()
        result = action(self._engine)
        if not isinstance(result, Refused):
            events.extend(result)
        self._announce(events)
        if self._running:
            self._rearm()
        self.changed.emit()
        return result if isinstance(result, Refused) else None

    def check_clocks_now(self) -> None:
        """Look for sleep, a clock change or a new zone at once (heartbeat and logind)."""
        if not self._running:
            return
        events, noticed = self._check_clocks()
        if noticed:
            self._announce(events)
            self._rearm()
            self.changed.emit()

    # ---- internals ------------------------------------------------------------------

    def _read_clocks(self) -> tuple[float, float, float]:
        return (self._clock.now().timestamp(), self._clock.monotonic(), self._clock.boottime())

    def _check_clocks(self) -> tuple[list[Event], bool]:
        """Events from a sleep, a clock jump or a zone change; and whether any was seen."""
        wall, mono, boot = self._read_clocks()
        last_wall, last_mono, last_boot = self._last
        self._last = (wall, mono, boot)
        slept = (boot - mono) - (last_boot - last_mono)
        drift = (wall - last_wall) - (boot - last_boot)
        events: list[Event] = []
        if slept > SLEEP_THRESHOLD_S:
            log.info("The machine slept for %.0f s", slept)
            events.extend(self._engine.woke_up(slept))
        jumped = abs(drift) > JUMP_THRESHOLD_S
        if jumped:
            log.info("The wall clock jumped by %.0f s", drift)
        rezoned = self._clock.refresh_zone()
        if rezoned:
            log.info("The time zone is now %s: work hours move with it", self._clock.tz)
        if jumped or rezoned:
            events.extend(self._engine.clock_changed())
        return events, slept > SLEEP_THRESHOLD_S or jumped or rezoned

    def _announce(self, events: list[Event]) -> None:
        if events:
            self.events_announced.emit(list(events))
        for ev in events:
            if isinstance(ev, StateChanged):
                self.state_changed.emit(ev.new.value)
            elif isinstance(ev, WarningStarted):
                self.warning_started.emit(ev)
            elif isinstance(ev, BreakStarted):
                self.break_started.emit(ev)
            elif isinstance(ev, BreakSnoozed):
                self.break_snoozed.emit(ev)
            elif isinstance(ev, BreakEnded):
                self.break_ended.emit(ev)

    def _rearm(self) -> None:
        """Put the one wakeup at the engine's next wakeup (or stop it)."""
        self._wakeup.stop()
        when = self._engine.next_wakeup()
        if when is None:
            self._wakeup_at = None
            return
        # Armed by delay, so a clock that is not the system's (tests) still lines up.
        delay = max(when.astimezone(UTC) - self._clock.now().astimezone(UTC), timedelta(0))
        self._wakeup_at = datetime.now(UTC) + delay
        log.debug("wakeup armed for %s", when.isoformat())  # the benchmark reads due moments
        # Past Qt's ~24.8 days the interval is clamped: the engine is simply asked again.
        self._wakeup.start(delay.total_seconds() * 1000)

    @Slot()
    def _on_wakeup(self) -> None:
        self.wakeups += 1
        if self._running:
            self.run(lambda e: e.tick())

    @Slot()
    def _on_heartbeat(self) -> None:
        self.check_clocks_now()
        self.minute_passed.emit()

    @Slot(bool)
    def _on_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if not going_to_sleep:
            self.check_clocks_now()

    def _subscribe_logind(self) -> None:
        """Hear logind's PrepareForSleep when the system bus has it; skip silently if not."""
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection

            bus = QDBusConnection.systemBus()
            if not bus.isConnected():
                return
            bus.connect(
                "org.freedesktop.login1",
                "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                self,
                SLOT("_on_prepare_for_sleep(bool)"),  # a str at run time; stubs say bytes
            )  # type: ignore[call-overload]
        except Exception:  # no QtDBus, no bus, no logind: the heartbeat covers it
            log.debug("logind PrepareForSleep not available", exc_info=True)
