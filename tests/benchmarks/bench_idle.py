"""What Desk Break costs while it waits, beside a bare PySide6 tray app (the floor).

    .venv/bin/python tests/benchmarks/bench_idle.py [--seconds 120] [--runs 2] [--json FILE]
                                                    [--breaks 2] [--quick]

One run starts its own desktop (Xvfb, a private session bus, openbox, trayer and
a window to type into), then launches, one after the other, the floor
(floor_tray.py beside this file) and `desk-break --foreground` with default
settings (work hours around now: breaks are scheduled, none is due in the
window) and its own XDG folders. Each is measured in two conditions, no input
and active (the pointer moves once a second, a few keys are typed every five
seconds into the other window): time from launch to the icon docked in trayer,
then over a window after settling, CPU seconds (user + system, children
included), context switches over all threads, PSS, RSS and threads. Beside them,
for scale, the memory of a process that only imports PySide6.QtWidgets.

Then, per run, Desk Break with a break every minute (break_timing.py): the time
from each break's due moment to its window mapped, and the countdown's error
against the wall clock when its 60 s run out. Without a display: `desk-break
schedule --days 365 --json` (the whole process) and, when it exists,
bench_stats.py (the statistics queries on five years of history).

It prints one table, absolute and as a ratio to the floor, checks the targets of
issues 9 and 13, and writes the same as JSON (with where the memory goes: PSS
per mapping, ours against the floor's). It asserts nothing: it is run by hand.
`--quick` is a smoke run of the whole thing (5 s windows, one run, one break).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.break_timing import measure_breaks, summarize_breaks  # noqa: E402
from tests.benchmarks.desktop import Desktop, Person, desktop, missing_tools  # noqa: E402
from tests.benchmarks.procstat import Window, pss_by_mapping, sample  # noqa: E402
from tests.xdisplay import docked_windows, wait_for  # noqa: E402

FLOOR = Path(__file__).resolve().parent / "floor_tray.py"
STATS = Path(__file__).resolve().parent / "bench_stats.py"  # another issue's; run when present
APPS = ("floor", "desk-break")
CONDITIONS = ("no input", "active")
GOAL_CPU_S, GOAL_SWITCHES, GOAL_WINDOW_S = 0.02, 60, 120.0  # issue 9 and 13, per 120 s
GOAL_LATENCY_MS, GOAL_COUNTDOWN_MS, GOAL_SCHEDULE_S = 150.0, 50.0, 0.5  # issue 13
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
Record = dict[str, Any]


def desk_break_argv() -> list[str]:
    script = Path(sys.executable).parent / "desk-break"
    return [str(script)] if script.exists() else [sys.executable, "-m", "desk_break"]


def isolated_home(base: Path, name: str, extra: str = "") -> dict[str, str]:
    """Fresh XDG folders with default settings but work hours around now (a minute ago
    for three hours, every day): the first break is due an interval (30 min) away.
    `extra` is more TOML for the settings file (whole tables)."""
    home = base / name
    env = {f"XDG_{k.upper()}_HOME": str(home / k) for k in ("config", "data", "state", "cache")}
    runtime = Path(tempfile.mkdtemp(prefix="dbr-", dir=base))  # short: socket paths
    runtime.chmod(0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    now = datetime.now().astimezone()
    hours = f'["{(now - timedelta(minutes=1)):%H:%M}-{(now + timedelta(hours=3)):%H:%M}"]'
    settings = home / "config" / "desk-break" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text("version = 1\n[work_hours]\n"
                        + "".join(f"{day} = {hours}\n" for day in WEEKDAYS) + extra,
                        encoding="utf-8")
    flag = home / "data" / "desk-break" / "first-run-note-shown"
    flag.parent.mkdir(parents=True)
    flag.write_text("shown\n", encoding="utf-8")
    return env


def launch(app: str, desk: Desktop, base: Path, name: str, extra: str = "",
           args: tuple[str, ...] = ()) -> tuple[subprocess.Popen[bytes], dict[str, str], Path]:
    env = {**desk.env, **isolated_home(base, name, extra), "QT_QPA_PLATFORM": "xcb",
           "XDG_SESSION_TYPE": "x11"}
    argv = [sys.executable, str(FLOOR)] if app == "floor" else [*desk_break_argv(),
                                                                 "--foreground", *args]
    log = base / f"{name}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT)
    return proc, env, log


def stop(proc: subprocess.Popen[bytes], display: str) -> None:
    """SIGTERM (both quit on it), then wait until the tray is empty again."""
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    wait_for(lambda: not docked_windows(display), 10, "the tray to be empty")


def status(env: dict[str, str]) -> dict[str, Any]:
    result = subprocess.run([*desk_break_argv(), "status", "--json"], env=env,
                            capture_output=True, text=True, timeout=30, check=False)
    return json.loads(result.stdout) if result.returncode == 0 else {"error": result.stderr}


def measure(app: str, condition: str, run: int, desk: Desktop, base: Path,
            seconds: float, settle: float) -> Record:
    name = f"{app}-{condition.replace(' ', '-')}-{run}"
    started = time.perf_counter()
    proc, env, log = launch(app, desk, base, name)

    def docked() -> bool:
        if proc.poll() is not None:
            raise RuntimeError(f"{app} exited with {proc.returncode}: {log.read_text()}")
        return bool(docked_windows(desk.display))

    wait_for(docked, 30, f"{app}'s icon in the tray", interval=0.02)
    record: Record = {"app": app, "condition": condition, "run": run,
                      "docked_s": round(time.perf_counter() - started, 3)}
    if app == "desk-break":
        record["status"] = status(env)
    person = Person(desk) if condition == "active" else None
    if person is not None:
        person.focus_target()
        person.start()
    time.sleep(settle)
    before = sample(proc.pid)
    time.sleep(seconds)
    after = sample(proc.pid)
    if person is not None:
        person.stop()
        record.update(pointer_moves=person.moves, keys_typed=person.keys_typed)
    if proc.poll() is not None:
        raise RuntimeError(f"{app} exited during the window: {log.read_text()}")
    window = Window.between(before, after)
    record.update(cpu_s=window.cpu_s, switches=window.switches,
                  threads_gone=window.threads_gone, pss_mib=round(after.pss_kib / 1024, 1),
                  rss_mib=round(after.rss_kib / 1024, 1), uss_mib=round(after.uss_kib / 1024, 1),
                  threads=after.threads, pss_kib_by_mapping=pss_by_mapping(proc.pid))
    stop(proc, desk.display)
    return record


def qtwidgets_import(desk: Desktop) -> Record:
    """For scale: the memory of a Python that only imports PySide6.QtWidgets."""
    proc = subprocess.Popen([sys.executable, "-c", "import sys, PySide6.QtWidgets; "
                             "print('ready', flush=True); sys.stdin.read()"],
                            env={**desk.env, "QT_QPA_PLATFORM": "xcb"}, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        got = sample(proc.pid)
    finally:
        proc.communicate("", timeout=30)
    return {"pss_mib": round(got.pss_kib / 1024, 1), "rss_mib": round(got.rss_kib / 1024, 1),
            "uss_mib": round(got.uss_kib / 1024, 1)}


def break_runs(desk: Desktop, base: Path, runs: int, breaks: int) -> list[Record]:
    def start(name: str, extra: str, args: list[str]) -> tuple[subprocess.Popen[bytes], Path]:
        proc, _env, log = launch("desk-break", desk, base, name, extra, tuple(args))
        return proc, log

    out = []
    for run in range(1, runs + 1):
        print(f"run {run}: desk-break, {breaks} breaks due ...", file=sys.stderr, flush=True)
        out.append(measure_breaks(desk, start, lambda p: stop(p, desk.display), base, run,
                                  breaks))
    return out


def stats_timing() -> Record | None:
    """What bench_stats.py prints (and its JSON, should it learn `--json`), when that
    benchmark exists (issue 11's statistics on five years of history)."""
    if not STATS.exists():
        return None
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "stats.json"
        usage = subprocess.run([sys.executable, str(STATS), "--help"], capture_output=True,
                               text=True, timeout=60, check=False).stdout
        json_args = ["--json", str(out)] if "--json" in usage else []
        result = subprocess.run([sys.executable, str(STATS), *json_args],
                                capture_output=True, text=True, timeout=1800, check=False)
        found: Record = {"exit": result.returncode,
                         "printed": (result.stdout + result.stderr)[-4000:]}
        if out.exists():
            found["figures"] = json.loads(out.read_text(encoding="utf-8"))
        return found


def schedule_timing(base: Path, times: int = 5) -> Record:
    """`desk-break schedule --days 365 --json`, the whole process, with no display."""
    env = {**os.environ, **isolated_home(base, "schedule")}
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(key, None)
    walls = []
    for _ in range(times):
        started = time.perf_counter()
        subprocess.run([*desk_break_argv(), "schedule", "--days", "365", "--json"], env=env,
                       stdout=subprocess.DEVNULL, check=True, timeout=60)
        walls.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(walls), 3), "max_s": round(max(walls), 3),
            "runs": [round(w, 3) for w in walls]}


