"""Properties of the engine over random settings, zones and a simulated week of actions."""

from __future__ import annotations

import time as _time
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from desk_break.core.clock import FakeClock
from desk_break.core.engine import BreakEngine
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
from desk_break.core.planner import plan_days, range_at, span_at
from desk_break.settings.model import (
    WEEKDAYS,
    BreaksSettings,
    LongBreaksSettings,
    Settings,
    WorkHours,
    WorkRange,
)

ZONES = [ZoneInfo(z) for z in ("Europe/Berlin", "America/New_York", "UTC", "Australia/Lord_Howe")]
# Plain weeks and weeks with a DST change in one of the zones above.
FIRST_DAYS = [
    date(2024, 3, 4),
    date(2024, 3, 7),
    date(2024, 3, 28),
    date(2024, 4, 4),
    date(2024, 10, 3),
    date(2024, 10, 24),
    date(2024, 10, 31),
]


@st.composite
def work_range(draw: st.DrawFn) -> WorkRange:
    start = draw(st.integers(0, 24 * 4 - 1)) * 15
    length = draw(st.integers(1, 24 * 4 - 1)) * 15
    end = (start + length) % (24 * 60)
    return WorkRange(time(start // 60, start % 60), time(end // 60, end % 60))


@st.composite
def any_settings(draw: st.DrawFn) -> Settings:
    days = {d: tuple(draw(st.lists(work_range(), max_size=2))) for d in WEEKDAYS}
    return Settings(
        breaks=BreaksSettings(
            interval_minutes=draw(st.integers(1, 180)),
            duration_seconds=draw(st.integers(10, 600)),
            warning_seconds=draw(st.sampled_from([0, 10, 30, 120, 600])),
            snooze_minutes=draw(st.integers(1, 30)),
            max_snoozes=draw(st.integers(0, 5)),
        ),
        long_breaks=LongBreaksSettings(
            enabled=draw(st.booleans()),
            every=draw(st.integers(2, 6)),
            duration_minutes=draw(st.integers(1, 20)),
        ),
        work_hours=WorkHours(days),
    )


def utc(t: datetime) -> datetime:
    """Compare in UTC: two times of one zone compare by wall clock (wrong in a repeated hour)."""
    return t.astimezone(UTC)


def midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz)


# ---- preview == live ------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    s=any_settings(),
    tz=st.sampled_from(ZONES),
    first=st.sampled_from(FIRST_DAYS),
    press_done=st.booleans(),
)
def test_the_live_engine_does_what_the_preview_says(s, tz, first, press_done) -> None:
    # The engine starts fresh (it assumes no breaks it did not see), so start it at a
    # moment outside work hours: from there on it must follow the plan exactly.
    start = midnight(first, tz)
    for _ in range(24):
        if span_at(s, tz, start) is None:
            break
        start -= timedelta(hours=1)
    assume(span_at(s, tz, start) is None)
    clock = FakeClock(start)
    engine = BreakEngine(s, clock)
    stop = midnight(first + timedelta(days=8), tz) + timedelta(hours=12)
    taken = []
    while (w := engine.next_wakeup()) is not None and utc(w) <= utc(stop):
        clock.advance_to(max(utc(w), utc(clock.now())))  # a wakeup may be due already
        cur = engine.current_break
        if press_done and cur is not None and utc(cur.end) == utc(w):
            result = engine.done()
            assert not isinstance(result, Refused)
            events = result + engine.tick()
        else:
            events = engine.tick()
        taken += [e.planned for e in events if isinstance(e, BreakStarted)]
    week = [b for b in taken if first <= b.work_day < first + timedelta(days=7)]
    assert week == plan_days(s, tz, first, 7)


# ---- random actions over a week -------------------------------------------------------------

