"""EngineDriver: one APScheduler date job on one named Qt timer, the engine on the main
thread, clean shutdown.

Two tests use real time (a break due in about a second, and a wait that proves
nothing fires after shutdown); they are short and say so. The rest move a
clock wrapper instead of waiting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest
from apscheduler.schedulers.qt import QtScheduler
from PySide6.QtCore import QCoreApplication, QThread, QTimer
from pytestqt.qtbot import QtBot

from desk_break.core.clock import FakeClock, SystemClock, reload_local_zone
from desk_break.core.engine import BreakEngine
from desk_break.core.events import BreakEnded, BreakStarted, Event, Outcome
from desk_break.qt.apscheduler_qt import SingleTimerQtScheduler
from desk_break.qt.scheduler import (
    HEARTBEAT_TIMER,
    WAKEUP_JOB,
    WAKEUP_TIMER,
    EngineDriver,
)
from desk_break.qt.timers import active_timers
from desk_break.settings.model import (
    WEEKDAYS,
    BreaksSettings,
    LongBreaksSettings,
    Settings,
    WorkHours,
    WorkRange,
)
from tests.conftest import FakeTimers

BERLIN = ZoneInfo("Europe/Berlin")


def every_day(start: time, end: time) -> WorkHours:
    return WorkHours({day: (WorkRange(start, end),) for day in WEEKDAYS})


def settings_with_range(
    start: datetime, length: timedelta, interval: int = 1, warning: int = 0
) -> Settings:
    """Work hours every day from `start` for `length` (overnight if it wraps)."""
    begin = start.time().replace(microsecond=0)
    end = (start + length).time().replace(microsecond=0)
    return Settings(
        breaks=BreaksSettings(
            interval_minutes=interval, duration_seconds=10, warning_seconds=warning
        ),
        long_breaks=LongBreaksSettings(enabled=False),
        work_hours=every_day(begin, end),
    )


class SpyEngine(BreakEngine):
    """Records the thread every tick runs on."""

    tick_threads: list[int]

    def tick(self) -> list[Event]:
        self.tick_threads = [*getattr(self, "tick_threads", []), threading.get_ident()]
        return super().tick()


class ShiftedClock:
    """The system clock with offsets: move `wall` alone for a clock change, both for a sleep."""

    def __init__(self, base: SystemClock) -> None:
        self.base = base
        self.wall = 0.0
        self.boot = 0.0

    @property
    def tz(self) -> tzinfo:
        return self.base.tz

    def now(self) -> datetime:
        return self.base.now() + timedelta(seconds=self.wall)

    def monotonic(self) -> float:
        return self.base.monotonic()

    def boottime(self) -> float:
        return self.base.boottime() + self.boot

    def refresh_zone(self) -> bool:
        return self.base.refresh_zone()


def flush_events(rounds: int = 20) -> None:
    for _ in range(rounds):
        QCoreApplication.processEvents()


@pytest.fixture
def make_driver(qtbot: QtBot):
    drivers: list[EngineDriver] = []

    def make(engine: BreakEngine, clock: object) -> EngineDriver:
        driver = EngineDriver(engine, clock, watch_logind=False)  # type: ignore[arg-type]
        drivers.append(driver)
        return driver

    yield make
    for d in drivers:
        d.shutdown()


def test_a_due_break_really_fires_on_the_main_thread(qtbot: QtBot, make_driver) -> None:
    """Real time: the app started 59 s ago in a work range with a 1-minute interval."""
    clock = SystemClock(BERLIN)
    now = clock.now()
    engine = SpyEngine(settings_with_range(now - timedelta(seconds=59), timedelta(hours=2)), clock)
    engine.clock_changed()  # the cycle starts from now...
    engine._cycle.anchor -= timedelta(seconds=59)  # ...as if started 59 s ago
    driver = make_driver(engine, clock)
    seen_threads: list[bool] = []
    driver.break_started.connect(
        lambda _ev: seen_threads.append(
            QThread.currentThread() is QCoreApplication.instance().thread()
        )
    )
    with qtbot.waitSignal(driver.break_started, timeout=5000) as blocker:
        driver.start()
    event = blocker.args[0]
    assert isinstance(event, BreakStarted)
    assert abs(event.planned.start - clock.now()) < timedelta(seconds=2)
    assert seen_threads == [True]
    assert set(engine.tick_threads) == {threading.main_thread().ident}


def test_no_job_fires_after_shutdown(qtbot: QtBot, make_driver) -> None:
    """Real time, 1.2 s: a break due in ~0.5 s must not come once the driver is shut down."""
    clock = SystemClock(BERLIN)
    now = clock.now()
    engine = SpyEngine(
        settings_with_range(now - timedelta(seconds=59.5), timedelta(hours=2)), clock
    )
    driver = make_driver(engine, clock)
    driver.start()
    assert driver.wakeup_at is not None
    ticks = len(engine.tick_threads)
    driver.shutdown()
    with qtbot.assertNotEmitted(driver.changed, wait=1200):
        pass
    assert len(engine.tick_threads) == ticks
    assert driver.wakeups == 0
    assert not driver.wakeup_timer.isActive()
    assert not any(t.isActive() for t in driver.findChildren(QTimer))


def test_rescheduling_100_times_leaves_one_pending_timer(qtbot: QtBot, make_driver) -> None:
    """Each action re-arms: still one wakeup pending (and the heartbeat), firing once."""
    clock = FakeClock(datetime(2024, 3, 4, 9, 0, tzinfo=BERLIN))
    engine = SpyEngine(Settings(breaks=BreaksSettings(warning_seconds=0)), clock)
    driver = make_driver(engine, clock)
    driver.start()
    due = engine.next_wakeup()
    assert due is not None
    clock.advance_to(due - timedelta(seconds=0.5))  # the break is due in half a second
    for _ in range(100):
        assert driver.run(lambda e: e.tick()) is None
    active = [t for t in driver.findChildren(QTimer) if t.isActive()]
    assert sorted(t.objectName() for t in active) == [HEARTBEAT_TIMER, WAKEUP_TIMER]
    assert 0 < driver.wakeup_timer.remainingTime() <= 500
    qtbot.waitUntil(lambda: driver.wakeups >= 1, timeout=3000)
    flush_events()
    assert driver.wakeups == 1
    assert [j.id for j in driver.scheduler.get_jobs()] == [WAKEUP_JOB]


def test_stock_qtscheduler_leaves_a_timer_per_wakeup(qtbot: QtBot) -> None:
    """The trap the subclass fixes, measured the same way (a control for the test above)."""
    runs: list[int] = []

    class Counting(QtScheduler):  # type: ignore[misc]
        def _process_jobs(self) -> None:
            runs.append(1)
            super()._process_jobs()

    stock = Counting()
    stock.start()
    qtbot.waitUntil(lambda: len(runs) >= 1)
    flush_events()
    runs.clear()
    for _ in range(100):
        stock.wakeup()
    qtbot.waitUntil(lambda: len(runs) >= 100)
    flush_events()
    stock.shutdown()
    assert len(runs) == 100

    ours = SingleTimerQtScheduler("test-scheduler")
    ours.start()
    ours.add_job(lambda: None, "date", run_date=datetime.now(UTC) + timedelta(seconds=0.2))
    for _ in range(100):
        ours.wakeup()
    qtbot.waitUntil(lambda: ours.process_runs >= 1)
    flush_events()
    assert ours.process_runs == 1  # one shot for 100 wakeups
    ours.shutdown()


def test_the_job_runs_late_rather_than_never_and_once(qtbot: QtBot, make_driver) -> None:
    """misfire_grace_time=None, coalesce: a job found late (the machine slept) still runs."""
    clock = FakeClock(datetime(2024, 3, 4, 9, 0, tzinfo=BERLIN))
    driver = make_driver(BreakEngine(Settings(), clock), clock)
    driver.start()
    job = driver.scheduler.get_job(WAKEUP_JOB)
    assert job.misfire_grace_time is None and job.coalesce
    assert job.executor == "default"
    assert type(driver.scheduler._lookup_executor("default")).__name__ == "DebugExecutor"


def test_one_wakeup_at_the_engines_next_wakeup_and_none_per_range(
    qtbot: QtBot, make_driver
) -> None:
    """Range starts and ends come from the engine's next_wakeup, not from timers of their own."""
    clock = FakeClock(datetime(2024, 3, 4, 7, 0, tzinfo=BERLIN))  # Monday, before work
    engine = BreakEngine(Settings(), clock)
    driver = make_driver(engine, clock)
    driver.start()
    assert sorted(t.objectName() for t in driver.findChildren(QTimer) if t.isActive()) == [
        HEARTBEAT_TIMER, WAKEUP_TIMER]
    assert engine.next_wakeup() == datetime(2024, 3, 4, 9, 0, tzinfo=BERLIN)  # the range start
    _assert_job_matches_engine(driver, clock)
    split = Settings(
        work_hours=WorkHours(
            {"monday": (WorkRange(time(7, 30), time(12)), WorkRange(time(13), time(17)))}
        )
    )
    driver.run(lambda e: e.apply_settings(split))
    assert engine.next_wakeup() == datetime(2024, 3, 4, 7, 30, tzinfo=BERLIN)
    _assert_job_matches_engine(driver, clock)


