"""One ended break, as the app and tests speak of it. The file keeps it as events
(storage/event_row.py); `HistoryStore.records()` gives them back in this form."""

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


def moves_of(text: str) -> tuple[str, ...]:
    return tuple(m for m in text.split(",") if m)
