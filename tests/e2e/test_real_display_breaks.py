"""Breaks on the live app, across processes, on a real X display.

The CLI drives the running engine (break-now, snooze, skip, pause, resume) and
`status --json` must say what a person would expect. `break-now` opens the break
window without taking the keyboard from the app the person is typing in.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from tests.e2e.test_real_display import write_settings_around_now
from tests.xdisplay import AppProcess, require, screenshot, trayer, wait_for, window_tree, xvfb

pytestmark = pytest.mark.xvfb

HERE = Path(__file__).resolve().parent.parent


@pytest.fixture
def live(xdg_dirs: dict[str, Path]) -> Iterator[tuple[str, AppProcess]]:
    write_settings_around_now(
        xdg_dirs["XDG_CONFIG_HOME"], interval=45, extra="snooze_minutes = 5\nmax_snoozes = 2"
    )
    flag = xdg_dirs["XDG_DATA_HOME"] / "desk-break" / "first-run-note-shown"
    flag.parent.mkdir(parents=True, exist_ok=True)
    flag.write_text("shown\n")
    with xvfb() as display, trayer(display):
        app = AppProcess(display)
        app.start()
        try:
            yield display, app
        finally:
            app.stop()


def minutes_from_now(iso: str) -> float:
    when = datetime.fromisoformat(iso)
    return (when - datetime.now(when.tzinfo)).total_seconds() / 60


def ok(app: AppProcess, *args: str) -> None:
    result = app.cli(*args)
    assert result.returncode == 0, (args, result.stderr)


def test_cli_controls_the_live_schedule(live: tuple[str, AppProcess]) -> None:
    _display, app = live
    # A fresh start: the first break is one interval after the app started.
    assert 44.5 < minutes_from_now(app.status()["next_break_at"]) <= 45.1

    assert app.status()["icon"] == "active"
    ok(app, "break-now")
    status = app.status()
    assert status["state"] == "in_break"
    assert status["break_window_open"] is True
    assert status["icon"] == "break" and status["status_line"] == "Break in progress"

    ok(app, "snooze")  # the running break goes away and comes back in 5 min
    status = app.status()
    assert status["state"] == "waiting" and status["break_window_open"] is False
    assert 4.5 < minutes_from_now(status["next_break_at"]) <= 5
    assert status["snoozes_left"] == 1

    ok(app, "snooze")
    assert 9.5 < minutes_from_now(app.status()["next_break_at"]) <= 10
    refused = app.cli("snooze")
    assert refused.returncode == 3
    assert "snooze" in refused.stderr.lower()

    ok(app, "skip")
    status = app.status()
    assert status["state"] == "waiting"
    assert 44.5 < minutes_from_now(status["next_break_at"]) <= 45
    assert status["snoozes_left"] == 2  # a new break, a fresh allowance

    ok(app, "pause", "30m")
    status = app.status()
    assert status["state"] == "paused" and status["next_break_at"] is None
    assert status["icon"] == "paused" and status["status_line"].startswith("Paused until ")
    assert 29.5 < minutes_from_now(status["paused_until"]) <= 30
    assert app.cli("snooze").returncode == 3

    ok(app, "resume")
    status = app.status()
    assert status["state"] == "waiting" and status["paused_until"] is None
    assert 44.5 < minutes_from_now(status["next_break_at"]) <= 45
    assert app.cli("resume").returncode == 3  # not paused

    ok(app, "pause")  # until resumed
    assert app.status()["paused_indefinitely"] is True
    assert app.status()["status_line"] == "Paused until you resume"
    assert app.cli("pause", "forever").returncode == 2  # usage error

    ok(app, "preferences")
    wait_for(lambda: app.status()["preferences_open"], 10, "Preferences to open")


def test_break_now_opens_the_window_without_stealing_the_keyboard(
    live: tuple[str, AppProcess], tmp_path: Path
) -> None:
    require("xdotool")
    display, app = live
    typed = tmp_path / "typed.txt"
    env = {**app.env}
    editor = subprocess.Popen([sys.executable, str(HERE / "typing_target.py"), str(typed)],
                              env=env)
    try:
        wait_for(lambda: typed.exists() and '"typing-target"' in window_tree(display), 15,
                 "the editor window")

        def xdo(*args: str) -> str:
            return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                                  check=True).stdout.strip()

        editor_window = xdo("search", "--name", "^typing-target$").splitlines()[0]
        xdo("windowfocus", "--sync", editor_window)
        xdo("type", "--delay", "20", "before ")
        wait_for(lambda: typed.read_text() == "before ", 10, "the editor to get 'before '")

        ok(app, "break-now")
        wait_for(lambda: '"Micro-break' in window_tree(display), 10,
                 "the break window to map")
        xdo("type", "--delay", "20", "after")
        wait_for(lambda: typed.read_text() == "before after", 10,
                 "keystrokes to keep going to the editor")
        assert xdo("getwindowfocus") == editor_window
        screenshot(display, "break-window-over-editor")
        assert app.status()["state"] == "in_break"
    finally:
        editor.terminate()
        editor.wait(timeout=10)
