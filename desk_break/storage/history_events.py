"""The `events` table (schema 3) and what keeps its per-day aggregates right.

`events` holds one row per thing that happened (see EVENT_KINDS). Two aggregate
tables, kept by triggers in the same transaction as the insert, answer the
statistics without reading events: `days` (per work day: breaks due, completed,
natural, snoozed, skipped, missed, interrupted, seconds moved) and `move_days`
(per work day and move: times done in completed breaks). Events are only ever
deleted by whole work days (pruning old history, forgetting it), together with
those days' aggregate rows, so no delete trigger is needed.

The triggers use UPSERT and `json_each` (SQLite 3.38+, where JSON is built in: Debian
12 has 3.40, Python 3.11's Windows and macOS builds 3.39+).

An event is told from another by all its values (`import_events`): importing an
export twice adds nothing. Live writes never skip a row for looking like one already
there (a clock that stands still in a test would otherwise lose events).

From schema 2: every `breaks` row becomes its events (due at its due time, started
at its start when it had one, and its outcome at its end, with the snoozes and
moves), and the table itself stays in the file as `breaks_v2`, unread and unwritten,
so nothing of the old file is lost even if this derivation had a flaw. A view named
`breaks` shows the ended breaks in the old columns, so a view or query a person
built on the old table keeps working.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from functools import partial

from desk_break.core.statistics import COUNTED_KINDS, END_KINDS, EVENT_KINDS
from desk_break.storage.event_row import EXPORT_COLUMNS, INSERT, EventRow

_KINDS_SQL = ", ".join(f"'{k}'" for k in EVENT_KINDS)
_COUNTED_SQL = ", ".join(f"'{k}'" for k in COUNTED_KINDS)
_COUNTS_SQL = ", ".join(f"'{k}'" for k in (*END_KINDS, "snoozed"))

_SCHEMA = f"""
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,              -- UTC, ISO 8601 with microseconds and +00:00
    utc_offset INTEGER NOT NULL,   -- seconds east of UTC where and when it happened
    work_day TEXT NOT NULL,        -- YYYY-MM-DD, local; a night shift's: the day it began
    kind TEXT NOT NULL CHECK (kind IN ({_KINDS_SQL})),
    break_kind TEXT CHECK (break_kind IN ('micro', 'long')),
    due_at TEXT,                   -- UTC: the break's due time (snoozed: the new one)
    started_at TEXT,               -- UTC: an ended break's start, if it started
    snoozes INTEGER,               -- an ended break's snoozes
    moves TEXT NOT NULL DEFAULT '',   -- move ids, comma-separated
    detail TEXT NOT NULL DEFAULT ''   -- natural: idle|sleep; held/released/away: why
);
CREATE INDEX events_at ON events (at, kind);
CREATE INDEX events_by_day ON events (work_day, at);
CREATE INDEX events_by_kind ON events (kind, id);

