"""The one adapter between the break engine and real time: APScheduler 3.x on the Qt loop.

The engine owns no timer; it says when it next needs to run (`next_wakeup()`,
which already includes warnings, due breaks, break ends, pause ends and the
starts and ends of work ranges). `EngineDriver` keeps exactly one APScheduler
`date` job at that moment, and the job ends in `engine.tick()` on the Qt main
thread. There are no per-range cron jobs: they repeated what `next_wakeup()`
decides, and each carried its own copy of the zone, which went stale when the
zone changed. APScheduler runs in UTC: it only needs an instant; the engine
places wall times. Two APScheduler 3.x traps are handled here:

* `QtScheduler` runs jobs on a thread pool. We give it a `DebugExecutor`, which
  runs a job inline in `_process_jobs`, which our timer calls on the main
  thread. The job itself only emits a queued signal, so the engine runs after
  APScheduler has finished its bookkeeping (re-arming from inside a job would
  let APScheduler remove the fresh job that shares the old one's id).
* `QtScheduler._start_timer` uses `QTimer.singleShot`, which returns None, so
  `_stop_timer` can never cancel: every `wakeup()` leaves one more pending shot.
  `SingleTimerQtScheduler` uses one named timer (desk_break/qt/timers.py) that
  is restarted instead.

Sleep, clock and zone changes: whenever the scheduler timer fires (before
APScheduler looks at its jobs: it compares wall times, and a clock set back since
the timer was armed would make the due job look hours away), on every job, every
action and a coarse heartbeat
(once a minute, the only periodic wakeup) the driver compares the wall clock,
the monotonic clock and the boot-time clock with their last readings, and asks
the clock whether the system's zone changed (a few stats; see core/clock.py).
Boot time gaining on monotonic means the machine slept (`engine.woke_up`); the
wall clock gaining or losing on boot time means someone set the clock, and a new
zone means the work hours now sit elsewhere (both `engine.clock_changed`, which
re-plans in `clock.tz`). If logind is on the system bus, its PrepareForSleep
signal triggers the same check the moment the machine resumes.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.executors.debug import DebugExecutor  # type: ignore[import-untyped]
from apscheduler.jobstores.base import JobLookupError  # type: ignore[import-untyped]
from apscheduler.schedulers.base import STATE_STOPPED, BaseScheduler  # type: ignore[import-untyped]
from apscheduler.schedulers.qt import QtScheduler  # type: ignore[import-untyped]
from apscheduler.triggers.date import DateTrigger  # type: ignore[import-untyped]
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
from desk_break.qt.timers import Timer, make_timer

log = logging.getLogger(__name__)

WAKEUP_JOB = "engine-wakeup"
SCHEDULER_TIMER = "apscheduler-wakeup"
HEARTBEAT_TIMER = "engine-heartbeat"
HEARTBEAT_MS = 60_000
SLEEP_THRESHOLD_S = 5.0
JUMP_THRESHOLD_S = 5.0


class SingleTimerQtScheduler(QtScheduler):  # type: ignore[misc]
    """QtScheduler with one restartable QTimer instead of uncancellable singleShot calls.

    The timer is precise: it only fires when a job is due (a few times an hour),
    so precision costs no extra wakeups, while a coarse timer may be 5 % late
    (90 s on a 30-minute wait), and a break would visibly miss its announced time.
    `process_runs` counts `_process_jobs` calls (for tests and diagnostics).
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        before_jobs: Callable[[], None] | None = None,
        **options: Any,
    ) -> None:
        self._timer = make_timer(
            SCHEDULER_TIMER, parent, single_shot=True, precise=True,
            on_timeout=self._process_jobs,
        )
        self.process_runs = 0
        self._before_jobs = before_jobs
        super().__init__(**options)

    @property
    def timer(self) -> Timer:
        return self._timer

    def _start_timer(self, wait_seconds: float | None) -> None:
        self._timer.stop()
        if wait_seconds is not None and self.state != STATE_STOPPED:
            # More than Qt's ~24.8 days is clamped; the job is simply re-checked then.
            self._timer.start(max(wait_seconds, 0.0) * 1000)

    def _stop_timer(self) -> None:
        self._timer.stop()

    def _process_jobs(self) -> None:
        if self.state == STATE_STOPPED:
            return
        self.process_runs += 1
        if self._before_jobs is not None:
            # Our timer counts real (monotonic) time, APScheduler compares wall times: a
            # clock set back since arming would make a due job look hours away. The
            # driver re-dates the job first when the clocks disagree.
            self._before_jobs()
        wait_seconds = BaseScheduler._process_jobs(self)
        self._start_timer(wait_seconds)


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
        self._scheduler = SingleTimerQtScheduler(
            parent=self,
            before_jobs=self.check_clocks_now,
            timezone=UTC,
            executors={"default": DebugExecutor()},
            job_defaults={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
        )
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
        return self._scheduler

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Start the scheduler and the heartbeat, and bring the engine up to now."""
        if self._running:
            return
        self._running = True
        self._last = self._read_clocks()
        self._scheduler.start()
        self._heartbeat.start()
        if self._watch_logind:
            self._subscribe_logind()
        self.run(lambda e: e.tick())

    def shutdown(self) -> None:
        """Stop every timer and job; nothing fires after this returns."""
        if not self._running:
            return
        self._running = False
        self._heartbeat.stop()
        self._scheduler.shutdown(wait=False)
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
        when = self._engine.next_wakeup()
        if when is None:
            with contextlib.suppress(JobLookupError):
                self._scheduler.remove_job(WAKEUP_JOB)
            return
        # Scheduled by delay, so a clock that is not the system's (tests) still lines up.
        delay = max(when.astimezone(UTC) - self._clock.now().astimezone(UTC), timedelta(0))
        run_date = datetime.now(UTC) + delay
        self._scheduler.add_job(
            self._job,
            trigger=DateTrigger(run_date=run_date, timezone=UTC),
            id=WAKEUP_JOB,
            replace_existing=True,
        )

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
