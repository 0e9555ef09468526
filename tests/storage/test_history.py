"""Break history in real SQLite files; nothing of the person's is lost, nothing blocks.

The locks come from a real second sqlite3 connection, as a DB browser with unsaved
edits would hold them.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desk_break.storage.history import (
    SCHEMA_VERSION,
    BreakRecord,
    EventRow,
    HistoryStore,
    end_event,
)

TZ = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 11, 23, 9, 30, tzinfo=TZ)
MONDAY = T0.date()
QUICK_S = 0.2  # "does not block": far below sqlite's default 5 s busy wait

# Today's schema (version 1), exactly as the code before work days wrote it.
V1_SCHEMA = """
CREATE TABLE IF NOT EXISTS breaks (
    id INTEGER PRIMARY KEY,
    due_at TEXT NOT NULL,        -- when the plan had it (after snoozes), ISO 8601 with offset
    started_at TEXT,             -- NULL when skipped before it started
    ended_at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('micro', 'long')),
    outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'skipped', 'natural')),
    snoozes INTEGER NOT NULL DEFAULT 0,
    moves TEXT NOT NULL DEFAULT ''   -- move ids, comma-separated
);
CREATE INDEX IF NOT EXISTS breaks_ended_at ON breaks (ended_at);
"""


def record(outcome: str = "completed", minutes: int = 0, work_day: date | None = None,
           moves: tuple[str, ...] = ("shoulder-blade-squeeze", "seated-chair-twist"),
           ) -> BreakRecord:
    start = T0 + timedelta(minutes=minutes)
    return BreakRecord(start, start, start + timedelta(seconds=60), "micro", outcome, 1,
                       moves, work_day)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def store(path: Path) -> Iterator[HistoryStore]:
    s = HistoryStore(path)
    yield s
    s.close()


def saved_rows(path: Path) -> list[tuple[object, ...]]:
    """What another program reading the file sees."""
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT outcome, ended_at, moves FROM breaks ORDER BY id").fetchall()
    finally:
        db.close()


@contextmanager
def write_lock(path: Path, *, exclusive: bool = False) -> Iterator[sqlite3.Connection]:
    """A second connection with an open write transaction (a DB browser's unsaved
    edit). `exclusive` also takes the file in EXCLUSIVE locking mode, so not even a
    reader gets in."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    if exclusive:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("CREATE TABLE held_by_a_browser (x)")  # rolled back at the end
    try:
        yield other
    finally:
        other.execute("ROLLBACK")
        other.close()


def timed(fn: object, *args: object) -> float:
    start = time.monotonic()
    fn(*args)  # type: ignore[operator]
    return time.monotonic() - start


def test_records_survive_reopening(path: Path) -> None:
    store = HistoryStore(path)
    store.record(record())
    store.record(record("skipped", 31, work_day=MONDAY))
    store.close()
    again = HistoryStore(path)
    rows = again.records()
    again.close()
    assert [r.outcome for r in rows] == ["completed", "skipped"]
    assert rows == [record(work_day=MONDAY), record("skipped", 31, work_day=MONDAY)]
    assert rows[0].ended_at.utcoffset() == timedelta(hours=1)


def test_the_file_is_in_wal_mode_and_synced_normally(store: HistoryStore, path: Path) -> None:
    store.record(record())
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()
    assert store._db is not None
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_newer_database_is_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE future (x)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    store = HistoryStore(path)
    store.record(record())
    assert len(store.records()) == 1  # this run's history, in memory
    store.close()
    assert path.read_bytes() == before
    assert store.problem is not None and "newer Desk Break" in store.problem


