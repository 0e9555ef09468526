"""Clock chaos on the injected clock: DST both ways, the wall clock set ±3 h, suspends of
10 minutes and 3 hours, a time-zone change in the middle of the day.

Each case runs the real engine on a FakeClock through a work day, the way the driver
does (tick at every wakeup; `woke_up` / `clock_changed` when the clocks disagree),
and checks what a person would see: the next break at the exact instant (real time
left kept across a jump, a fresh cycle after a natural break), and nothing popping
up at the moment of the event or in the quiet minute after waking.

Default settings: Monday to Friday 09:00-17:30, a break every 30 minutes (from the
end of the last), 60 s long, a 30 s warning. Monday 4 March 2024, Berlin: breaks
at 09:30, 10:01, 10:32, ...
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from desk_break.core.clock import FakeClock
from desk_break.core.engine import BreakEngine
from desk_break.core.events import BreakEnded, BreakStarted, Event, Outcome, State, WarningStarted
from desk_break.settings.model import (
    WEEKDAYS,
    LongBreaksSettings,
    Settings,
    WorkHours,
    WorkRange,
)
from tests.core.test_engine import BERLIN, at, of, run_to

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
HOUR = 3600


def engine_at(when: datetime, settings: Settings | None = None) -> tuple[BreakEngine, FakeClock]:
    clock = FakeClock(at(8) if when >= at(8) else when)
    engine = BreakEngine(settings or Settings(), clock)
    run_to(engine, clock, when)
    return engine, clock


def popups(events: list[Event]) -> list[Event]:
    return [e for e in events if isinstance(e, BreakStarted | WarningStarted)]


def next_start(engine: BreakEngine) -> datetime:
    nxt = engine.next_break
    assert nxt is not None
    return nxt.start


def quiet_until(engine: BreakEngine, clock: FakeClock, until: datetime) -> None:
    """Nothing pops up from now until `until` (ticking at every wakeup on the way)."""
    events = run_to(engine, clock, until)
    assert not popups(events), popups(events)


def first_popups(engine: BreakEngine, clock: FakeClock, until: datetime) -> list[Event]:
    return popups(run_to(engine, clock, until))


# ---- the wall clock set forward or back by 3 hours ----------------------------------------


def test_wall_clock_set_3_hours_ahead_keeps_the_real_time_left() -> None:
    engine, clock = engine_at(at(10, 10))
    assert next_start(engine) == at(10, 32)
    clock.jump_wall(3 * HOUR)  # 13:10 on the wall
    assert not popups(engine.clock_changed())
    assert next_start(engine) == at(13, 32)  # still 22 minutes away
    quiet_until(engine, clock, at(13, 31, 29))
    warned, started = first_popups(engine, clock, at(13, 32))
    assert isinstance(warned, WarningStarted) and warned.at == at(13, 31, 30)
    assert isinstance(started, BreakStarted) and started.at == at(13, 32)


def test_wall_clock_set_3_hours_back_in_the_range_neither_repeats_nor_loses_a_break() -> None:
    engine, clock = engine_at(at(13, 10))
    before = engine.next_break
    assert before is not None
    clock.jump_wall(-3 * HOUR)  # 10:10 on the wall: breaks were taken "at" 10:01 already
    assert not popups(engine.clock_changed())
    after = engine.next_break
    assert after is not None
    assert after.start == before.start - timedelta(hours=3)
    assert after.number_in_day == before.number_in_day
    quiet_until(engine, clock, after.start - timedelta(seconds=31))
    assert [type(e) for e in first_popups(engine, clock, after.start)] == [
        WarningStarted, BreakStarted
    ]


def test_wall_clock_set_3_hours_back_before_work_shows_nothing_until_the_range() -> None:
    engine, clock = engine_at(at(10, 10))  # two breaks taken today
    clock.jump_wall(-3 * HOUR)  # 07:10: before work hours
    engine.clock_changed()
    assert engine.state is State.OUTSIDE_WORK_HOURS
    nxt = engine.next_break
    assert nxt is not None and nxt.start == at(9, 30) and nxt.number_in_day == 3
    quiet_until(engine, clock, at(9, 29, 29))
    assert [e.at for e in first_popups(engine, clock, at(9, 30))] == [at(9, 29, 30), at(9, 30)]


def test_wall_clock_set_3_hours_ahead_past_the_end_of_work_shows_nothing() -> None:
    engine, clock = engine_at(at(16))
    clock.jump_wall(3 * HOUR)  # 19:00
    assert not popups(engine.clock_changed())
    assert engine.state is State.OUTSIDE_WORK_HOURS
    nxt = engine.next_break
    assert nxt is not None and nxt.start == at(9, 30, day=5) and nxt.number_in_day == 1
    quiet_until(engine, clock, at(9, 29, 29, day=5))


def test_wall_clock_set_3_hours_back_during_a_break_keeps_its_real_length() -> None:
    engine, clock = engine_at(at(10, 1, 30))  # the 10:01 break, 30 s left
    assert engine.state is State.IN_BREAK
    clock.jump_wall(-3 * HOUR)
    assert not popups(engine.clock_changed())
    current = engine.current_break
    assert current is not None and current.end == at(7, 2)
    events = run_to(engine, clock, at(7, 2))
    (ended,) = of(events, BreakEnded)
    assert ended.outcome is Outcome.COMPLETED and ended.at == at(7, 2)
    quiet_until(engine, clock, at(9, 29, 29))


# ---- suspends of 10 minutes and 3 hours ----------------------------------------------------


@pytest.mark.parametrize("slept", [10 * 60, 3 * HOUR])
def test_a_suspend_in_work_hours_is_one_natural_break_and_a_fresh_cycle(slept: int) -> None:
    engine, clock = engine_at(at(10, 10))
    clock.suspend(slept)
    woke = engine.woke_up(slept)
    assert not popups(woke)
    (ended,) = of(woke, BreakEnded)  # one break, never a pile of missed ones
    assert ended.outcome is Outcome.NATURAL and ended.cause == "sleep"
    awake = clock.now()
    assert next_start(engine) == awake + timedelta(minutes=30)
    quiet_until(engine, clock, awake + timedelta(minutes=29, seconds=29))
    assert [e.at for e in first_popups(engine, clock, awake + timedelta(minutes=30))] == [
        awake + timedelta(minutes=29, seconds=30), awake + timedelta(minutes=30)
    ]


def test_a_3_hour_suspend_past_the_end_of_work_shows_nothing_until_tomorrow() -> None:
    engine, clock = engine_at(at(16))
    clock.suspend(3 * HOUR)  # to 19:00
    woke = engine.woke_up(3 * HOUR)
    assert not popups(woke)
    assert engine.state is State.OUTSIDE_WORK_HOURS
    quiet_until(engine, clock, at(9, 29, 29, day=5))
    assert next_start(engine) == at(9, 30, day=5)


def test_a_10_minute_suspend_during_the_warning_takes_the_warning_away() -> None:
    engine, clock = engine_at(at(10, 31, 40))
    assert engine.state is State.WARNING
    clock.suspend(600)
    woke = engine.woke_up(600)
    assert not popups(woke)
    assert engine.state is State.WAITING
    assert [e.outcome for e in of(woke, BreakEnded)] == [Outcome.NATURAL]
    assert next_start(engine) == at(11, 11, 40)  # a fresh cycle from waking
    quiet_until(engine, clock, at(11, 11, 9))


def test_a_suspend_shorter_than_a_break_delays_it_past_the_quiet_minute() -> None:
    engine, clock = engine_at(at(10, 31))
    clock.suspend(50)  # 10:31:50: the break was due at 10:32
    assert not popups(engine.woke_up(50))
    quiet_until(engine, clock, at(10, 32, 49))  # a minute of quiet, then the whole warning
    assert [e.at for e in first_popups(engine, clock, at(10, 33, 20))] == [
        at(10, 32, 50), at(10, 33, 20)
    ]


# ---- a time-zone change in the middle of the day ----------------------------------------------


def test_flying_to_london_keeps_the_next_break_and_ends_the_day_at_london_1730() -> None:
    engine, clock = engine_at(at(11))
    before = next_start(engine)
    clock.set_tz(LONDON)
    assert clock.refresh_zone()
    assert not popups(engine.clock_changed())
    after = next_start(engine)
    assert after == before and after.tzinfo is LONDON  # the same instant, told in London
    events = run_to(engine, clock, datetime(2024, 3, 4, 20, tzinfo=LONDON))
    last = of(events, BreakStarted)[-1]
    assert last.at.astimezone(LONDON).time() < time(17, 30)
    assert last.at.astimezone(LONDON) > datetime(2024, 3, 4, 16, 50, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("zone", "first"),
    [
        (NEW_YORK, datetime(2024, 3, 4, 9, 30, tzinfo=NEW_YORK)),  # 05:00 there: before work
        (TOKYO, datetime(2024, 3, 5, 9, 30, tzinfo=TOKYO)),  # 19:00 there: after work
    ],
)
def test_a_zone_change_outside_the_new_work_hours_shows_nothing_until_they_start(
    zone: ZoneInfo, first: datetime
) -> None:
    engine, clock = engine_at(at(11))
    clock.set_tz(zone)
    clock.refresh_zone()
    assert not popups(engine.clock_changed())
    assert engine.state is State.OUTSIDE_WORK_HOURS
    assert next_start(engine) == first
    quiet_until(engine, clock, first - timedelta(seconds=31))
    assert [e.at for e in first_popups(engine, clock, first)] == [
        first - timedelta(seconds=30), first
    ]


# ---- daylight saving, both ways, in the middle of a work range -----------------------------


def whole_days() -> Settings:
    every_day = WorkHours({d: (WorkRange(time(0), time(0)),) for d in WEEKDAYS})
    return Settings(long_breaks=LongBreaksSettings(enabled=False), work_hours=every_day)


@pytest.mark.parametrize(
    ("start", "due_utc"),
    [
        # 01:50 CET, clocks go forward at 02:00: due 30 real minutes later, 03:20 CEST.
        (datetime(2024, 3, 31, 1, 50, tzinfo=BERLIN), datetime(2024, 3, 31, 1, 20, tzinfo=UTC)),
        # 02:50 CEST, clocks go back at 03:00: due 30 real minutes later, 02:20 CET.
        (datetime(2024, 10, 27, 2, 50, tzinfo=BERLIN), datetime(2024, 10, 27, 1, 20, tzinfo=UTC)),
    ],
)
def test_across_a_dst_change_the_break_comes_after_the_real_interval(
    start: datetime, due_utc: datetime
) -> None:
    clock = FakeClock(start)
    engine = BreakEngine(whole_days(), clock)
    assert next_start(engine).astimezone(UTC) == due_utc
    quiet_until(engine, clock, due_utc - timedelta(seconds=31))
    assert [e.at.astimezone(UTC) for e in first_popups(engine, clock, due_utc)] == [
        due_utc - timedelta(seconds=30), due_utc
    ]
    # And every later break is 31 real minutes after the one before (30 + 1 of break).
    events = run_to(engine, clock, due_utc + timedelta(hours=3))
    starts = [e.at.astimezone(UTC) for e in of(events, BreakStarted)]
    assert [b - a for a, b in zip([due_utc, *starts], starts, strict=False)] == [
        timedelta(minutes=31)
    ] * len(starts)
