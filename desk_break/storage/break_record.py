"""One ended break as history keeps it, and its row in the `breaks` table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class BreakRecord:
    due_at: datetime
    started_at: datetime | None
    ended_at: datetime
    kind: str
    outcome: str
    snoozes: int = 0
    moves: tuple[str, ...] = ()
    # The work day the break counts toward (a night shift's 01:00 break belongs to the
    # day the shift started). None: the calendar day it ended.
    work_day: date | None = None

    @property
    def day(self) -> date:
        return self.work_day if self.work_day is not None else self.ended_at.date()

    def describe(self) -> str:
        """One line that tells a person exactly which break this was."""
        moves = ", ".join(self.moves) or "none"
        started = self.started_at.isoformat() if self.started_at else "never"
        return (
            f"{self.kind} break due {self.due_at.isoformat()}, started {started}, "
            f"ended {self.ended_at.isoformat()}, {self.outcome}, {self.snoozes} snooze(s), "
            f"moves: {moves}, work day {self.day.isoformat()}"
        )


COLUMNS = "due_at, started_at, ended_at, kind, outcome, snoozes, moves, work_day"
INSERT = f"INSERT INTO breaks ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"


def to_row(rec: BreakRecord) -> tuple[object, ...]:
    """Values for INSERT, in COLUMNS order (times as ISO 8601 with their offset)."""
    return (
        rec.due_at.isoformat(),
        rec.started_at.isoformat() if rec.started_at else None,
        rec.ended_at.isoformat(),
        rec.kind,
        rec.outcome,
        rec.snoozes,
        ",".join(rec.moves),
        rec.work_day.isoformat() if rec.work_day else None,
    )


def moves_of(text: str) -> tuple[str, ...]:
    return tuple(m for m in text.split(",") if m)


def from_row(r: tuple[object, ...]) -> BreakRecord:
    """A row selected as COLUMNS, back into a record."""
    return BreakRecord(
        due_at=datetime.fromisoformat(str(r[0])),
        started_at=datetime.fromisoformat(str(r[1])) if r[1] else None,
        ended_at=datetime.fromisoformat(str(r[2])),
        kind=str(r[3]),
        outcome=str(r[4]),
        snoozes=int(str(r[5])),
        moves=moves_of(str(r[6])),
        work_day=date.fromisoformat(str(r[7])) if r[7] else None,
    )
