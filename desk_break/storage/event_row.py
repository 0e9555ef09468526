"""One history event as the `events` table keeps it, and its row.

Times are stored in UTC (ISO 8601, microseconds, `+00:00`, so text order is time
order) with the local UTC offset in seconds beside them, and the local work day the
event counts toward: a night shift's 01:00 break belongs to the day it started.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from desk_break.core.statistics import EVENT_KINDS

BREAK_KINDS = ("micro", "long")

# The columns, in the order INSERT takes them and exports write them.
EXPORT_COLUMNS: tuple[str, ...] = (
    "at", "utc_offset", "work_day", "kind", "break_kind", "due_at", "started_at",
    "snoozes", "moves", "detail",
)
INSERT = (
    f"INSERT INTO events ({', '.join(EXPORT_COLUMNS)})"
    f" VALUES ({', '.join('?' * len(EXPORT_COLUMNS))})"
)


def utc_text(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class EventRow:
    """`at` (and the other times) are aware; `at`'s offset is the one stored."""

    at: datetime
    kind: str  # one of EVENT_KINDS
    work_day: date
    break_kind: str | None = None  # "micro" | "long"; None: not about one break
    due_at: datetime | None = None  # the break's due time (snoozed: its new one)
    started_at: datetime | None = None  # an ended break's start, when it started
    snoozes: int | None = None  # an ended break's snoozes
    moves: tuple[str, ...] = ()
    detail: str = ""  # natural: "idle" | "sleep"; held/released: the reason(s)

    def problem(self) -> str | None:
        """Why this row must not be stored, or None."""
        if self.kind not in EVENT_KINDS:
            return f"unknown event kind {self.kind!r}"
        if self.break_kind is not None and self.break_kind not in BREAK_KINDS:
            return f"unknown break kind {self.break_kind!r}"
        if self.at.utcoffset() is None:
            return "a time without a UTC offset"
        if any("," in m or '"' in m or not m for m in self.moves):
            return f"a move id with a comma or quote: {self.moves!r}"
        return None

    def describe(self) -> str:
        """One line that tells a person exactly which event this was."""
        parts = [f"{self.kind} at {self.at.isoformat()}", f"work day {self.work_day}"]
        if self.break_kind:
            parts.append(f"{self.break_kind} break")
        if self.moves:
            parts.append("moves: " + ", ".join(self.moves))
        if self.detail:
            parts.append(self.detail)
        return ", ".join(parts)

    def to_row(self) -> tuple[object, ...]:
        offset = self.at.utcoffset() or timedelta(0)
        return (
            utc_text(self.at),
            int(offset.total_seconds()),
            self.work_day.isoformat(),
            self.kind,
            self.break_kind,
            utc_text(self.due_at) if self.due_at else None,
            utc_text(self.started_at) if self.started_at else None,
            self.snoozes,
            ",".join(self.moves),
            self.detail,
        )


def from_row(r: tuple[object, ...]) -> EventRow:
    """A row selected as EXPORT_COLUMNS, back into an event (times in their offset)."""
    tz = timezone(timedelta(seconds=int(str(r[1]))))

    def local(text: object) -> datetime | None:
        return datetime.fromisoformat(str(text)).astimezone(tz) if text else None

    at = local(r[0])
    assert at is not None
    return EventRow(
        at=at,
        kind=str(r[3]),
        work_day=date.fromisoformat(str(r[2])),
        break_kind=str(r[4]) if r[4] else None,
        due_at=local(r[5]),
        started_at=local(r[6]),
        snoozes=None if r[7] is None else int(str(r[7])),
        moves=tuple(m for m in str(r[8] or "").split(",") if m),
        detail=str(r[9] or ""),
    )
