"""Break history in SQLite: one row per break that ended (completed, skipped, natural).

Rows are only ever inserted. A database this version does not understand (newer
schema) or cannot read is never written to or deleted: a newer one is left alone
and history goes to memory for this run; an unreadable one is moved aside to
`history.sqlite3.corrupt-<time>` and a fresh file started.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS breaks (
    id INTEGER PRIMARY KEY,
    due_at TEXT NOT NULL,        -- when the plan had it (after snoozes), ISO 8601 with offset
    started_at TEXT,             -- NULL when skipped before it started
    ended_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('micro', 'long')),
    outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'skipped', 'natural', 'interrupted')),
    snoozes INTEGER NOT NULL DEFAULT 0,
    moves TEXT NOT NULL DEFAULT ''   -- move ids, comma-separated
);
CREATE INDEX IF NOT EXISTS breaks_ended_at ON breaks (ended_at);
"""


@dataclass(frozen=True)
class BreakRecord:
    due_at: datetime
    started_at: datetime | None
    ended_at: datetime
    kind: str
    outcome: str
    snoozes: int = 0
    moves: tuple[str, ...] = ()


class HistoryUnavailable(RuntimeError):
    pass


class HistoryStore:
    def __init__(self, path: Path | None) -> None:
        """`path` None keeps history in memory (tests, or a database we must not touch)."""
        self.path = path
        self.problem: str | None = None
        self._db = self._open(path)

    def _open(self, path: Path | None) -> sqlite3.Connection:
        if path is None:
            return self._init(sqlite3.connect(":memory:"))
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            db = sqlite3.connect(path)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            # Locked by another program, or not openable: nothing says it is damaged.
            self.problem = f"{path}: could not be opened ({exc}); this run keeps history in memory"
            log.error("%s", self.problem)
            return self._init(sqlite3.connect(":memory:"))
        except sqlite3.DatabaseError as exc:
            stamp = f"corrupt-{datetime.now():%Y%m%d-%H%M%S}"
            aside = path.with_name(f"{path.name}.{stamp}")
            path.rename(aside)
            for suffix in ("-wal", "-shm"):  # its journal goes with it
                journal = path.with_name(path.name + suffix)
                if journal.exists():
                    journal.rename(path.with_name(f"{path.name}{suffix}.{stamp}"))
            self.problem = f"{path}: could not be read ({exc}); kept it as {aside.name}"
            log.error("%s", self.problem)
            return self._init(sqlite3.connect(path))
        if version > SCHEMA_VERSION:
            db.close()
            self.problem = (
                f"{path}: written by a newer Desk Break (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); left untouched, this run keeps history in memory"
            )
            log.error("%s", self.problem)
            return self._init(sqlite3.connect(":memory:"))
        return self._init(db)

    @staticmethod
    def _init(db: sqlite3.Connection) -> sqlite3.Connection:
        db.execute("PRAGMA journal_mode=WAL")
        with db:
            db.executescript(_SCHEMA)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return db

    def record(self, rec: BreakRecord) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO breaks (due_at, started_at, ended_at, kind, outcome, snoozes, moves)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    rec.due_at.isoformat(),
                    rec.started_at.isoformat() if rec.started_at else None,
                    rec.ended_at.isoformat(),
                    rec.kind,
                    rec.outcome,
                    rec.snoozes,
                    ",".join(rec.moves),
                ),
            )

    def records(self) -> list[BreakRecord]:
        rows = self._db.execute(
            "SELECT due_at, started_at, ended_at, kind, outcome, snoozes, moves"
            " FROM breaks ORDER BY ended_at, id"
        ).fetchall()
        return [
            BreakRecord(
                due_at=datetime.fromisoformat(r[0]),
                started_at=datetime.fromisoformat(r[1]) if r[1] else None,
                ended_at=datetime.fromisoformat(r[2]),
                kind=r[3],
                outcome=r[4],
                snoozes=r[5],
                moves=tuple(m for m in r[6].split(",") if m),
            )
            for r in rows
        ]

    def close(self) -> None:
        self._db.close()

    # Stand-ins until the history branch lands its indexed queries (same names).
    def breaks_ended_on(self, work_day: date) -> int:
        return sum(
            1
            for r in self.records()
            if r.ended_at.date() == work_day and r.outcome != "interrupted"
        )

    def moves_on(self, work_day: date) -> list[tuple[str, ...]]:
        return [r.moves for r in self.records() if r.moves and r.ended_at.date() == work_day]
