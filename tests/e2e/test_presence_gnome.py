"""Presence on GNOME for real: the app as a Wayland client of Debian's headless mutter.

Idle time comes from Mutter's IdleMonitor watches, the person's return from real
pointer motion through org.gnome.Mutter.RemoteDesktop, and GNOME's do-not-disturb
from the real `gsettings` on the session's own dconf. Everything is read back the
way a bar or a script would: `desk-break status --json`. There is no tray on bare
mutter, so the status window shows (as on GNOME without AppIndicator).
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from tests.e2e.test_real_display import write_settings_around_now
from tests.mutter_session import MutterSession, RemoteInput, mutter_session, screenshot
from tests.xdisplay import ARTIFACTS, AppProcess, wait_for

# Qt's Wayland client on bare headless mutter, none of them the app's to fix:
# no xdg-desktop-portal on this bus (a GNOME session has one), and the text-input
# protocol complaining that no surface has keyboard focus (nobody clicked).
EXPECTED_QT_NOISE = (
    "qt.qpa.theme.gnome: dbus reply error",
    "qt.qpa.services: Failed to register with host portal",
    "qt.qpa.wayland.textinput:",
)

Started = Callable[..., tuple[MutterSession, AppProcess, RemoteInput]]


def when(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def near(moment: datetime, expected: datetime, early: float = 2.0, late: float = 3.0) -> bool:
    return -early <= (moment - expected).total_seconds() <= late


def qt_warnings(stderr: str) -> list[str]:
    """Lines of the app's stderr that are not the known noise above."""
    return [line for line in stderr.splitlines()
            if line.strip() and not line.startswith(EXPECTED_QT_NOISE)]


@pytest.fixture
def gnome_app(qapp: QApplication, xdg_dirs: dict[str, Path]) -> Iterator[Started]:
    """Start mutter, then the app on it with `settings`; the person is at the desk."""
    with ExitStack() as stack:
        apps: list[AppProcess] = []

        def start(settings: str, interval: int = 45) -> tuple[MutterSession, AppProcess,
                                                              RemoteInput]:
            write_settings_around_now(xdg_dirs["XDG_CONFIG_HOME"], interval=interval,
                                      extra=settings)
            flag = xdg_dirs["XDG_DATA_HOME"] / "desk-break" / "first-run-note-shown"
            flag.parent.mkdir(parents=True, exist_ok=True)
            flag.write_text("shown\n")
            # Started after xdg_dirs: the bus, and the dconf-service it activates, use
            # the test's XDG folders, like the app and `gsettings` below.
            gnome = stack.enter_context(mutter_session())
            person = stack.enter_context(RemoteInput(gnome.bus_address))
            app = AppProcess.wayland(gnome.client_env())
            app.env["PYTHONFAULTHANDLER"] = "1"  # a hang at quit shows its stacks
            stack.callback(app.stop)
            apps.append(app)
            person.move()
            app.start()
            return gnome, app, person

        yield start
        for app in apps:
            stderr = quit_as_a_person_would(app)
            assert not qt_warnings(stderr), stderr


def quit_as_a_person_would(app: AppProcess) -> str:
    """`desk-break quit`, and the process ends cleanly; if it hangs, SIGABRT makes
    faulthandler print every thread's stack into the failure, with the log's end."""
    assert app.proc is not None
    if app.proc.poll() is None:
        app.cli("quit", timeout=10)
        try:
            app.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            app.proc.send_signal(signal.SIGABRT)
            app.proc.wait(timeout=10)
    stderr = app.stderr_text()
    log = Path(app.env["XDG_STATE_HOME"]) / "desk-break" / "log" / "desk-break.log"
    assert app.proc.returncode == 0, (
        f"exit {app.proc.returncode}\n{stderr[-6000:]}\n"
        f"log:\n{log.read_text(errors='replace')[-3000:] if log.exists() else ''}")
    return stderr


def test_idle_time_comes_from_mutter_and_input_resets_it(gnome_app: Started) -> None:
    _gnome, app, person = gnome_app("duration_seconds = 20")
    status = app.status()
    assert status["idle_source"] == "gnome"
    assert status["surface"] == "window"  # no tray on bare mutter: the window shows
    start = status["idle_seconds"]
    assert start is not None and start < 15
    wait_for(lambda: app.status()["idle_seconds"] >= start + 2, 10, "idle time to grow")
    person.move()
    wait_for(lambda: app.status()["idle_seconds"] < 1, 10, "input to reset idle time")
    assert app.status()["state"] == "waiting"