ACTIONS = st.one_of(
    st.tuples(st.just("advance"), st.integers(1, 12 * 3600)),
    st.tuples(st.just("snooze"), st.just(0)),
    st.tuples(st.just("skip"), st.just(0)),
    st.tuples(st.just("done"), st.just(0)),
    st.tuples(st.just("pause"), st.sampled_from([-1, -2, 10 * 60, 2 * 3600])),  # -1 ∞, -2 tomorrow
    st.tuples(st.just("resume"), st.just(0)),
    st.tuples(st.just("break_now"), st.just(0)),
    st.tuples(st.just("suspend"), st.integers(5, 10 * 3600)),
    st.tuples(st.just("jump"), st.sampled_from([-3600, -600, 600, 3600])),
    st.tuples(st.just("hold"), st.just(0)),
    st.tuples(st.just("release"), st.just(0)),
)


@dataclass
class Model:
    """What the person did, kept independently of the engine to check its events."""

    s: Settings
    tz: ZoneInfo
    paused: bool = False
    paused_until: datetime | None = None
    counts: dict[date, int] = field(default_factory=dict)
    manual: bool = False  # the running break came from break_now
    reset_at: datetime | None = None  # when the cycle last restarted
    snoozes_since_reset: list[datetime] = field(default_factory=list)
    tainted: bool = True  # sleep, a clock jump or a range edge since the reset
    quiet_until: datetime | None = None
    jumped: bool = False  # a clock jump since the reset (it can carry a snooze out of its range)
    asleep_from: datetime | None = None  # when the sleep being woken from began
    held: bool = False

    def paused_at(self, t: datetime) -> bool:
        return self.paused and (self.paused_until is None or utc(t) < utc(self.paused_until))

    def restart(self, t: datetime) -> None:
        self.reset_at, self.snoozes_since_reset, self.tainted = t, [], False
        self.jumped = False


def check(model: Model, events: list[Event], action: str, engine: BreakEngine) -> None:
    s, tz = model.s, model.tz
    for ev in events:
        if isinstance(ev, StateChanged) and ev.new is State.HELD:
            assert model.held, "held without hold()"
        if isinstance(ev, StateChanged) and ev.old is State.PAUSED and ev.new is not State.IN_BREAK:
            model.paused = False
            model.restart(ev.at)
        elif isinstance(ev, WarningStarted):
            assert range_at(s, tz, ev.at) is not None, "warning outside work hours"
            assert not model.paused_at(ev.at), "warning while paused"
            assert model.quiet_until is None or utc(ev.at) >= utc(model.quiet_until)
            assert not model.held, "warning while held"
        elif isinstance(ev, BreakStarted):
            p = ev.planned
            assert p.number_in_day == model.counts.get(p.work_day, 0) + 1
            long_ = s.long_breaks.enabled and p.number_in_day % s.long_breaks.every == 0
            assert p.kind is (BreakKind.LONG if long_ else BreakKind.MICRO)
            length = s.long_breaks.duration_minutes * 60 if long_ else s.breaks.duration_seconds
            assert p.seconds == length
            assert ev.snoozes_used <= s.breaks.max_snoozes
            model.manual = action == "break_now"
            if model.manual:
                model.restart(ev.at)  # "take a break now" restarts the cycle
                continue
            assert range_at(s, tz, ev.at) is not None, "break outside work hours"
            assert not model.paused_at(ev.at), "break while paused"
            assert not model.held, "break while held"
            assert not (action == "release" and s.breaks.warning_seconds), "release without warning"
            assert model.quiet_until is None or utc(ev.at) >= utc(model.quiet_until)
            r = model.reset_at
            if r is not None and not model.tainted and range_at(s, tz, r) == range_at(s, tz, ev.at):
                # Real time: aware arithmetic within one zone would be wall-clock time.
                due = r.astimezone(UTC) + timedelta(minutes=s.breaks.interval_minutes)
                if model.quiet_until is not None:
                    # Nothing pops up in the minute after waking, not even the warning; a
                    # snooze then counts from the due time so pushed.
                    quiet_end = utc(model.quiet_until) + timedelta(seconds=s.breaks.warning_seconds)
                    due = max(due, quiet_end)
                for t in model.snoozes_since_reset:
                    due = max(due, t.astimezone(UTC)) + timedelta(minutes=s.breaks.snooze_minutes)
                assert ev.at.astimezone(UTC) == due, "gap is not interval+snoozes"
        elif isinstance(ev, BreakSnoozed):
            assert 1 <= ev.snoozes_used <= s.breaks.max_snoozes
            if ev.break_id is not None:
                # A running break snoozed comes back one snooze after this moment.
                model.reset_at = ev.at - timedelta(minutes=s.breaks.interval_minutes)
                model.snoozes_since_reset = [ev.at]
            else:
                model.snoozes_since_reset.append(ev.at)
        elif isinstance(ev, BreakEnded):
            if ev.outcome is Outcome.NATURAL and ev.started_at is None:
                # Only a sleep begun inside the break's own range stands for it.
                assert action == "suspend" and model.asleep_from is not None
                began_in = range_at(s, tz, model.asleep_from)
                assert began_in == range_at(s, tz, ev.planned.start), "sleep began before range"
            day = ev.planned.work_day
            model.counts[day] = model.counts.get(day, 0) + 1
            model.restart(ev.at)
    assert engine.snoozes_used <= s.breaks.max_snoozes


