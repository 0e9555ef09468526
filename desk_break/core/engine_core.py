"""How the break engine decides: its state and the mechanics behind every action.

`BreakEngine` (engine.py) is the public face and documents the rules; this holds
what it remembers (`engine_parts`) and the steps every action shares: bring the
plan up to now (`_advance`), work out the state (`_derive`), announce what
changed (`_settle`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

from desk_break.core import planner
from desk_break.core.break_plan import BreakPlan
from desk_break.core.clock import Clock
from desk_break.core.engine_parts import Cycle, Pause, Presence, RunningBreak
from desk_break.core.events import (
    BreakEnded,
    BreakStarted,
    Event,
    Outcome,
    PlannedBreak,
    Refused,
    State,
    StateChanged,
    WarningStarted,
)
from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate
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

ENDED = QT_TRANSLATE_NOOP("Engine", "That break has already ended")
# The order holds are named in (status, tray): the likeliest cause first.
HOLD_ORDER = ("first_run_note", "fullscreen", "camera", "microphone", "screen_locked",
              "desktop_dnd", "calendar")

class EngineCore:
    """State and shared mechanics of `BreakEngine`. All instants are kept in UTC."""

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

    @property
    def current_break_id(self) -> int | None:
        return None if self._running is None else self._running.id

    @property
    def away_threshold(self) -> float:
        """Idle this long (seconds) is "away": the pending break's length (or a micro's)."""
        p = self._pending(self._now())
        if p is not None:
            return p.planned.duration.total_seconds()
        return float(self._settings.breaks.duration_seconds)

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
            c.quiet,
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
            return Refused(translate("Engine", ENDED))
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
            return Refused(translate("Engine", "Breaks are paused"))
        if self._running is not None:
            span, planned, base = self._running.span, self._running.planned, now
            if span is None:
                return Refused(translate("Engine", "Snoozing only works during work hours"))
        else:
            p = self._pending(now)
            if p is None or not p.span.contains(now):
                return Refused(translate("Engine", "No break is coming up in these work hours"))
            span, planned, base = p.span, p.planned, max(p.due, now)
        if b.max_snoozes == 0:
            return Refused(translate("Engine", "Snoozing is turned off in the settings"))
        if self._cycle.snoozes >= b.max_snoozes:
            used = self._cycle.snoozes
            return Refused(
                arg(translate("Engine", "No more snoozes for this break (%1 of %2 used)"),
                    used, b.max_snoozes)
            )
        due = base + timedelta(minutes=b.snooze_minutes)
        if due >= span.end:
            return Refused(
                translate(
                    "Engine", "Work hours end before a snoozed break would come; skip it instead"
                )
            )
        return span, planned, due

