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

Presence (away, natural breaks from idle, the typing pause, holds and misses)
is described in `engine_presence`; the mechanics are in `engine_core`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desk_break.core import planner
from desk_break.core.engine_core import (
    ENDED,
    HOLD_ORDER,
    QUIET_AFTER_WAKE,
    Compose,
    EngineCore,
    Result,
    TakenOn,
)
from desk_break.core.engine_parts import Pause, PauseKind
from desk_break.core.engine_presence import PresenceActions
from desk_break.core.events import (
    BreakEnded,
    BreakSnoozed,
    Event,
    Outcome,
    PlannedBreak,
    Refused,
    State,
)
from desk_break.core.i18n import translate
from desk_break.core.moves import Move
from desk_break.settings.model import Settings

__all__ = ["ENDED", "HOLD_ORDER", "BreakEngine", "Compose", "EngineCore", "Result", "TakenOn"]


class BreakEngine(PresenceActions):
    """The break state machine. All instants are kept in UTC; events carry local times."""

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
                    # A moment already past is due now, unless it waits for quiet (its
                    # deadline is above): then waking for it again would spin.
                    waiting = self._presence.quiet_wait is not None
                    announced = self._cycle.warned_due == p.due
                    if warn is not None and not announced and (warn > now or not waiting):
                        times.append(warn)
                    if p.due > now or not waiting:
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
        self._cycle.raise_quiet(now + QUIET_AFTER_WAKE + self._warning_length())
        return self._advance(now, events)

    def clock_changed(self) -> list[Event]:
        """The wall clock was set (or the time zone changed): keep the real time left,
        then recompute from now."""
        now = self._sync(force=True)
        return self._advance(now, [])

    # ---- what the person asks for -------------------------------------------------------

    def break_now(self) -> Result:
        now = self._sync()
        if self._running is not None:
            return Refused(translate("Engine", "A break is already running"))
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
                return Refused(translate("Engine", "Breaks are paused"))
            p = self._pending(now)
            if p is None or not p.span.contains(now):
                return Refused(translate("Engine", "No break is coming up in these work hours"))
            ended = self._end_pending(now, p, Outcome.SKIPPED)
        self._cycle.reset(now)
        return self._advance(now, [ended])

    def done(self, break_id: int | None = None) -> Result:
        now = self._sync()
        if (refused := self._not_this_break(break_id)) is not None:
            return refused
        if self._running is None:
            return Refused(translate("Engine", "No break is running"))
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
            return Refused(translate("Engine", "That time has already passed"))
        return self._pause_now(now, Pause(PauseKind.FOR_DURATION, until.astimezone(UTC)))

    def pause_until_tomorrow(self) -> Result:
        """Pause until the first range of the next work day (`planner.next_work_start`)."""
        now = self._sync()
        start = planner.next_work_start(self._settings, self._clock.tz, now)
        if start is None:
            return Refused(translate("Engine", "There are no work hours to pause until"))
        return self._pause_now(now, Pause(PauseKind.UNTIL_TOMORROW, start.astimezone(UTC), now))

    def resume(self) -> Result:
        now = self._sync()
        if self._pause is None:
            return Refused(translate("Engine", "Not paused"))
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

