"""Histories for the statistics window's tests, written through the real schema by the
benchmark's generator (tests/benchmarks/make_history.py): none, one day, five years.

Five years take a while to write (~400,000 events), so they are made once per test
session, in a temp folder, and copied where a test wants them.
"""

from __future__ import annotations

import atexit
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
def _five_years() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="desk-break-five-years-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "history.sqlite3"
    make_history(path, years=5, seed=1, today=TODAY)
    return path


def five_years(path: Path) -> None:
    """Five years of weekday history ending TODAY (made once per session), copied to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_five_years(), path)
