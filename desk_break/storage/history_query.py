"""Reading the history for statistics: read-only, and never the whole file into Python.

Every function opens the file with a `mode=ro` URI (it never creates, migrates or
writes it; a missing file reads as empty history) so the statistics window and
`desk-break stats` can run beside the tray app. Counts come from the per-day
aggregate tables (`days`, `move_days`) the schema keeps beside `events`; only the
week timeline and the export read events, by day range or streamed.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import closing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from desk_break.core.statistics import (
    DayCounts,
    Overview,
    TimelineItem,
    goal_met,
    streaks,
    totals_of,
)
from desk_break.storage.event_row import EXPORT_COLUMNS

# Two events further apart than this split a day's work into two ranges.
WORK_GAP = timedelta(minutes=90)


class HistoryUnreadable(Exception):
    """The file exists but is not a history this version can read (damaged, newer)."""


def open_read_only(path: Path) -> sqlite3.Connection | None:
    """A read-only connection, or None when there is no history file yet."""
    if not path.exists():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error as exc:
        raise HistoryUnreadable(f"{path}: {exc}") from exc
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.Error as exc:
        db.close()
        raise HistoryUnreadable(f"{path}: {exc}") from exc
    if "events" not in tables:
        db.close()
        if version > 3 or "breaks" in tables:
            raise HistoryUnreadable(
                f"{path}: schema {version}; start Desk Break once to bring it up to date"
            )
        return None  # created but empty
    return db


def _counts(db: sqlite3.Connection | None, first: date, last: date
            ) -> dict[str, tuple[int, int, int, int, int, int, float]]:
    if db is None:
        return {}
    rows = db.execute(
        "SELECT work_day, due, completed, natural, snoozed, skipped, missed, seconds_moved"
        " FROM days WHERE work_day BETWEEN ? AND ?",
        (first.isoformat(), last.isoformat()),
    )
    return {str(r[0]): (r[1], r[2], r[3], r[4], r[5], r[6], float(r[7])) for r in rows}


def _streaks(db: sqlite3.Connection | None, today: date, goal_percent: int) -> tuple[int, int]:
    if db is None:
        return 0, 0
    rows = db.execute(
        "SELECT work_day, due, completed + natural FROM days WHERE due > 0 ORDER BY work_day"
    )
    return streaks(
        ((date.fromisoformat(d), due, goal_met(due, done, 0, goal_percent))
         for d, due, done in rows),
        today,
    )


def overview(
    path: Path,
    days: int,
    today: date,
    goal_percent: int,
    *,
    focus_of: Mapping[str, tuple[str, ...]] | None = None,
) -> Overview:
    """The last `days` work days up to `today` (oldest first, every day present),
    their totals, the streaks over the whole history, and the focus areas (from
    `focus_of`, move id -> areas; None: the shipped catalog's) and moves done most.
    No file yet: all zeros. Raises HistoryUnreadable (a damaged file, or one the app
    has not migrated yet) or sqlite3.Error (locked exclusively by another program)."""
    first = today - timedelta(days=days - 1)
    db = open_read_only(path)
    with closing(db) if db is not None else _nothing():
        counts = _counts(db, first, today)
        current, best = _streaks(db, today, goal_percent)
        moves = _moves(db, first, today)
    day_list = []
    for i in range(days):
        d = first + timedelta(days=i)
        due, completed, natural, snoozed, skipped, missed, seconds = counts.get(
            d.isoformat(), (0, 0, 0, 0, 0, 0, 0.0)
        )
        day_list.append(DayCounts(
            date=d, due=due, completed=completed, natural=natural, snoozed=snoozed,
            skipped=skipped, missed=missed, minutes_moved=seconds / 60,
            goal_met=goal_met(due, completed, natural, goal_percent),
        ))
    if moves and focus_of is None:
        focus_of = _shipped_focus()
    areas: dict[str, int] = {}
    for move, n in moves:
        for area in (focus_of or {}).get(move, ()):
            areas[area] = areas.get(area, 0) + n
    return Overview(
        days=day_list,
        totals=totals_of(day_list, current, best),
        focus_areas=sorted(areas.items(), key=lambda kv: (-kv[1], kv[0])),
        top_moves=moves,
    )


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _moves(db: sqlite3.Connection | None, first: date, last: date) -> list[tuple[str, int]]:
    if db is None:
        return []
    rows = db.execute(
        "SELECT move, sum(done) AS n FROM move_days WHERE work_day BETWEEN ? AND ?"
        " GROUP BY move ORDER BY n DESC, move",
        (first.isoformat(), last.isoformat()),
    )
    return [(str(m), int(n)) for m, n in rows]


@functools.cache
def _shipped_focus() -> dict[str, tuple[str, ...]]:
    from desk_break.core.catalog import load_shipped_catalog

    return {m.id: m.focus for m in load_shipped_catalog()}


# ---- the week timeline ---------------------------------------------------------------


def _local(at: str, offset: int) -> datetime:
    return datetime.fromisoformat(at).astimezone(timezone(timedelta(seconds=offset)))


def week_timeline(path: Path, week_start: date) -> dict[date, list[TimelineItem]]:
    """For each of the 7 work days from `week_start`: its work ranges (first to last
    event, split where nothing happened for `WORK_GAP`), then each break (start to
    its end, labelled with the outcome; one that never started is a moment, but a
    natural one spans from its due time to the return), snooze (to the new due time), time away
    and held stretch (labelled with why), in the local time they happened in."""
    days = [week_start + timedelta(days=i) for i in range(7)]
    result: dict[date, list[TimelineItem]] = {d: [] for d in days}
    db = open_read_only(path)
    if db is None:
        return result
    with closing(db):
        rows = db.execute(
            "SELECT work_day, at, utc_offset, kind, due_at, started_at, detail FROM events"
            " WHERE work_day BETWEEN ? AND ? ORDER BY work_day, at",
            (days[0].isoformat(), days[-1].isoformat()),
        ).fetchall()
    by_day: dict[str, list[tuple[str, str, int, str, str | None, str | None, str]]] = {}
    for r in rows:
        by_day.setdefault(r[0], []).append(r)
    for d in days:
        result[d] = _day_items(by_day.get(d.isoformat(), []))
    return result


def _day_items(rows: list[tuple[str, str, int, str, str | None, str | None, str]]
               ) -> list[TimelineItem]:
    if not rows:
        return []
    items: list[TimelineItem] = []
    times = [_local(r[1], r[2]) for r in rows]
    start = prev = times[0]
    for t in times[1:]:
        if t - prev > WORK_GAP:
            items.append(TimelineItem(start, prev, "work", ""))
            start = t
        prev = t
    items.append(TimelineItem(start, prev, "work", ""))
    open_since: dict[str, tuple[datetime, str]] = {}
    for (_, _at, offset, kind, due_at, started_at, detail), t in zip(rows, times, strict=True):
        if kind in ("completed", "skipped", "interrupted", "natural", "missed"):
            begin = _local(started_at, offset) if started_at else t
            if kind == "natural" and not started_at and due_at:  # away since it was due
                begin = min(t, _local(due_at, offset))
            items.append(TimelineItem(begin, t, "break", kind))
        elif kind == "snoozed" and due_at:
            items.append(TimelineItem(t, _local(due_at, offset), "snooze", ""))
        elif kind in ("held", "away"):
            open_since[kind] = (t, detail)
        elif kind in ("released", "back"):
            which = "held" if kind == "released" else "away"
            if which in open_since:
                since, why = open_since.pop(which)
                items.append(TimelineItem(since, t, which, why))
    for which, (since, why) in open_since.items():  # never released: to the last event
        items.append(TimelineItem(since, max(since, times[-1]), which, why))
    return items


# ---- export --------------------------------------------------------------------------


def events(path: Path) -> Iterator[dict[str, object]]:
    """Every event, oldest first, as a dict of EXPORT_COLUMNS, streamed from the file."""
    db = open_read_only(path)
    if db is None:
        return
    with closing(db):
        cursor = db.execute(f"SELECT {', '.join(EXPORT_COLUMNS)} FROM events ORDER BY at, id")
        while True:
            chunk = cursor.fetchmany(2000)
            if not chunk:
                return
            for row in chunk:
                yield dict(zip(EXPORT_COLUMNS, row, strict=True))
