"""Five years of break history in a data folder, fast (one executemany, one transaction).

    .venv/bin/python tests/benchmarks/make_history.py DATA_DIR [--years 5] [--seed 1]

Weekdays 09:00-17:00 in Europe/Berlin (daylight saving included), a micro break
due every ~5 minutes (every fourth a long one; a busy rhythm, to reach the size),
each with its events: due, warned, started, then mostly completed (with moves), sometimes
snoozed first, skipped, natural (time away), missed (held by a call, with held
and released), about 100,000 breaks and several hundred thousand events. Written
through the real schema; the per-day aggregates are rebuilt in one pass at the end
(`bulk_insert`), which a test checks against what the triggers keep.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desk_break.storage.event_row import EventRow  # noqa: E402
from desk_break.storage.history_events import bulk_insert  # noqa: E402
from desk_break.storage.history_schema import connect  # noqa: E402

TZ = ZoneInfo("Europe/Berlin")
MOVES = (
    "shoulder_blade_squeeze", "seated_chair_twist", "seated_cat_cow",
    "seated_thoracic_extension", "seated_shoulder_external_rotation", "wall_angels",
    "overhead_opener", "shoulder_external_rotation",
)


def day_events(day: date, rng: random.Random) -> list[EventRow]:
    rows: list[EventRow] = []
    at = datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ) + timedelta(
        minutes=rng.randint(0, 20))
    end = datetime(day.year, day.month, day.day, 17, 0, tzinfo=TZ)
    number = 0
    while at < end:
        number += 1
        kind = "long" if number % 4 == 0 else "micro"
        length = timedelta(minutes=5) if kind == "long" else timedelta(seconds=60)
        due = at
        warned = due - timedelta(seconds=30)
        ev = partial(EventRow, work_day=day, break_kind=kind)
        rows.append(ev(at=warned, kind="warned", due_at=due))
        roll = rng.random()
        snoozes = 0
        if 0.80 <= roll < 0.88:  # snoozed once, then done
            rows.append(ev(at=due, kind="snoozed", due_at=due + timedelta(minutes=5),
                                 snoozes=1))
            due += timedelta(minutes=5)
            snoozes = 1
            roll = 0.0
        rows.append(ev(at=due, kind="due", due_at=due))
        if roll < 0.80:
            moves = tuple(rng.sample(MOVES, 2 if kind == "micro" else 4))
            rows.append(ev(at=due, kind="started", due_at=due, moves=moves))
            rows.append(ev(at=due + length, kind="completed", due_at=due, started_at=due,
                                 snoozes=snoozes, moves=moves))
        elif roll < 0.92:
            rows.append(ev(at=due + timedelta(seconds=5), kind="skipped", due_at=due,
                                 snoozes=snoozes))
        elif roll < 0.97:
            rows.append(ev(at=due + length * 3, kind="natural", due_at=due,
                                 detail="idle", snoozes=0))
        else:
            rows.append(EventRow(at=due, kind="held", work_day=day, detail="call"))
            rows.append(ev(at=due + timedelta(minutes=30), kind="missed", due_at=due,
                                 snoozes=0))
            rows.append(EventRow(at=due + timedelta(minutes=31), kind="released", work_day=day,
                                 detail="call"))
        at = due + length + timedelta(minutes=3, seconds=40)
    return rows


def make_history(path: Path, years: int = 5, seed: int = 1, today: date | None = None,
                 days: int | None = None) -> tuple[int, int]:
    """Write the history ending `today` (`days` long, else `years`); returns (breaks, events)."""
    rng = random.Random(seed)
    last = today or date.today()
    first = last - timedelta(days=days - 1 if days else 365 * years)
    rows: list[tuple[object, ...]] = []
    breaks = 0
    day = first
    while day <= last:
        if day.weekday() < 5 and rng.random() > 0.04:  # a few days off
            evs = day_events(day, rng)
            breaks += sum(1 for e in evs if e.kind in
                          ("completed", "skipped", "natural", "missed"))
            rows.extend(e.to_row() for e in evs)
        day += timedelta(days=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = connect(path)
    try:
        db.execute("PRAGMA synchronous = OFF")  # a generated file: no crash to survive
        db.execute("BEGIN")
        bulk_insert(db, rows)
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return breaks, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.monotonic()
    path = args.data_dir / "history.sqlite3"
    breaks, events = make_history(path, args.years, args.seed)
    print(f"{path}: {breaks} breaks, {events} events in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