def test_a_simulated_sleep_is_a_natural_break(qtbot: QtBot, make_driver) -> None:
    clock = ShiftedClock(SystemClock(BERLIN))
    now = clock.now()
    engine = BreakEngine(
        settings_with_range(now - timedelta(minutes=10), timedelta(hours=4), interval=30), clock
    )
    driver = make_driver(engine, clock)
    driver.start()
    pending = engine.next_break
    assert pending is not None
    clock.wall += 3600
    clock.boot += 3600
    with qtbot.waitSignal(driver.break_ended, timeout=1000) as blocker:
        driver.check_clocks_now()
    ended = blocker.args[0]
    assert isinstance(ended, BreakEnded) and ended.outcome is Outcome.NATURAL
    nxt = engine.next_break
    assert nxt is not None and nxt.start >= clock.now() + timedelta(seconds=60)
    _assert_job_matches_engine(driver, clock)


def test_a_wall_clock_jump_keeps_the_real_time_left(qtbot: QtBot, make_driver) -> None:
    clock = ShiftedClock(SystemClock(BERLIN))
    now = clock.now()
    engine = BreakEngine(
        settings_with_range(now - timedelta(minutes=10), timedelta(hours=4), interval=30), clock
    )
    driver = make_driver(engine, clock)
    driver.start()
    before = engine.next_break
    assert before is not None
    clock.wall += 2 * 3600
    with qtbot.assertNotEmitted(driver.break_started), qtbot.assertNotEmitted(driver.break_ended):
        driver.check_clocks_now()
    after = engine.next_break
    assert after is not None
    shift = after.start.astimezone(UTC) - before.start.astimezone(UTC)
    assert abs(shift - timedelta(hours=2)) < timedelta(milliseconds=50)
    assert after.number_in_day == before.number_in_day
    _assert_job_matches_engine(driver, clock)


