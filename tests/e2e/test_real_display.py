"""The real app, in its own process, on a real X server with a real XEmbed tray.

These are the checks a person would make: the icon shows up in the tray, a
second launch talks to the first, the CLI controls it, it survives a kill -9,
and with no tray it shows a window instead of running invisibly.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.xdisplay import (
    AppProcess,
    docked_windows,
    screenshot,
    trayer,
    wait_for,
    window_tree,
    xvfb,
)

pytestmark = pytest.mark.xvfb


def write_settings_around_now(config_home: Path, interval: int = 60, extra: str = "") -> None:
    """Work hours from a minute ago for three hours, every day, so the test is inside them."""
    now = datetime.now().astimezone()
    start = (now - timedelta(minutes=1)).strftime("%H:%M")
    end = (now + timedelta(hours=3)).strftime("%H:%M")
    days = "\n".join(
        f'{d} = ["{start}-{end}"]'
        for d in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
    folder = config_home / "desk-break"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(
        f"version = 1\n[breaks]\ninterval_minutes = {interval}\nwarning_seconds = 0\n"
        f"{extra}\n[work_hours]\n{days}\n",
        encoding="utf-8",
    )


@pytest.fixture
def display() -> Iterator[str]:
    with xvfb() as d:
        yield d


@pytest.fixture
def app(display: str, xdg_dirs: dict[str, Path]) -> Iterator[AppProcess]:
    write_settings_around_now(xdg_dirs["XDG_CONFIG_HOME"])
    first_run = xdg_dirs["XDG_DATA_HOME"] / "desk-break" / "first-run-note-shown"
    first_run.parent.mkdir(parents=True, exist_ok=True)
    first_run.write_text("shown\n")
    process = AppProcess(display)
    yield process
    process.stop()


def test_icon_docks_in_the_tray_and_status_and_quit_work_across_processes(
    display: str, app: AppProcess
) -> None:
    with trayer(display):
        app.start()
        wait_for(lambda: app.status()["surface"] == "tray", 10, "the app to use the tray")
        docked = wait_for(lambda: docked_windows(display), 10, "an icon inside trayer's panel")
        assert any("desk-break" in line.lower() for line in docked), docked
        status = app.status()
        assert status["state"] == "waiting"
        assert status["next_break_kind"] == "micro"
        due = datetime.fromisoformat(status["next_break_at"])
        assert due.utcoffset() is not None
        # A fresh start: the first break is one interval after the app started.
        assert timedelta(minutes=59) < due - datetime.now(due.tzinfo) <= timedelta(minutes=60.1)
        assert status["paused_until"] is None
        assert status["status_line"].startswith("Next break in ")
        screenshot(display, "tray-docked")
        text = app.cli("status")
        assert text.returncode == 0 and "Next break in" in text.stdout

        quit_ = app.cli("quit")
        assert quit_.returncode == 0, quit_.stderr
        assert app.proc is not None and app.proc.wait(timeout=15) == 0
        after = app.cli("status", "--json")
        assert after.returncode == 1
        assert "not running" in after.stderr
        assert not docked_windows(display)


def test_second_launch_asks_the_first_to_open_preferences_and_exits_0(
    display: str, app: AppProcess
) -> None:
    with trayer(display):
        app.start()
        assert app.status()["preferences_open"] is False
        second = app.cli()  # plain `desk-break`, as a person would type it again
        assert second.returncode == 0, second.stderr
        wait_for(lambda: app.status()["preferences_open"], 10, "Preferences to open")
        first_pid = app.status()["pid"]
        # A second launch in the foreground path also hands over and exits.
        again = app.cli("--foreground")
        assert again.returncode == 0, again.stderr
        assert app.status()["pid"] == first_pid


def test_without_a_tray_the_status_window_shows_then_it_moves_into_a_tray(
    display: str, app: AppProcess
) -> None:
    app.start()
    wait_for(lambda: app.status()["surface"] == "window", 10, "the status window")
    wait_for(lambda: '"Desk Break"' in window_tree(display), 10, "a mapped Desk Break window")
    screenshot(display, "status-window-no-tray")
    with trayer(display):
        wait_for(lambda: app.status()["surface"] == "tray", 15, "the app to move into the tray")
        wait_for(lambda: docked_windows(display), 10, "the icon to dock")


def test_when_the_tray_goes_away_the_status_window_appears(
    display: str, app: AppProcess
) -> None:
    """A panel restarted or an extension disabled must not leave the app invisible."""
    with trayer(display):
        app.start()
        wait_for(lambda: app.status()["surface"] == "tray", 10, "the app to use the tray")
        wait_for(lambda: docked_windows(display), 10, "the icon to dock")
    # trayer is gone: the very next status request already knows it...
    wait_for(lambda: app.status()["surface"] == "window", 5, "the status window")
    wait_for(lambda: '"Desk Break"' in window_tree(display), 10, "a mapped Desk Break window")
    with trayer(display):  # ...and a new panel takes the icon back
        wait_for(lambda: app.status()["surface"] == "tray", 15, "the app to move into the tray")
        wait_for(lambda: docked_windows(display), 10, "the icon to dock again")


def test_quit_works_while_the_status_window_is_up(display: str, app: AppProcess) -> None:
    """Closing the status window only minimizes it; that must not block Quit."""
    app.start()
    wait_for(lambda: app.status()["surface"] == "window", 10, "the status window")
    assert app.cli("quit").returncode == 0
    assert app.proc is not None and app.proc.wait(timeout=15) == 0


def test_after_kill_9_a_new_launch_recovers_the_lock_and_socket(
    display: str, app: AppProcess, xdg_dirs: dict[str, Path]
) -> None:
    with trayer(display):
        app.start()
        old_pid = app.status()["pid"]
        app.kill9()
        runtime = xdg_dirs["XDG_RUNTIME_DIR"] / "desk-break"
        assert (runtime / "control.sock").exists()  # left behind by the dead process
        assert app.cli("status").returncode == 1
        fresh = AppProcess(display)
        fresh.start()
        try:
            assert fresh.status()["pid"] != old_pid
            assert fresh.status()["pid"] == fresh.proc.pid if fresh.proc else False
        finally:
            fresh.stop()


def test_after_kill_9_mid_break_the_next_start_recovers_lock_and_socket(
    display: str, app: AppProcess, xdg_dirs: dict[str, Path]
) -> None:
    """Killed with the break window up: the window dies with it, and the next launch
    takes over the lock and the socket and starts a fresh cycle, not a phantom break."""
    with trayer(display):
        app.start()
        assert app.cli("break-now").returncode == 0
        wait_for(lambda: app.status()["break_window_open"], 10, "the break window")
        wait_for(lambda: '"Desk Break"' in window_tree(display), 10, "a mapped break window")
        app.kill9()
        runtime = xdg_dirs["XDG_RUNTIME_DIR"] / "desk-break"
        assert (runtime / "control.sock").exists() and (runtime / "instance.lock").exists()
        wait_for(lambda: '"Desk Break"' not in window_tree(display), 10, "the window to go")
        fresh = AppProcess(display)
        fresh.start()
        try:
            status = fresh.status()
            assert fresh.proc is not None and status["pid"] == fresh.proc.pid
            assert status["state"] == "waiting" and status["break_window_open"] is False
            due = datetime.fromisoformat(status["next_break_at"])
            assert timedelta(minutes=59) < due - datetime.now(due.tzinfo) <= timedelta(minutes=60.1)
            # It really is the instance now: a second launch hands over to it and exits 0.
            again = fresh.cli("--foreground")
            assert again.returncode == 0, again.stderr
            assert fresh.status()["pid"] == status["pid"]
        finally:
            fresh.stop()


def test_sigterm_quits_cleanly_and_frees_the_instance(display: str, app: AppProcess) -> None:
    """What a session manager does at logout: the app must leave, not linger or crash."""
    app.start()
    assert app.proc is not None
    app.proc.send_signal(signal.SIGTERM)
    assert app.proc.wait(timeout=15) == 0
    fresh = AppProcess(display)
    fresh.start()  # the lock and socket were given back
    fresh.stop()


def test_plain_launch_detaches_and_returns_the_prompt(display: str, app: AppProcess) -> None:
    with trayer(display):
        result = app.cli()
        assert result.returncode == 0, result.stderr
        status = app.status()  # it answers: it really runs, in the background
        assert status["pid"] != os.getpid()
        assert app.cli("quit").returncode == 0
        wait_for(lambda: app.cli("status").returncode == 1, 15, "the detached app to quit")