def summarize(records: list[Record]) -> dict[str, dict[str, Record]]:
    out: dict[str, dict[str, Record]] = {}
    for app in APPS:
        for condition in CONDITIONS:
            rows = [r for r in records if r["app"] == app and r["condition"] == condition]
            if not rows:
                continue
            med = {k: statistics.median(r[k] for r in rows)
                   for k in ("docked_s", "cpu_s", "switches", "pss_mib", "rss_mib", "uss_mib",
                               "threads")}
            med.update(cpu_max_s=max(r["cpu_s"] for r in rows),
                       switches_max=max(r["switches"] for r in rows), runs=len(rows))
            out.setdefault(app, {})[condition] = med
    return out


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


def targets(summary: dict[str, dict[str, Record]], seconds: float,
            breaks: Record | None = None, schedule: Record | None = None) -> list[Record]:
    """Issue 9's cost goal (both conditions, worst run, scaled to the window) and issue
    13's memory and start-up targets (medians, against the floor of the same run), its
    punctuality targets (worst break) and the schedule's (worst run)."""
    scale = seconds / GOAL_WINDOW_S
    found: list[Record] = []
    ours, floor = summary.get("desk-break", {}), summary.get("floor", {})
    for condition, s in ours.items():
        found.append({"target": f"CPU s per {seconds:g} s, {condition} (worst run)",
                      "limit": round(GOAL_CPU_S * scale, 4), "value": s["cpu_max_s"]})
        found.append({"target": f"context switches per {seconds:g} s, {condition} (worst run)",
                      "limit": round(GOAL_SWITCHES * scale, 1), "value": s["switches_max"]})
        if condition in floor:
            f = floor[condition]
            found.append({"target": f"PSS MiB, {condition} (floor + 12)",
                          "limit": round(f["pss_mib"] + 12, 1), "value": s["pss_mib"]})
            found.append({"target": f"launch to docked s, {condition} (1.5 x floor)",
                          "limit": round(f["docked_s"] * 1.5, 3), "value": s["docked_s"]})
    if breaks:
        found.append({"target": "due to break window mapped ms (worst break)",
                      "limit": GOAL_LATENCY_MS, "value": breaks["latency_worst_ms"]})
        found.append({"target": "countdown error ms after 60 s (worst break, absolute)",
                      "limit": GOAL_COUNTDOWN_MS, "value": breaks["countdown_error_worst_ms"]})
    if schedule:
        found.append({"target": "schedule --days 365 --json s (worst run)",
                      "limit": GOAL_SCHEDULE_S, "value": schedule["max_s"]})
    for t in found:
        t["value"] = round(t["value"], 3)
        t["met"] = t["value"] <= t["limit"]
    return found