def _assert_job_matches_engine(driver: EngineDriver, clock: ShiftedClock | FakeClock) -> None:
    wakeup = driver.engine.next_wakeup()
    armed = driver.wakeup_at
    assert wakeup is not None and armed is not None
    expected = datetime.now(BERLIN) + (wakeup - clock.now())
    assert abs(armed - expected) < timedelta(seconds=2)
    left_ms = (wakeup - clock.now()).total_seconds() * 1000
    assert abs(driver.wakeup_timer.remainingTime() - min(left_ms, 2**31 - 1)) < 2000


# ---- with fake timers: the heartbeat fires when the test says -------------------------

TOKYO = ZoneInfo("Asia/Tokyo")


def test_a_zone_change_moves_the_work_hours_within_a_heartbeat(
    qtbot: QtBot, make_driver, fake_timers: FakeTimers
) -> None:
    """Berlin, Monday 10:00, working. The system's zone becomes Tokyo (18:00, after work)."""
    clock = FakeClock(datetime(2024, 3, 4, 10, 0, tzinfo=BERLIN))
    engine = BreakEngine(Settings(), clock)
    driver = make_driver(engine, clock)
    driver.start()
    before = engine.next_break
    assert before is not None and before.start.date() == date(2024, 3, 4)
    clock.set_tz(TOKYO)
    assert engine.next_break == before  # nothing notices until the heartbeat looks
    with qtbot.waitSignal(driver.changed, timeout=1000):
        fake_timers.fire(HEARTBEAT_TIMER)
    after = engine.next_break
    assert after is not None
    assert after.start.tzinfo == TOKYO
    # Tokyo's Monday work is over: the next break is on Tuesday, Tokyo time.
    assert after.start.astimezone(TOKYO).date() == date(2024, 3, 5)
    assert time(9) <= after.start.astimezone(TOKYO).time() <= time(10)
    assert engine.next_wakeup() == datetime(2024, 3, 5, 9, 0, tzinfo=TOKYO)
    _assert_job_matches_engine(driver, clock)
    # A heartbeat with no change re-plans nothing and announces nothing.
    with qtbot.assertNotEmitted(driver.changed):
        fake_timers.fire(HEARTBEAT_TIMER)


def test_a_real_tz_change_is_seen_by_the_system_clock(
    qtbot: QtBot, make_driver, fake_timers: FakeTimers, set_system_tz: Callable[[str], None]
) -> None:
    """The real SystemClock and tzlocal: TZ changes under a running driver."""
    set_system_tz("Europe/Berlin")
    clock = SystemClock(reload_local_zone())
    assert str(clock.tz) == "Europe/Berlin"
    assert not clock.refresh_zone()  # nothing changed: tzlocal is not even asked
    now = clock.now()
    engine = BreakEngine(settings_with_range(now - timedelta(minutes=5), timedelta(hours=2)), clock)
    driver = make_driver(engine, clock)
    driver.start()
    assert engine.next_break is not None
    set_system_tz("Asia/Tokyo")  # 7 or 8 hours later: outside the range
    fake_timers.fire(HEARTBEAT_TIMER)
    assert str(clock.tz) == "Asia/Tokyo"
    nxt = engine.next_break
    assert nxt is None or nxt.start.astimezone(TOKYO) > clock.now() + timedelta(hours=10)
    assert engine.next_wakeup() is not None
    assert engine.next_wakeup().tzinfo == clock.tz  # type: ignore[union-attr]


