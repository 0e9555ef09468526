"""Presence on a real X server, in the real app's own process (issue 9).

Xvfb's MIT-SCREEN-SAVER and SYNC IDLETIME counters are the idle monitor, openbox
is the window manager that names the active window and makes it fullscreen, and
`xdotool` is the person: it moves the mouse and types into another window. Every
check reads what a person or a script could: `desk-break status --json` and the
window tree. The interval cannot be shorter than a minute, so some of these wait
for a real minute; they poll the CLI and never sleep blindly.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.test_real_display import write_settings_around_now
from tests.xdisplay import (
    AppProcess,
    holds_for,
    openbox,
    require,
    root_property,
    screenshot,
    trayer,
    viewable_windows,
    wait_for,
    window_tree,
    xdotool,
    xvfb,
)

pytestmark = pytest.mark.xvfb

HERE = Path(__file__).resolve().parent.parent
BREAK_TITLE = "Micro-break"  # "Micro-break — Desk Break"

Desk = Callable[..., AbstractContextManager[tuple[str, AppProcess]]]


@pytest.fixture
def desk(xdg_dirs: dict[str, Path]) -> Iterator[Desk]:
    """Start the real app on a fresh X server with a tray (and openbox if asked)."""
    @contextmanager
    def start(interval: int, warning: int = 0, wm: bool = False,
              extra: str = "") -> Iterator[tuple[str, AppProcess]]:
        config = xdg_dirs["XDG_CONFIG_HOME"]
        write_settings_around_now(config, interval=interval,
                                  extra=extra + "\n[long_breaks]\nenabled = false\n")
        settings = config / "desk-break" / "settings.toml"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text.replace("warning_seconds = 0", f"warning_seconds = {warning}"),
                            encoding="utf-8")
        flag = xdg_dirs["XDG_DATA_HOME"] / "desk-break" / "first-run-note-shown"
        flag.parent.mkdir(parents=True, exist_ok=True)
        flag.write_text("shown\n")
        with xvfb() as display, ExitStack() as parts:
            if wm:
                parts.enter_context(openbox(display))
            parts.enter_context(trayer(display))
            app = AppProcess(display, {"XDG_SESSION_TYPE": "x11"})
            app.start()
            try:
                yield display, app
            finally:
                app.stop()

    yield start


def seconds_until(iso: str) -> float:
    when = datetime.fromisoformat(iso)
    return (when - datetime.now(when.tzinfo)).total_seconds()


def break_window_mapped(display: str) -> bool:
    return bool(viewable_windows(display, BREAK_TITLE))


def no_break(display: str, app: AppProcess) -> bool:
    status = app.status()
    return not status["break_window_open"] and status["state"] != "in_break" and (
        not break_window_mapped(display))


@contextmanager
def typing_target(display: str, app: AppProcess, typed: Path) -> Iterator[str]:
    """Another app's text field (its own process); yields its X window id."""
    editor = subprocess.Popen([sys.executable, str(HERE / "typing_target.py"), str(typed)],
                              env=app.env)
    try:
        wait_for(lambda: typed.exists() and '"typing-target"' in window_tree(display), 15,
                 "the typing target's window")
        found = xdotool(display, "search", "--onlyvisible", "--name", "^typing-target$")
        yield found.splitlines()[0]  # the managed window, not Qt's hidden leader
    finally:
        editor.terminate()
        editor.wait(timeout=10)


def test_idle_time_grows_without_input_and_resets_on_a_mouse_move(desk: Desk) -> None:
    with desk(interval=60) as (display, app):
        first = app.status()
        assert first["idle_source"] == "x11"
        assert isinstance(first["idle_seconds"], float)
        later = wait_for(lambda: (s := app.status())["idle_seconds"] >= first["idle_seconds"] + 3
                         and s, 10, "idle time to grow by 3 s")
        assert later["state"] == "waiting"
        xdotool(display, "mousemove", "200", "300")
        after = app.status()
        assert after["idle_seconds"] < 1.0, after
        assert after["idle_source"] == "x11"
        xdotool(display, "key", "shift")  # a key press counts as much as the mouse
        wait_for(lambda: app.status()["idle_seconds"] > 1.5, 5, "idle to grow again")
        xdotool(display, "key", "shift")
        assert app.status()["idle_seconds"] < 1.0


def test_away_for_a_breaks_length_counts_as_that_break_and_restarts_the_cycle(
    desk: Desk,
) -> None:
    with desk(interval=60, extra="duration_seconds = 10") as (display, app):
        due = app.status()["next_break_at"]
        # Idle for less than the break's length is nothing.
        xdotool(display, "mousemove", "10", "10")
        wait_for(lambda: app.status()["idle_seconds"] >= 5, 10, "5 s without input")
        xdotool(display, "mousemove", "20", "20")
        short = app.status()
        assert short["last_break"] is None and short["next_break_at"] == due

        wait_for(lambda: app.status()["idle_seconds"] >= 11, 15, "11 s without input")
        xdotool(display, "mousemove", "300", "300")
        back = datetime.now().astimezone()
        status = wait_for(lambda: (s := app.status())["last_break"] and s, 5,
                          "the time away to be credited")
        assert {k: status["last_break"][k] for k in ("outcome", "cause")} == {
            "outcome": "natural", "cause": "idle"}
        ended = datetime.fromisoformat(status["last_break"]["ended_at"])
        assert abs((ended - back).total_seconds()) < 2
        nxt = datetime.fromisoformat(status["next_break_at"])
        assert abs((nxt - back - timedelta(minutes=60)).total_seconds()) < 2, status
        assert status["state"] == "waiting" and not status["break_window_open"]