def _ratio_cell(ours: Record, floor: Record, key: str, width: int) -> str:
    value = ratio(ours[key], floor[key])
    return f"{'-' if value is None else f'{value:.2f}x':>{width}}"


def table(summary: dict[str, dict[str, Record]], seconds: float) -> str:
    head = (f"{'':11} {'condition':9} {'docked s':>8} {'CPU s (max)':>14} "
            f"{'switches (max)':>15} {'PSS MiB':>8} {'RSS MiB':>8} {'USS MiB':>8} {'threads':>7}")
    lines = [f"medians over runs, {seconds:g} s windows (worst run in brackets)", head]
    for condition in CONDITIONS:
        for app in APPS:
            s = summary.get(app, {}).get(condition)
            if s is None:
                continue
            lines.append(
                f"{app:11} {condition:9} {s['docked_s']:8.2f} "
                f"{s['cpu_s']:6.2f} ({s['cpu_max_s']:5.2f}) "
                f"{s['switches']:7.0f} ({s['switches_max']:5d}) "
                f"{s['pss_mib']:8.1f} {s['rss_mib']:8.1f} {s['uss_mib']:8.1f} {s['threads']:7.0f}")
        if condition in summary.get("floor", {}) and condition in summary.get("desk-break", {}):
            f, o = summary["floor"][condition], summary["desk-break"][condition]
            cells = " ".join(_ratio_cell(o, f, key, width) for key, width in (
                ("docked_s", 8), ("cpu_s", 14), ("switches", 15), ("pss_mib", 8),
                ("rss_mib", 8), ("uss_mib", 8), ("threads", 7)))
            lines.append(f"{'ratio':11} {condition:9} {cells}")
    return "\n".join(lines)