def advance(engine: BreakEngine, clock: FakeClock, model: Model, until: datetime) -> None:
    while (w := engine.next_wakeup()) is not None and utc(w) <= utc(until):
        before = range_at(model.s, model.tz, clock.now())
        clock.advance_to(max(utc(w), utc(clock.now())))
        if range_at(model.s, model.tz, clock.now()) != before:
            model.tainted = True  # a range edge restarts the cycle on its own
        check(model, engine.tick(), "tick", engine)
    clock.advance_to(max(utc(until), utc(clock.now())))
    events = engine.tick()
    # next_wakeup() misses nothing: a tick before it (state changes, warnings...) is a no-op.
    assert not events, "an event between wakeups"
    check(model, events, "tick", engine)


def perform(engine: BreakEngine, name: str, arg: int, now: datetime) -> list[Event] | Refused:
    if name == "pause":
        if arg == -1:
            return engine.pause(None)
        if arg == -2:
            return engine.pause_until_tomorrow()
        return engine.pause(now + timedelta(seconds=arg))
    action = {
        "snooze": engine.snooze,
        "skip": engine.skip,
        "done": engine.done,
        "resume": engine.resume,
        "break_now": engine.break_now,
        "release": engine.release,
    }[name]
    return action()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    s=any_settings(),
    tz=st.sampled_from(ZONES),
    first=st.sampled_from(FIRST_DAYS),
    actions=st.lists(ACTIONS, max_size=40),
)
def test_random_actions_keep_the_rules(s, tz, first, actions) -> None:
    clock = FakeClock(midnight(first, tz) + timedelta(hours=6))
    engine = BreakEngine(s, clock)
    model = Model(s, tz)
    model.restart(clock.now())  # a fresh start: the cycle begins when the app does
    end = midnight(first + timedelta(days=7), tz)
    for name, arg in actions:
        now = clock.now()
        if name == "advance":
            advance(engine, clock, model, now + timedelta(seconds=arg))
            continue
        if name == "suspend":
            model.asleep_from = now
            clock.suspend(arg)
            model.tainted = True
            model.quiet_until = clock.now() + timedelta(seconds=60)
            woke_in = range_at(s, tz, clock.now())
            if woke_in is not None and woke_in != range_at(s, tz, now) and not model.jumped:
                # A range slept into starts fresh, as planned: its first break is due one
                # interval after its start (then pushed past the quiet minute).
                model.restart(woke_in[0])
            check(model, engine.woke_up(arg), name, engine)
            continue
        if name == "jump":
            clock.jump_wall(arg)
            model.tainted = True
            model.jumped = True
            if model.quiet_until is not None:
                # The quiet minute after waking is real time: it moves with the jump.
                model.quiet_until += timedelta(seconds=arg)
            check(model, engine.clock_changed(), name, engine)
            continue
        if name == "hold":
            model.held = True
            check(model, engine.hold("call"), name, engine)
            continue
        used = engine.snoozes_used
        result = perform(engine, name, arg, now)
        if isinstance(result, Refused):
            assert result.reason[:1].isupper() and len(result.reason.split()) >= 2
            if name == "snooze" and used == s.breaks.max_snoozes:
                assert "No more snoozes" in result.reason or s.breaks.max_snoozes == 0
            continue
        if name == "snooze":
            assert used < s.breaks.max_snoozes
        if name == "pause":
            model.paused = True
            model.paused_until = engine.paused_until
        if name == "release":
            model.held = False
            model.tainted = True  # a break that came due while held gets a full warning first
        if name == "resume":
            model.paused = False
            if engine.current_break is None:
                model.restart(now)
        check(model, result, name, engine)
    advance(engine, clock, model, max(utc(end), utc(clock.now())))


