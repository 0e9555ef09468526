"""How punctual a break is: from its due moment to its window on the screen, and how far
its countdown is from the wall clock when it reaches zero.

Desk Break runs with breaks every minute (60 s long, no warning, no typing pause,
natural breaks off, so the person moving the pointer in another window never
holds one back). The due moments come from the app's own debug log ("wakeup armed
for <ISO time>", microseconds), the window's mapping from `xprop -spy` on the
root window's _NET_CLIENT_LIST (the window manager lists a window the moment it
manages it), read in a thread that stamps each change with the wall clock.

* latency = mapped - due;
* countdown error = the moment the window's countdown reaches zero (its debug log
  line "countdown done", stamped to the millisecond) - (due + the break's 60 s):
  what the countdown shows against the wall clock, the lateness of the break's
  start and of the window's coarse repaint timer included.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.benchmarks.desktop import Desktop, Person
from tests.benchmarks.procstat import sample

BREAK_SECONDS = 60
BREAK_SETTINGS = f"""
[breaks]
interval_minutes = 1
duration_seconds = {BREAK_SECONDS}
warning_seconds = 0
[long_breaks]
enabled = false
[behaviour]
sound = false
[presence]
natural_breaks = false
typing_pause_seconds = 0
"""
BREAK_TITLES = ("Micro-break", "Long break")
ARMED = re.compile(r"wakeup armed for (\S+)")
DONE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) .*countdown done", re.MULTILINE)
Record = dict[str, Any]


class ClientList(threading.Thread):
    """`xprop -spy -root _NET_CLIENT_LIST`, each change stamped: (time, window ids)."""

    def __init__(self, env: dict[str, str]) -> None:
        super().__init__(name="client-list", daemon=True)
        self._proc = subprocess.Popen(["xprop", "-spy", "-root", "_NET_CLIENT_LIST"], env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                      text=True, bufsize=1)
        self.changes: list[tuple[float, set[str]]] = []
        self._lock = threading.Lock()

    def run(self) -> None:
        assert self._proc.stdout is not None
        for line in self._proc.stdout:
            stamp = time.time()
            ids = {int(w, 16) for w in re.findall(r"0x[0-9a-f]+", line)}
            with self._lock:
                self.changes.append((stamp, {str(i) for i in ids}))

    def snapshot(self) -> list[tuple[float, set[str]]]:
        with self._lock:
            return list(self.changes)

    def stop(self) -> None:
        self._proc.terminate()
        self._proc.wait(timeout=10)
        self.join(timeout=10)


def _title(env: dict[str, str], window: str) -> str:
    out = subprocess.run(["xprop", "-id", window, "WM_NAME"], env=env, capture_output=True,
                         text=True, timeout=10, check=False).stdout
    match = re.search(r'"(.*)"', out)
    return match.group(1) if match else ""


def _break_windows(env: dict[str, str], changes: list[tuple[float, set[str]]],
                   titles: dict[str, str]) -> list[tuple[str, float, float | None]]:
    """(window, mapped at, gone at) for each break window seen, in order."""
    found: dict[str, list[float | None]] = {}
    before: set[str] = set()
    for stamp, ids in changes:
        for window in ids - before:
            if window not in titles:
                titles[window] = _title(env, window)
            if titles[window] in BREAK_TITLES and window not in found:
                found[window] = [stamp, None]
        for window in before - ids:
            if window in found and found[window][1] is None:
                found[window][1] = stamp
        before = ids
    return [(w, float(t[0]), t[1]) for w, t in sorted(found.items(), key=lambda i: i[1][0])]


def _armed_moments(text: str) -> list[float]:
    return [datetime.fromisoformat(m.group(1)).timestamp() for m in ARMED.finditer(text)]


def _countdowns_done(text: str) -> list[float]:
    """When each countdown reached zero (the log's local time, to the millisecond)."""
    return [datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
            for m in DONE.finditer(text)]


def measure_breaks(desk: Desktop, launch: Any, stop: Any, base: Path, run: int,
                   breaks: int) -> Record:
    """Launch Desk Break (`launch(name, settings_extra, argv_extra)` gives the process and
    its log), wait for `breaks` breaks to come and go, and time each one."""
    spy = ClientList(desk.env)
    spy.start()
    proc, log = launch(f"breaks-{run}", BREAK_SETTINGS, ["--verbose"])
    person = Person(desk, type_every=10**9)  # the pointer only: present, never typing
    person.focus_target()
    person.start()
    titles: dict[str, str] = {}
    deadline = time.monotonic() + breaks * (2 * BREAK_SECONDS + 30) + 30
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"desk-break exited: {log.read_text()}")
            seen = _break_windows(desk.env, spy.snapshot(), titles)
            if len(seen) >= breaks and all(gone is not None for _w, _m, gone in seen[:breaks]):
                time.sleep(2)  # the closed window's objects are freed (deleteLater)
                after = sample(proc.pid)
                break
            time.sleep(0.5)
        else:
            raise RuntimeError(f"{breaks} breaks did not come and go in time")
    finally:
        person.stop()
        stop(proc)
        spy.stop()
    text = log.read_text(encoding="utf-8", errors="replace")
    armed, done = _armed_moments(text), _countdowns_done(text)
    rows = []
    for _window, mapped, gone in seen[:breaks]:
        due = max(t for t in armed if t <= mapped)
        ended = min(t for t in done if t > mapped)
        assert gone is not None and ended < gone
        rows.append({"latency_ms": round((mapped - due) * 1000, 1),
                     "countdown_error_ms": round((ended - (due + BREAK_SECONDS)) * 1000, 1)})
    return {"run": run, "breaks": rows, "pss_after_breaks_mib": round(after.pss_kib / 1024, 1),
            "rss_after_breaks_mib": round(after.rss_kib / 1024, 1)}


def summarize_breaks(records: list[Record]) -> Record:
    rows = [b for r in records for b in r["breaks"]]
    if not rows:
        return {}
    latency = [b["latency_ms"] for b in rows]
    first = [r["breaks"][0]["latency_ms"] for r in records if r["breaks"]]
    error = [abs(b["countdown_error_ms"]) for b in rows]
    return {"breaks": len(rows), "latency_median_ms": statistics.median(latency),
            "latency_worst_ms": max(latency), "first_break_latency_worst_ms": max(first),
            "countdown_error_median_ms": statistics.median(error),
            "countdown_error_worst_ms": max(error),
            "pss_after_breaks_mib": statistics.median(r["pss_after_breaks_mib"] for r in records),
            "rss_after_breaks_mib": statistics.median(r["rss_after_breaks_mib"] for r in records)}
