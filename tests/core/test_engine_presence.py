"""Presence on the fake clock: natural breaks, away, the typing pause, holds and misses.

What a person would notice: a break that greets them on return, one that lands
mid-sentence, a call interrupted, breaks stacking up after a long meeting.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from desk_break.core.clock import FakeClock
from desk_break.core.engine import BreakEngine
from desk_break.core.events import (
    BreakEnded,
    BreakStarted,
    Outcome,
    State,
    WarningStarted,
)
from desk_break.core.snapshot import engine_snapshot
from desk_break.settings.model import PresenceSettings, Settings
from tests.core.test_engine import at, of, run_to


def make(settings: Settings | None = None, *, input_known: bool = True):
    clock = FakeClock(at(9))
    engine = BreakEngine(settings or Settings(), clock)
    engine.tick()
    engine.set_input_known(input_known)
    return engine, clock


def no_natural() -> Settings:
    return replace(Settings(), presence=replace(PresenceSettings(), natural_breaks=False))


def quiet(engine: BreakEngine, clock: FakeClock, seconds: float) -> list:
    """The person is idle for `seconds`, reported as the monitor would: at the threshold."""
    clock.advance(seconds)
    return engine.idle_for(seconds)


def test_time_away_at_least_a_break_long_is_that_break_and_the_cycle_restarts() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 10))
    assert engine.away_threshold == 60  # the pending micro-break's length
    quiet(engine, clock, 60)
    assert engine.state is State.WAITING  # away, but nothing is due yet
    clock.advance(4 * 60)  # back at 09:15
    (natural,) = of(engine.came_back(5 * 60), BreakEnded)
    assert natural.outcome is Outcome.NATURAL and natural.cause == "idle"
    assert natural.started_at is None and natural.planned.number_in_day == 1
    assert engine.last_break == natural
    nxt = engine.next_break
    assert nxt is not None and nxt.start == at(9, 45) and nxt.number_in_day == 2


def test_idle_for_less_than_a_break_is_no_break() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 10))
    clock.advance(50)
    assert not of(engine.came_back(50), BreakEnded)
    assert engine.next_break is not None and engine.next_break.start == at(9, 30)


def test_a_break_due_while_away_never_pops_up_and_return_is_not_ambushed() -> None:
    engine, clock = make()
    run_to(engine, clock, at(9, 25))
    quiet(engine, clock, 60)  # away from 09:25, the break due 09:30
    events = run_to(engine, clock, at(9, 40))
    assert not of(events, WarningStarted) and not of(events, BreakStarted)
    assert engine.state is State.AWAY
    assert engine_snapshot(engine)["state"] == "away"
    (natural,) = of(engine.came_back(15 * 60), BreakEnded)
    assert natural.outcome is Outcome.NATURAL
    # The cycle restarts at the return; nothing in the quiet minute after it.
    events = run_to(engine, clock, at(9, 41, 30))
    assert not of(events, WarningStarted) and not of(events, BreakStarted)
    assert engine.next_break is not None and engine.next_break.start == at(10, 10)


def test_without_natural_breaks_a_due_break_waits_for_the_return_then_warns() -> None:
    engine, clock = make(no_natural())
    run_to(engine, clock, at(9, 25))
    quiet(engine, clock, 60)
    run_to(engine, clock, at(9, 40))
    assert engine.state is State.AWAY
    assert not of(engine.came_back(15 * 60), BreakEnded)  # not credited
    nxt = engine.next_break
    # Not right on return: after the quiet minute, with its full warning.
    assert nxt is not None and nxt.start == at(9, 41, 30) and nxt.number_in_day == 1
    clock.advance(62)
    events = engine.idle_for(2)  # reading, not typing, at 09:41:02
    events += run_to(engine, clock, at(9, 41, 30))
    assert of(events, WarningStarted)[0].at == at(9, 41, 2)
    assert of(events, BreakStarted)[0].at == at(9, 41, 30)


def test_a_due_warning_and_break_wait_for_a_pause_in_typing() -> None:
    engine, clock = make()
    events = run_to(engine, clock, at(9, 29, 30))  # the warning's moment, mid-sentence
    assert not of(events, WarningStarted)
    assert engine.waiting_for_quiet and engine.state is State.WAITING
    clock.advance(3)
    (warning,) = of(engine.input_quiet(), WarningStarted)  # two quiet seconds
    assert warning.at == at(9, 29, 33) and not engine.waiting_for_quiet
    clock.advance(1)
    engine.came_back(3)  # typing again
    events = run_to(engine, clock, at(9, 30))  # due: still typing, so it waits...
    assert not of(events, BreakStarted) and engine.waiting_for_quiet
    assert engine.state is State.WARNING  # ...with the warning still up
    clock.advance(1)
    (started,) = of(engine.input_quiet(), BreakStarted)
    assert started.at == at(9, 30, 1)


def test_the_typing_pause_gives_up_after_a_minute() -> None:
    engine, clock = make(replace(Settings(), breaks=replace(Settings().breaks, warning_seconds=0)))
    events = run_to(engine, clock, at(9, 30, 59))
    assert not of(events, BreakStarted)
    assert engine.next_wakeup() == at(9, 31)
    (started,) = of(run_to(engine, clock, at(9, 31)), BreakStarted)
    assert started.at == at(9, 31)


def test_no_typing_pause_without_an_idle_monitor_or_when_it_is_off() -> None:
    engine, clock = make(input_known=False)
    assert of(run_to(engine, clock, at(9, 29, 30)), WarningStarted)
    off = replace(Settings(), presence=replace(PresenceSettings(), typing_pause_seconds=0))
    engine, clock = make(off)
    assert of(run_to(engine, clock, at(9, 29, 30)), WarningStarted)


def test_idle_during_a_break_is_ignored_the_moves_need_no_keyboard() -> None:
    engine, clock = make(input_known=False)
    run_to(engine, clock, at(9, 30))
    assert engine.state is State.IN_BREAK
    engine.idle_for(60)
    clock.advance(59)
    events = engine.came_back(119)
    assert not of(events, BreakEnded) and engine.state is State.IN_BREAK


def test_holds_name_every_reason_and_the_last_one_released_gives_a_full_warning() -> None:
    engine, clock = make(input_known=False)
    engine.set_holds({"calendar", "camera"})
    assert engine.held_by == ("camera", "calendar")
    assert engine_snapshot(engine)["held_by"] == ["camera", "calendar"]
    run_to(engine, clock, at(9, 40))
    assert engine.state is State.HELD
    engine.set_holds({"calendar"})  # the call ended, the meeting goes on
    assert engine.state is State.HELD
    events = engine.set_holds(())
    (warning,) = of(events, WarningStarted)
    assert warning.upcoming.start == at(9, 40, 30)
    assert engine_snapshot(engine)["held_by"] == []


def test_a_long_meeting_misses_one_break_and_does_not_stack_them() -> None:
    engine, clock = make(input_known=False)
    engine.set_holds({"calendar"})
    events = run_to(engine, clock, at(11, 30))  # two hours of meetings
    missed = [e for e in of(events, BreakEnded) if e.outcome is Outcome.MISSED]
    # Each is held from its warning's moment, and missed 30 minutes (the default) later.
    assert [m.at for m in missed] == [at(9, 59, 30), at(10, 59)]
    assert not of(events, BreakStarted) and not of(events, WarningStarted)
    events = engine.set_holds(())
    assert len(of(events, WarningStarted)) == 1  # one break comes, not a pile of them
    assert engine.next_break is not None and engine.next_break.start == at(11, 30, 30)
    assert engine_snapshot(engine)["last_break"]["outcome"] == "missed"


def test_away_until_the_range_ends_is_a_natural_break_not_a_surprise_tomorrow() -> None:
    engine, clock = make()
    run_to(engine, clock, at(17, 0))
    quiet(engine, clock, 60)
    events = run_to(engine, clock, at(17, 45))
    naturals = [e for e in of(events, BreakEnded) if e.outcome is Outcome.NATURAL]
    assert naturals and naturals[-1].at == at(17, 30)
    assert engine.state is State.OUTSIDE_WORK_HOURS
    assert timedelta(0) <= engine.next_break.start - at(9, 30, day=5) < timedelta(minutes=1)
