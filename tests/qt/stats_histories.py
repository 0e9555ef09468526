"""Histories for the statistics window's tests, written through the real schema by the
benchmark's generator (tests/benchmarks/make_history.py): none, one day, years.

Years of this busy history are slow to write (five years: ~400,000 events, about
30 s on a 2-core machine), so the default run uses one year (the same code paths:
every range full, streaks over hundreds of days) and makes it once per session;
`DESK_BREAK_HISTORY_YEARS=5` runs the same tests on five years.
"""

from __future__ import annotations

import atexit
import os
import random
import shutil
import tempfile
from datetime import date
from functools import cache
from pathlib import Path

from desk_break.storage.event_row import INSERT
from desk_break.storage.history_schema import connect
from tests.benchmarks.make_history import day_events, make_history

TODAY = date(2026, 11, 25)  # a Wednesday
MONDAY = date(2026, 11, 23)
YEARS = int(os.environ.get("DESK_BREAK_HISTORY_YEARS", "1"))


def one_day(path: Path, day: date = TODAY, seed: int = 3) -> None:
    """One work day of events (09:00-17:00, Europe/Berlin), as the generator makes them."""
    rows = [e.to_row() for e in day_events(day, random.Random(seed))]
    path.parent.mkdir(parents=True, exist_ok=True)
    db = connect(path)
    try:
        db.execute("BEGIN")
        db.executemany(INSERT, rows)
        db.execute("COMMIT")
    finally:
        db.close()


@cache
def _years() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="desk-break-years-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "history.sqlite3"
    make_history(path, years=YEARS, seed=1, today=TODAY)
    return path


def years_of_history(path: Path) -> None:
    """YEARS of weekday history ending TODAY (made once per session), copied to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_years(), path)
