"""The break engine: one state machine for warnings, breaks, snoozes, pauses, sleep
and presence.

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

Presence (the shell reports what its idle monitor and do-not-disturb detectors
see; with no idle monitor nothing here applies):

* Holds (`set_holds`): a break coming due while held enters HELD when its
  warning would start (no warning, no break). When the holds end, a break that
  came due meanwhile gets a full warning first (see the floor). Held longer than
  `max_hold_minutes`, or until its range ends, it is dropped as MISSED (counted,
  like a skip, so breaks never stack) and the cycle restarts then.
* Away (`idle_for`): idle at least as long as the pending break. A break that
  comes due while away enters AWAY: nothing pops up. On return (`came_back`),
  with `natural_breaks` on, time away inside the pending break's range and
  since the cycle's anchor that is at least the break's length is that break,
  taken (NATURAL, cause idle), and the cycle restarts at the return. Less is
  nothing. Either way nothing pops up in the quiet minute after a return (the
  floor), as after waking from sleep.
* Typing pause: when a warning or a break is due, it waits until the input has
  been quiet for `typing_pause_seconds` (`waiting_for_quiet`; the shell then asks
  its monitor and calls `input_quiet()`), giving up after 60 s.
* While a break runs, idle is ignored: the moves need no keyboard.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta

from desk_break.core import planner
from desk_break.core.break_plan import BreakPlan
from desk_break.core.clock import Clock
from desk_break.core.engine_parts import Cycle, Pause, PauseKind, Presence, RunningBreak
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
TYPING_GIVE_UP = timedelta(seconds=60)
_KEEP_COUNTS = timedelta(days=3)

Result = list[Event] | Refused
Compose = Callable[[PlannedBreak], Sequence[Move]]  # the moves for a break about to start
TakenOn = Callable[[date], int]  # breaks already taken on a work day (from history)

ENDED = "That break has already ended"
# The order holds are named in (status, tray): the likeliest cause first.
HOLD_ORDER = ("fullscreen", "camera", "microphone", "screen_locked", "desktop_dnd", "calendar")


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
        self._cycle = Cycle(anchor=now)
        self._running: RunningBreak | None = None
        self._last_id = 0
        self._pause: Pause | None = None
        self._presence = Presence()
        self._last_ended: BreakEnded | None = None
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
        return None if self._running is None else self._running.planned

    @property
    def current_break_id(self) -> int | None:
        return None if self._running is None else self._running.id

    @property
    def current_moves(self) -> tuple[Move, ...]:
        return () if self._running is None else self._running.moves

    @property
    def warning_at(self) -> datetime | None:
        """When the pending break's warning starts (local), or None."""
        p = self._pending(self._now())
        warn = None if p is None else self._warning_at(p)
        return None if warn is None else self._local(warn)

    @property
    def paused_until(self) -> datetime | None:
        until = None if self._pause is None else self._pause.until
        return None if until is None else self._local(until)

    @property
    def paused_indefinitely(self) -> bool:
        return self._pause is not None and self._pause.kind is PauseKind.INDEFINITELY

    @property
    def snoozes_used(self) -> int:
        return self._cycle.snoozes

    @property
    def held_by(self) -> tuple[str, ...]:
        """Why breaks are held now, likeliest cause first; () when they are not."""
        holds = self._presence.holds
        known = [r for r in HOLD_ORDER if r in holds]
        return (*known, *sorted(holds - set(known)))

    @property
    def held_reason(self) -> str | None:
        held = self.held_by
        return ", ".join(held) if held else None

    @property
    def last_break(self) -> BreakEnded | None:
        """How the last break ended (for `status`), or None."""
        return self._last_ended

    @property
    def waiting_for_quiet(self) -> bool:
        """A warning or break waits for a quiet moment in the input (see `input_quiet`)."""
        return self._presence.quiet_wait is not None

    @property
    def away_threshold(self) -> float:
        """Idle this long (seconds) is "away": the pending break's length (or a micro's)."""
        p = self._pending(self._now())
        if p is not None:
            return p.planned.duration.total_seconds()
        return float(self._settings.breaks.duration_seconds)

    def can_snooze(self) -> Refused | None:
        target = self._snooze_target(self._now())
        return target if isinstance(target, Refused) else None

    def next_wakeup(self) -> datetime | None:
        """The next moment `tick()` must run (warning, due, break end, pause end, range edge)."""
        now = self._now()
        times: list[datetime] = []
        if self._running is not None:
            times.append(self._running.planned.end)
        if self._pause is not None and self._pause.until is not None:
            times.append(self._pause.until)
        if self._presence.quiet_wait is not None:
            times.append(self._presence.quiet_wait[1])
        if self._running is None and self._pause is None:
            p = self._pending(now)
            if p is not None:
                warn = self._warning_at(p)
                if self._state in (State.HELD, State.AWAY):
                    times.append(p.span.end)  # a held break is dropped when its range ends
                    since = self._presence.held_since
                    if since is not None and self._presence.holds:
                        times.append(since + self._max_hold())
                else:
                    # (A moment already past waits for quiet: its deadline is above.)
                    if warn is not None and self._cycle.warned_due != p.due and warn > now:
                        times.append(warn)
                    if p.due > now:
                        times.append(p.due)
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
        events: list[Event] = []
        if self._pause is not None and self._pause.until is not None and self._pause.until <= now:
            self._pause = None
            self._cycle.reset(now)
        if self._running is not None:
            cur = self._running.planned
            if slept >= cur.duration or cur.end <= now:
                natural = slept >= cur.duration
                outcome = Outcome.NATURAL if natural else Outcome.COMPLETED
                events.append(self._end_running(now, outcome, "sleep" if natural else None))
                self._cycle.reset(now)
        elif self._pause is None:
            ended = self._natural(now, now - slept, "sleep", since_anchor=False)
            events += ended
        self._cycle.raise_floor(now + QUIET_AFTER_WAKE + self._warning_length())
        return self._advance(now, events)

    def clock_changed(self) -> list[Event]:
        """The wall clock was set (or the time zone changed): keep the real time left,
        then recompute from now."""
        now = self._sync(force=True)
        return self._advance(now, [])

    # ---- presence -----------------------------------------------------------------------

    def set_input_known(self, known: bool) -> list[Event]:
        """An idle monitor reports to us (True), or none does: no typing pause then."""
        now = self._sync()
        self._presence.input_known = known
        if not known:
            self._presence.quiet_wait = None
        return self._advance(now, [])

    def idle_for(self, seconds: float) -> list[Event]:
        """The person has been idle this long (a threshold of the monitor was reached)."""
        now = self._sync()
        pr = self._presence
        since = now - timedelta(seconds=seconds)
        pr.idle_since = since if pr.idle_since is None else min(pr.idle_since, since)
        if seconds >= self.away_threshold and self._running is None:
            pr.away = True
        if pr.quiet_wait is not None and seconds >= self._typing_pause().total_seconds():
            pr.quiet_passed, pr.quiet_wait = pr.quiet_wait[0], None
        return self._advance(now, [])

    def input_quiet(self) -> list[Event]:
        """The input has been quiet for the typing pause: a waiting warning or break may come."""
        return self.idle_for(self._typing_pause().total_seconds())

    def came_back(self, idle_seconds: float) -> list[Event]:
        """Input again after `idle_seconds` of none: maybe a natural break, then a quiet minute."""
        now = self._sync()
        pr = self._presence
        since = now - timedelta(seconds=idle_seconds)
        was_away = pr.away or idle_seconds >= self.away_threshold
        pr.idle_since, pr.away = None, False
        events: list[Event] = []
        if was_away and self._running is None and self._pause is None:
            if self._settings.presence.natural_breaks:
                events += self._natural(now, since, "idle", since_anchor=True)
            self._cycle.raise_floor(now + QUIET_AFTER_WAKE + self._warning_length())
        return self._advance(now, events)

    def set_holds(self, reasons: Iterable[str]) -> list[Event]:
        """Hold due breaks for these reasons (empty: hold none). See the module doc."""
        now = self._sync()
        holds = frozenset(reasons)
        pr = self._presence
        if not holds and pr.holds:
            # From the situation now, not the stored state: the driver may not have
            # ticked since the break came due.
            if self._derive(now)[0] is State.HELD:
                self._cycle.raise_floor(now + self._warning_length())
            pr.held_since = None
        pr.holds = holds
        return self._advance(now, [])

    def hold(self, reason: str) -> list[Event]:
        """Hold back due breaks for one more reason (e.g. a full-screen call)."""
        return self.set_holds(self._presence.holds | {reason})

    def release(self) -> Result:
        """Stop holding for every reason. A break that came due meanwhile gets a full warning."""
        if not self._presence.holds:
            self._sync()
            return Refused("Nothing is being held")
        return self.set_holds(())

    # ---- what the person asks for -------------------------------------------------------

    def break_now(self) -> Result:
        now = self._sync()
        if self._running is not None:
            return Refused("A break is already running")
        tz = self._clock.tz
        span = planner.span_at(self._settings, tz, now)
        day = span.day if span is not None else planner.local_day(now, tz)
        planned = planner.make_break(self._settings, tz, now, self._count(day) + 1, day)
        self._cycle.reset(now)
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
        self._cycle.snooze = (span.start, due)
        self._cycle.snoozes += 1
        was = self.current_break_id
        self._running = None
        moved = planner.make_break(
            self._settings, self._clock.tz, due, planned.number_in_day, planned.work_day
        )
        snoozed = BreakSnoozed(
            at=self._local(now), planned=moved, snoozes_used=self._cycle.snoozes, break_id=was
        )
        return self._advance(now, [snoozed])

    def skip(self, break_id: int | None = None) -> Result:
        """Skip the running break, or the pending one. With `break_id`, only that break."""
        now = self._sync()
        if (refused := self._not_this_break(break_id)) is not None:
            return refused
        if self._running is not None:
            ended = self._end_running(now, Outcome.SKIPPED)
        else:
            if self._pause is not None:
                return Refused("Breaks are paused")
            p = self._pending(now)
            if p is None or not p.span.contains(now):
                return Refused("No break is coming up in these work hours")
            ended = self._end_pending(now, p, Outcome.SKIPPED)
        self._cycle.reset(now)
        return self._advance(now, [ended])

    def done(self, break_id: int | None = None) -> Result:
        now = self._sync()
        if (refused := self._not_this_break(break_id)) is not None:
            return refused
        if self._running is None:
            return Refused("No break is running")
        ended = self._end_running(now, Outcome.COMPLETED)
        self._cycle.reset(now)
        return self._advance(now, [ended])

    def interrupt(self) -> list[Event]:
        """The app is quitting (or the session ending) mid-break: end it as INTERRUPTED.

        Not the person's choice, so it does not count toward the day's breaks."""
        now = self._sync()
        if self._running is None:
            return []
        ended = self._end_running(now, Outcome.INTERRUPTED)
        self._cycle.reset(now)
        return self._advance(now, [ended])

    def pause(self, until: datetime | None) -> Result:
        """Pause until `until` (aware), or until resumed when None."""
        now = self._sync()
        if until is None:
            return self._pause_now(now, Pause(PauseKind.INDEFINITELY, None))
        if until.tzinfo is None:
            raise ValueError("pause needs a timezone-aware time")
        if until <= now:
            return Refused("That time has already passed")
        return self._pause_now(now, Pause(PauseKind.FOR_DURATION, until.astimezone(UTC)))

    def pause_until_tomorrow(self) -> Result:
        """Pause until the first range of the next work day (`planner.next_work_start`)."""
        now = self._sync()
        start = planner.next_work_start(self._settings, self._clock.tz, now)
        if start is None:
            return Refused("There are no work hours to pause until")
        return self._pause_now(now, Pause(PauseKind.UNTIL_TOMORROW, start.astimezone(UTC), now))

    def resume(self) -> Result:
        now = self._sync()
        if self._pause is None:
            return Refused("Not paused")
        self._pause = None
        if self._running is None:
            self._cycle.reset(now)
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
        self._cycle.snooze = None
        self._cycle.snoozes = 0
        after = self._pending(now)
        soonest = now + self._warning_length()
        moved = before is None or after is None or before.due != after.due
        if after is not None and after.due < soonest and moved:
            self._cycle.floor = soonest
        pause = self._pause
        if pause is not None and pause.kind is PauseKind.UNTIL_TOMORROW:
            # "Tomorrow" as seen when the person paused (the work day they were in then).
            since = now if pause.at is None else pause.at
            start = planner.next_work_start(settings, self._clock.tz, since)
            if start is not None:
                pause.until = start.astimezone(UTC)
        return self._advance(now, [])

    # ---- internals ------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self._clock.now().astimezone(UTC)

    def _local(self, when: datetime) -> datetime:
        return when.astimezone(self._clock.tz)

    def _warning_length(self) -> timedelta:
        return timedelta(seconds=self._settings.breaks.warning_seconds)

    def _typing_pause(self) -> timedelta:
        return timedelta(seconds=self._settings.presence.typing_pause_seconds)

    def _max_hold(self) -> timedelta:
        return timedelta(minutes=self._settings.do_not_disturb.max_hold_minutes)

    def _count(self, day: date) -> int:
        if day not in self._counts:
            # Read once per day from history: what was really taken before we started.
            self._counts[day] = self._taken_on(day) if self._taken_on is not None else 0
        return self._counts[day]

    def _count_up(self, day: date) -> None:
        self._counts[day] = self._count(day) + 1
        self._counts_version += 1

    def _pending(self, now: datetime) -> NextBreak | None:
        if self._pause is not None or self._running is not None:
            return None
        c = self._cycle
        key = (
            now,
            c.anchor,
            c.snooze,
            c.floor,
            self._settings,
            self._clock.tz,
            self._counts_version,
        )
        if self._memo is not None and self._memo[0] == key:  # asked 3-4 times per call
            return self._memo[1]
        found = planner.next_break_from(
            self._settings, self._clock.tz, c.anchor, self._count, adjust=c.adjust, ends_after=now
        )
        self._memo = (key, found)
        return found

    def _warning_at(self, p: NextBreak) -> datetime | None:
        if self._settings.breaks.warning_seconds == 0:
            return None
        return max(p.due - self._warning_length(), p.span.start)

    def _moment(self, now: datetime, p: NextBreak) -> datetime | None:
        """The due moment reached by now (the due time, else the warning's), or None."""
        if not p.span.contains(now):
            return None
        if p.due <= now:
            return p.due
        warn = self._warning_at(p)
        return warn if warn is not None and warn <= now else None

    def _quiet_enough(self, now: datetime, moment: datetime) -> bool:
        """The typing pause: may what is due at `moment` show now?"""
        pr = self._presence
        pause = self._typing_pause()
        if not pr.input_known or not pause:
            return True
        if pr.quiet_passed == moment:
            return True
        if pr.idle_since is not None and now - pr.idle_since >= pause:
            return True
        wait = pr.quiet_wait
        return wait is not None and wait[0] == moment and now >= wait[1]

    def _derive(self, now: datetime) -> tuple[State, NextBreak | None]:
        if self._running is not None:
            return State.IN_BREAK, None
        if self._pause is not None:
            return State.PAUSED, None
        p = self._pending(now)
        if p is not None and (moment := self._moment(now, p)) is not None:
            if self._presence.holds:
                return State.HELD, p
            if self._presence.away:
                return State.AWAY, p
            # A warning already up stays up while its break waits for a quiet moment.
            if self._cycle.warned_due == p.due or self._quiet_enough(now, moment):
                return State.WARNING, p
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
            self._cycle.shift(jump)
            self._presence.shift(jump)
            if self._running is not None:
                self._running.shift(jump)
            if self._pause is not None:
                self._pause.shift(jump)
        self._ref = (now, boot)
        return now

    def _pause_now(self, now: datetime, pause: Pause) -> list[Event]:
        events: list[Event] = []
        if self._running is not None:
            events.append(self._end_running(now, Outcome.SKIPPED))
        self._cycle.reset(now)
        self._pause = pause
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
        self._last_id += 1
        self._running = RunningBreak(self._last_id, running, span, moves)
        self._presence.quiet_wait = None
        return BreakStarted(
            at=self._local(now),
            planned=running,
            snoozes_used=self._cycle.snoozes,
            break_id=self._last_id,
            moves=moves,
        )

    def _end_running(self, at: datetime, outcome: Outcome, cause: str | None = None) -> BreakEnded:
        run = self._running
        assert run is not None
        self._running = None
        if outcome is not Outcome.INTERRUPTED:
            self._count_up(run.planned.work_day)
        ended = BreakEnded(
            at=self._local(at),
            planned=run.planned,
            outcome=outcome,
            started_at=run.planned.start,
            snoozes_used=self._cycle.snoozes,
            break_id=run.id,
            moves=run.moves,
            cause=cause,
        )
        self._last_ended = ended
        return ended

    def _end_pending(
        self, at: datetime, p: NextBreak, outcome: Outcome, cause: str | None = None
    ) -> BreakEnded:
        """A break that never started ends (skipped, natural, missed): it counts for its day."""
        self._count_up(p.planned.work_day)
        self._presence.held_since = None
        ended = BreakEnded(
            at=self._local(at),
            planned=p.planned,
            outcome=outcome,
            started_at=None,
            snoozes_used=self._cycle.snoozes,
            cause=cause,
        )
        self._last_ended = ended
        return ended

    def _natural(
        self, now: datetime, since: datetime, cause: str, *, since_anchor: bool
    ) -> list[Event]:
        """Time away from `since` to now that stands for the pending break (see the module doc)."""
        start = max(since, self._cycle.anchor) if since_anchor else since
        p = self._pending(start)
        # Only time away inside the pending break's range can stand for it: a range
        # starts fresh, so one slept into is simply followed from its start.
        if p is None or p.span.start > start:
            return []
        if min(now, p.span.end) - start < p.planned.duration:
            return []
        ended = self._end_pending(now, p, Outcome.NATURAL, cause)
        self._cycle.reset(now)
        return [ended]

    def _advance(self, now: datetime, events: list[Event]) -> list[Event]:
        """Process every end, pause expiry, dropped and due break up to now, in time order."""
        while True:
            due: list[tuple[datetime, int]] = []
            if self._running is not None and self._running.planned.end <= now:
                due.append((self._running.planned.end.astimezone(UTC), 0))
            until = None if self._pause is None else self._pause.until
            if until is not None and until <= now:
                due.append((until, 1))
            p = self._pending(now)
            pr = self._presence
            held = None
            if pr.holds or pr.away:
                p = None  # nothing starts while held or away...
                since = pr.held_since
                # ...and the break that came due then is dropped at the end of its
                # range, or of the longest hold, whichever comes first.
                held = None if since is None else self._pending(since)
                if held is not None and since is not None:
                    limit = held.span.end
                    if pr.holds:
                        limit = min(limit, since + self._max_hold())
                    if limit <= now:
                        due.append((limit, 3))
            elif p is not None and p.due <= now and self._quiet_enough(now, p.due):
                due.append((p.due, 2))
            if not due:
                break
            at, what = min(due)
            if what == 0:
                events.append(self._end_running(at, Outcome.COMPLETED))
                self._cycle.reset(at)
            elif what == 1:
                self._pause = None
                if self._running is None:
                    self._cycle.reset(at)
            elif what == 2 and p is not None:
                events.append(self._start(now, p))
            elif held is not None:
                # Held too long, or away or held until its range ended: not stacked.
                natural = pr.away and not pr.holds and self._settings.presence.natural_breaks
                outcome = Outcome.NATURAL if natural else Outcome.MISSED
                events.append(self._end_pending(at, held, outcome, "idle" if natural else None))
                self._cycle.reset(at)
        return self._settle(now, events)

    def _start(self, now: datetime, p: NextBreak) -> BreakStarted:
        planned = planner.make_break(
            self._settings, self._clock.tz, now, p.planned.number_in_day, p.planned.work_day
        )
        self._cycle.floor = None
        return self._begin(now, planned, p.span)

    def _settle(self, now: datetime, events: list[Event]) -> list[Event]:
        state, p = self._derive(now)
        c, pr = self._cycle, self._presence
        if p is not None and p.span.contains(now) and c.anchor < p.span.start:
            # Same due time, but the anchor is now a real instant of this range, so a
            # later clock jump shifts the due time with it.
            c.anchor = p.span.start
        out: list[Event] = []
        if state is not self._state:
            out.append(StateChanged(at=self._local(now), old=self._state, new=state))
            self._state = state
        out.extend(events)
        if state is State.WARNING and p is not None and c.warned_due != p.due:
            c.warned_due = p.due
            out.append(WarningStarted(at=self._local(now), upcoming=p.planned))
        if state in (State.HELD, State.AWAY):
            pr.held_since = now if pr.held_since is None else pr.held_since
        else:
            pr.held_since = None
        moment = None if p is None else self._moment(now, p)
        open_ = state in (State.WAITING, State.WARNING) and moment is not None
        if open_ and moment is not None and not self._quiet_enough(now, moment):
            if pr.quiet_wait is None or pr.quiet_wait[0] != moment:
                pr.quiet_wait = (moment, now + TYPING_GIVE_UP)
        else:
            pr.quiet_wait = None
        gone = p is None or (c.snooze is not None and p.span.start != c.snooze[0])
        if c.snooze is not None and self._running is None and gone:
            c.snooze = None  # its break was dropped (range ended, pause...)
            c.snoozes = 0
        oldest = planner.local_day(now - _KEEP_COUNTS, self._clock.tz)
        for day in [d for d in self._counts if d < oldest]:
            del self._counts[day]
        return out

    def _snooze_target(self, now: datetime) -> Refused | tuple[Span, PlannedBreak, datetime]:
        b = self._settings.breaks
        span: Span | None
        if self._pause is not None:
            return Refused("Breaks are paused")
        if self._running is not None:
            span, planned, base = self._running.span, self._running.planned, now
            if span is None:
                return Refused("Snoozing only works during work hours")
        else:
            p = self._pending(now)
            if p is None or not p.span.contains(now):
                return Refused("No break is coming up in these work hours")
            span, planned, base = p.span, p.planned, max(p.due, now)
        if b.max_snoozes == 0:
            return Refused("Snoozing is turned off in the settings")
        if self._cycle.snoozes >= b.max_snoozes:
            used = self._cycle.snoozes
            return Refused(f"No more snoozes for this break ({used} of {b.max_snoozes} used)")
        due = base + timedelta(minutes=b.snooze_minutes)
        if due >= span.end:
            return Refused("Work hours end before a snoozed break would come; skip it instead")
        return span, planned, due
