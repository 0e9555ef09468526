"""APScheduler 3.x on the Qt loop with one real, named timer (imported only by the driver).

A module of its own so that importing desk_break.qt.scheduler does not import
APScheduler: the driver builds this when it starts (see EngineDriver.start).

`QtScheduler._start_timer` uses `QTimer.singleShot`, which returns None, so
`_stop_timer` can never cancel: every `wakeup()` leaves one more pending shot.
`SingleTimerQtScheduler` keeps one named timer (desk_break/qt/timers.py, so the
leak and lint tests see it) and restarts it instead. Its `wakeup()` arms that timer
straight for the next job's run time rather than for 0 ms (QtScheduler's way,
which runs `_process_jobs` once more only to learn the wait): every re-arm of
the engine's job costs no extra wakeup, and the pending interval is the real
time to the job.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from apscheduler.schedulers.base import (  # type: ignore[import-untyped]
    STATE_STOPPED,
    BaseScheduler,
)
from apscheduler.schedulers.qt import QtScheduler  # type: ignore[import-untyped]
from PySide6.QtCore import QObject

from desk_break.qt.timers import Timer, make_timer


class SingleTimerQtScheduler(QtScheduler):  # type: ignore[misc]
    """QtScheduler with one restartable named timer instead of uncancellable singleShots.

    The timer is precise: it only fires when a job is due (a few times an hour),
    so precision costs no extra wakeups, while a coarse timer may be 5 % late
    (90 s on a 30-minute wait), and a break would visibly miss its announced time.
    `before_jobs` runs each time the timer fires, before APScheduler compares wall
    times (the driver checks the clocks there). `process_runs` counts the timer's
    firings while running (tests and diagnostics).
    """

    def __init__(
        self,
        timer_name: str,
        parent: QObject | None = None,
        *,
        before_jobs: Callable[[], None] | None = None,
        **options: Any,
    ) -> None:
        self._timer = make_timer(
            timer_name, parent, single_shot=True, precise=True, on_timeout=self._process_jobs
        )
        self.process_runs = 0
        self._before_jobs = before_jobs
        super().__init__(**options)

    @property
    def timer(self) -> Timer:
        return self._timer

    def wakeup(self) -> None:
        """Arm for the earliest job (APScheduler calls this after every add or change)."""
        self._start_timer(self._seconds_to_next_job())

    def _seconds_to_next_job(self) -> float | None:
        with self._jobstores_lock:
            times = [t for store in self._jobstores.values()
                     if (t := store.get_next_run_time()) is not None]
        if not times:
            return None
        earliest: datetime = min(times)
        return max((earliest - datetime.now(self.timezone)).total_seconds(), 0.0)

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
