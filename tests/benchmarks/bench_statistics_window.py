"""How long the statistics window takes to open on five years of history.

    .venv/bin/python tests/benchmarks/bench_statistics_window.py [--runs 5] [--keep DIR]

Generates the history with make_history.py (or uses DIR's), then, several times,
starts the window's process as the tray does (`python -m desk_break --foreground
statistics`, offscreen) and times from launch until it answers on its socket with
its window shown (the queries, the charts and the timeline built), then closes it.
Prints the median. It asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from desk_break.ipc import client  # noqa: E402
from tests.benchmarks.make_history import make_history  # noqa: E402


def open_once(env: dict[str, str], socket: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "desk_break", "--foreground", "statistics"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"the window's process ended: {proc.stderr.read().decode()}")
            try:
                reply = client.send(socket, "status", timeout=1)
                if reply.ok and reply.result.get("visible"):
                    return time.perf_counter() - started
            except (OSError, ValueError):
                pass
            time.sleep(0.01)
    finally:
        try:
            client.send(socket, "quit", timeout=2)
        except (OSError, ValueError):
            proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="use (or make) the history in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        data_home = args.keep or home / "data"
        path = data_home / "desk-break" / "history.sqlite3"
        if not path.exists():
            breaks, events = make_history(path, today=date.today())
            print(f"generated {breaks} breaks, {events} events")
        runtime = Path(tempfile.mkdtemp(prefix="dbst-"))
        runtime.chmod(0o700)
        env = {**os.environ, "XDG_DATA_HOME": str(data_home), "XDG_RUNTIME_DIR": str(runtime),
               "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
               "QT_QPA_PLATFORM": "offscreen"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached
        socket = runtime / "desk-break" / "statistics.sock"
        open_once(env, socket)  # warm the bytecode and the file cache
        times = [open_once(env, socket) for _ in range(args.runs)]
        print(f"statistics window open, launch to shown, median of {args.runs}: "
              f"{statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})")


if __name__ == "__main__":
    main()
