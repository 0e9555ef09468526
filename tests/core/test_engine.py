"""BreakEngine semantics, driven by a FakeClock: no waiting, every step explicit."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from desk_break.core.clock import FakeClock
from desk_break.core.engine import ENDED, BreakEngine
from desk_break.core.events import (
    BreakEnded,
    BreakKind,
    BreakSnoozed,
    BreakStarted,
    Event,
    Outcome,
    Refused,
    State,
    StateChanged,
    WarningStarted,
)
from desk_break.core.moves import Move, Step
from desk_break.core.planner import plan_day
from desk_break.core.snapshot import engine_snapshot
from desk_break.settings.model import (
    WEEKDAYS,
    BehaviourSettings,
    BreaksSettings,
    Settings,
    WorkHours,
    WorkRange,
)

BERLIN = ZoneInfo("Europe/Berlin")


def at(hh: int, mm: int = 0, ss: int = 0, day: int = 4) -> datetime:
    """A time on Monday 4 March 2024 (or another March day), Berlin."""
    return datetime(2024, 3, day, hh, mm, ss, tzinfo=BERLIN)


def make(settings: Settings | None = None, start: datetime | None = None):
    clock = FakeClock(start or at(8))
    return BreakEngine(settings or Settings(), clock), clock


def with_breaks(**changes: int) -> Settings:
    return replace(Settings(), breaks=replace(BreaksSettings(), **changes))


def run_to(engine: BreakEngine, clock: FakeClock, when: datetime) -> list[Event]:
    """Let time pass to `when`, ticking at every wakeup on the way, as the driver does."""
    events: list[Event] = []
    utc = UTC  # compare in UTC: one zone's times compare by wall clock
    while (w := engine.next_wakeup()) is not None and w.astimezone(utc) <= when.astimezone(utc):
        clock.advance_to(max(w.astimezone(utc), clock.now().astimezone(utc)))
        events += engine.tick()
    clock.advance_to(when)
    events += engine.tick()
    return events


def of(events: list[Event] | Refused, kind: type) -> list:
    assert not isinstance(events, Refused), events
    return [e for e in events if isinstance(e, kind)]


# ---- the day as planned ---------------------------------------------------------------


def test_outside_hours_then_warning_break_and_end() -> None:
    engine, clock = make()
    assert engine.state is State.OUTSIDE_WORK_HOURS
    assert engine.next_break is not None and engine.next_break.start == at(9, 30)
    assert engine.next_wakeup() == at(9)  # the range start

    events = run_to(engine, clock, at(9, 29, 29))
    assert of(events, StateChanged)[-1].new is State.WAITING
    assert not of(events, WarningStarted)

    events = run_to(engine, clock, at(9, 29, 30))
    (warning,) = of(events, WarningStarted)
    assert warning.at == at(9, 29, 30) and warning.upcoming.start == at(9, 30)
    assert engine.state is State.WARNING
    assert engine.next_wakeup() == at(9, 30)

    events = run_to(engine, clock, at(9, 30))
    (started,) = of(events, BreakStarted)
    assert started.planned.start == at(9, 30) and started.planned.kind is BreakKind.MICRO
    assert engine.state is State.IN_BREAK and engine.current_break == started.planned
    assert engine.next_break is None

    events = run_to(engine, clock, at(9, 31))
    (ended,) = of(events, BreakEnded)
    assert ended.outcome is Outcome.COMPLETED and ended.started_at == at(9, 30)
    assert engine.next_break is not None and engine.next_break.start == at(10, 1)
    assert engine.next_break.number_in_day == 2


def test_no_warning_when_warning_seconds_is_zero() -> None:
    engine, clock = make(with_breaks(warning_seconds=0))
    events = run_to(engine, clock, at(9, 30))
    assert not of(events, WarningStarted)
    assert of(events, BreakStarted)


def test_warning_never_starts_before_the_work_range() -> None:
    engine, clock = make(with_breaks(interval_minutes=1, warning_seconds=120))
    events = run_to(engine, clock, at(9, 0))
    (warning,) = of(events, WarningStarted)
    assert warning.at == at(9, 0) and warning.upcoming.start == at(9, 1)


def test_starting_mid_day_starts_fresh_with_a_micro_break() -> None:
    # 13:04 with default settings (every 4th a long one): no plan is assumed taken.
    engine, _ = make(start=at(13, 4))
    nxt = engine.next_break
    assert nxt is not None and nxt.start == at(13, 34) and nxt.number_in_day == 1
    assert nxt.kind is BreakKind.MICRO
    assert engine.state is State.WAITING


def test_long_break_rhythm_counts_the_breaks_history_says_were_taken() -> None:
    taken = {at(8).date(): 3}
    clock = FakeClock(at(13, 4))
    engine = BreakEngine(Settings(), clock, taken_on=lambda day: taken.get(day, 0))
    nxt = engine.next_break
    assert nxt is not None and nxt.number_in_day == 4 and nxt.kind is BreakKind.LONG
    assert nxt.start == at(13, 34)  # still one interval after the start


def test_fourth_break_is_long() -> None:
    engine, clock = make()
    events = run_to(engine, clock, at(11, 10))
    kinds = [e.planned.kind for e in of(events, BreakStarted)]
    assert kinds == [BreakKind.MICRO] * 3 + [BreakKind.LONG]
    long_end = of(events, BreakEnded)[-1]
    assert long_end.planned.seconds == 300


# ---- snooze -----------------------------------------------------------------------------


def test_snooze_limit_and_refusal_text() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 29, 30))
    dues = []
    for _ in range(3):
        result = engine.snooze()
        (snoozed,) = of(result, BreakSnoozed)
        dues.append(snoozed.planned.start)
    assert dues == [at(9, 35), at(9, 40), at(9, 45)]
    assert engine.snoozes_used == 3 and engine_snapshot(engine)["snoozes_left"] == 0
    refused = engine.snooze()
    assert refused == Refused("No more snoozes for this break (3 of 3 used)")
    assert engine.can_snooze() == refused
    events = run_to(engine, clock, at(9, 45))
    (started,) = of(events, BreakStarted)
    assert started.snoozes_used == 3 and started.planned.number_in_day == 1
    run_to(engine, clock, at(9, 46))
    assert engine.snoozes_used == 0 and engine.can_snooze() is None


def test_snooze_while_waiting_moves_the_due_time() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 10))
    (snoozed,) = of(engine.snooze(), BreakSnoozed)
    assert snoozed.planned.start == at(9, 35)


def test_snooze_during_a_running_break_closes_it_and_brings_it_back() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 30, 10))
    assert engine.state is State.IN_BREAK
    result = engine.snooze()
    (snoozed,) = of(result, BreakSnoozed)
    assert not of(result, BreakEnded)
    assert snoozed.planned.start == at(9, 35, 10) and snoozed.snoozes_used == 1
    assert engine.state is State.WAITING and engine.current_break is None
    events = run_to(engine, clock, at(9, 35, 10))
    (again,) = of(events, BreakStarted)
    assert again.planned.number_in_day == 1 and again.snoozes_used == 1


def test_snooze_refusals() -> None:
    engine, clock = make()
    assert engine.snooze() == Refused("No break is coming up in these work hours")
    engine, clock = make(with_breaks(max_snoozes=0))
    run_to(engine, clock, at(9, 29, 30))
    assert engine.snooze() == Refused("Snoozing is turned off in the settings")
    late = Settings(
        breaks=BreaksSettings(snooze_minutes=15),
        work_hours=WorkHours({"monday": (WorkRange(time(9), time(9, 40)),)}),
    )
    engine, clock = make(late)
    run_to(engine, clock, at(9, 29, 30))
    refused = engine.snooze()
    assert isinstance(refused, Refused) and "Work hours end" in refused.reason
    engine.pause(None)
    assert engine.snooze() == Refused("Breaks are paused")


# ---- skip, done ---------------------------------------------------------------------------


def test_skip_pending_then_next_is_one_interval_from_now() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 10))
    (ended,) = of(engine.skip(), BreakEnded)
    assert ended.outcome is Outcome.SKIPPED and ended.started_at is None
    assert ended.planned.start == at(9, 30)
    nxt = engine.next_break
    assert nxt is not None and nxt.start == at(9, 40) and nxt.number_in_day == 2


def test_skip_running_break() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 30, 20))
    (ended,) = of(engine.skip(), BreakEnded)
    assert ended.outcome is Outcome.SKIPPED and ended.started_at == at(9, 30)
    assert engine.next_break is not None and engine.next_break.start == at(10, 0, 20)


def test_skip_refused_outside_hours() -> None:
    engine, _ = make()
    assert engine.skip() == Refused("No break is coming up in these work hours")


def test_done_ends_early_and_next_is_one_interval_after() -> None:
    engine, clock = make()
    assert engine.done() == Refused("No break is running")
    run_to(engine, clock, at(9, 30, 20))
    (ended,) = of(engine.done(), BreakEnded)
    assert ended.outcome is Outcome.COMPLETED
    assert engine.next_break is not None and engine.next_break.start == at(10, 0, 20)


# ---- pause -----------------------------------------------------------------------------------


def test_pause_for_a_duration_then_resume_on_expiry() -> None:
    engine, clock = make()
    run_to(engine, clock, at(10))
    result = engine.pause(at(11))
    assert of(result, StateChanged)[0].new is State.PAUSED
    assert engine.paused_until == at(11) and not engine.paused_indefinitely
    assert engine.next_break is None and engine.next_wakeup() == at(11)
    assert engine_snapshot(engine)["paused_until"] == "2024-03-04T11:00:00+01:00"
    events = run_to(engine, clock, at(10, 59, 59))
    assert not of(events, WarningStarted) and not of(events, BreakStarted)
    events = run_to(engine, clock, at(11))
    assert engine.state is State.WAITING and engine.paused_until is None
    assert engine.next_break is not None and engine.next_break.start == at(11, 30)


def test_pause_indefinitely_and_resume() -> None:
    engine, clock = make()
    assert engine.resume() == Refused("Not paused")
    run_to(engine, clock, at(10))
    engine.pause(None)
    assert engine.paused_indefinitely and engine.next_wakeup() is None
    events = run_to(engine, clock, at(15))
    assert not of(events, BreakStarted)
    engine.resume()
    assert engine.next_break is not None and engine.next_break.start == at(15, 30)


def test_pause_refuses_a_past_time_and_ends_a_running_break() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 30, 5))
    assert engine.pause(at(9)) == Refused("That time has already passed")
    (ended,) = of(engine.pause(at(10)), BreakEnded)
    assert ended.outcome is Outcome.SKIPPED


def test_pause_until_tomorrow() -> None:
    engine, clock = make()
    run_to(engine, clock, at(10))
    engine.pause_until_tomorrow()
    assert engine.paused_until == at(9, day=5)
    events = run_to(engine, clock, at(9, 30, day=5))
    (started,) = of(events, BreakStarted)
    assert started.planned.start == at(9, 30, day=5) and started.planned.number_in_day == 1
    friday, _ = make(start=at(10, day=8))
    friday.pause_until_tomorrow()
    assert friday.paused_until == at(9, day=11)
    empty, _ = make(Settings(work_hours=WorkHours({})))
    assert empty.pause_until_tomorrow() == Refused("There are no work hours to pause until")


def test_pause_until_tomorrow_in_a_night_shift_pauses_until_the_next_shift() -> None:
    night = Settings(
        work_hours=WorkHours({d: (WorkRange(time(22), time(6)),) for d in WEEKDAYS[:5]})
    )
    engine, clock = make(night, start=at(1, day=5))  # Tuesday 01:00, inside Monday's shift
    engine.pause_until_tomorrow()
    assert engine.paused_until == at(22, day=5)  # Tuesday's shift, not Wednesday's
    events = run_to(engine, clock, at(22, 30, day=5))
    (started,) = of(events, BreakStarted)
    assert (
        started.planned.start == at(22, 30, day=5)
        and started.planned.work_day == at(22, day=5).date()
    )
    # New settings recompute the target from the moment of pausing, not from 07:00 Tuesday.
    tuesday, clock = make(night, start=at(1, day=5))
    tuesday.pause_until_tomorrow()
    clock.advance_to(at(7, day=5))
    tuesday.apply_settings(replace(night, breaks=replace(night.breaks, interval_minutes=45)))
    assert tuesday.paused_until == at(22, day=5)
    friday, _ = make(night, start=at(1, day=30))  # Friday's shift, early Saturday, DST weekend
    friday.pause_until_tomorrow()
    assert friday.paused_until == datetime(2024, 4, 1, 22, tzinfo=BERLIN)


# ---- take a break now ----------------------------------------------------------------------------


def test_break_now_resets_the_cycle() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 10))
    (started,) = of(engine.break_now(), BreakStarted)
    assert started.planned.start == at(9, 10) and started.planned.number_in_day == 1
    assert engine.break_now() == Refused("A break is already running")
    run_to(engine, clock, at(9, 11))
    assert engine.next_break is not None and engine.next_break.start == at(9, 41)
    assert engine.next_break.number_in_day == 2


def test_break_now_outside_hours_counts_for_the_day() -> None:
    engine, clock = make()
    (started,) = of(engine.break_now(), BreakStarted)
    assert started.planned.work_day == at(8).date()
    events = run_to(engine, clock, at(9, 30))
    assert of(events, BreakStarted)[-1].planned.number_in_day == 2


def test_break_now_while_paused_stays_paused() -> None:
    engine, clock = make()
    run_to(engine, clock, at(10))
    engine.pause(None)
    of(engine.break_now(), BreakStarted)
    assert engine.state is State.IN_BREAK
    run_to(engine, clock, at(10, 5))
    assert engine.state is State.PAUSED and engine.next_break is None


def test_break_now_kind_follows_the_days_count() -> None:
    engine, clock = make()
    run_to(engine, clock, at(10, 40))  # three breaks done
    (started,) = of(engine.break_now(), BreakStarted)
    assert started.planned.kind is BreakKind.LONG and started.planned.number_in_day == 4


# ---- settings, hold ----------------------------------------------------------------------------


def test_apply_settings_keeps_the_anchor() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 35))  # the 9:30 break ended at 9:31
    engine.apply_settings(with_breaks(interval_minutes=60))
    assert engine.next_break is not None and engine.next_break.start == at(10, 31)
    engine.apply_settings(with_breaks(interval_minutes=20))
    assert engine.next_break is not None and engine.next_break.start == at(9, 51)


def test_apply_settings_overdue_comes_after_a_full_warning() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 45))
    result = engine.apply_settings(with_breaks(interval_minutes=10))
    (warning,) = of(result, WarningStarted)
    assert warning.upcoming.start == at(9, 45, 30)
    unrelated = replace(with_breaks(interval_minutes=10), behaviour=BehaviourSettings(sound=False))
    assert engine.apply_settings(unrelated) == []
    assert engine.next_break is not None and engine.next_break.start == at(9, 45, 30)


def test_hold_and_release() -> None:
    engine, clock = make()
    assert engine.release() == Refused("Nothing is being held")
    engine.hold("full-screen call")
    events = run_to(engine, clock, at(9, 50))
    assert not of(events, WarningStarted) and not of(events, BreakStarted)
    assert engine.state is State.HELD and engine.held_reason == "full-screen call"
    result = engine.release()
    (warning,) = of(result, WarningStarted)
    assert warning.upcoming.start == at(9, 50, 30)
    events = run_to(engine, clock, at(9, 50, 30))
    assert of(events, BreakStarted)


def test_a_held_break_coming_due_wakes_the_engine_into_held() -> None:
    engine, clock = make(start=at(9))
    engine.hold("full-screen call")
    assert engine.next_wakeup() == at(9, 29, 30)  # when the warning would have started
    clock.advance_to(at(9, 29, 30))
    events = engine.tick()
    assert of(events, StateChanged) == [StateChanged(at(9, 29, 30), State.WAITING, State.HELD)]
    assert not of(events, WarningStarted) and not of(events, BreakStarted)
    assert engine.state is State.HELD and engine_snapshot(engine)["state"] == "held"
    # Then only the end of the longest hold (30 min by default): the break is missed then.
    assert engine.next_wakeup() == at(9, 59, 30)
    clock.advance_to(at(9, 59, 30))
    (missed,) = of(engine.tick(), BreakEnded)
    assert missed.outcome is Outcome.MISSED and missed.started_at is None
    assert engine.last_break == missed
    # Not stacked: the cycle restarts, and the next one is held in its turn.
    assert engine.next_break is not None and engine.next_break.start == at(10, 29, 30)
    assert engine.next_break.number_in_day == 2
    quiet = Settings(breaks=replace(BreaksSettings(), warning_seconds=0))
    no_warning, _ = make(quiet, start=at(9))
    no_warning.hold("presenting")
    assert no_warning.next_wakeup() == at(9, 30)


def test_release_gives_the_full_warning_even_if_no_tick_saw_the_hold() -> None:
    engine, clock = make(start=at(9))
    engine.hold("full-screen call")
    clock.advance_to(at(9, 45))  # the driver has not ticked since the break came due
    result = engine.release()
    assert not of(result, BreakStarted)
    (warning,) = of(result, WarningStarted)
    assert warning.upcoming.start == at(9, 45, 30) and engine.state is State.WARNING
    early, clock = make(start=at(9))
    early.hold("call")
    clock.advance_to(at(9, 20))  # released before the break came due: the plan is kept
    assert early.release() == [] and early.next_break is not None
    assert early.next_break.start == at(9, 30)


def test_a_held_break_is_missed_when_its_range_ends() -> None:
    short = Settings(work_hours=WorkHours({"monday": (WorkRange(time(9), time(9, 45)),)}))
    engine, clock = make(short)
    engine.hold("presenting")
    events = run_to(engine, clock, at(10))
    assert not of(events, BreakStarted)
    (missed,) = of(events, BreakEnded)
    assert missed.outcome is Outcome.MISSED and missed.at == at(9, 45)
    assert engine.state is State.OUTSIDE_WORK_HOURS
    assert engine.next_break is not None and engine.next_break.start == at(9, 30, day=11)


# ---- sleep and clock changes ----------------------------------------------------------


def test_sleep_as_long_as_the_break_is_a_natural_break() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 10))
    clock.suspend(600)
    result = engine.woke_up(600)
    (ended,) = of(result, BreakEnded)
    assert ended.outcome is Outcome.NATURAL and ended.planned.start == at(9, 30)
    nxt = engine.next_break
    assert nxt is not None and nxt.start == at(9, 50) and nxt.number_in_day == 2


def test_no_break_or_warning_in_the_first_minute_after_waking() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 29))
    clock.suspend(50)  # shorter than the break: no credit, and the break was due meanwhile
    result = engine.woke_up(50)
    assert not of(result, BreakEnded) and not of(result, BreakStarted)
    assert engine.next_break is not None and engine.next_break.start == at(9, 31, 20)
    events = run_to(engine, clock, at(9, 30, 49))
    assert not of(events, WarningStarted)
    events = run_to(engine, clock, at(9, 30, 50))
    assert of(events, WarningStarted)


def test_sleeping_through_the_night_does_not_eat_the_first_break() -> None:
    engine, clock = make(start=at(18))
    clock.suspend(14 * 3600)  # to 08:00 Tuesday
    assert not of(engine.woke_up(14 * 3600), BreakEnded)
    events = run_to(engine, clock, at(9, 30, day=5))
    assert of(events, BreakStarted)[0].planned.number_in_day == 1


def test_waking_after_a_night_keeps_the_days_plan() -> None:
    engine, clock = make(start=at(17, 40))  # after work on Monday
    night = int((at(9, 2, day=5) - at(17, 40)).total_seconds())  # opened at 09:02 on Tuesday
    clock.suspend(night)
    woke = engine.woke_up(night)
    assert not of(woke, BreakEnded)  # the sleep began before Tuesday's range: no break taken
    nxt = engine.next_break
    assert nxt is not None and nxt.start == at(9, 30, day=5) and nxt.number_in_day == 1
    events = run_to(engine, clock, at(12, day=5))
    started = [e.planned for e in of(events, BreakStarted)]
    assert started == [
        b for b in plan_day(engine.settings, BERLIN, at(9, day=5).date()) if b.start < at(12, day=5)
    ]


def test_sleep_begun_before_the_range_only_pushes_the_first_break_past_the_quiet_minute() -> None:
    engine, clock = make(start=at(7))
    slept = int((at(9, 29, 10) - at(7)).total_seconds())  # the first break is due at 09:30
    clock.suspend(slept)
    assert not of(engine.woke_up(slept), BreakEnded)
    nxt = engine.next_break
    assert nxt is not None and nxt.start == at(9, 30, 40) and nxt.number_in_day == 1


def test_a_suspended_lunch_is_not_a_break_of_the_afternoon_range() -> None:
    split = Settings(
        work_hours=WorkHours(
            {"monday": (WorkRange(time(9), time(12, 30)), WorkRange(time(13, 30), time(17, 30)))}
        )
    )
    clock = FakeClock(at(12, 15))
    engine = BreakEngine(split, clock, taken_on=lambda day: 6)  # six in the morning
    before = engine.next_break
    assert before is not None and before.start == at(14) and before.number_in_day == 7
    run_to(engine, clock, at(12, 20))
    clock.suspend(71 * 60)  # to 13:31, one minute into the afternoon range
    assert not of(engine.woke_up(71 * 60), BreakEnded)
    assert engine.next_break == before
    events = run_to(engine, clock, at(14, 1))
    (started,) = of(events, BreakStarted)
    assert started.planned == before


def test_sleep_begun_inside_the_range_is_a_natural_break_even_past_its_end() -> None:
    short = Settings(work_hours=WorkHours({"monday": (WorkRange(time(9), time(10)),)}))
    engine, clock = make(short, start=at(9, 15))  # the break is due at 09:30
    clock.suspend(3600)  # to 10:15, 45 minutes of it inside the range
    (ended,) = of(engine.woke_up(3600), BreakEnded)
    assert ended.outcome is Outcome.NATURAL and ended.planned.work_day == at(9).date()


def test_sleep_during_a_break_ends_it_naturally() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 30, 10))
    clock.suspend(120)
    (ended,) = of(engine.woke_up(120), BreakEnded)
    assert ended.outcome is Outcome.NATURAL
    assert engine.next_break is not None and engine.next_break.start == at(10, 2, 10)


def test_clock_jump_keeps_the_real_time_left() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 10))
    clock.jump_wall(3600)
    result = engine.clock_changed()
    assert not of(result, BreakStarted)
    assert engine.next_break is not None and engine.next_break.start == at(10, 30)
    clock.jump_wall(-1800)
    engine.clock_changed()
    assert engine.next_break is not None and engine.next_break.start == at(10, 0)


def test_a_jump_is_noticed_even_without_clock_changed() -> None:
    engine, clock = make()
    run_to(engine, clock, at(11, 0))
    before = engine.next_break
    assert before is not None
    clock.jump_wall(45 * 60)  # past the due time on the wall clock
    assert not of(engine.tick(), BreakStarted)
    after = engine.next_break
    assert after is not None and after.start - before.start == timedelta(minutes=45)


def test_no_double_fire_after_a_jump_back() -> None:
    engine, clock = make()
    events = run_to(engine, clock, at(9, 35))
    assert len(of(events, BreakStarted)) == 1
    clock.jump_wall(-3 * 60)  # back to 9:32, just after the break
    events = engine.clock_changed() + run_to(engine, clock, at(9, 50))
    assert not of(events, BreakStarted)
    assert engine.next_break is not None and engine.next_break.number_in_day == 2


def test_snapshot_is_json_ready() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 29, 40))
    snap = engine_snapshot(engine)
    json.dumps(snap)
    assert snap["state"] == "warning"
    assert snap["next_break_at"] == "2024-03-04T09:30:00+01:00"
    assert snap["next_break_kind"] == "micro"
    assert snap["warning_at"] == "2024-03-04T09:29:30+01:00"
    assert snap["snoozes_left"] == 3 and snap["current_break"] is None
    run_to(engine, clock, at(9, 30))
    assert engine_snapshot(engine)["current_break"] == {
        "start": "2024-03-04T09:30:00+01:00",
        "end": "2024-03-04T09:31:00+01:00",
        "kind": "micro",
        "id": 1,
        "moves": [],
    }


def test_woke_up_rejects_negative_sleep() -> None:
    engine, _ = make()
    with pytest.raises(ValueError):
        engine.woke_up(-1)


# ---- the running break: one owner, an id, its real length ------------------------------


def _move(seconds: int) -> Move:
    return Move(
        id=f"m{seconds}",
        name="A move",
        position="seated",
        equipment=(),
        focus=("extension",),
        purpose="",
        steps=(Step("Do it", seconds, "rest"),),
        source="x.txt",
    )


def test_moves_that_outlast_the_break_make_the_break_longer() -> None:
    # A 60 s micro-break whose move takes 83 s: the engine ends it when the move is done.
    clock = FakeClock(at(9))
    engine = BreakEngine(Settings(), clock, compose=lambda planned: [_move(83)])
    (started,) = of(run_to(engine, clock, at(9, 30)), BreakStarted)
    assert started.moves[0].id == "m83" and started.planned.end == at(9, 31, 23)
    assert engine_snapshot(engine)["current_break"]["end"] == "2024-03-04T09:31:23+01:00"
    assert not of(run_to(engine, clock, at(9, 31, 22)), BreakEnded)
    assert engine.state is State.IN_BREAK
    (ended,) = of(run_to(engine, clock, at(9, 31, 23)), BreakEnded)
    assert ended.outcome is Outcome.COMPLETED and ended.break_id == started.break_id


def test_a_request_for_a_break_that_has_ended_is_refused() -> None:
    engine, clock = make()
    (first,) = of(run_to(engine, clock, at(9, 30)), BreakStarted)
    run_to(engine, clock, at(9, 31))  # the engine ended it
    assert engine.next_break is not None
    for late in (engine.skip, engine.snooze, engine.done):
        refused = late(first.break_id)
        assert isinstance(refused, Refused) and refused.reason == ENDED
    # Nothing happened to the next break: no skip row, same rhythm.
    assert engine.next_break.start == at(10, 1) and engine.next_break.number_in_day == 2
    (second,) = of(run_to(engine, clock, at(10, 1)), BreakStarted)
    assert second.break_id != first.break_id
    assert of(engine.skip(second.break_id), BreakEnded)[0].outcome is Outcome.SKIPPED


def test_quitting_mid_break_interrupts_it_and_does_not_count() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 30, 20))
    (ended,) = of(engine.interrupt(), BreakEnded)
    assert ended.outcome is Outcome.INTERRUPTED and ended.started_at == at(9, 30)
    assert engine.next_break is not None and engine.next_break.number_in_day == 1
    assert engine.interrupt() == []  # nothing running: nothing to say


def test_a_skip_right_after_waking_keeps_the_quiet_minute() -> None:
    # One-minute breaks, a 10 s warning: skipping just after waking must not bring the
    # next warning into the minute after waking (found by the property test).
    fast = with_breaks(interval_minutes=1, duration_seconds=10, warning_seconds=10)
    engine, clock = make(fast, start=at(9, 0))
    clock.suspend(5)
    engine.woke_up(5)
    woke = clock.now()
    assert not isinstance(engine.skip(), Refused)
    events = run_to(engine, clock, at(9, 3))
    (first, *_) = of(events, WarningStarted)
    assert first.at >= woke + timedelta(seconds=60)