def test_a_corrupt_file_is_reported_and_kept_aside_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database, but it is someone's file" * 100)
    store = HistoryStore(path)
    store.record(record())
    kept = list(tmp_path.glob("history.sqlite3.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes().startswith(b"this is not a database")
    assert store.problem is not None and kept[0].name in store.problem
    assert len(store.records()) == 1
    store.close()
    assert len(saved_rows(path)) == 1  # a fresh file took the new break


def test_a_held_write_lock_opens_fine_and_the_break_lands_once_it_is_released(
    path: Path,
) -> None:
    """A DB browser with unsaved edits: we read as usual, and write when it lets go."""
    first = HistoryStore(path)
    first.record(record(minutes=0))
    first.close()
    with write_lock(path):
        store = HistoryStore(path)
        assert store.problem is None  # a lock is not damage
        assert store.breaks_ended_on(MONDAY) == 1  # readers are not blocked in WAL mode
        assert timed(store.record, record(minutes=31)) < QUICK_S
        assert store.breaks_ended_on(MONDAY) == 2  # counted while it waits
        assert not store.wait_saved(0.3)  # not written while the lock is held
        assert len(saved_rows(path)) == 1
    assert store.wait_saved(5)
    assert [datetime.fromisoformat(str(r[1])) for r in saved_rows(path)] == [
        record(minutes=0).ended_at, record(minutes=31).ended_at
    ]
    assert store.breaks_ended_on(MONDAY) == 2  # once, not twice
    store.close()


def test_an_exclusively_locked_old_file_opens_then_migrates_and_saves_once_free(
    path: Path,
) -> None:
    """Not even readable at start: the app starts anyway, and nothing is lost."""
    write_v1_file(path, rows=2)
    with write_lock(path, exclusive=True):
        started = time.monotonic()
        store = HistoryStore(path)
        assert time.monotonic() - started < QUICK_S
        assert store.problem is None
        assert not list(path.parent.glob("*.corrupt-*"))
        assert timed(store.record, record("interrupted", minutes=93)) < QUICK_S
        assert store.moves_on(MONDAY) == [record().moves]  # this run's, until it can read
    assert store.wait_saved(5)
    assert len(store.records()) == 3
    assert store.records()[-1].outcome == "interrupted"
    store.close()


def test_close_with_the_lock_still_held_returns_and_logs_exactly_what_was_lost(
    path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    HistoryStore(path).close()
    with write_lock(path):
        store = HistoryStore(path)
        lost = record("skipped", minutes=31, moves=())
        store.record(lost)
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="desk_break.storage.history"):
            assert timed(store.close, 1.0) < 3.0
            store.close()  # quitting twice (signal, then aboutToQuit) says it once
    assert saved_rows(path) == []
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert "1 event(s) were not saved" in errors[0]
    assert end_event(lost).describe() in errors[0]
    assert "skipped at 2026-11-23T10:02:00+01:00" in errors[0]


def test_close_saves_what_waited_when_the_lock_is_gone_by_then(path: Path) -> None:
    HistoryStore(path).close()
    with write_lock(path):
        store = HistoryStore(path)
        store.record(record())
    store.close()
    assert len(saved_rows(path)) == 1


def test_record_never_raises(store: HistoryStore, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="desk_break.storage.history"):
        store.record(record("forgotten"))
        store.close()
        store.record(record())
    assert "not recording an event (unknown event kind 'forgotten')" in caplog.text
    assert "history is closed; not saved: completed at" in caplog.text


def write_v1_file(path: Path, rows: int) -> list[tuple[object, ...]]:
    """A history file as the code before this change wrote it: WAL, schema 1."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    with db:
        db.executescript(V1_SCHEMA)
        db.execute("PRAGMA user_version = 1")
    values = [
        (
            (T0 + timedelta(minutes=31 * i)).isoformat(),
            None if i % 2 else (T0 + timedelta(minutes=31 * i)).isoformat(),
            (T0 + timedelta(minutes=31 * i, seconds=60)).isoformat(),
            "long" if i == 3 else "micro",
            ("completed", "skipped", "natural")[i % 3],
            i % 2,
            "" if i % 2 else "shoulder-blade-squeeze,seated-chair-twist",
        )
        for i in range(rows)
    ]
    with db:
        db.executemany(
            "INSERT INTO breaks (due_at, started_at, ended_at, kind, outcome, snoozes, moves)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", values,
        )
    all_rows = db.execute("SELECT * FROM breaks ORDER BY id").fetchall()
    db.close()
    return all_rows


def test_a_file_in_the_old_schema_migrates_with_every_row_kept(path: Path) -> None:
    before = write_v1_file(path, rows=5)
    store = HistoryStore(path)
    assert store.problem is None
    store.record(record("interrupted", minutes=200))  # the new outcome is now allowed
    store.close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    kept = db.execute("SELECT * FROM breaks_v2 ORDER BY id").fetchall()
    db.close()
    assert [row[:8] for row in kept] == before  # the old table, as it was
    again = HistoryStore(path)
    ended = again.records()
    assert [(r.ended_at.isoformat(), r.outcome) for r in ended[:5]] == [
        (datetime.fromisoformat(str(row[3])).isoformat(), row[5]) for row in before
    ] or [r.ended_at for r in ended[:5]] == [datetime.fromisoformat(str(row[3])) for row in before]
    assert ended[5].outcome == "interrupted"
    assert again.breaks_ended_on(MONDAY) == 5  # old rows count on their calendar day
    again.close()


def test_interrupted_breaks_do_not_count_but_their_moves_were_shown(
    store: HistoryStore,
) -> None:
    store.record(record("completed", 0, moves=("a",)))
    store.record(record("interrupted", 31, moves=("b", "c")))
    store.record(record("skipped", 62, moves=()))
    store.record(record("natural", 93, moves=()))
    assert store.breaks_ended_on(MONDAY) == 3
    assert store.moves_on(MONDAY) == [("a",), ("b", "c")]


def test_a_night_shift_break_belongs_to_the_day_the_shift_started(
    store: HistoryStore,
) -> None:
    night = datetime(2026, 11, 24, 1, 0, tzinfo=TZ)  # Tuesday 01:00, Monday's shift
    store.record(BreakRecord(night, night, night + timedelta(minutes=1), "micro",
                             "completed", 0, ("neck-tilt",), work_day=MONDAY))
    store.record(record("completed", 0, moves=("a",)))  # Monday 09:30, no day given
    tuesday = MONDAY + timedelta(days=1)
    assert store.breaks_ended_on(MONDAY) == 2
    assert store.breaks_ended_on(tuesday) == 0
    assert store.moves_on(MONDAY) == [("neck-tilt",), ("a",)]  # oldest first
    assert store.moves_on(tuesday) == []


def test_day_queries_read_through_the_index(store: HistoryStore) -> None:
    """The app asks at every start: that must not read the whole table."""
    assert store._db is not None
    seen: list[str] = []
    store._db.set_trace_callback(seen.append)
    store.breaks_ended_on(MONDAY)
    store.moves_on(MONDAY)
    store._db.set_trace_callback(None)
    selects = [sql for sql in seen if sql.startswith("SELECT")]
    assert len(selects) == 2
    for sql in selects:
        plan = " ".join(str(r) for r in store._db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "INDEX events_by_day" in plan or "days USING PRIMARY KEY" in plan, plan


def test_memory_history_answers_the_same_queries() -> None:
    store = HistoryStore(None)
    store.record(record(moves=("a",)))
    assert store.breaks_ended_on(MONDAY) == 1
    assert store.moves_on(MONDAY) == [("a",)]
    store.close()


def test_a_full_disk_is_a_problem_to_report_until_the_break_is_saved(
    store: HistoryStore, path: Path
) -> None:
    """Unlike a lock, a write that fails for real is worth telling the person."""
    store.record(record(minutes=0))
    assert store._db is not None
    with store._db_lock:  # the writer thread shares the connection
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own "disk is full"
    big = record(minutes=31, moves=tuple(f"move-{i:04d}" for i in range(2000)))
    assert timed(store.record, big) < QUICK_S
    assert store.wait_saved(0.2) is False
    assert store.problem is not None and "full" in store.problem
    assert store.breaks_ended_on(MONDAY) == 2  # still counted while it waits
    with store._db_lock:
        store._db.execute("PRAGMA max_page_count = 1073741823")  # space again
    assert store.wait_saved(5)
    assert store.problem is None
    assert len(saved_rows(path)) == 2


def test_a_view_the_person_made_on_the_old_table_survives_the_migration(path: Path) -> None:
    write_v1_file(path, rows=3)
    db = sqlite3.connect(path)
    db.execute("CREATE VIEW my_skips AS SELECT ended_at FROM breaks WHERE outcome = 'skipped'")
    db.commit()
    db.close()
    store = HistoryStore(path)
    assert store.problem is None
    store.close()
    db = sqlite3.connect(path)
    assert len(db.execute("SELECT * FROM my_skips").fetchall()) == 1
    db.close()


def test_a_migration_that_fails_leaves_the_file_as_it_was_and_says_so(path: Path) -> None:
    write_v1_file(path, rows=3)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE breaks_v2 (x)")  # in the way of the rebuild
    db.commit()
    db.close()
    db = sqlite3.connect(path)
    before = db.execute("SELECT * FROM breaks ORDER BY id").fetchall()
    db.close()
    store = HistoryStore(path)
    assert store.problem is not None and "could not be brought up to date" in store.problem
    store.record(record())  # this run's history, in memory
    assert len(store.records()) == 1
    store.close()
    assert not list(path.parent.glob("*.corrupt-*"))  # not called damaged
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    assert db.execute("SELECT * FROM breaks ORDER BY id").fetchall() == before
    db.close()


def test_a_break_running_when_the_app_was_killed_is_interrupted_at_the_next_start(
    path: Path,
) -> None:
    store = HistoryStore(path)
    started = T0 + timedelta(minutes=40)
    store.record(EventRow(at=started - timedelta(seconds=1), kind="due", work_day=MONDAY,
                          break_kind="micro", due_at=started))
    store.record(EventRow(at=started, kind="started", work_day=MONDAY, break_kind="micro",
                          due_at=started, moves=("a", "b")))
    store.record(EventRow(at=started + timedelta(seconds=20), kind="held", work_day=MONDAY,
                          detail="fullscreen"))
    store._db.close()  # type: ignore[union-attr]  # killed: no end event, no close()
    again = HistoryStore(path)
    again.close_unfinished()
    assert again.wait_saved(5)
    ended = again.records()
    again.close()
    assert [(r.outcome, r.started_at, r.moves) for r in ended] == [
        ("interrupted", started, ("a", "b"))
    ]
    assert ended[0].ended_at == started + timedelta(seconds=20)  # the last moment it knew
    assert again.breaks_ended_on(MONDAY) == 0  # not counted against the person
    third = HistoryStore(path)
    third.close_unfinished()
    assert len(third.records()) == 1  # once, not at every start
    third.close()


def test_minutes_today_are_the_completed_breaks_start_to_end(store: HistoryStore) -> None:
    """What "Nice work" sums up: completed breaks only, of that work day."""
    long_start = T0 + timedelta(hours=2)
    store.record(record("completed", 0))  # 1 min
    store.record(BreakRecord(long_start, long_start, long_start + timedelta(minutes=5),
                             "long", "completed", 0, ("a",)))
    store.record(record("skipped", 31))  # started, then skipped: not a break done
    store.record(record("interrupted", 62))
    store.record(record("natural", 93))
    store.record(record("completed", 0, work_day=MONDAY - timedelta(days=1)))
    assert store.minutes_on(MONDAY) == pytest.approx(6.0)
    assert store.minutes_on(MONDAY - timedelta(days=1)) == pytest.approx(1.0)
    assert store.minutes_on(MONDAY + timedelta(days=1)) == 0.0


def test_minutes_today_count_a_break_still_waiting_for_a_locked_file(path: Path) -> None:
    store = HistoryStore(path)
    store.record(record("completed", 0))
    with write_lock(path):
        assert timed(store.record, record("completed", 31)) < QUICK_S
        started = time.monotonic()
        assert store.minutes_on(MONDAY) == pytest.approx(2.0)  # saved one + waiting one
        assert time.monotonic() - started < QUICK_S
    assert store.wait_saved(5)
    assert store.minutes_on(MONDAY) == pytest.approx(2.0)  # once, not twice
    store.close()


def test_minutes_today_never_wait_for_the_writer(store: HistoryStore) -> None:
    """While the writer thread holds the connection, the answer is "not now", at once."""
    with store._db_lock:
        started = time.monotonic()
        assert store.minutes_on(MONDAY) is None
        assert time.monotonic() - started < QUICK_S
