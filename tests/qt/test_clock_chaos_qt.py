"""Clock chaos through the Qt shell: the driver, APScheduler and the app's status.

APScheduler reads the system's wall clock itself and our one scheduler timer
counts monotonic time, so a clock set back between arming and firing is where
they disagree. `SimulatedSystem` stands in for the machine's clocks: it moves the
engine's wall, monotonic and boot-time clocks and APScheduler's `datetime.now`
together (awake time), the wall alone (someone sets the clock) or wall and boot
time (a suspend). Timers are fake and fire when the simulated time says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from desk_break.core.clock import FakeClock, SystemClock
from desk_break.core.engine import BreakEngine
from desk_break.core.events import BreakEnded, BreakStarted, Outcome
from desk_break.paths import AppPaths, app_paths
from desk_break.qt.scheduler import HEARTBEAT_TIMER, SCHEDULER_TIMER, WAKEUP_JOB, EngineDriver
from desk_break.settings.model import (
    WEEKDAYS,
    BreaksSettings,
    LongBreaksSettings,
    Settings,
    WorkHours,
    WorkRange,
)
from tests.conftest import FakeTimers
from tests.qt.test_app import MONDAY_9, started
from tests.qt.test_app import SETTINGS as APP_SETTINGS
from tests.qt.test_scheduler_qt import flush_events


def midday_zone() -> tzinfo:
    """A zone where it is about noon now, so the clock set ±3 h stays on the same day."""
    return timezone(timedelta(hours=12 - datetime.now(UTC).hour))


def whole_days(interval: int = 30) -> Settings:
    return Settings(
        breaks=BreaksSettings(interval_minutes=interval, duration_seconds=10, warning_seconds=0),
        long_breaks=LongBreaksSettings(enabled=False),
        work_hours=WorkHours({d: (WorkRange(time(0), time(0)),) for d in WEEKDAYS}),
    )


class SimulatedSystem:
    """The machine's clocks as offsets on the real ones, shared with APScheduler."""

    def __init__(self, tz: tzinfo) -> None:
        self.base = SystemClock(tz)
        self.wall = 0.0
        self.mono = 0.0
        self.boot = 0.0

    # the Clock protocol, for the engine and the driver
    @property
    def tz(self) -> tzinfo:
        return self.base.tz

    def now(self) -> datetime:
        return self.base.now() + timedelta(seconds=self.wall)

    def monotonic(self) -> float:
        return self.base.monotonic() + self.mono

    def boottime(self) -> float:
        return self.base.boottime() + self.boot

    def refresh_zone(self) -> bool:
        return False

    # what happens to the machine
    def awake(self, seconds: float) -> None:
        self.wall += seconds
        self.mono += seconds
        self.boot += seconds

    def set_clock(self, seconds: float) -> None:
        self.wall += seconds

    def suspend(self, seconds: float) -> None:
        self.wall += seconds
        self.boot += seconds


