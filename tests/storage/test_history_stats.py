"""Statistics from real history files: local days, DST, travel, night shifts, streaks,
the schema-2 migration of a file main's code wrote, and kill -9 while writing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from desk_break.core.statistics import streaks
from desk_break.storage.event_row import EventRow
from desk_break.storage.history import HistoryStore
from desk_break.storage.history_query import overview, week_timeline

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")
FIXTURE = Path(__file__).parents[1] / "fixtures" / "history_v2.sqlite3"


def completed(at: datetime, work_day: date | None = None, seconds: int = 60) -> list[EventRow]:
    day = work_day or at.date()
    start = (at.astimezone(UTC) - timedelta(seconds=seconds)).astimezone(at.tzinfo)  # real s
    return [
        EventRow(at=start, kind="started", work_day=day, break_kind="micro", due_at=start,
                 moves=("a",)),
        EventRow(at=at, kind="completed", work_day=day, break_kind="micro", due_at=start,
                 started_at=start, snoozes=0, moves=("a", "b")),
    ]


def write(path: Path, rows: list[EventRow]) -> None:
    store = HistoryStore(path)
    for row in rows:
        store.record(row)
    store.close()


def by_day(path: Path, days: int, today: date) -> dict[date, int]:
    return {d.date: d.completed for d in overview(path, days, today, 80, focus_of={}).days}


def test_breaks_count_on_their_local_day_either_side_of_midnight(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    before = datetime(2026, 11, 23, 23, 59, 30, tzinfo=BERLIN)  # 22:59 UTC
    after = datetime(2026, 11, 24, 0, 0, 30, tzinfo=BERLIN)  # still the 23rd in UTC
    write(path, completed(before) + completed(after))
    counts = by_day(path, 3, date(2026, 11, 25))
    assert counts == {date(2026, 11, 23): 1, date(2026, 11, 24): 1, date(2026, 11, 25): 0}


def test_a_dst_change_keeps_days_and_minutes_right(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    # 2026-10-25 03:00 CEST -> 02:00 CET: a break across the change lasts its real 60 s.
    across = datetime(2026, 10, 25, 2, 0, 30, tzinfo=BERLIN, fold=1)
    write(path, completed(datetime(2026, 10, 24, 23, 30, tzinfo=BERLIN)) + completed(across))
    ov = overview(path, 2, date(2026, 10, 25), 80, focus_of={})
    assert [(d.date.day, d.completed, round(d.minutes_moved, 3)) for d in ov.days] == [
        (24, 1, 1.0), (25, 1, 1.0)
    ]


def test_after_flying_east_days_are_counted_in_the_time_they_happened(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    berlin_evening = datetime(2026, 11, 23, 22, 0, tzinfo=BERLIN)  # Monday, in Berlin
    tokyo_morning = datetime(2026, 11, 24, 9, 0, tzinfo=TOKYO)  # 01:00 Berlin Tuesday
    tokyo_night = datetime(2026, 11, 24, 23, 30, tzinfo=TOKYO)  # Tuesday there
    write(path, completed(berlin_evening) + completed(tokyo_morning) + completed(tokyo_night))
    assert by_day(path, 2, date(2026, 11, 24)) == {date(2026, 11, 23): 1, date(2026, 11, 24): 2}
    timeline = week_timeline(path, date(2026, 11, 23))
    tuesday_breaks = [i for i in timeline[date(2026, 11, 24)] if i.kind == "break"]
    assert [i.start.hour for i in tuesday_breaks] == [8, 23]  # in Tokyo's clock, 1 min long
    assert tuesday_breaks[0].start.utcoffset() == timedelta(hours=9)


def test_a_night_shift_counts_toward_the_day_it_started(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    monday = date(2026, 11, 23)
    write(path, completed(datetime(2026, 11, 23, 22, 0, tzinfo=BERLIN), monday)
          + completed(datetime(2026, 11, 24, 2, 30, tzinfo=BERLIN), monday))
    assert by_day(path, 2, date(2026, 11, 24)) == {monday: 2, date(2026, 11, 24): 0}
    items = week_timeline(path, monday)[monday]
    assert [i.kind for i in items].count("break") == 2
    assert [i for i in items if i.kind == "work"][-1].end.day == 24  # runs past midnight


def test_every_day_asked_for_is_there_and_goal_and_streaks_follow_the_rules(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite3"
    rows: list[EventRow] = []
    monday = date(2026, 11, 16)
    for offset, done, skipped in ((0, 4, 1), (1, 4, 0), (4, 1, 3), (7, 5, 0), (8, 4, 1)):
        day = monday + timedelta(days=offset)
        at = datetime(day.year, day.month, day.day, 10, tzinfo=BERLIN)
        for i in range(done):
            rows += completed(at + timedelta(minutes=30 * i))
        for i in range(skipped):
            skip_at = at + timedelta(hours=5, minutes=i)
            rows.append(EventRow(at=skip_at, kind="skipped", work_day=day, break_kind="micro",
                                 due_at=skip_at, snoozes=0))
    write(path, rows)
    today = monday + timedelta(days=9)  # Wednesday, nothing yet
    ov = overview(path, 10, today, 80, focus_of={"a": ("rotation",), "b": ("extension",)})
    assert len(ov.days) == 10 and ov.days[0].date == monday and ov.days[-1].date == today
    assert [d.goal_met for d in ov.days] == [
        True, True, False, False, False, False, False, True, True, False
    ]
    # Friday (1 of 4) broke it; the weekend neither breaks nor extends; today is not over.
    assert (ov.totals.current_streak, ov.totals.best_streak) == (2, 2)
    assert ov.totals.due == 23 and ov.totals.completed == 18
    assert ov.top_moves == [("a", 18), ("b", 18)]
    assert ov.focus_areas == [("extension", 18), ("rotation", 18)]


def test_streak_rules_in_isolation() -> None:
    d = date(2026, 11, 23)
    days = [(d, 5, True), (d + timedelta(1), 0, False), (d + timedelta(2), 5, True)]
    assert streaks(days, d + timedelta(3)) == (2, 2)
    assert streaks([*days, (d + timedelta(3), 5, False)], d + timedelta(3)) == (2, 2)
    assert streaks([*days, (d + timedelta(3), 5, False)], d + timedelta(4)) == (0, 2)


def test_a_file_written_by_main_migrates_with_every_break_kept(tmp_path: Path) -> None:
    """tests/fixtures/history_v2.sqlite3: written by the code on main before schema 3
    (its HistoryStore, 25 breaks over the October DST change, a night shift)."""
    path = tmp_path / "history.sqlite3"
    shutil.copy(FIXTURE, path)
    old = sqlite3.connect(path)
    before = old.execute("SELECT * FROM breaks ORDER BY id").fetchall()
    assert old.execute("PRAGMA user_version").fetchone()[0] == 2
    old.close()
    store = HistoryStore(path)
    assert store.problem is None
    ended = store.records()
    store.close()
    assert len(ended) == len(before) == 25
    for rec, row in zip(ended, before, strict=True):
        assert rec.ended_at == datetime.fromisoformat(row[3])
        assert (rec.outcome, rec.kind, rec.snoozes, ",".join(rec.moves)) == (
            row[5], row[4], row[6], row[7])
        assert rec.work_day.isoformat() == row[8]
    db = sqlite3.connect(path)
    assert db.execute("SELECT * FROM breaks_v2 ORDER BY id").fetchall() == before  # kept
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()
    ov = overview(path, 6, date(2026, 10, 28), 80, focus_of={})
    counts = [(d.date.day, d.due, d.completed) for d in ov.days]
    assert counts == [(23, 5, 2), (24, 5, 2), (25, 5, 2), (26, 5, 2), (27, 1, 1), (28, 0, 0)]

    store = HistoryStore(path)  # keep_days = 3 on the 28th: the 26th onward stays
    store.prune(3, date(2026, 10, 28))
    assert store.wait_saved(5)
    assert {r.work_day.day for r in store.records()} == {26, 27}
    store.close()
    db = sqlite3.connect(path)
    assert {r[0] for r in db.execute("SELECT work_day FROM breaks_v2")} == {
        "2026-10-26", "2026-10-27"}
    assert [r[0] for r in db.execute("SELECT work_day FROM days ORDER BY 1")] == [
        "2026-10-26", "2026-10-27"]
    db.close()


# ---- kill -9 while writing ------------------------------------------------------------


def _child(path: Path, ack_fd: int) -> None:
    """Write events as fast as it can, acknowledging each once record() returned."""
    store = HistoryStore(path)
    at = datetime(2026, 11, 23, 9, tzinfo=BERLIN) + timedelta(seconds=os.getpid() % 1000)
    n = 0
    while True:
        n += 1
        at += timedelta(seconds=1)
        store.record(EventRow(at=at, kind="warned", work_day=at.date(), break_kind="micro",
                              due_at=at, detail=f"{os.getpid()}-{n}"))
        if store.unsaved():  # not yet on disk: not acknowledged until it is
            store.wait_saved(5)
        os.write(ack_fd, f"{os.getpid()}-{n}\n".encode())


def test_kill_9_at_random_moments_never_corrupts_or_loses_an_acknowledged_event(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path).close()
    rng = random.Random(11)
    acked: list[str] = []
    for _ in range(100):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(read_fd)
            try:
                _child(path, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        buffer = b""
        wanted = rng.randint(1, 40)  # killed after a random number of acknowledged writes
        while buffer.count(b"\n") < wanted:
            chunk = os.read(read_fd, 4096)
            if not chunk:
                break
            buffer += chunk
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        buffer += _drain(read_fd)
        os.close(read_fd)
        acked += [line for line in buffer.decode().splitlines() if line]
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {r[0] for r in db.execute("SELECT detail FROM events")}
    finally:
        db.close()
    assert len(acked) >= 100
    missing = [a for a in acked if a not in stored]
    assert missing == []


def _drain(fd: int) -> bytes:
    out = b""
    while chunk := os.read(fd, 4096):
        out += chunk
    return out



def test_the_wal_is_checkpointed_on_the_writer_thread_never_in_record(tmp_path: Path) -> None:
    """SQLite's automatic checkpoint syncs the file inside a commit (tens of ms on the
    GUI thread); ours runs on the writer thread."""
    import threading

    from desk_break.storage.history import CHECKPOINT_EVERY

    store = HistoryStore(tmp_path / "history.sqlite3")
    assert store._db is not None
    seen: list[tuple[str, str]] = []
    checkpointed = threading.Event()

    def trace(sql: str) -> None:
        seen.append((threading.current_thread().name, sql))
        if "wal_checkpoint" in sql:
            checkpointed.set()

    store._db.set_trace_callback(trace)
    at = datetime(2026, 11, 23, 9, tzinfo=BERLIN)
    for i in range(CHECKPOINT_EVERY * 2 + 1):
        store.record(EventRow(at=at + timedelta(seconds=i), kind="warned", work_day=at.date()))
    assert store.wait_saved(5)
    assert checkpointed.wait(5)
    store.close()
    checkpoints = [name for name, sql in seen if "wal_checkpoint" in sql]
    assert checkpoints and set(checkpoints) == {"history-writer"}
    assert store._db is None
    db = sqlite3.connect(tmp_path / "history.sqlite3")
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000  # others: default
    db.close()


def test_the_aggregates_the_triggers_keep_match_a_rebuild_from_the_events(
    tmp_path: Path,
) -> None:
    from desk_break.storage.history_events import rebuild_aggregates
    from tests.benchmarks.make_history import day_events

    rng = random.Random(3)
    rows = [e for i in range(20) for e in day_events(date(2026, 10, 12) + timedelta(i), rng)]
    path = tmp_path / "history.sqlite3"
    write(path, rows)  # one at a time, through the triggers
    db = sqlite3.connect(path, isolation_level=None)
    try:
        def tables() -> tuple[list[object], list[object]]:
            return (db.execute("SELECT * FROM days ORDER BY work_day").fetchall(),
                    db.execute("SELECT * FROM move_days ORDER BY work_day, move").fetchall())

        by_trigger = tables()
        db.execute("BEGIN")
        rebuild_aggregates(db)
        assert tables() == by_trigger
        db.execute("ROLLBACK")
    finally:
        db.close()
    assert len(by_trigger[0]) == 20 and by_trigger[1]  # every day, and its moves


def test_the_week_timeline_places_work_breaks_snoozes_holds_and_time_away(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    day = date(2026, 11, 24)

    def at(h: int, m: int) -> datetime:
        return datetime(2026, 11, 24, h, m, tzinfo=BERLIN)

    micro = {"work_day": day, "break_kind": "micro"}
    write(path, [
        EventRow(at=at(10, 0), kind="due", due_at=at(10, 0), **micro),  # type: ignore[arg-type]
        EventRow(at=at(10, 0), kind="snoozed", due_at=at(10, 5), snoozes=1, **micro),  # type: ignore[arg-type]
        EventRow(at=at(10, 5), kind="started", due_at=at(10, 5), **micro),  # type: ignore[arg-type]
        EventRow(at=at(10, 6), kind="completed", due_at=at(10, 5), started_at=at(10, 5),
                 **micro),  # type: ignore[arg-type]
        EventRow(at=at(11, 0), kind="held", work_day=day, detail="fullscreen"),
        EventRow(at=at(11, 20), kind="released", work_day=day, detail="fullscreen"),
        EventRow(at=at(12, 0), kind="away", work_day=day),
        EventRow(at=at(12, 30), kind="back", work_day=day),
        EventRow(at=at(12, 30), kind="natural", due_at=at(12, 10), detail="idle", **micro),  # type: ignore[arg-type]
        EventRow(at=at(16, 0), kind="skipped", due_at=at(16, 0), **micro),  # type: ignore[arg-type]
    ])
    week = week_timeline(path, date(2026, 11, 23))
    assert list(week) == [date(2026, 11, 23) + timedelta(days=i) for i in range(7)]
    items = {(i.kind, i.label, f"{i.start:%H:%M}-{i.end:%H:%M}") for i in week[day]}
    assert items == {
        ("work", "", "10:00-12:30"), ("work", "", "16:00-16:00"),  # 3.5 h of nothing between
        ("snooze", "", "10:00-10:05"), ("break", "completed", "10:05-10:06"),
        ("held", "fullscreen", "11:00-11:20"), ("away", "", "12:00-12:30"),
        ("break", "natural", "12:10-12:30"), ("break", "skipped", "16:00-16:00"),
    }
    assert all(not week[d] for d in week if d != day)
