"""Break history in real SQLite files; nothing of the person's is lost."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from desk_break.storage.history import SCHEMA_VERSION, BreakRecord, HistoryStore

T0 = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))


def record(outcome: str = "completed", minutes: int = 0) -> BreakRecord:
    start = T0 + timedelta(minutes=minutes)
    return BreakRecord(start, start, start + timedelta(seconds=60), "micro", outcome, 1,
                       ("shoulder-blade-squeeze", "seated-chair-twist"))


def test_records_survive_reopening(tmp_path: Path) -> None:
    path = tmp_path / "data" / "history.sqlite3"
    store = HistoryStore(path)
    store.record(record())
    store.record(record("skipped", 31))
    store.close()
    again = HistoryStore(path)
    rows = again.records()
    assert [r.outcome for r in rows] == ["completed", "skipped"]
    assert rows[0] == record()
    assert rows[0].ended_at.utcoffset() == timedelta(hours=1)


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
    store.close()
    assert path.read_bytes() == before
    assert store.problem is not None and "newer Desk Break" in store.problem


def test_unreadable_database_is_kept_aside_not_deleted(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database, but it is someone's file" * 100)
    store = HistoryStore(path)
    store.record(record())
    kept = list(tmp_path.glob("history.sqlite3.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes().startswith(b"this is not a database")
    assert store.problem is not None and kept[0].name in store.problem
    assert len(store.records()) == 1


def test_a_locked_database_is_left_alone_not_called_corrupt(tmp_path: Path) -> None:
    """Another program holding the file (a DB browser, a backup) is not damage."""
    path = tmp_path / "history.sqlite3"
    store = HistoryStore(path)
    for minutes in (0, 31, 62):
        store.record(record(minutes=minutes))
    store.close()
    other = sqlite3.connect(path, timeout=0)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE breaks SET snoozes = snoozes")
    locked = HistoryStore(path)
    assert locked.problem is not None and "could not be opened" in locked.problem
    assert not list(tmp_path.glob("*.corrupt-*"))
    locked.record(record(minutes=93))  # this run's history goes to memory
    other.rollback()
    other.close()
    assert len(HistoryStore(path).records()) == 3