CREATE TABLE days (
    work_day TEXT PRIMARY KEY,
    due INTEGER NOT NULL DEFAULT 0,
    completed INTEGER NOT NULL DEFAULT 0,
    natural INTEGER NOT NULL DEFAULT 0,
    snoozed INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    missed INTEGER NOT NULL DEFAULT 0,
    interrupted INTEGER NOT NULL DEFAULT 0,
    seconds_moved REAL NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE move_days (
    work_day TEXT NOT NULL,
    move TEXT NOT NULL,
    done INTEGER NOT NULL,
    PRIMARY KEY (work_day, move)
) WITHOUT ROWID;

CREATE TRIGGER events_count_day AFTER INSERT ON events
WHEN NEW.kind IN ({_COUNTS_SQL})
BEGIN
    INSERT INTO days (work_day, due, completed, natural, snoozed, skipped, missed,
                      interrupted, seconds_moved)
    VALUES (NEW.work_day, NEW.kind IN ({_COUNTED_SQL}), NEW.kind = 'completed',
            NEW.kind = 'natural', NEW.kind = 'snoozed', NEW.kind = 'skipped',
            NEW.kind = 'missed', NEW.kind = 'interrupted',
            CASE WHEN NEW.kind = 'completed' AND NEW.started_at IS NOT NULL
                 THEN max(0, round((julianday(NEW.at) - julianday(NEW.started_at)) * 86400, 3))
                 ELSE 0 END)
    ON CONFLICT (work_day) DO UPDATE SET
        due = due + excluded.due,
        completed = completed + excluded.completed,
        natural = natural + excluded.natural,
        snoozed = snoozed + excluded.snoozed,
        skipped = skipped + excluded.skipped,
        missed = missed + excluded.missed,
        interrupted = interrupted + excluded.interrupted,
        seconds_moved = seconds_moved + excluded.seconds_moved;
END;

CREATE TRIGGER events_count_moves AFTER INSERT ON events
WHEN NEW.kind = 'completed' AND NEW.moves != ''
BEGIN
    INSERT INTO move_days (work_day, move, done)
    SELECT NEW.work_day, value, 1
    FROM json_each('["' || replace(NEW.moves, ',', '","') || '"]') WHERE true
    ON CONFLICT (work_day, move) DO UPDATE SET done = done + 1;
END;
"""


# The ended breaks as schema 2 had them, for what a person built on `breaks` in a
# DB browser (a view, a query): read-only, times in UTC.
_BREAKS_VIEW = f"""
CREATE VIEW IF NOT EXISTS breaks AS
SELECT id, coalesce(due_at, at) AS due_at, started_at, at AS ended_at,
       coalesce(break_kind, 'micro') AS kind, kind AS outcome,
       coalesce(snoozes, 0) AS snoozes, moves, work_day
FROM events WHERE kind IN ({", ".join(f"'{k}'" for k in END_KINDS)})
"""


def create_events(db: sqlite3.Connection) -> None:
    """Create the tables, indexes and triggers (inside the caller's transaction)."""
    for statement in _split(_SCHEMA):
        db.execute(statement)


_REBUILD = f"""
DELETE FROM days;
DELETE FROM move_days;
INSERT INTO days (work_day, due, completed, natural, snoozed, skipped, missed, interrupted,
                  seconds_moved)
SELECT work_day, sum(kind IN ({_COUNTED_SQL})), sum(kind = 'completed'),
       sum(kind = 'natural'), sum(kind = 'snoozed'), sum(kind = 'skipped'),
       sum(kind = 'missed'), sum(kind = 'interrupted'),
       total(CASE WHEN kind = 'completed' AND started_at IS NOT NULL
             THEN max(0, round((julianday(at) - julianday(started_at)) * 86400, 3))
             ELSE 0 END)
FROM events WHERE kind IN ({_COUNTS_SQL}) GROUP BY work_day;
INSERT INTO move_days (work_day, move, done)
SELECT e.work_day, j.value, count(*)
FROM events e, json_each('["' || replace(e.moves, ',', '","') || '"]') j
WHERE e.kind = 'completed' AND e.moves != '' GROUP BY e.work_day, j.value;
"""


def rebuild_aggregates(db: sqlite3.Connection) -> None:
    """`days` and `move_days` from the events alone (in the caller's transaction): what
    the triggers keep, computed in one pass (a bulk load; a check that they agree)."""
    for statement in _split(_REBUILD):
        db.execute(statement)


def bulk_insert(db: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    """Many events at once (generated histories): without the per-row triggers, then
    the aggregates rebuilt, in the caller's transaction."""
    triggers = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"
    ).fetchall()
    for name, _ in triggers:
        db.execute(f"DROP TRIGGER {name}")
    db.executemany(INSERT, rows)
    rebuild_aggregates(db)
    for _, sql in triggers:
        db.execute(sql)


def create_breaks_view(db: sqlite3.Connection) -> None:
    db.execute(_BREAKS_VIEW)


def _split(script: str) -> list[str]:
    """Statements of `script`; a trigger's body (BEGIN ... END) stays whole."""
    out: list[str] = []
    current = ""
    for part in script.split(";"):
        current += part + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                out.append(current.strip())
            current = ""
    return out


def _time(text: object) -> datetime:
    at = datetime.fromisoformat(str(text))
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)  # never written naive


def _moves(text: object) -> tuple[str, ...]:
    return tuple(m for m in str(text or "").split(",") if m)


def derive_from_breaks(db: sqlite3.Connection) -> int:
    """Write the events of every schema-2 `breaks` row; returns how many rows."""
    rows = db.execute(
        "SELECT due_at, started_at, ended_at, kind, outcome, snoozes, moves,"
        " COALESCE(work_day, substr(ended_at, 1, 10)) FROM breaks ORDER BY id"
    ).fetchall()
    events: list[tuple[object, ...]] = []
    for due_text, started_text, ended_text, kind, outcome, snoozes, moves, day in rows:
        due = _time(due_text)
        started = _time(started_text) if started_text else None
        ended = _time(ended_text)
        work_day = date.fromisoformat(str(day))
        one = partial(EventRow, work_day=work_day, break_kind=str(kind), due_at=due)
        events.append(one(at=due, kind="due").to_row())
        if started is not None:
            events.append(one(at=started, kind="started", moves=_moves(moves)).to_row())
        events.append(one(at=ended, kind=str(outcome), started_at=started,
                          snoozes=int(snoozes), moves=_moves(moves)).to_row())
    db.executemany(INSERT, events)
    return len(rows)


def import_events(db: sqlite3.Connection, rows: list[tuple[object, ...]]) -> int:
    """Insert the rows that are not in the file already (all values equal), in the
    caller's transaction; returns how many were new. Two equal rows in one import
    are both kept when the file had none: an export of such a file round-trips."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS incoming AS SELECT * FROM events WHERE 0")
    db.execute("DELETE FROM temp.incoming")
    db.executemany(INSERT.replace("INTO events", "INTO temp.incoming"), rows)
    same = " AND ".join(f"e.{c} IS t.{c}" for c in EXPORT_COLUMNS)
    db.execute(
        f"INSERT INTO events ({', '.join(EXPORT_COLUMNS)})"
        f" SELECT {', '.join('t.' + c for c in EXPORT_COLUMNS)} FROM temp.incoming t"
        f" WHERE NOT EXISTS (SELECT 1 FROM events e WHERE {same}) ORDER BY t.at, t.id"
    )
    added = db.execute("SELECT changes()").fetchone()[0]
    db.execute("DELETE FROM temp.incoming")
    return int(added)


def unfinished_break(db: sqlite3.Connection) -> EventRow | None:
    """The last break that started and has no end (the app was killed mid-break)."""
    from desk_break.storage.event_row import from_row

    row = db.execute(
        f"SELECT id, {', '.join(EXPORT_COLUMNS)} FROM events WHERE kind = 'started'"
        " ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    marks = ", ".join("?" * (len(END_KINDS) + 1))
    ended = db.execute(
        f"SELECT 1 FROM events WHERE id > ? AND kind IN ({marks}) LIMIT 1",
        (row[0], *END_KINDS, "snoozed"),
    ).fetchone()
    return None if ended is not None else from_row(row[1:])


def last_event_time(db: sqlite3.Connection) -> datetime | None:
    row = db.execute("SELECT max(at) FROM events").fetchone()
    return _time(row[0]) if row and row[0] else None


def delete_days_before(db: sqlite3.Connection, first_kept: date) -> int:
    """Delete whole work days before `first_kept`, events and aggregates (in the
    caller's transaction); returns the events deleted."""
    day = first_kept.isoformat()
    deleted = db.execute("DELETE FROM events WHERE work_day < ?", (day,)).rowcount
    db.execute("DELETE FROM days WHERE work_day < ?", (day,))
    db.execute("DELETE FROM move_days WHERE work_day < ?", (day,))
    if _has_table(db, "breaks_v2"):  # the migrated file's old rows go the same way
        db.execute("DELETE FROM breaks_v2 WHERE COALESCE(work_day, substr(ended_at, 1, 10)) < ?",
                   (day,))
    return int(deleted)


def _has_table(db: sqlite3.Connection, name: str) -> bool:
    row = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return row.fetchone() is not None


def forget_all(db: sqlite3.Connection) -> int:
    """Every event and aggregate gone, and the kept schema-2 table (caller's transaction)."""
    deleted = db.execute("DELETE FROM events").rowcount
    db.execute("DELETE FROM days")
    db.execute("DELETE FROM move_days")
    db.execute("DROP TABLE IF EXISTS breaks_v2")
    return int(deleted)
