"""The break engine: one state machine for warnings, breaks, snoozes, pauses and sleep.

It owns no timer. The shell calls `tick()` at `next_wakeup()`, calls an action
when the person asks for one, and calls `woke_up()` / `clock_changed()` when it
notices the machine slept or the wall clock jumped. Every call returns the list
of events that happened (or a `Refused` with a sentence for the person); the
engine never calls out.

The schedule follows `planner` (see its module doc for the rule). What the
engine adds, where the product definition leaves room:

* The cycle has an anchor: the moment the next break is measured from (the
  last break's end, a skip, a resume, waking from a natural break). The pending
  break is `planner.next_break_from(anchor)`, then moved by snoozes and by a
  floor (see below). Breaks are counted per work day when they end in any way
  (completed, skipped, natural); a snoozed break keeps its number.
* Starting up mid-day, the cycle starts fresh at the start: the first break is
  due one interval later. Breaks already taken today (ended in any way but
  interrupted) come from history through `taken_on(work_day)`, so the long-break
  rhythm counts the breaks the person really had, not the ones planned.
* The running break has one owner (the engine) and an id. Its moves are chosen
  when it starts (`compose`), and its end is when they are done
  (`break_plan.BreakPlan`): the configured length, or longer when the moves
  outlast it. A request from a break window names its break; one for a break that
  has already ended is refused, so a late Skip never skips the next break.
* Quitting mid-break ends it as INTERRUPTED (`interrupt()`): not counted.
* A warning never starts before its work range does (it is shortened instead).
* Snooze is refused when the snoozed break would fall at or after the end of its
  work range (so no break ever spills out of work hours), when paused, and
  outside work hours. A running break that is snoozed closes (BreakSnoozed, no
  BreakEnded) and comes back with the same number.
* Skip works on the pending break only while its work range is running.
* Pausing ends a running break as SKIPPED. "Take a break now" is allowed at any
  time, even outside work hours and while paused (it stays paused); it counts
  toward the work day it falls in (or the calendar day outside work hours).
* The floor: after waking, the due time is pushed so the warning starts no
  earlier than 60 s after waking. After `release()` of a held break, and after
  `apply_settings` makes the break overdue, it is pushed to now + warning, so the
  person always gets the full warning and never an instant pop-up.
* `apply_settings` keeps the anchor (next due = anchor + new interval); changing
  settings that do not touch timing (sound, moves) changes nothing.
* A wall-clock jump shifts every remembered instant (anchor, snooze, running
  break, a pause for a duration) by the jump, so the real time left until the
  next break is kept. "Until tomorrow" pauses keep their wall-clock target
  (new work hours recompute it from the moment of pausing). Each
  action notices a jump of more than 5 s on its own (by comparing the wall clock
  with the boot-time clock); `clock_changed()` applies any jump.
* A sleep counts as a break taken (NATURAL) only when it began inside the
  pending break's work range and the time asleep inside that range is at least
  the break's length; the cycle then restarts at waking. A sleep that began
  before the pending break's range started (overnight, a suspended lunch between
  two ranges) is no break: a range starts fresh, so the plan simply continues,
  its first break due `interval` after the range start (pushed by the quiet
  minute after waking if that is later). So waking at 09:02 neither logs a
  phantom break nor moves the long break one break early.
* A held break enters HELD when its warning would start (no warning, no break);
  `release()` of a break that came due while held gives it a full warning first
  (see the floor). A held break whose work range ends while held is dropped
  without an event.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from enum import Enum

from desk_break.core import planner
from desk_break.core.break_plan import BreakPlan
from desk_break.core.clock import Clock
from desk_break.core.events import (
    BreakEnded,
    BreakSnoozed,
    BreakStarted,
    Event,
    Outcome,
    PlannedBreak,
    Refused,
    State,
    StateChanged,
    WarningStarted,
)
from desk_break.core.moves import Move
from desk_break.core.planner import NextBreak, Span
from desk_break.settings.model import Settings

QUIET_AFTER_WAKE = timedelta(seconds=60)
JUMP_TOLERANCE = timedelta(seconds=5)
_KEEP_COUNTS = timedelta(days=3)

Result = list[Event] | Refused
Compose = Callable[[PlannedBreak], Sequence[Move]]  # the moves for a break about to start
TakenOn = Callable[[date], int]  # breaks already taken on a work day (from history)

ENDED = "That break has already ended"


class _Pause(Enum):
    FOR_DURATION = "duration"
    UNTIL_TOMORROW = "tomorrow"
    INDEFINITELY = "indefinitely"


class BreakEngine:
    """The break state machine. All instants are kept in UTC; events carry local times."""

    def __init__(
        self,
        settings: Settings,
        clock: Clock,
        *,
        compose: Compose | None = None,
        taken_on: TakenOn | None = None,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._compose = compose
        self._taken_on = taken_on
        now = self._now()
        self._counts: dict[date, int] = {}
        self._counts_version = 0
        self._memo: tuple[tuple[object, ...], NextBreak | None] | None = None
        self._anchor = now
        self._snooze: tuple[datetime, datetime] | None = None  # (span start, due)
        self._snoozes = 0
        self._floor: datetime | None = None
        self._current: PlannedBreak | None = None
        self._current_span: Span | None = None
        self._current_id = 0  # ids count up from 1; 0 = none yet
        self._current_moves: tuple[Move, ...] = ()
        self._paused: _Pause | None = None
        self._paused_until: datetime | None = None
        self._paused_at: datetime | None = None  # when an "until tomorrow" pause began
        self._held: str | None = None
        self._warned_due: datetime | None = None
        self._ref = (now, clock.boottime())
        state, _ = self._derive(now)
        # A warning is announced by the first tick, so the shell hears it.
        self._state: State = State.WAITING if state is State.WARNING else state

    # ---- read-only view ---------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def state(self) -> State:
        return self._state

    @property
    def next_break(self) -> PlannedBreak | None:
        """The pending break, snoozes applied; None if paused, in a break, or no work hours."""
        p = self._pending(self._now())
        return None if p is None else p.planned

    @property
    def current_break(self) -> PlannedBreak | None:
        """The running break; its end is when its moves are done."""
        return self._current

    @property
    def current_break_id(self) -> int | None:
        return self._current_id if self._current is not None else None

    @property
    def current_moves(self) -> tuple[Move, ...]:
        return self._current_moves if self._current is not None else ()

    @property
    def warning_at(self) -> datetime | None:
        """When the pending break's warning starts (local), or None."""
        p = self._pending(self._now())
        warn = None if p is None else self._warning_at(p)
        return None if warn is None else self._local(warn)

    @property
    def paused_until(self) -> datetime | None:
        return None if self._paused_until is None else self._local(self._paused_until)

    @property
    def paused_indefinitely(self) -> bool:
        return self._paused is _Pause.INDEFINITELY

    @property
    def snoozes_used(self) -> int:
        return self._snoozes

    @property
    def held_reason(self) -> str | None:
        return self._held

    def can_snooze(self) -> Refused | None:
        target = self._snooze_target(self._now())
        return target if isinstance(target, Refused) else None

    def next_wakeup(self) -> datetime | None:
        """The next moment `tick()` must run (warning, due, break end, pause end, range edge)."""
        now = self._now()
        times: list[datetime] = []
        if self._current is not None:
            times.append(self._current.end)
        if self._paused_until is not None:
            times.append(self._paused_until)
        if self._current is None and self._paused is None:
            p = self._pending(now)
            if p is not None and self._held is None:
                warn = self._warning_at(p)
                if warn is not None and self._warned_due != p.due:
                    times.append(warn)
                times.append(p.due)
            elif p is not None:
                # A held break comes due (enters HELD) when its warning would start...
                warn = self._warning_at(p)
                if self._state is not State.HELD:
                    times.append(p.due if warn is None else warn)
                times.append(p.span.end)  # ...and is dropped when its range ends
            span = planner.span_at(self._settings, self._clock.tz, now)
            if span is not None:
                times.append(span.end)
            else:
                nxt = planner.next_span_start(self._settings, self._clock.tz, now)
                if nxt is not None:
                    times.append(nxt.start)
        return self._local(min(t.astimezone(UTC) for t in times)) if times else None

    # ---- time passing ---------------------------------------------------------------

    def tick(self) -> list[Event]:
        """Bring the engine up to now: start warnings and breaks, end breaks and pauses."""
        now = self._sync()
        return self._advance(now, [])

    def woke_up(self, slept_seconds: float) -> list[Event]:
        """The machine slept this long and just woke up."""
        if slept_seconds < 0:
            raise ValueError("slept_seconds must not be negative")
        now = self._sync()
        slept = timedelta(seconds=slept_seconds)
        asleep_from = now - slept
        events: list[Event] = []
        if self._paused_until is not None and self._paused_until <= now:
            self._unpause()
            self._reset_cycle(now)
        if self._current is not None:
            cur = self._current
            length = cur.duration
            if slept >= length or cur.end <= now:
                outcome = Outcome.NATURAL if slept >= length else Outcome.COMPLETED
                events.append(self._end_current(now, outcome))
                self._reset_cycle(now)
        elif self._paused is None:
            p = self._pending(asleep_from)
            # Only a sleep that began inside the pending break's range can stand for it: a
            # range starts fresh, so one slept into is simply followed from its start.
            if p is not None and p.span.start <= asleep_from:
                inside = min(now, p.span.end) - asleep_from
                if inside >= p.planned.duration:
                    self._count_up(p.planned.work_day)
                    events.append(
                        BreakEnded(
                            at=self._local(now),
                            planned=p.planned,
                            outcome=Outcome.NATURAL,
                            started_at=None,
                            snoozes_used=self._snoozes,
                        )
                    )
                    self._reset_cycle(now)
        quiet = now + QUIET_AFTER_WAKE + self._warning_length()
        self._floor = quiet if self._floor is None else max(self._floor, quiet)
        return self._advance(now, events)

    def clock_changed(self) -> list[Event]:
        """The wall clock was set: keep the real time left, then recompute from now."""
        now = self._sync(force=True)
        return self._advance(now, [])

    # ---- what the person asks for -------------------------------------------------------

    def break_now(self) -> Result:
        now = self._sync()
        if self._current is not None:
            return Refused("A break is already running")
        tz = self._clock.tz
        span = planner.span_at(self._settings, tz, now)
        day = span.day if span is not None else planner.local_day(now, tz)
        planned = planner.make_break(self._settings, tz, now, self._count(day) + 1, day)
        self._reset_cycle(now)
        started = self._begin(now, planned, span)
        return self._advance(now, [started])

    def snooze(self, break_id: int | None = None) -> Result:
        """Snooze the running break, or the pending one. With `break_id`, only that break."""
        now = self._sync()
        if (refused := self._not_this_break(break_id)) is not None:
            return refused
        target = self._snooze_target(now)
        if isinstance(target, Refused):
            return target
        span, planned, due = target
        self._snooze = (span.start, due)
        self._snoozes += 1
        was = self.current_break_id
        self._current = self._current_span = None
        moved = planner.make_break(
            self._settings, self._clock.tz, due, planned.number_in_day, planned.work_day
        )
        snoozed = BreakSnoozed(
            at=self._local(now), planned=moved, snoozes_used=self._snoozes, break_id=was
        )
        return self._advance(now, [snoozed])

    def skip(self, break_id: int | None = None) -> Result:
        """Skip the running break, or the pending one. With `break_id`, only that break."""
        now = self._sync()
        if (refused := self._not_this_break(break_id)) is not None:
            return refused
        if self._current is not None:
            ended = self._end_current(now, Outcome.SKIPPED)
        else:
            if self._paused is not None:
                return Refused("Breaks are paused")
            p = self._pending(now)
            if p is None or not p.span.contains(now):
                return Refused("No break is coming up in these work hours")
            self._count_up(p.planned.work_day)
            ended = BreakEnded(
                at=self._local(now),
                planned=p.planned,
                outcome=Outcome.SKIPPED,
                started_at=None,
                snoozes_used=self._snoozes,
            )
        self._reset_cycle(now)
        return self._advance(now, [ended])

    def done(self, break_id: int | None = None) -> Result:
        now = self._sync()
        if (refused := self._not_this_break(break_id)) is not None:
            return refused
        if self._current is None:
            return Refused("No break is running")
        ended = self._end_current(now, Outcome.COMPLETED)
        self._reset_cycle(now)
        return self._advance(now, [ended])

    def interrupt(self) -> list[Event]:
        """The app is quitting (or the session ending) mid-break: end it as INTERRUPTED.

        Not the person's choice, so it does not count toward the day's breaks."""
        now = self._sync()
        if self._current is None:
            return []
        ended = self._end_current(now, Outcome.INTERRUPTED)
        self._reset_cycle(now)
        return self._advance(now, [ended])

    def pause(self, until: datetime | None) -> Result:
        """Pause until `until` (aware), or until resumed when None."""
        now = self._sync()
        if until is None:
            return self._pause(now, None, _Pause.INDEFINITELY)
        if until.tzinfo is None:
            raise ValueError("pause needs a timezone-aware time")
        if until <= now:
            return Refused("That time has already passed")
        return self._pause(now, until.astimezone(UTC), _Pause.FOR_DURATION)

    def pause_until_tomorrow(self) -> Result:
        """Pause until the first range of the next work day (`planner.next_work_start`)."""
        now = self._sync()
        start = planner.next_work_start(self._settings, self._clock.tz, now)
        if start is None:
            return Refused("There are no work hours to pause until")
        return self._pause(now, start.astimezone(UTC), _Pause.UNTIL_TOMORROW)

    def resume(self) -> Result:
        now = self._sync()
        if self._paused is None:
            return Refused("Not paused")
        self._unpause()
        if self._current is None:
            self._reset_cycle(now)
        return self._advance(now, [])

    def apply_settings(self, settings: Settings) -> list[Event]:
        """Use new settings at once, keeping the cycle's anchor (see the module doc)."""
        now = self._sync()
        old = self._settings
        before = self._pending(now)
        self._settings = settings
        timing = (settings.breaks, settings.long_breaks, settings.work_hours)
        if timing == (old.breaks, old.long_breaks, old.work_hours):
            return self._advance(now, [])
        self._snooze = None
        self._snoozes = 0
        after = self._pending(now)
        soonest = now + self._warning_length()
        moved = before is None or after is None or before.due != after.due
        if after is not None and after.due < soonest and moved:
            self._floor = soonest
        if self._paused is _Pause.UNTIL_TOMORROW:
            # "Tomorrow" as seen when the person paused (the work day they were in then).
            since = now if self._paused_at is None else self._paused_at
            start = planner.next_work_start(settings, self._clock.tz, since)
            if start is not None:
                self._paused_until = start.astimezone(UTC)
        return self._advance(now, [])

    def hold(self, reason: str) -> list[Event]:
        """Hold back a break that comes due (e.g. during a full-screen call) until release().

        While held, the moment the break would have warned (or started) is still a
        wakeup: the engine then enters HELD, with no warning and no break.
        """
        now = self._sync()
        self._held = reason
        return self._advance(now, [])

    def release(self) -> Result:
        """Stop holding. A break that came due meanwhile gets a full warning first."""
        now = self._sync()
        if self._held is None:
            return Refused("Nothing is being held")
        # From the situation now, not the stored state: the driver may not have ticked
        # since the break came due.
        was_holding = self._derive(now)[0] is State.HELD
        self._held = None
        if was_holding:
            soonest = now + self._warning_length()
            self._floor = soonest if self._floor is None else max(self._floor, soonest)
        return self._advance(now, [])

    # ---- internals ------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self._clock.now().astimezone(UTC)

    def _local(self, when: datetime) -> datetime:
        return when.astimezone(self._clock.tz)

    def _warning_length(self) -> timedelta:
        return timedelta(seconds=self._settings.breaks.warning_seconds)

    def _count(self, day: date) -> int:
        if day not in self._counts:
            # Read once per day from history: what was really taken before we started.
            self._counts[day] = self._taken_on(day) if self._taken_on is not None else 0
        return self._counts[day]

    def _count_up(self, day: date) -> None:
        self._counts[day] = self._count(day) + 1
        self._counts_version += 1

    def _adjust(self, span: Span, due: datetime) -> datetime:
        if self._snooze is not None and self._snooze[0] == span.start:
            due = self._snooze[1]
        if self._floor is not None and due < self._floor:
            due = self._floor
        return due

    def _pending(self, now: datetime) -> NextBreak | None:
        if self._paused is not None or self._current is not None:
            return None
        key = (
            now,
            self._anchor,
            self._snooze,
            self._floor,
            self._settings,
            self._clock.tz,
            self._counts_version,
        )
        if self._memo is not None and self._memo[0] == key:  # asked 3-4 times per call
            return self._memo[1]
        found = planner.next_break_from(
            self._settings,
            self._clock.tz,
            self._anchor,
            self._count,
            adjust=self._adjust,
            ends_after=now,
        )
        self._memo = (key, found)
        return found

    def _warning_at(self, p: NextBreak) -> datetime | None:
        if self._settings.breaks.warning_seconds == 0:
            return None
        return max(p.due - self._warning_length(), p.span.start)

    def _derive(self, now: datetime) -> tuple[State, NextBreak | None]:
        if self._current is not None:
            return State.IN_BREAK, None
        if self._paused is not None:
            return State.PAUSED, None
        p = self._pending(now)
        if p is not None and p.span.contains(now):
            warn = self._warning_at(p)
            if now >= (p.due if warn is None else warn):
                return (State.WARNING if self._held is None else State.HELD), p
        if planner.span_at(self._settings, self._clock.tz, now) is not None:
            return State.WAITING, p
        return State.OUTSIDE_WORK_HOURS, p

    def _sync(self, *, force: bool = False) -> datetime:
        """Notice a wall-clock jump since the last call (more than 5 s, or any when forced)."""
        now = self._now()
        boot = self._clock.boottime()
        ref_wall, ref_boot = self._ref
        jump = (now - ref_wall) - timedelta(seconds=boot - ref_boot)
        if jump and (force or abs(jump) > JUMP_TOLERANCE):
            self._shift(jump)
        self._ref = (now, boot)
        return now

    def _shift(self, jump: timedelta) -> None:
        self._anchor += jump
        if self._snooze is not None:
            self._snooze = (self._snooze[0], self._snooze[1] + jump)
        if self._floor is not None:
            self._floor += jump
        if self._warned_due is not None:
            self._warned_due += jump
        if self._current is not None:
            c = self._current
            tz = self._clock.tz
            start = (c.start.astimezone(UTC) + jump).astimezone(tz)
            end = (c.end.astimezone(UTC) + jump).astimezone(tz)
            self._current = PlannedBreak(start, end, c.kind, c.number_in_day, c.day)
        if self._paused is _Pause.FOR_DURATION and self._paused_until is not None:
            self._paused_until += jump

    def _reset_cycle(self, at: datetime) -> None:
        self._anchor = at
        self._snooze = None
        self._snoozes = 0
        self._floor = None

    def _unpause(self) -> None:
        self._paused = None
        self._paused_until = None
        self._paused_at = None

    def _pause(self, now: datetime, until: datetime | None, kind: _Pause) -> list[Event]:
        events: list[Event] = []
        if self._current is not None:
            events.append(self._end_current(now, Outcome.SKIPPED))
        self._reset_cycle(now)
        self._paused, self._paused_until = kind, until
        self._paused_at = now if kind is _Pause.UNTIL_TOMORROW else None
        return self._advance(now, events)

    def _not_this_break(self, break_id: int | None) -> Refused | None:
        if break_id is not None and self.current_break_id != break_id:
            return Refused(ENDED)
        return None

    def _begin(self, now: datetime, planned: PlannedBreak, span: Span | None) -> BreakStarted:
        """Start `planned` now with its moves; it lasts until they are done."""
        moves = tuple(self._compose(planned)) if self._compose is not None else ()
        total = BreakPlan(moves, planned.seconds).total
        end = (now + timedelta(seconds=max(total, planned.seconds))).astimezone(self._clock.tz)
        running = PlannedBreak(planned.start, end, planned.kind, planned.number_in_day, planned.day)
        self._current_id += 1
        self._current, self._current_span, self._current_moves = running, span, moves
        return BreakStarted(
            at=self._local(now),
            planned=running,
            snoozes_used=self._snoozes,
            break_id=self._current_id,
            moves=moves,
        )

    def _end_current(self, at: datetime, outcome: Outcome) -> BreakEnded:
        cur = self._current
        assert cur is not None
        moves = self._current_moves
        self._current = self._current_span = None
        self._current_moves = ()
        if outcome is not Outcome.INTERRUPTED:
            self._count_up(cur.work_day)
        return BreakEnded(
            at=self._local(at),
            planned=cur,
            outcome=outcome,
            started_at=cur.start,
            snoozes_used=self._snoozes,
            break_id=self._current_id,
            moves=moves,
        )

    def _advance(self, now: datetime, events: list[Event]) -> list[Event]:
        """Process every end, pause expiry and due break up to now, in time order."""
        while True:
            due: list[tuple[datetime, int]] = []
            if self._current is not None and self._current.end <= now:
                due.append((self._current.end.astimezone(UTC), 0))
            if self._paused_until is not None and self._paused_until <= now:
                due.append((self._paused_until, 1))
            p = self._pending(now) if self._held is None else None
            if p is not None and p.due <= now:
                due.append((p.due, 2))
            if not due:
                break
            at, what = min(due)
            if what == 0:
                events.append(self._end_current(at, Outcome.COMPLETED))
                self._reset_cycle(at)
            elif what == 1:
                self._unpause()
                if self._current is None:
                    self._reset_cycle(at)
            elif p is not None:
                events.append(self._start(now, p))
        return self._settle(now, events)

    def _start(self, now: datetime, p: NextBreak) -> BreakStarted:
        planned = planner.make_break(
            self._settings, self._clock.tz, now, p.planned.number_in_day, p.planned.work_day
        )
        self._floor = None
        return self._begin(now, planned, p.span)

    def _settle(self, now: datetime, events: list[Event]) -> list[Event]:
        state, p = self._derive(now)
        if p is not None and p.span.contains(now) and self._anchor < p.span.start:
            # Same due time, but the anchor is now a real instant of this range, so a
            # later clock jump shifts the due time with it.
            self._anchor = p.span.start
        out: list[Event] = []
        if state is not self._state:
            out.append(StateChanged(at=self._local(now), old=self._state, new=state))
            self._state = state
        out.extend(events)
        if state is State.WARNING and p is not None and self._warned_due != p.due:
            self._warned_due = p.due
            out.append(WarningStarted(at=self._local(now), upcoming=p.planned))
        gone = p is None or (self._snooze is not None and p.span.start != self._snooze[0])
        if self._snooze is not None and self._current is None and gone:
            self._snooze = None  # its break was dropped (range ended, pause...)
            self._snoozes = 0
        oldest = planner.local_day(now - _KEEP_COUNTS, self._clock.tz)
        for day in [d for d in self._counts if d < oldest]:
            del self._counts[day]
        return out

    def _snooze_target(self, now: datetime) -> Refused | tuple[Span, PlannedBreak, datetime]:
        b = self._settings.breaks
        span: Span | None
        if self._paused is not None:
            return Refused("Breaks are paused")
        if self._current is not None:
            span, planned, base = self._current_span, self._current, now
            if span is None:
                return Refused("Snoozing only works during work hours")
        else:
            p = self._pending(now)
            if p is None or not p.span.contains(now):
                return Refused("No break is coming up in these work hours")
            span, planned, base = p.span, p.planned, max(p.due, now)
        if b.max_snoozes == 0:
            return Refused("Snoozing is turned off in the settings")
        if self._snoozes >= b.max_snoozes:
            return Refused(
                f"No more snoozes for this break ({self._snoozes} of {b.max_snoozes} used)"
            )
        due = base + timedelta(minutes=b.snooze_minutes)
        if due >= span.end:
            return Refused("Work hours end before a snoozed break would come; skip it instead")
        return span, planned, due