def simulated_week_seconds(s: Settings) -> float:
    tz = ZONES[0]
    clock = FakeClock(midnight(date(2024, 3, 25), tz))  # the week of Berlin's DST change
    engine = BreakEngine(s, clock)
    stop = midnight(date(2024, 4, 1), tz)
    began = _time.perf_counter()
    while (w := engine.next_wakeup()) is not None and utc(w) <= utc(stop):
        clock.advance_to(max(utc(w), utc(clock.now())))
        engine.tick()
    return _time.perf_counter() - began


def test_a_simulated_week_runs_in_well_under_a_second() -> None:
    assert simulated_week_seconds(Settings()) < 0.2
    round_the_clock = Settings(
        breaks=BreaksSettings(interval_minutes=1, duration_seconds=10, warning_seconds=30),
        work_hours=WorkHours({d: (WorkRange(time(0), time(23, 59)),) for d in WEEKDAYS}),
    )
    assert simulated_week_seconds(round_the_clock) < 3.0  # ~8000 breaks, 25000 ticks


# ---- presence: never a pop-up while away, held or typing; one outcome per break -----------

PRESENCE_ACTIONS = st.one_of(
    st.tuples(st.just("advance"), st.integers(1, 3 * 3600)),
    st.tuples(st.just("idle"), st.sampled_from([2, 30, 60, 61, 300, 1800, 4 * 3600])),
    st.tuples(st.just("back"), st.just(0)),
    st.tuples(st.just("holds"), st.integers(0, 2)),
    st.tuples(st.just("snooze"), st.just(0)),
    st.tuples(st.just("skip"), st.just(0)),
    st.tuples(st.just("done"), st.just(0)),
    st.tuples(st.just("break_now"), st.just(0)),
    st.tuples(st.just("suspend"), st.integers(5, 3 * 3600)),
)
HOLD_SETS = ((), ("camera",), ("calendar", "fullscreen"))


@dataclass
class Person:
    idle_since: datetime | None = None
    away: bool = False
    typing_since: datetime | None = None
    held: bool = False
    open_breaks: set[int] = field(default_factory=set)
    ended_breaks: set[int] = field(default_factory=set)


def check_presence(person: Person, events: list[Event], action: str) -> None:
    for ev in events:
        shows = isinstance(ev, WarningStarted) or (
            isinstance(ev, BreakStarted) and action != "break_now"
        )
        if shows:
            assert not person.away, f"{type(ev).__name__} while away ({action})"
            assert not person.held, f"{type(ev).__name__} while held ({action})"
            if person.typing_since is not None:
                waited = utc(ev.at) - utc(person.typing_since)
                assert waited >= timedelta(seconds=60), f"mid-sentence ({action}, {waited})"
        if isinstance(ev, BreakStarted):
            assert ev.break_id not in person.open_breaks | person.ended_breaks
            person.open_breaks.add(ev.break_id)
        elif isinstance(ev, (BreakEnded, BreakSnoozed)) and ev.break_id is not None:
            assert ev.break_id in person.open_breaks, "a second outcome for one break"
            person.open_breaks.discard(ev.break_id)
            person.ended_breaks.add(ev.break_id)


