"""Smoke-test the PyInstaller bundle under Xvfb with a real XEmbed tray (trayer).

    bash packaging/setup.sh bundle && bash packaging/smoke_bundle.sh
    bash packaging/smoke_bundle.sh --program .venv/bin/desk-break   # the same, from the venv

The bundle's program runs with a bare environment (`env -i`: DISPLAY and the XDG
folders, temp ones, nothing else: no PATH, no HOME, no Python): it starts (detaches
and returns once it answers), its icon docks in trayer, `status --json` answers,
`schedule` and `moves` work, the statistics window opens (its charts' pyqtgraph and
NumPy are in the bundle) and closes, and `quit` ends it. Prints the start-up times and the
bundle's size; a screenshot of the tray goes to artifacts/bundle-tray.png.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.xdisplay import docked_windows, screenshot, trayer, wait_for, xvfb  # noqa: E402

PROGRAM = REPO / "dist" / "desk-break" / "desk-break"


def bare_env(display: str, home: Path) -> dict[str, str]:
    runtime = home / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {
        "DISPLAY": display,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "XDG_CONFIG_DIRS": str(home / "etc-xdg"),
    }


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PROGRAM), *args], env=env, capture_output=True, text=True,
                          timeout=60, check=False)


def main(argv: list[str]) -> int:
    global PROGRAM
    if argv[:1] == ["--program"]:  # the same run for another build, e.g. .venv/bin/desk-break
        PROGRAM = Path(argv[1]).resolve() if "/" in argv[1] else Path(argv[1])
    if not PROGRAM.is_file():
        print(f"{PROGRAM} is missing: build it with  bash packaging/setup.sh bundle")
        return 1
    size = subprocess.run(["du", "-sh", str(PROGRAM.parent)], capture_output=True,
                          text=True, check=True).stdout.split()[0]
    with tempfile.TemporaryDirectory(prefix="db-bundle-") as tmp, xvfb() as display, \
            trayer(display):
        env = bare_env(display, Path(tmp))
        for what, args in (("schedule", ("schedule", "--json")), ("moves", ("moves",))):
            started = time.monotonic()
            done = run(env, *args)
            assert done.returncode == 0, f"{what}: {done.stderr}"
            print(f"{what}: ok in {time.monotonic() - started:.2f} s")
        assert json.loads(run(env, "schedule", "--json").stdout) is not None

        started = time.monotonic()
        launched = run(env)  # detaches; returns once the app answers
        answered = time.monotonic() - started
        assert launched.returncode == 0, launched.stderr
        wait_for(lambda: docked_windows(display), 20, "the icon to dock in trayer")
        docked = time.monotonic() - started
        status = json.loads(run(env, "status", "--json").stdout)
        assert status["state"] in ("waiting", "outside_work_hours"), status
        assert status["surface"] == "tray", status
        shot = screenshot(display, "bundle-tray")
        # The statistics window: its own process, the charts (pyqtgraph, NumPy) in it.
        started = time.monotonic()
        stats = run(env, "statistics")  # detaches; returns once the window answers
        assert stats.returncode == 0, stats.stderr
        stats_took = time.monotonic() - started
        from desk_break.ipc import client

        stats_socket = Path(env["XDG_RUNTIME_DIR"]) / "desk-break" / "statistics.sock"
        shown = client.send(stats_socket, "status")
        assert shown.ok and shown.result["visible"], shown
        screenshot(display, "bundle-statistics")
        assert client.send(stats_socket, "quit").ok
        stats_pid = shown.result["pid"]
        wait_for(lambda: not os.path.exists(f"/proc/{stats_pid}"), 20, "statistics to close")
        entry = Path(env["XDG_DATA_HOME"]) / "applications" / \
            "io.github.desk_break.DeskBreak.desktop"
        assert f"Exec={PROGRAM}" in entry.read_text(encoding="utf-8"), "first start: no entry"
        pid = status["pid"]
        quit_ = run(env, "quit")
        assert quit_.returncode == 0, quit_.stderr
        wait_for(lambda: not os.path.exists(f"/proc/{pid}"), 20, "the app to end")
        wait_for(lambda: not docked_windows(display), 10, "the icon to leave the tray")
    if PROGRAM.parent.name == "desk-break":
        print(f"bundle: {size} in {PROGRAM.parent}")
    print(f"start-up: answering after {answered:.2f} s, icon docked after {docked:.2f} s")
    print(f"status: {status['state']} on the {status['surface']}; quit: ended; tray shot: {shot}")
    print(f"statistics window: shown after {stats_took:.2f} s, closed on quit")
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