def test_shutdown_leaves_no_named_timer_running(
    qtbot: QtBot, make_driver, fake_timers: FakeTimers
) -> None:
    clock = FakeClock(datetime(2024, 3, 4, 10, 0, tzinfo=BERLIN))
    driver = make_driver(BreakEngine(Settings(), clock), clock)
    driver.start()
    assert {HEARTBEAT_TIMER, WAKEUP_TIMER} <= set(active_timers())
    driver.shutdown()
    assert not {HEARTBEAT_TIMER, WAKEUP_TIMER} & set(active_timers())


def test_the_engine_runs_when_the_wakeup_timer_fires(
    qtbot: QtBot, make_driver, fake_timers: FakeTimers
) -> None:
    """No waiting: the wakeup timer is fired by hand once the break is due."""
    clock = FakeClock(datetime(2024, 3, 4, 9, 29, 30, tzinfo=BERLIN))
    engine = SpyEngine(Settings(breaks=BreaksSettings(warning_seconds=0)), clock)
    driver = make_driver(engine, clock)
    driver.start()
    ticks = len(engine.tick_threads)
    due = engine.next_wakeup()
    assert due is not None and engine.next_break is not None and engine.next_break.start == due
    timer = fake_timers.get(WAKEUP_TIMER)
    wait_ms = (due - clock.now()).total_seconds() * 1000
    assert timer.isActive() and abs(timer.interval() - wait_ms) < 50  # when the break is due
    with qtbot.waitSignal(driver.break_started, timeout=1000):
        clock.advance_to(due)
        due_for_apscheduler(driver)
        fake_timers.fire(WAKEUP_TIMER)
    assert len(engine.tick_threads) == ticks + 1
    assert fake_timers.armed(WAKEUP_TIMER)  # re-armed for the break's end
    assert abs(timer.interval() - 60_000) < 50  # the default 60 s break


def due_for_apscheduler(driver: EngineDriver) -> None:
    """APScheduler reads the system's clock, not the fake one: make the job due for it."""
    job = driver.scheduler.get_job(WAKEUP_JOB)
    assert job is not None
    job.modify(next_run_time=datetime.now(UTC))


def test_a_wakeup_early_by_the_wall_clock_waits_for_what_is_left(
    qtbot: QtBot, make_driver, fake_timers: FakeTimers
) -> None:
    """The timer counts monotonic time: if it fires before the due wall time (the clock
    was set back a little), nothing starts and the rest is waited for."""
    clock = FakeClock(datetime(2024, 3, 4, 9, 29, 30, tzinfo=BERLIN))
    engine = BreakEngine(Settings(breaks=BreaksSettings(warning_seconds=0)), clock)
    driver = make_driver(engine, clock)
    driver.start()
    due = engine.next_wakeup()
    assert due is not None and engine.next_break is not None and engine.next_break.start == due
    clock.advance_to(due - timedelta(seconds=3))
    with qtbot.assertNotEmitted(driver.break_started):
        due_for_apscheduler(driver)
        fake_timers.fire(WAKEUP_TIMER)
        flush_events()
    assert abs(fake_timers.get(WAKEUP_TIMER).interval() - 3000) < 50
    with qtbot.waitSignal(driver.break_started, timeout=1000):
        clock.advance_to(due)
        due_for_apscheduler(driver)
        fake_timers.fire(WAKEUP_TIMER)


def test_started_after_show_the_first_wakeup_is_armed_on_the_first_turn(
    qtbot: QtBot, make_driver
) -> None:
    """The app's path: APScheduler starts on the loop's first turn, dated as at start()."""
    clock = FakeClock(datetime(2024, 3, 4, 9, 0, tzinfo=BERLIN))
    engine = BreakEngine(Settings(), clock)
    driver = make_driver(engine, clock)
    driver.start(scheduler_after_show=True)
    assert driver.wakeup_at is None  # nothing can fire before the loop runs anyway
    qtbot.waitUntil(lambda: driver.wakeup_at is not None, timeout=1000)
    _assert_job_matches_engine(driver, clock)
    assert [j.id for j in driver.scheduler.get_jobs()] == [WAKEUP_JOB]


def test_shut_down_before_the_first_turn_starts_nothing(qtbot: QtBot, make_driver) -> None:
    clock = FakeClock(datetime(2024, 3, 4, 9, 0, tzinfo=BERLIN))
    driver = make_driver(BreakEngine(Settings(), clock), clock)
    driver.start(scheduler_after_show=True)
    driver.shutdown()
    flush_events()
    assert driver.wakeup_at is None
    assert not any(t.isActive() for t in driver.findChildren(QTimer))
