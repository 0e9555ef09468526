"""Break history in SQLite: one row per event (a break due, started, snoozed, ended...).

Rows are only ever inserted, except when the person forgets their history or asks
to keep only recent days (`forget`, `prune`: run on the writer thread). A
database this version does not understand (newer schema) or cannot open is never
written to or deleted: history goes to memory for this run. An unreadable (damaged)
one is moved aside to `history.sqlite3.corrupt-<time>` and a fresh file started.

Another program may hold the file's write lock for minutes (a DB browser with
unsaved edits). That is not damage and must never freeze the GUI, so nothing here
waits on it: `record()` writes at once when it can (a few ms in WAL mode) and
otherwise queues the break for a writer thread that retries with backoff until the
lock is gone. A thread, not a retry the caller drives, because the store then keeps
its promise on its own: the Qt shell needs no timer for it, and the core tests
need no event loop. `close()` waits a bounded time and logs every break it could
not save.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from desk_break.core.statistics import COUNTED_KINDS, END_KINDS
from desk_break.storage.break_record import BreakRecord, moves_of
from desk_break.storage.event_row import EXPORT_COLUMNS, INSERT, EventRow, from_row
from desk_break.storage.history_events import (
    delete_days_before,
    forget_all,
    last_event_time,
    unfinished_break,
)
from desk_break.storage.history_schema import (
    OUTCOMES,
    SCHEMA_VERSION,
    Locked,
    MigrationFailed,
    NewerSchema,
    connect,
    connect_memory,
    is_busy,
    is_damaged,
    move_aside,
)

__all__ = ["OUTCOMES", "SCHEMA_VERSION", "BreakRecord", "EventRow", "HistoryStore"]

Job = Callable[[sqlite3.Connection], None]  # runs inside the writer's transaction
Item = EventRow | Job


def _connect(path: Path) -> sqlite3.Connection:
    db = connect(path)
    db.execute("PRAGMA wal_autocheckpoint = 0")  # HistoryStore._checkpoint does it
    return db


def end_event(rec: BreakRecord) -> EventRow:
    """An ended break as its one end event (older callers, tests)."""
    return EventRow(
        at=rec.ended_at, kind=rec.outcome, work_day=rec.day, break_kind=rec.kind,
        due_at=rec.due_at, started_at=rec.started_at, snoozes=rec.snoozes, moves=rec.moves,
    )


def _as_break(ev: EventRow) -> BreakRecord:
    return BreakRecord(
        due_at=ev.due_at or ev.at, started_at=ev.started_at, ended_at=ev.at,
        kind=ev.break_kind or "micro", outcome=ev.kind, snoozes=ev.snoozes or 0,
        moves=ev.moves, work_day=ev.work_day,
    )

log = logging.getLogger(__name__)

FIRST_RETRY_S = 0.05
LAST_RETRY_S = 2.0  # a lock held for an hour costs one try every 2 s
CLOSE_WAIT_S = 2.0
_DIRECT_LOCK_WAIT_S = 0.005  # record() never waits longer than this for the writer
CHECKPOINT_EVERY = 100  # writes (a few WAL pages each) between checkpoints, on the writer


class HistoryStore:
    """Break history; safe to call from the GUI thread: nothing here blocks on a lock.

    Threads: `_db_lock` guards the connection (the caller's thread and the writer
    share it) and is held across a write and the removal of what it wrote from the
    queue, so a query sees each break exactly once, saved or waiting. `_state` guards
    the queue and is never held during I/O.
    """

    def __init__(self, path: Path | None) -> None:
        """`path` None keeps history in memory (tests, or a database we must not touch)."""
        self.path = path
        self._open_problem: str | None = None  # damaged, newer or unopenable file
        self._write_problem: str | None = None  # saving fails for a reason not a lock
        self._db_lock = threading.Lock()
        self._state = threading.Condition()
        self._waiting: list[Item] = []  # recorded, not yet saved (oldest first)
        self.closed_unfinished: EventRow | None = None  # written at start: killed mid-break
        self._unfinished_pending = False
        self._writes_since_checkpoint = 0
        self._checkpoint_due = False
        self._closed = False
        self._writer: threading.Thread | None = None
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except Locked as exc:
            log.warning("%s is locked by another program (%s): will open it once it is free",
                        path, exc)
            self._start_writer()

    # -- opening -----------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        """The connection to use, or Locked. Called again by the writer after a lock."""
        path = self.path
        if path is None:
            return connect_memory()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return _connect(path)
        except Locked:
            raise
        except NewerSchema as exc:
            return self._in_memory(
                f"{path}: written by a newer Desk Break (schema {exc}, this one knows "
                f"{SCHEMA_VERSION}); left untouched, this run keeps history in memory"
            )
        except MigrationFailed as exc:
            return self._in_memory(
                f"{path}: could not be brought up to date ({exc}); left as it was, this "
                "run keeps history in memory"
            )
        except (OSError, sqlite3.Error) as exc:
            if not is_damaged(exc):
                # Not openable (permissions, a folder in the way): nothing says it is damaged.
                return self._in_memory(
                    f"{path}: could not be opened ({exc}); this run keeps history in memory"
                )
            damage = exc
        try:
            aside = move_aside(path)
        except OSError as why:
            return self._in_memory(
                f"{path}: could not be read ({damage}) nor moved aside ({why}); left "
                "untouched, this run keeps history in memory"
            )
        self._report(f"{path}: could not be read ({damage}); kept it as {aside.name}")
        try:
            return _connect(path)
        except Locked:
            raise
        except (OSError, sqlite3.Error, MigrationFailed) as again:
            return self._in_memory(f"{path}: could not start a fresh file ({again})")

    def close_unfinished(self) -> None:
        """The app starts: a break that was running when it was killed ends as
        interrupted, at the last moment the file knows of (when it died is not known).
        Only the app calls this (once, before its engine runs): a reader must not end
        a break the running app is showing. Queued for the writer: a read here, never
        a wait for the write lock."""
        with self._db_lock:
            if self._db is None:  # locked at start: the writer does it once it opens
                self._unfinished_pending = True
                return
            self._close_unfinished(self._db)

    def _close_unfinished(self, db: sqlite3.Connection) -> None:
        self._unfinished_pending = False
        try:
            started = unfinished_break(db)
        except sqlite3.Error as exc:
            log.warning("could not look for a break left running in %s: %s", self.path, exc)
            return
        if started is None:
            return
        last = last_event_time(db) or started.at
        ended = EventRow(
            at=max(last, started.at).astimezone(started.at.tzinfo),
            kind="interrupted", work_day=started.work_day, break_kind=started.break_kind,
            due_at=started.due_at, started_at=started.at, moves=started.moves,
        )
        self.closed_unfinished = ended
        log.warning("the last run ended mid-break; saving it as %s", ended.describe())
        with self._state:
            self._waiting.insert(0, ended)
            self._state.notify_all()
        self._start_writer()

    def _in_memory(self, problem: str) -> sqlite3.Connection:
        self._report(problem)
        return connect_memory()

    def _report(self, problem: str) -> None:
        self._open_problem = problem
        log.error("%s", problem)

    @property
    def problem(self) -> str | None:
        """What the person should hear about: a file we could not use, or breaks that
        cannot be saved (a full disk). A lock held by another program is not one."""
        return self._open_problem or self._write_problem

    # -- writing -----------------------------------------------------------------

    def record(self, event: EventRow | BreakRecord) -> None:
        """Save one event (a BreakRecord: its end event) at once if the file is free,
        else as soon as it is. Never raises and never waits more than a few ms."""
        ev = end_event(event) if isinstance(event, BreakRecord) else event
        problem = ev.problem()
        if problem is None and isinstance(event, BreakRecord) and event.outcome not in OUTCOMES:
            problem = f"unknown outcome {event.outcome!r}"
        if problem is not None:
            log.error("not recording an event (%s): %s", problem, ev.describe())
            return
        with self._state:
            if self._closed:
                log.error("history is closed; not saved: %s", ev.describe())
                return
            queued = bool(self._waiting)
        if not queued and self._db_lock.acquire(timeout=_DIRECT_LOCK_WAIT_S):
            try:
                if self._db is not None and self._write([ev]):
                    return
            finally:
                self._db_lock.release()
        self._enqueue(ev)

    def _enqueue(self, item: Item) -> None:
        with self._state:
            if self._closed:
                return
            self._waiting.append(item)
            self._state.notify_all()
        self._start_writer()

    def prune(self, keep_days: int, today: date) -> None:
        """On the writer thread: delete the work days older than the last `keep_days`
        (0 keeps everything). Only ever called for a setting the person chose."""
        if keep_days <= 0:
            return
        first_kept = today - timedelta(days=keep_days - 1)

        def job(db: sqlite3.Connection) -> None:
            gone = delete_days_before(db, first_kept)
            if gone:
                log.info("pruned %d event(s) before %s (keep_days = %d)", gone, first_kept,
                         keep_days)

        self._enqueue(job)

    def forget(self) -> None:
        """On the writer thread: delete every event (the person asked, and confirmed)."""

        def job(db: sqlite3.Connection) -> None:
            log.info("forgot %d event(s) at the person's request", forget_all(db))

        self._enqueue(job)

    def _write(self, batch: list[Item]) -> bool:
        """One transaction, taken without waiting. Caller holds `_db_lock`."""
        db = self._db
        assert db is not None
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._note_failure(exc, len(batch))
            return False
        try:
            for item in batch:
                if isinstance(item, EventRow):
                    db.execute(INSERT, item.to_row())
                else:
                    item(db)
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            with contextlib.suppress(sqlite3.Error):  # no transaction left to roll back
                db.execute("ROLLBACK")
            self._note_failure(exc, len(batch))
            return False
        self._write_problem = None
        self._writes_since_checkpoint += 1
        if self._writes_since_checkpoint >= CHECKPOINT_EVERY and self.path is not None:
            with self._state:
                self._checkpoint_due = True
                self._state.notify_all()
            self._start_writer()
        return True

    def _note_failure(self, exc: sqlite3.Error, count: int) -> None:
        if not is_busy(exc):
            self._write_problem = (
                f"{self.path}: could not save {count} event(s) ({exc}); retrying"
            )
        with self._state:
            first = not self._waiting
        if first:  # once per streak, not once per retry
            level = logging.WARNING if is_busy(exc) else logging.ERROR
            log.log(level, "could not save %d event(s) to %s yet (%s); retrying",
                    count, self.path, exc)

    def _start_writer(self) -> None:
        with self._state:
            if self._writer is not None or self._closed:
                return
            self._writer = threading.Thread(target=self._run_writer, name="history-writer",
                                            daemon=True)
            self._writer.start()

    def _run_writer(self) -> None:
        delay = FIRST_RETRY_S
        while True:
            with self._state:
                self._state.wait_for(
                    lambda: self._closed or bool(self._waiting) or self._db is None
                    or self._checkpoint_due
                )
                if self._closed:
                    return
            if self._checkpoint_due and not self._waiting:
                self._checkpoint()
                continue
            if self._attempt():
                delay = FIRST_RETRY_S
                continue
            with self._state:
                if self._state.wait_for(lambda: self._closed, timeout=delay):
                    return
            delay = min(delay * 2, LAST_RETRY_S)

    def _checkpoint(self) -> None:
        """Copy the WAL back into the file here, on the writer thread: SQLite's own
        automatic checkpoint would run inside a write on the caller's (GUI) thread and
        take tens of ms (it syncs the file). A reader in the way makes it partial:
        fine, the next one continues."""
        with self._db_lock:
            self._checkpoint_due = False
            self._writes_since_checkpoint = 0
            if self._db is None:
                return
            try:
                self._db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.Error as exc:
                log.warning("could not checkpoint %s: %s", self.path, exc)

    def _attempt(self) -> bool:
        """Open (after a lock) and save what waits; True when nothing is left to do."""
        with self._db_lock:
            if self._db is None:
                try:
                    self._db = self._open()
                except Locked:
                    return False
                log.info("%s is free again", self.path)
                if self._unfinished_pending:
                    self._close_unfinished(self._db)
                self._state_changed()
            with self._state:
                batch = list(self._waiting)
            if not batch:
                return True
            if not self._write(batch):
                return False
            with self._state:
                del self._waiting[: len(batch)]
                self._state.notify_all()
        log.info("saved %d event(s) that waited for %s", len(batch), self.path)
        return True

    def _state_changed(self) -> None:
        with self._state:
            self._state.notify_all()

    def wait_saved(self, timeout: float) -> bool:
        """Block up to `timeout` s until every recorded break is saved (tests, close)."""
        with self._state:
            return self._state.wait_for(
                lambda: not self._waiting and self._db is not None, timeout=timeout
            )

    def unsaved(self) -> list[EventRow]:
        with self._state:
            return [item for item in self._waiting if isinstance(item, EventRow)]

    def close(self, timeout: float = CLOSE_WAIT_S) -> None:
        """Stop within about `timeout` s, whatever the lock; log each break not saved."""
        deadline = time.monotonic() + timeout
        with self._state:
            if self._closed:  # already said what was lost
                return
            self._closed = True
            self._state.notify_all()
            writer = self._writer
        if writer is not None:
            writer.join(max(0.0, min(timeout / 2, deadline - time.monotonic())))
        if self._db_lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            try:
                self._last_try(deadline)
                if self._db is not None:
                    self._db.close()
                    self._db = None
            finally:
                self._db_lock.release()
        left = self.unsaved()
        if left:
            log.error(
                "%d event(s) were not saved to %s (the file stayed locked or failed):\n  %s",
                len(left), self.path, "\n  ".join(r.describe() for r in left),
            )

    def _last_try(self, deadline: float) -> None:
        """One more write, allowed to wait for the lock until the deadline."""
        with self._state:
            batch = list(self._waiting)
        if not batch:
            return
        if self._db is None:
            try:
                self._db = self._open()
            except Locked:
                return
        wait_ms = int(max(0.0, deadline - time.monotonic()) * 1000)
        self._db.execute(f"PRAGMA busy_timeout = {wait_ms}")
        if self._write(batch):
            with self._state:
                del self._waiting[: len(batch)]

    # -- reading -----------------------------------------------------------------

    def _query(self, sql: str, args: tuple[object, ...]) -> list[tuple[object, ...]]:
        """Saved rows; none while the file cannot be read (locked at start, closed)."""
        db = self._db
        if db is None:
            return []
        try:
            return list(db.execute(sql, args).fetchall())
        except sqlite3.Error as exc:
            log.warning("could not read %s (%s); answering from this run's breaks only",
                        self.path, exc)
            return []

    def _read(self, sql: str, args: tuple[object, ...] = ()
              ) -> tuple[list[tuple[object, ...]], list[EventRow]]:
        """Saved rows and waiting events, seen at one moment (each event exactly once)."""
        with self._db_lock:
            rows = self._query(sql, args)
            return rows, self.unsaved()

    def breaks_ended_on(self, work_day: date) -> int:
        """Breaks that count toward `work_day` (completed, skipped, natural, missed)."""
        rows, waiting = self._read(
            "SELECT due FROM days WHERE work_day = ?", (work_day.isoformat(),)
        )
        saved = int(str(rows[0][0])) if rows else 0
        return saved + sum(
            1 for r in waiting if r.work_day == work_day and r.kind in COUNTED_KINDS
        )

    def moves_on(self, work_day: date) -> list[tuple[str, ...]]:
        """The moves of `work_day`'s ended breaks that had any, oldest first (any
        outcome: an interrupted break's moves were still shown)."""
        marks = ", ".join("?" * len(END_KINDS))
        rows, waiting = self._read(
            f"SELECT moves FROM events WHERE work_day = ? AND kind IN ({marks})"
            " AND moves != '' ORDER BY id",
            (work_day.isoformat(), *END_KINDS),
        )
        saved = [moves_of(str(r[0])) for r in rows]
        return saved + [
            r.moves for r in waiting if r.work_day == work_day and r.kind in END_KINDS and r.moves
        ]

    def events(self) -> list[EventRow]:
        """Every event, saved or waiting, oldest first (tests; the app reads by day)."""
        rows, waiting = self._read(f"SELECT {', '.join(EXPORT_COLUMNS)} FROM events ORDER BY id")
        return [from_row(r) for r in rows] + waiting

    def minutes_on(self, work_day: date) -> float | None:
        """Minutes of the day's completed breaks; None, at once, while the writer works."""
        if not self._db_lock.acquire(timeout=_DIRECT_LOCK_WAIT_S):
            return None
        try:
            rows = self._query("SELECT seconds_moved FROM days WHERE work_day = ?",
                               (work_day.isoformat(),))
            waiting = [(r.at - r.started_at).total_seconds() for r in self.unsaved()
                       if r.work_day == work_day and r.kind == "completed" and r.started_at]
        finally:
            self._db_lock.release()
        return (float(str(rows[0][0])) if rows else 0.0) / 60 + sum(waiting) / 60

    def records(self) -> list[BreakRecord]:
        """Every ended break, saved or waiting, oldest first (tests)."""
        return [_as_break(ev) for ev in self.events() if ev.kind in END_KINDS]
