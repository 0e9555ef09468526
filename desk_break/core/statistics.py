"""What the statistics say: per-day counts, totals, streaks, the daily goal, the week
timeline's items. Pure values and rules; reading them from the history file lives in
`desk_break.storage.history_query`.

Rules (one owner each):

* `goal_met`: a day meets the goal when completed + natural breaks are at least
  `daily_goal_percent` % of the breaks due that day. A day with nothing due (a
  weekend, a day off, the app not running) does not meet it.
* Streaks (`streaks`): days in a row that met the goal. A day with nothing due
  neither breaks nor extends a streak: a weekend between two good weeks keeps the
  streak going, and does not add to it. Today, while it has not met the goal yet,
  does not break the current streak either (the day is not over); once met, it
  extends it.
* "Due" counts the breaks that came due and ended that day one way or the other:
  completed, natural, skipped or missed. An interrupted break (the app quit or
  crashed mid-break) is not the person's doing and is not counted.
* Minutes moved: the time completed breaks ran, from start to end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime

# Event kinds in the history, in the order a break lives through them.
EVENT_KINDS: tuple[str, ...] = (
    "due",
    "warned",
    "started",
    "snoozed",
    "skipped",
    "completed",
    "natural",
    "missed",
    "interrupted",
    "held",
    "released",
    "away",
    "back",
)
# The kinds that end a break (one per break); all but interrupted count as due.
END_KINDS: tuple[str, ...] = ("completed", "natural", "skipped", "missed", "interrupted")
COUNTED_KINDS: tuple[str, ...] = ("completed", "natural", "skipped", "missed")

TIMELINE_KINDS: tuple[str, ...] = ("work", "break", "snooze", "away", "held")


@dataclass(frozen=True)
class DayCounts:
    date: date
    due: int
    completed: int
    natural: int
    snoozed: int
    skipped: int
    missed: int
    minutes_moved: float
    goal_met: bool

    def as_json(self) -> dict[str, object]:
        return {
            **asdict(self),
            "date": self.date.isoformat(),
            "minutes_moved": round(self.minutes_moved, 1),
        }


@dataclass(frozen=True)
class Totals:
    """Counts summed over the days asked for; streaks over the whole history."""

    due: int
    completed: int
    natural: int
    snoozed: int
    skipped: int
    missed: int
    minutes_moved: float
    current_streak: int
    best_streak: int

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "minutes_moved": round(self.minutes_moved, 1)}


@dataclass(frozen=True)
class TimelineItem:
    """One stretch on the week timeline, in the local time it happened in."""

    start: datetime
    end: datetime
    kind: str  # one of TIMELINE_KINDS: "work" | "break" | "snooze" | "away" | "held"
    label: str  # a break's outcome, or why breaks were held ("fullscreen", "call"), or ""


@dataclass(frozen=True)
class Overview:
    days: list[DayCounts]  # oldest first, one per day asked for, days without work included
    totals: Totals
    focus_areas: list[tuple[str, int]]  # (area, moves done), most first
    top_moves: list[tuple[str, int]]  # (move id, times done), most first

    def as_json(self) -> dict[str, object]:
        """The `desk-break stats --json` object."""
        return {"days": [d.as_json() for d in self.days], "totals": self.totals.as_json()}


def goal_met(due: int, completed: int, natural: int, goal_percent: int) -> bool:
    """See the module doc: nothing due is not a met goal."""
    return due > 0 and (completed + natural) * 100 >= goal_percent * due


def streaks(days: Iterable[tuple[date, int, bool]], today: date) -> tuple[int, int]:
    """(current, best) streak from (day, due, goal_met), oldest first; days may be
    missing (nothing due). See the module doc for the rules."""
    best = run = 0
    for day, due, met in days:
        if day > today or due <= 0:
            continue
        if met:
            run += 1
            best = max(best, run)
        elif day != today:
            run = 0
    return run, best


def totals_of(days: Sequence[DayCounts], current_streak: int, best_streak: int) -> Totals:
    return Totals(
        due=sum(d.due for d in days),
        completed=sum(d.completed for d in days),
        natural=sum(d.natural for d in days),
        snoozed=sum(d.snoozed for d in days),
        skipped=sum(d.skipped for d in days),
        missed=sum(d.missed for d in days),
        minutes_moved=sum(d.minutes_moved for d in days),
        current_streak=current_streak,
        best_streak=best_streak,
    )