def memory_breakdown(records: list[Record], rows: int = 12) -> list[Record]:
    """Where Desk Break's PSS goes beyond the floor's: per mapping ("[anon]" is the heap:
    Python's modules and objects, Qt's objects), from the last no-input run of each."""
    last = {r["app"]: r for r in records if r["condition"] == "no input"}
    if "floor" not in last or "desk-break" not in last:
        return []
    ours, floor = last["desk-break"]["pss_kib_by_mapping"], last["floor"]["pss_kib_by_mapping"]
    names = sorted(set(ours) | set(floor), key=lambda n: -(ours.get(n, 0) - floor.get(n, 0)))
    return [{"mapping": Path(n).name if n.startswith("/") else n,
             "ours_mib": round(ours.get(n, 0) / 1024, 2),
             "floor_mib": round(floor.get(n, 0) / 1024, 2),
             "extra_mib": round((ours.get(n, 0) - floor.get(n, 0)) / 1024, 2)}
            for n in names[:rows]]


def extras(reference: Record | None, breaks: Record, schedule: Record | None,
           stats: Record | None, breakdown: list[Record]) -> str:
    lines = []
    if reference:
        lines.append(f"for scale, `import PySide6.QtWidgets` alone: PSS {reference['pss_mib']}"
                     f" MiB, RSS {reference['rss_mib']} MiB, USS {reference['uss_mib']} MiB")
    if breaks:
        lines.append(
            f"breaks due every minute ({breaks['breaks']} breaks): due to window mapped "
            f"median {breaks['latency_median_ms']:.0f} ms, worst {breaks['latency_worst_ms']:.0f}"
            f" ms (worst first break of a run {breaks['first_break_latency_worst_ms']:.0f} ms);"
            f" countdown error at 60 s median {breaks['countdown_error_median_ms']:.0f} ms,"
            f" worst {breaks['countdown_error_worst_ms']:.0f} ms; after them PSS "
            f"{breaks['pss_after_breaks_mib']} MiB, RSS {breaks['rss_after_breaks_mib']} MiB")
    if schedule is not None:
        lines.append(f"schedule --days 365 --json, whole process: median "
                     f"{schedule['median_s']:.3f} s, worst {schedule['max_s']:.3f} s")
    if stats is None:
        lines.append("statistics queries: no tests/benchmarks/bench_stats.py in this tree")
    else:
        lines.append(f"statistics queries (bench_stats.py, exit {stats['exit']}):")
        lines.extend("  " + line for line in stats["printed"].strip().splitlines())
    if breakdown:
        lines.append("PSS beyond the floor by mapping (MiB; ours, floor, extra):")
        lines.extend(f"  {b['ours_mib']:6.2f} {b['floor_mib']:6.2f} {b['extra_mib']:+6.2f}  "
                     f"{b['mapping']}" for b in breakdown)
    return "\n".join(lines)