def test_a_break_due_while_away_never_pops_up_and_waits_for_the_return(desk: Desk) -> None:
    with desk(interval=1, extra="duration_seconds = 10") as (display, app):
        due = app.status()["next_break_at"]
        assert 55 < seconds_until(due) <= 61
        away = wait_for(lambda: (s := app.status())["state"] == "away" and s, 75,
                        "the due break to wait for the person")
        assert seconds_until(due) <= 0.5, away  # away only once the break came due
        assert not away["break_window_open"] and not break_window_mapped(display)
        assert away["status_line"] == "Away: your break waits for your return"
        holds_for(lambda: no_break(display, app) and app.status()["state"] == "away", 3,
                  "no break window while away")
        screenshot(display, "presence-away-at-due")

        xdotool(display, "mousemove", "400", "400")
        back = datetime.now().astimezone()
        status = wait_for(lambda: (s := app.status())["state"] != "away" and s, 5,
                          "the return to be seen")
        assert status["last_break"]["outcome"] == "natural"
        assert status["last_break"]["cause"] == "idle"
        nxt = datetime.fromisoformat(status["next_break_at"])
        assert abs((nxt - back - timedelta(minutes=1)).total_seconds()) < 2, status
        # No ambush on return: the person works on (a nudge of the mouse every 3 s, so
        # they are never away again) and nothing comes in the minute after...
        def present_and_no_break() -> bool:
            xdotool(display, "mousemove_relative", "--", "3", "-3")
            return no_break(display, app)

        holds_for(present_and_no_break, seconds_until(status["next_break_at"]) - 2,
                  "no break window in the minute after the return", interval=3)
        # ...then the restarted cycle's break, on time.
        wait_for(lambda: break_window_mapped(display), 10, "the next cycle's break")
        assert -5 < seconds_until(status["next_break_at"]) < 0.5


def test_a_due_break_waits_for_a_pause_in_typing(desk: Desk, tmp_path: Path) -> None:
    typed = tmp_path / "typed.txt"
    with desk(interval=1, extra="[presence]\ntyping_pause_seconds = 2") as (display, app), \
            typing_target(display, app, typed) as editor:
        due = app.status()["next_break_at"]
        xdotool(display, "windowfocus", "--sync", editor)
        wait_for(lambda: seconds_until(due) <= 15, 60, "15 s before the break")
        # Keys every 150 ms (xdotool's pace) until 8 s past the due moment.
        until = int(datetime.fromisoformat(due).timestamp()) + 8
        chunk = "the quick brown fox "
        typer = subprocess.Popen(
            ["sh", "-c", f'while [ "$(date +%s)" -lt {until} ]; do '
             f'xdotool type --delay 150 "{chunk}" || exit 1; done'],
            env={**app.env})
        shot: dict[str, Any] = {}
        try:
            while typer.poll() is None:
                status = app.status()
                assert no_break(display, app), status
                if not shot and seconds_until(due) < -3:
                    shot = status
                    screenshot(display, "presence-typing-past-due")
                time.sleep(0.2)
        finally:
            if typer.poll() is None:
                typer.kill()
        stopped = time.monotonic()
        assert typer.returncode == 0
        assert seconds_until(due) < -5, "typing went on past the due moment"
        assert shot and shot["state"] == "waiting", shot  # due, but waiting for a pause
        got = typed.read_text()  # every key went to the other window
        assert got and got == chunk * (len(got) // len(chunk)), got
        wait_for(lambda: break_window_mapped(display), 8, "the break once typing stopped")
        waited = time.monotonic() - stopped
        assert 1.0 < waited < 6, waited
        assert app.status()["state"] == "in_break"
        screenshot(display, "presence-break-after-typing")


def test_a_fullscreen_window_holds_the_break_until_it_leaves_fullscreen(
    desk: Desk, tmp_path: Path,
) -> None:
    require("wmctrl")
    # A break longer than the test: being still in front of a film is not "away" here.
    with desk(interval=1, warning=5, wm=True, extra="duration_seconds = 120") as (
            display, app), typing_target(display, app, tmp_path / "typed.txt") as editor:
        due = app.status()["next_break_at"]
        wait_for(lambda: hex(int(editor)) in root_property(display, "_NET_ACTIVE_WINDOW"), 10,
                 "openbox to activate the other window")
        assert app.status()["held_by"] == []
        subprocess.run(["wmctrl", "-i", "-r", editor, "-b", "add,fullscreen"],
                       env=app.env, check=True)
        wait_for(lambda: app.status()["held_by"] == ["fullscreen"], 10,
                 "the fullscreen window to hold breaks")
        assert app.status()["state"] == "waiting"
        held = wait_for(lambda: (s := app.status())["state"] == "held" and s, 70,
                        "the break to be held")
        assert seconds_until(due) <= 5.5  # held when its warning would have started
        assert held["held_by"] == ["fullscreen"]
        assert held["status_line"] == "Holding breaks: full-screen window", held
        holds_for(lambda: no_break(display, app) and app.status()["state"] == "held",
                  max(0.0, seconds_until(due)) + 3, "no warning and no break while held")
        screenshot(display, "presence-held-fullscreen")

        subprocess.run(["wmctrl", "-i", "-r", editor, "-b", "remove,fullscreen"],
                       env=app.env, check=True)
        released = time.monotonic()
        status = wait_for(lambda: (s := app.status())["state"] == "warning" and s, 5,
                          "the warning once fullscreen ends")
        assert status["held_by"] == []
        screenshot(display, "presence-warning-after-fullscreen")
        wait_for(lambda: break_window_mapped(display), 15, "the break after its warning")
        assert 4 < time.monotonic() - released < 9  # the full 5 s warning came first
        assert app.status()["state"] == "in_break"
