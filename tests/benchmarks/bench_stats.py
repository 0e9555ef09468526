"""How fast statistics answer over five years of history (issue 11's speed goals).

    .venv/bin/python tests/benchmarks/bench_stats.py [--runs 7] [--keep DIR]

Generates the history with make_history.py in a temp data folder, then prints the
median of several runs of: `overview` for 7, 30, 90 and 1825 days and `week_timeline`
(the window's queries, goal < 50 ms), and the whole process
`desk-break stats --days 1825 --json` (goal < 0.5 s). It asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desk_break.storage.history_query import overview, week_timeline  # noqa: E402
from tests.benchmarks.make_history import make_history  # noqa: E402


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="use (or make) the history in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        data = (args.keep or home / "data") / "desk-break"
        path = data / "history.sqlite3"
        today = date.today()
        if not path.exists():
            started = time.monotonic()
            breaks, events = make_history(path, today=today)
            print(f"generated {breaks} breaks, {events} events in "
                  f"{time.monotonic() - started:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        monday = today - timedelta(days=today.weekday())
        print(f"median of {args.runs} runs:")
        for days in (7, 30, 90, 1825):
            ms = median_ms(partial(overview, path, days, today, 80), args.runs)
            print(f"  overview({days:>4} days)          {ms:7.1f} ms   (goal < 50 ms)")
        ms = median_ms(lambda: week_timeline(path, monday), args.runs)
        print(f"  week_timeline(this week)       {ms:7.1f} ms   (goal < 50 ms)")
        env = {**os.environ, "XDG_DATA_HOME": str(data.parent),
               "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state")}
        # As installed: with its bytecode cached (this machine sets PYTHONDONTWRITEBYTECODE,
        # which would compile every module at every start); the first run warms it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [sys.executable, "-m", "desk_break", "stats", "--days", "1825", "--json"]
        subprocess.run(command, env=env, capture_output=True, check=True)

        def run_cli() -> None:
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            assert '"days"' in done.stdout, done.stderr

        ms = median_ms(run_cli, args.runs)
        print(f"  desk-break stats --days 1825 --json (process) {ms:7.1f} ms   (goal < 500 ms)")


if __name__ == "__main__":
    main()
