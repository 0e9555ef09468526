"""The one adapter between the break engine and real time: APScheduler 3.x on the Qt loop.

The engine owns no timer; it says when it next needs to run (`next_wakeup()`,
which already includes warnings, due breaks, break ends, pause ends and the
starts and ends of work ranges). `EngineDriver` keeps exactly one APScheduler
`date` job at that moment (in UTC: APScheduler only needs an instant; the engine
places wall times), and the job ends in `engine.tick()` on the Qt main thread.
No per-range cron jobs: they repeated what `next_wakeup()` decides. APScheduler
runs on `SingleTimerQtScheduler` (desk_break/qt/apscheduler_qt.py): one named,
precise, single-shot timer, restarted for each re-arm, never a second pending
shot. Jobs run inline (`DebugExecutor`, not QtScheduler's thread pool) in the
timer's timeout, on the main thread; the job itself only emits a queued signal,
so the engine runs after APScheduler has finished its bookkeeping (re-arming from
inside a job would let APScheduler remove the fresh job that shares the old
one's id). `misfire_grace_time=None` and `coalesce=True`: a job found late (the
machine slept) runs once, never dropped.

Why APScheduler, when one timer could do it: the product brief fixes the stack
(APScheduler 3.x, real, not mocked). It costs the waiting app about 5 MiB of PSS
(with asyncio, importlib.metadata, concurrent.futures, email and ssl, which it
imports: tests/startup_probe.py, 60.4 MiB against 55.1 MiB with the plain timer).
It is imported when the driver starts, not when this module is, and the app
starts it on the loop's first turn (`start(scheduler_after_show=True)`), after
the icon is on its way.

The timer counts monotonic time, APScheduler compares wall times. So whenever the
timer fires, before APScheduler looks at its jobs, the driver checks the clocks:
a clock set back 3 h since arming would make the due job look hours away, and the
break would wait for the next heartbeat. A clock change re-dates the job first.

Sleep, clock and zone changes: whenever the timer fires, on every action and on a
coarse heartbeat (once a minute, the only periodic wakeup) the driver compares the
wall clock, the monotonic clock and the boot-time clock with their last readings,
and asks the clock whether the system's zone changed (a few stats; see
core/clock.py). Boot time gaining on monotonic means the machine slept
(`engine.woke_up`); the wall clock gaining or losing on boot time means someone
set the clock, and a new zone means the work hours now sit elsewhere (both
`engine.clock_changed`, which re-plans in `clock.tz`). If logind is on the system
bus, its PrepareForSleep signal triggers the same check the moment the machine
resumes.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot

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
from desk_break.qt.timers import Timer, call_later, make_timer

if TYPE_CHECKING:
    from desk_break.qt.apscheduler_qt import SingleTimerQtScheduler

log = logging.getLogger(__name__)

WAKEUP_JOB = "engine-wakeup"
WAKEUP_TIMER = "engine-wakeup"  # APScheduler's one real timer
SCHEDULER_START_TIMER = "scheduler-start"
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

    _job_fired = Signal()  # from APScheduler's job, delivered queued on the main thread

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
        self._job_fired.connect(self._on_job_fired, Qt.ConnectionType.QueuedConnection)
        self._scheduler: SingleTimerQtScheduler | None = None  # built by start()
        self._scheduler_start: Timer | None = None
        self._heartbeat = make_timer(
            HEARTBEAT_TIMER, self, HEARTBEAT_MS, coarse=True, on_timeout=self._on_heartbeat
        )
        self._last = self._read_clocks()

    # ---- API ----------------------------------------------------------------------

    @property
    def engine(self) -> BreakEngine:
        return self._engine

    @property
    def scheduler(self) -> SingleTimerQtScheduler:
        """The APScheduler (built on first use if start() has not built it yet)."""
        if self._scheduler is None:
            self._scheduler = self._build_scheduler()
        return self._scheduler

    @property
    def wakeup_timer(self) -> Timer:
        """APScheduler's one real timer."""
        return self.scheduler.timer

    @property
    def wakeups(self) -> int:
        """Times the wakeup timer fired while running (tests and diagnostics)."""
        return 0 if self._scheduler is None else int(self._scheduler.process_runs)

    @property
    def wakeup_at(self) -> datetime | None:
        """The wall time (UTC) the engine's job is due at, or None when there is none."""
        if self._scheduler is None or not self._scheduler.running:
            return None
        job = self._scheduler.get_job(WAKEUP_JOB)
        if job is None or not self._scheduler.timer.isActive():
            return None
        when: datetime = job.next_run_time
        return when.astimezone(UTC)

    @property
    def running(self) -> bool:
        return self._running

    def start(self, *, scheduler_after_show: bool = False) -> None:
        """Start the heartbeat and bring the engine up to now (which arms the wakeup).

        `scheduler_after_show`: import and start APScheduler on the loop's first turn
        (about 40 ms here), once the icon is on its way. Nothing can fire before the
        loop runs, and the job is then dated from the engine's next wakeup as it would
        have been now, so the first wakeup is the same moment either way.
        """
        if self._running:
            return
        self._running = True
        self._last = self._read_clocks()
        self._heartbeat.start()
        if self._watch_logind:
            self._subscribe_logind()
        if scheduler_after_show:
            self._scheduler_start = call_later(
                SCHEDULER_START_TIMER, self, 0, self._start_scheduler)
        else:
            self._start_scheduler()
        self.run(lambda e: e.tick())

    def shutdown(self) -> None:
        """Stop every timer and job; nothing fires after this returns."""
        if not self._running:
            return
        self._running = False
        self._heartbeat.stop()
        if self._scheduler_start is not None:
            self._scheduler_start.stop()
            self._scheduler_start = None
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        if self._scheduler is not None:
            self._scheduler.timer.stop()

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

    def _build_scheduler(self) -> SingleTimerQtScheduler:
        from apscheduler.executors.debug import DebugExecutor  # type: ignore[import-untyped]

        from desk_break.qt.apscheduler_qt import SingleTimerQtScheduler

        return SingleTimerQtScheduler(
            WAKEUP_TIMER,
            self,
            before_jobs=self.check_clocks_now,
            timezone=UTC,
            executors={"default": DebugExecutor()},
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )

    def _start_scheduler(self) -> None:
        self._scheduler_start = None  # fired (or not needed): the timer frees itself
        if not self._running:
            return
        if not self.scheduler.running:
            self.scheduler.start()
        self._rearm()

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
        """Put the one date job at the engine's next wakeup (or remove it)."""
        scheduler = self._scheduler
        if scheduler is None or not scheduler.running:
            return  # not started yet: _start_scheduler re-arms from the engine
        when = self._engine.next_wakeup()
        if when is None:
            from apscheduler.jobstores.base import JobLookupError  # type: ignore[import-untyped]

            with contextlib.suppress(JobLookupError):
                scheduler.remove_job(WAKEUP_JOB)
            return
        # Dated by delay, so a clock that is not the system's (tests) still lines up.
        delay = max(when.astimezone(UTC) - self._clock.now().astimezone(UTC), timedelta(0))
        from apscheduler.triggers.date import DateTrigger  # type: ignore[import-untyped]

        scheduler.add_job(
            self._job,
            trigger=DateTrigger(run_date=datetime.now(UTC) + delay, timezone=UTC),
            id=WAKEUP_JOB,
            replace_existing=True,
        )
        log.debug("wakeup armed for %s", when.isoformat())  # the benchmark reads due moments

    def _job(self) -> None:
        """What every APScheduler job runs: hop to the Qt main thread."""
        self._job_fired.emit()

    @Slot()
    def _on_job_fired(self) -> None:
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