def presence_advance(engine: BreakEngine, clock: FakeClock, person: Person, until: datetime):
    while (w := engine.next_wakeup()) is not None and utc(w) <= utc(until):
        clock.advance_to(max(utc(w), utc(clock.now())))
        check_presence(person, engine.tick(), "tick")
    clock.advance_to(max(utc(until), utc(clock.now())))
    check_presence(person, engine.tick(), "tick")


WORKDAY = Settings()  # Monday to Friday 09:00-17:30, a break every 30 minutes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Away from 09:25 over the 09:30 break; typing from 09:29:02 into its warning.
@example(WORKDAY, True, 2, [("advance", 12300), ("idle", 300), ("advance", 3600), ("back", 0)])
@example(WORKDAY, False, 2, [("advance", 12300), ("idle", 300), ("advance", 3600)])
@example(
    WORKDAY, True, 2, [("advance", 12540), ("idle", 2), ("back", 0), ("advance", 120)]
)
@example(WORKDAY, True, 0, [("advance", 12000), ("holds", 1), ("advance", 7200)])
@given(
    s=any_settings(),
    natural=st.booleans(),
    typing_pause=st.sampled_from([0, 2, 5]),
    actions=st.lists(PRESENCE_ACTIONS, max_size=40),
)
def test_presence_never_interrupts_and_every_break_ends_once(
    s, natural, typing_pause, actions
) -> None:
    s = replace(
        s,
        presence=replace(
            s.presence, natural_breaks=natural, typing_pause_seconds=typing_pause
        ),
    )
    tz = ZONES[0]
    clock = FakeClock(midnight(FIRST_DAYS[0], tz) + timedelta(hours=6))
    engine = BreakEngine(s, clock)
    engine.set_input_known(True)
    person = Person()
    for name, arg in actions:
        now = clock.now()
        if name == "advance":
            presence_advance(engine, clock, person, now + timedelta(seconds=arg))
        elif name == "idle":
            start = now if person.idle_since is None else person.idle_since
            person.idle_since = start
            # The monitor reports when the threshold is reached; time passes meanwhile.
            presence_advance(engine, clock, person, start + timedelta(seconds=arg))
            seconds = (utc(clock.now()) - utc(start)).total_seconds()
            if engine.current_break is None and seconds >= engine.away_threshold:
                person.away = True
            person.typing_since = None
            check_presence(person, engine.idle_for(seconds), name)
        elif name == "back":
            if person.idle_since is None:
                continue  # a monitor says "back" only after it said "idle"
            idle = (utc(now) - utc(person.idle_since)).total_seconds()
            person.idle_since, person.away, person.typing_since = None, False, now
            check_presence(person, engine.came_back(idle), name)
        elif name == "holds":
            person.held = bool(HOLD_SETS[arg])
            check_presence(person, engine.set_holds(HOLD_SETS[arg]), name)
        elif name == "suspend":
            clock.suspend(arg)
            check_presence(person, engine.woke_up(arg), name)
        else:
            result = {
                "snooze": engine.snooze,
                "skip": engine.skip,
                "done": engine.done,
                "break_now": engine.break_now,
            }[name]()
            if not isinstance(result, Refused):
                check_presence(person, result, name)
        if engine.state is State.AWAY:
            assert person.away
        if engine.state is State.HELD:
            assert person.held
    check_presence(person, engine.interrupt(), "quit")
    assert not person.open_breaks, "a break that never ended"
