"""The break engine's remembered state, one small value per concern.

`BreakEngine` (engine.py) decides; these only hold what it decided, with the one
operation every part needs: shifting its instants when the wall clock jumps, so
the real time left until the next thing is kept. All instants are UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum

from desk_break.core.events import PlannedBreak
from desk_break.core.moves import Move
from desk_break.core.planner import Span


@dataclass
class Cycle:
    """Where the next break is measured from, and what moved it.

    anchor: the last break's end, a skip, a resume, a return from a natural break.
    snooze: (the snoozed break's range start, its new due time).
    floor: the due time is pushed to at least this (the quiet minute after waking or
        returning, a full warning after a release or a settings change).
    warned_due: the due time a warning was already announced for.
    quiet: nothing is due before this (the quiet minute after waking or a return,
        plus a full warning); unlike the floor it outlives a reset, so a skip or a
        finished break right after waking does not bring a pop-up into that minute.
    """

    anchor: datetime
    snooze: tuple[datetime, datetime] | None = None
    snoozes: int = 0
    floor: datetime | None = None
    warned_due: datetime | None = None
    quiet: datetime | None = None

    def reset(self, at: datetime) -> None:
        self.anchor = at
        self.snooze = None
        self.snoozes = 0
        self.floor = None

    def raise_floor(self, at: datetime) -> None:
        self.floor = at if self.floor is None else max(self.floor, at)

    def raise_quiet(self, at: datetime) -> None:
        self.quiet = at if self.quiet is None else max(self.quiet, at)

    def adjust(self, span: Span, due: datetime) -> datetime:
        """A planned due time with the snooze (of that range) and the floor applied."""
        if self.snooze is not None and self.snooze[0] == span.start:
            due = self.snooze[1]
        if self.floor is not None and due < self.floor:
            due = self.floor
        if self.quiet is not None and due < self.quiet:
            due = self.quiet
        return due

    def shift(self, jump: timedelta) -> None:
        self.anchor += jump
        if self.snooze is not None:
            self.snooze = (self.snooze[0], self.snooze[1] + jump)
        if self.floor is not None:
            self.floor += jump
        if self.warned_due is not None:
            self.warned_due += jump
        if self.quiet is not None:
            self.quiet += jump


@dataclass
class RunningBreak:
    """The break on now: its id (named by every request about it), span and moves."""

    id: int
    planned: PlannedBreak  # end = when its moves are done
    span: Span | None
    moves: tuple[Move, ...]

    def shift(self, jump: timedelta) -> None:
        c = self.planned
        tz = c.start.tzinfo
        start = (c.start.astimezone(UTC) + jump).astimezone(tz)
        end = (c.end.astimezone(UTC) + jump).astimezone(tz)
        self.planned = PlannedBreak(start, end, c.kind, c.number_in_day, c.day)


class PauseKind(Enum):
    FOR_DURATION = "duration"
    UNTIL_TOMORROW = "tomorrow"
    INDEFINITELY = "indefinitely"


@dataclass
class Pause:
    kind: PauseKind
    until: datetime | None
    at: datetime | None = None  # when an "until tomorrow" pause began

    def shift(self, jump: timedelta) -> None:
        # Only a pause for a duration keeps its real length; "until tomorrow" keeps its
        # wall-clock target.
        if self.kind is PauseKind.FOR_DURATION and self.until is not None:
            self.until += jump


@dataclass
class Presence:
    """What the engine knows of the person (see engine.py's module doc, "Presence").

    holds: the reasons breaks are held (a call, a locked screen...); empty = none.
    held_since: when the pending break came due while held (for max_hold_minutes).
    idle_since: when the person's current idle stretch began, as last reported
        (None = active, or unknown).
    away: the idle stretch reached the pending break's length: due breaks wait.
    quiet_wait: (the moment waiting for, give-up deadline) while a warning or a
        break waits for a quiet moment in the input; quiet_passed is the moment
        that got one.
    """

    input_known: bool = False  # an idle monitor reports to us (else no typing pause)
    holds: frozenset[str] = frozenset()
    held_since: datetime | None = None
    idle_since: datetime | None = None
    away: bool = False
    quiet_wait: tuple[datetime, datetime] | None = None
    quiet_passed: datetime | None = None

    def shift(self, jump: timedelta) -> None:
        if self.held_since is not None:
            self.held_since += jump
        if self.idle_since is not None:
            self.idle_since += jump
        if self.quiet_wait is not None:
            self.quiet_wait = (self.quiet_wait[0] + jump, self.quiet_wait[1] + jump)
        if self.quiet_passed is not None:
            self.quiet_passed += jump
