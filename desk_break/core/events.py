"""What the break engine says and what it is in: the contract between core and shell.

The engine returns a list of these events from every call that changes it; the
Qt shell turns them into notifications, windows and history rows. Nothing here
knows about Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from desk_break.core.moves import Move


class State(StrEnum):
    WAITING = "waiting"
    WARNING = "warning"
    IN_BREAK = "in_break"
    PAUSED = "paused"
    OUTSIDE_WORK_HOURS = "outside_work_hours"
    HELD = "held"  # a due break is being held back (e.g. a full-screen call)
    AWAY = "away"  # a due break waits for the person's return


class BreakKind(StrEnum):
    MICRO = "micro"
    LONG = "long"


class Outcome(StrEnum):
    COMPLETED = "completed"  # countdown reached zero, or the person pressed Done
    SKIPPED = "skipped"
    NATURAL = "natural"  # away (idle or asleep) at least as long as the break
    MISSED = "missed"  # held (a call, a locked screen) too long: dropped, not stacked
    # The app quit or the session ended mid-break: not the person's choice, so it is
    # never counted against them (nor toward the day's long-break rhythm).
    INTERRUPTED = "interrupted"


@dataclass(frozen=True)
class PlannedBreak:
    """A break as the plan has it: when it is due, how long, which of the day."""

    start: datetime
    end: datetime
    kind: BreakKind
    number_in_day: int  # 1-based, counted across all ranges of the work day
    # The work day it counts toward (an overnight range's breaks belong to the day
    # the range starts). None when unknown; then the start's date is meant.
    day: date | None = None

    @property
    def work_day(self) -> date:
        return self.day if self.day is not None else self.start.date()

    @property
    def duration(self) -> timedelta:
        """Real elapsed time. (Subtracting two times of one zone gives wall-clock time,
        which is an hour off across a daylight-saving change.)"""
        return self.end.astimezone(UTC) - self.start.astimezone(UTC)

    @property
    def seconds(self) -> int:
        return round(self.duration.total_seconds())


# ---- events ---------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    at: datetime


@dataclass(frozen=True)
class StateChanged(Event):
    old: State
    new: State


@dataclass(frozen=True)
class WarningStarted(Event):
    upcoming: PlannedBreak


@dataclass(frozen=True)
class BreakStarted(Event):
    # start = the moment it really started; end = when its moves are done, which is
    # later than the configured length when the moves outlast it.
    planned: PlannedBreak
    snoozes_used: int
    break_id: int = 0  # names this break in every later request about it
    moves: tuple[Move, ...] = ()


@dataclass(frozen=True)
class BreakSnoozed(Event):
    planned: PlannedBreak  # the break with its new due time
    snoozes_used: int
    break_id: int | None = None  # the running break that was snoozed, if one was


@dataclass(frozen=True)
class BreakEnded(Event):
    planned: PlannedBreak
    outcome: Outcome
    started_at: datetime | None  # None when it never started (skipped while pending)
    snoozes_used: int
    break_id: int | None = None  # None when it never started
    moves: tuple[Move, ...] = ()
    cause: str | None = None  # a natural break's: "idle" or "sleep"


@dataclass(frozen=True)
class Refused:
    """Returned (not raised) when an action cannot apply, with a reason for a person."""

    reason: str