def machine() -> Record:
    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return {"date": datetime.now().astimezone().isoformat(timespec="seconds"),
            "cpus": os.cpu_count(), "cpu": model, "kernel": platform.release(),
            "python": platform.python_version(), "load_before": os.getloadavg()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=GOAL_WINDOW_S,
                        help="length of each measured window (default 120)")
    parser.add_argument("--runs", type=int, default=2, help="launches per app and condition")
    parser.add_argument("--settle", type=float, default=10,
                        help="seconds between the icon docking and the window")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-schedule", action="store_true",
                        help="skip timing `desk-break schedule --days 365 --json`")
    parser.add_argument("--breaks", type=int, default=2,
                        help="breaks timed per run, a minute apart (0: none; default 2)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 5 s windows, 2 s settle, one run, one break")
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.settle, args.runs, args.breaks = 5.0, 2.0, 1, min(args.breaks, 1)
    if missing := missing_tools():
        print(f"missing: {', '.join(missing)} (run: bash packaging/setup.sh test)",
              file=sys.stderr)
        return 2
    base = Path(tempfile.mkdtemp(prefix="db-bench-"))
    info = machine()
    records: list[Record] = []
    break_records: list[Record] = []
    try:
        with desktop(base / "home") as desk:
            reference = qtwidgets_import(desk)
            for run in range(1, args.runs + 1):
                for condition in CONDITIONS:
                    for app in APPS:
                        print(f"run {run}: {app}, {condition} ...", file=sys.stderr, flush=True)
                        records.append(measure(app, condition, run, desk, base,
                                               args.seconds, args.settle))
            if args.breaks > 0:
                break_records = break_runs(desk, base, args.runs, args.breaks)
            typed = len(desk.typed_file.read_text(encoding="utf-8"))
        schedule = None if args.no_schedule else schedule_timing(base)
        stats = stats_timing()
    finally:
        shutil.rmtree(base, ignore_errors=True)
    summary = summarize(records)
    breaks = summarize_breaks(break_records)
    breakdown = memory_breakdown(records)
    checks = targets(summary, args.seconds, breaks, schedule)
    info["load_after"] = os.getloadavg()
    print(f"Desk Break idle cost, {info['date']}, {info['cpus']} cores ({info['cpu']}), "
          f"Xvfb + openbox + trayer, load average {info['load_before'][0]:.1f} before, "
          f"{info['load_after'][0]:.1f} after")
    print(table(summary, args.seconds))
    print(extras(reference, breaks, schedule, stats, breakdown))
    print(f"the typing target received {typed} characters")
    for t in checks:
        verdict = "met " if t["met"] else "MISS"
        print(f"{verdict} {t['target']}: {t['value']} (at most {t['limit']})")
    if args.json is not None:
        args.json.write_text(json.dumps(
            {"machine": info, "seconds": args.seconds, "settle": args.settle,
             "summary": summary, "targets": checks, "schedule": schedule,
             "qtwidgets_import": reference, "breaks": breaks, "break_runs": break_records,
             "statistics": stats, "memory_beyond_floor": breakdown,
             "typed_characters": typed, "records": records}, indent=2) + "\n",
            encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
