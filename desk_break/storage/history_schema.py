"""The history file's schema, its migrations, and opening a file without waiting on a lock.

Every schema change is one step in `MIGRATIONS` (from version N to N+1), run in one
transaction with the step before it: a step that fails leaves the file as it was.
Opening never waits for another program's lock (busy timeout 0): a held lock raises
`Locked`, and the caller decides when to try again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from desk_break.storage.history_events import (
    create_breaks_view,
    create_events,
    derive_from_breaks,
)

SCHEMA_VERSION = 3

KINDS = ("micro", "long")
OUTCOMES = ("completed", "skipped", "natural", "missed", "interrupted")
# The breaks that count toward a work day (long-break rhythm, stats). An interrupted
# break (quit or logout mid-break) is not the person's doing: it does not count. A
# missed one (held too long by a call) used its slot, as the engine counts it.
COUNTED_OUTCOMES = ("completed", "skipped", "natural", "missed")

# The work day a row belongs to: its own, or (rows from before work days were stored,
# or a caller that did not say) the calendar day of its end in the offset it was
# written with. Queries must spell it exactly so to use the index.
DAY = "COALESCE(work_day, substr(ended_at, 1, 10))"

_BREAKS_TABLE = """
CREATE TABLE {name} (
    id INTEGER PRIMARY KEY,
    due_at TEXT NOT NULL,        -- when the plan had it (after snoozes), ISO 8601 with offset
    started_at TEXT,             -- NULL when skipped before it started
    ended_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('micro', 'long')),
    outcome TEXT NOT NULL
        CHECK (outcome IN ('completed', 'skipped', 'natural', 'missed', 'interrupted')),
    snoozes INTEGER NOT NULL DEFAULT 0,
    moves TEXT NOT NULL DEFAULT '',  -- move ids, comma-separated
    work_day TEXT                -- YYYY-MM-DD; NULL: the calendar day of ended_at
)
"""


BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class Locked(Exception):
    """Another program holds the file's lock (a DB browser with unsaved edits): try later."""


class NewerSchema(Exception):
    """Written by a newer Desk Break: this one must not touch it."""


class MigrationFailed(Exception):
    """A migration step failed; its transaction was rolled back, the file is as it was."""


def _code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def is_busy(exc: BaseException) -> bool:
    return _code(exc) in BUSY_CODES


def is_damaged(exc: BaseException) -> bool:
    """SQLite itself says the file is not a database or is corrupt (nothing else does)."""
    return _code(exc) in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _create(db: sqlite3.Connection) -> None:
    create_events(db)
    create_breaks_view(db)


def _v1_to_v2(db: sqlite3.Connection) -> None:
    """Adds `work_day` and the `missed` and `interrupted` outcomes. SQLite cannot alter a CHECK
    constraint, so the table is rebuilt; every row keeps its id and values."""
    db.execute(_BREAKS_TABLE.format(name="breaks_v2"))
    db.execute(
        "INSERT INTO breaks_v2 (id, due_at, started_at, ended_at, kind, outcome, snoozes, moves)"
        " SELECT id, due_at, started_at, ended_at, kind, outcome, snoozes, moves FROM breaks"
    )
    db.execute("DROP TABLE breaks")
    # Legacy rename: a view the person made on `breaks` (in a DB browser) would
    # otherwise fail the rename while `breaks` is briefly missing; after it, the
    # view finds the new table by its old name.
    db.execute("PRAGMA legacy_alter_table = ON")
    try:
        db.execute("ALTER TABLE breaks_v2 RENAME TO breaks")
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")


def _v2_to_v3(db: sqlite3.Connection) -> None:
    """The `events` table, its aggregates, and every `breaks` row as events (see
    history_events.derive_from_breaks); `breaks` itself is kept as `breaks_v2`, and a
    view takes its name."""
    create_events(db)
    derive_from_breaks(db)
    db.execute("PRAGMA legacy_alter_table = ON")  # a view on `breaks` keeps working
    try:
        db.execute("ALTER TABLE breaks RENAME TO breaks_v2")
    finally:
        db.execute("PRAGMA legacy_alter_table = OFF")
    create_breaks_view(db)


# Step from version N (the key) to N+1. Version 0 is a new, empty file.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3}


def _bring_up_to_date(db: sqlite3.Connection) -> None:
    """Create or migrate inside one write transaction (taken at once, or Locked)."""
    db.execute("BEGIN IMMEDIATE")  # busy: the caller raises Locked
    version = -1
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]  # again, under the lock
        if version == 0 and not _has_breaks(db):
            _create(db)
        else:
            for step in range(max(version, 1), SCHEMA_VERSION):
                MIGRATIONS[step](db)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException as exc:
        db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error) and not (is_busy(exc) or is_damaged(exc)):
            raise MigrationFailed(f"schema {version} to {SCHEMA_VERSION}: {exc}") from exc
        raise


def _has_breaks(db: sqlite3.Connection) -> bool:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'breaks'")
    return row.fetchone() is not None


def connect(path: Path) -> sqlite3.Connection:
    """Open `path` and bring it to this version's schema, never waiting for a lock.

    The connection is shared by the caller's threads under its own lock, and manages
    its own transactions (isolation_level None). Raises Locked, NewerSchema,
    MigrationFailed, or sqlite3.Error (damaged when `is_damaged`, else not openable)."""
    db = sqlite3.connect(path, timeout=0, isolation_level=None, check_same_thread=False)
    try:
        try:
            # WAL + NORMAL: a commit survives a crash of the app (not a power cut).
            db.execute("PRAGMA synchronous = NORMAL")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if version > SCHEMA_VERSION:
                raise NewerSchema(str(version))
            if version < SCHEMA_VERSION:
                _bring_up_to_date(db)
            _prefer_wal(db)
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise Locked(str(exc)) from exc
            raise
    except BaseException:
        db.close()
        raise
    return db


def _prefer_wal(db: sqlite3.Connection) -> None:
    """WAL lets a reader (a DB browser) and us work at once. Switching needs the lock:
    if it is held, the file keeps its mode until the next start."""
    try:
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            db.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as exc:
        if not is_busy(exc):
            raise


def connect_memory() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _bring_up_to_date(db)
    return db


def move_aside(path: Path) -> Path:
    """Keep a damaged file (and its journal) beside the fresh one: it is someone's history."""
    stamp = f"corrupt-{datetime.now():%Y%m%d-%H%M%S}"
    aside = path.with_name(f"{path.name}.{stamp}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        journal = path.with_name(path.name + suffix)
        if journal.exists():
            journal.rename(path.with_name(f"{path.name}{suffix}.{stamp}"))
    return aside