@pytest.fixture
def system(monkeypatch: pytest.MonkeyPatch) -> SimulatedSystem:
    sim = SimulatedSystem(midday_zone())

    class SystemDatetime(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> SystemDatetime:  # type: ignore[override]
            return datetime.now(tz) + timedelta(seconds=sim.wall)  # type: ignore[return-value]

    monkeypatch.setattr("apscheduler.schedulers.base.datetime", SystemDatetime)
    monkeypatch.setattr("desk_break.qt.scheduler.datetime", SystemDatetime)
    return sim


@pytest.fixture
def driver(
    qtbot: QtBot, system: SimulatedSystem, fake_timers: FakeTimers
) -> Iterator[EngineDriver]:
    made = EngineDriver(BreakEngine(whole_days(), system), system, watch_logind=False)
    made.start()
    fake_timers.fire(SCHEDULER_TIMER)  # add_job's wakeup: APScheduler arms for the job
    yield made
    made.shutdown()


def wait_armed_ms(fake_timers: FakeTimers) -> float:
    timer = fake_timers.get(SCHEDULER_TIMER)
    assert timer.isActive()
    return float(timer.interval())


@pytest.mark.parametrize("hours", [-3, 3])
def test_the_clock_set_3_hours_just_before_a_break_does_not_delay_it(
    qtbot: QtBot, driver: EngineDriver, system: SimulatedSystem, fake_timers: FakeTimers,
    hours: int,
) -> None:
    """The scheduler timer counts real time: when it fires, the break starts then, even
    though the wall clock now says something else and no heartbeat has run yet."""
    nxt = driver.engine.next_break
    assert nxt is not None
    left = (nxt.start - system.now()).total_seconds()
    assert abs(wait_armed_ms(fake_timers) - left * 1000) < 2000
    system.awake(left - 20)
    system.set_clock(hours * 3600)  # 20 s before the break
    system.awake(20)
    with qtbot.waitSignal(driver.break_started, timeout=1000) as started:
        fake_timers.fire(SCHEDULER_TIMER)  # its 30 real minutes are up
        flush_events()
    event = started.args[0]
    assert isinstance(event, BreakStarted)
    assert abs((event.at - system.now()).total_seconds()) < 2
    assert event.planned.number_in_day == nxt.number_in_day


def test_after_the_clock_is_set_back_the_job_is_rearmed_for_the_real_time_left(
    qtbot: QtBot, driver: EngineDriver, system: SimulatedSystem, fake_timers: FakeTimers
) -> None:
    nxt = driver.engine.next_break
    assert nxt is not None
    system.awake(60)
    system.set_clock(-3 * 3600)
    fake_timers.fire(HEARTBEAT_TIMER)
    fake_timers.fire(SCHEDULER_TIMER)  # the rearm's wakeup
    left = (nxt.start - system.now()).total_seconds() - 3 * 3600
    assert abs(wait_armed_ms(fake_timers) - left * 1000) < 2000
    job = driver.scheduler.get_job(WAKEUP_JOB)
    assert job is not None


@pytest.mark.parametrize("slept", [10 * 60, 3 * 3600])
def test_after_a_suspend_the_first_timer_to_fire_ends_in_a_natural_break_not_a_popup(
    qtbot: QtBot, driver: EngineDriver, system: SimulatedSystem, fake_timers: FakeTimers,
    slept: int,
) -> None:
    """Monotonic time stops in a suspend: the scheduler timer fires after waking, late on
    the wall clock; it must take the sleep as a break and show nothing."""
    nxt = driver.engine.next_break
    assert nxt is not None
    left = (nxt.start - system.now()).total_seconds()
    system.awake(left - 60)
    system.suspend(slept)
    system.awake(60)
    with (
        qtbot.waitSignal(driver.break_ended, timeout=1000) as ended,
        qtbot.assertNotEmitted(driver.break_started),
        qtbot.assertNotEmitted(driver.warning_started),
    ):
        fake_timers.fire(SCHEDULER_TIMER)
        flush_events()
    event = ended.args[0]
    assert isinstance(event, BreakEnded) and event.outcome is Outcome.NATURAL
    after = driver.engine.next_break
    assert after is not None
    assert abs((after.start - system.now()).total_seconds() - 30 * 60) < 2
    fake_timers.fire(SCHEDULER_TIMER)  # the rearm's wakeup
    assert abs(wait_armed_ms(fake_timers) / 1000 - 30 * 60) < 2


def test_a_heartbeat_after_a_3_hour_suspend_shows_nothing(
    qtbot: QtBot, driver: EngineDriver, system: SimulatedSystem, fake_timers: FakeTimers
) -> None:
    system.awake(5 * 60)
    system.suspend(3 * 3600)
    with (
        qtbot.assertNotEmitted(driver.break_started),
        qtbot.assertNotEmitted(driver.warning_started),
    ):
        fake_timers.fire(HEARTBEAT_TIMER)
        flush_events()
    assert driver.engine.last_break is not None
    assert driver.engine.last_break.outcome is Outcome.NATURAL
    assert driver.engine.next_break is not None
    when = driver.engine.next_break.start.astimezone(UTC)
    assert abs((when - system.now().astimezone(UTC)).total_seconds() - 1800) < 2


# ---- what `desk-break status` says right after the clock changed ---------------------------


@pytest.fixture
def app_paths_with_settings() -> AppPaths:
    p = app_paths()
    p.config_dir.mkdir(parents=True, exist_ok=True)
    p.settings_file.write_text(APP_SETTINGS, encoding="utf-8")
    return p


@pytest.mark.parametrize("hours", [-3, 3])
def test_status_right_after_the_clock_is_set_keeps_the_real_time_left(
    qtbot: QtBot, app_paths_with_settings: AppPaths, hours: int
) -> None:
    """A status-bar script asks every few seconds; it must not wait for the next
    minute's heartbeat to see the right time (nor say "overdue" meanwhile)."""
    clock = FakeClock(MONDAY_9 + timedelta(hours=4))  # 13:00, in work hours
    with started(app_paths_with_settings, clock) as app:
        before = datetime.fromisoformat(str(app.snapshot()["next_break_at"]))
        clock.advance(60)
        clock.jump_wall(hours * 3600)
        after = datetime.fromisoformat(str(app.snapshot()["next_break_at"]))
        assert after - before == timedelta(hours=hours)
        assert app.snapshot()["state"] == "waiting"


def test_status_right_after_a_zone_change_tells_the_new_zone(
    qtbot: QtBot, app_paths_with_settings: AppPaths
) -> None:
    clock = FakeClock(MONDAY_9 + timedelta(hours=2))  # 11:00 Berlin, 10:00 London
    with started(app_paths_with_settings, clock) as app:
        before = datetime.fromisoformat(str(app.snapshot()["next_break_at"]))
        clock.set_tz(ZoneInfo("Europe/London"))
        snap = app.snapshot()
        after = datetime.fromisoformat(str(snap["next_break_at"]))
        assert after == before and after.utcoffset() == timedelta(0)
        assert str(snap["status_line"]).endswith(f"(at {after:%H:%M})")