def test_time_away_as_long_as_a_break_is_a_natural_break(gnome_app: Started) -> None:
    _gnome, app, person = gnome_app("duration_seconds = 10")
    person.move()
    first = when(app.status()["next_break_at"])
    wait_for(lambda: app.status()["idle_seconds"] > 11, 20, "11 s without input")
    assert app.status()["last_break"] is None  # nothing is credited until the return
    back = datetime.now(UTC)
    person.move()
    status = wait_for(lambda: (s := app.status())["last_break"] and s, 10,
                      "the return to credit a natural break")
    assert status["last_break"]["outcome"] == "natural"
    assert status["last_break"]["cause"] == "idle"
    assert near(when(status["last_break"]["ended_at"]), back)
    # The cycle restarts from the return: the next break one interval after it.
    assert near(when(status["next_break_at"]), back + timedelta(minutes=45))
    assert when(status["next_break_at"]) > first
    assert status["state"] == "waiting" and status["break_window_open"] is False


def test_a_break_due_while_away_waits_for_the_return(gnome_app: Started) -> None:
    gnome, app, person = gnome_app("duration_seconds = 10", interval=1)
    person.move()
    due = when(app.status()["next_break_at"])
    assert near(due, datetime.now(UTC) + timedelta(minutes=1), early=5)

    def away_and_due() -> dict[str, Any] | None:
        status = app.status()
        assert status["break_window_open"] is False, status  # never while away
        return status if datetime.now(UTC) > due + timedelta(seconds=2) else None

    status = wait_for(away_and_due, 75, "the break to come due while away", interval=0.5)
    assert status["state"] == "away"
    assert status["status_line"] == "Away: your break waits for your return"
    assert status["last_break"] is None
    shot_of_the_screen(gnome, "gnome-status-away")
    back = datetime.now(UTC)
    person.move()
    status = wait_for(lambda: (s := app.status())["last_break"] and s, 10,
                      "the return to credit the break")
    assert status["last_break"]["outcome"] == "natural"
    assert status["last_break"]["cause"] == "idle"
    assert near(when(status["next_break_at"]), back + timedelta(minutes=1))
    assert status["state"] == "waiting" and status["break_window_open"] is False


def shot_of_the_screen(gnome: MutterSession, name: str) -> None:
    """The screen as a person sees it, into artifacts/ (to look at: mutter places the
    windows, so no pixel is checked beyond the screen's size)."""
    from PySide6.QtGui import QImage

    image = QImage(str(screenshot(gnome, ARTIFACTS / f"{name}.png")))
    assert (image.width(), image.height()) == (1280, 800)


SCHEMA = "org.gnome.desktop.notifications"


def gsettings(gnome: MutterSession, app: AppProcess, *args: str) -> str:
    """The real gsettings on the session's dconf (the app's env: same bus, same folders)."""
    env = {**app.env, "DBUS_SESSION_BUS_ADDRESS": gnome.bus_address,
           "GSETTINGS_BACKEND": "dconf"}
    return subprocess.run(["gsettings", *args], env=env, capture_output=True, text=True,
                          check=True, timeout=10).stdout.strip()


def test_gnome_do_not_disturb_holds_breaks_until_it_is_off(gnome_app: Started) -> None:
    gnome, app, person = gnome_app("", interval=1)
    due = when(app.status()["next_break_at"])
    assert app.status()["held_by"] == []
    gsettings(gnome, app, "set", SCHEMA, "show-banners", "false")
    assert gsettings(gnome, app, "get", SCHEMA, "show-banners") == "false"
    wait_for(lambda: app.status()["held_by"] == ["desktop_dnd"], 10, "DND to hold breaks")

    def at_the_desk_and_due() -> dict[str, Any] | None:
        person.move()  # at the desk all along: held, not away
        status = app.status()
        assert status["break_window_open"] is False, status  # never while held
        return status if datetime.now(UTC) > due + timedelta(seconds=2) else None

    status = wait_for(at_the_desk_and_due, 75, "the break to come due while held",
                      interval=0.5)
    assert status["state"] == "held"
    assert status["held_by"] == ["desktop_dnd"]
    assert status["status_line"] == "Holding breaks: do not disturb"
    shot_of_the_screen(gnome, "gnome-status-held")
    gsettings(gnome, app, "set", SCHEMA, "show-banners", "true")
    # Released: the held break comes (no warning is set), once the typing pause passes.
    status = wait_for(lambda: (s := app.status())["break_window_open"] and s, 15,
                      "the held break to come once DND is off")
    assert status["held_by"] == [] and status["state"] == "in_break"
    assert status["last_break"] is None  # held, not missed or skipped
    shot_of_the_screen(gnome, "gnome-break-window")
