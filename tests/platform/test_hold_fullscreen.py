"""A fullscreen window holds breaks: for real on X11 (Xvfb, Debian's openbox keeping
_NET_ACTIVE_WINDOW, wmctrl toggling fullscreen as a person's key binding would); the
Windows call as arithmetic with the OS call injected; KDE Wayland on a fake
org.freedesktop.Notifications."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from Xlib import X
from Xlib.display import Display
from Xlib.xobject.drawable import Window

from desk_break.platform.hold.fullscreen import (
    QUNS_BUSY,
    QUNS_PRESENTATION_MODE,
    QUNS_RUNNING_D3D_FULL_SCREEN,
    KdeFullscreen,
    WindowsFullscreen,
    X11Fullscreen,
)
from tests.fake_dbus_services import FakeService, private_bus
from tests.platform.test_hold_services import notifications_spec, set_inhibited
from tests.xdisplay import require, wait_for, xvfb


@dataclass
class Desktop:
    """A real X display with a real window manager, and a client that opens windows."""

    display: str
    client: Display
    windows: list[Window] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "DISPLAY": self.display}

    def open_window(self, title: str) -> Window:
        screen = self.client.screen()
        window: Window = screen.root.create_window(10, 10, 320, 200, 0, screen.root_depth,
                                                   event_mask=X.StructureNotifyMask)
        window.set_wm_name(title)
        window.map()
        self.client.flush()
        self.windows.append(window)
        wait_for(lambda: window.id in self.managed(), 10, f"openbox to manage {title}")
        # Openbox's focus-stealing prevention may leave a new window unfocused: a person
        # clicks it; we ask for it as a pager would.
        self.activate(window)
        wait_for(lambda: self.active() == window.id, 10, f"{title} to become active")
        return window

    def managed(self) -> list[int]:
        prop = self.client.screen().root.get_full_property(
            self.client.intern_atom("_NET_CLIENT_LIST"), X.AnyPropertyType)
        return [int(w) for w in prop.value] if prop is not None else []

    def active(self) -> int:
        prop = self.client.screen().root.get_full_property(
            self.client.intern_atom("_NET_ACTIVE_WINDOW"), X.AnyPropertyType)
        return int(prop.value[0]) if prop is not None and len(prop.value) else 0

    def is_fullscreen(self, window: Window) -> bool:
        prop = window.get_full_property(self.client.intern_atom("_NET_WM_STATE"),
                                        X.AnyPropertyType)
        fullscreen = self.client.intern_atom("_NET_WM_STATE_FULLSCREEN")
        return prop is not None and fullscreen in prop.value

    def wmctrl(self, *args: str) -> None:
        subprocess.run(["wmctrl", *args], env=self.env, check=True, timeout=10)

    def fullscreen(self, window: Window, on: bool) -> None:
        """What a person's F11 does: ask the window manager (wmctrl sends _NET_WM_STATE)."""
        self.wmctrl("-i", "-r", str(window.id), "-b", f"{'add' if on else 'remove'},fullscreen")

    def activate(self, window: Window) -> None:
        self.wmctrl("-i", "-a", str(window.id))


@pytest.fixture
def bare_display() -> Iterator[str]:
    with xvfb(800, 600) as display:
        yield display


@contextmanager
def openbox_desktop(display: str) -> Iterator[Desktop]:
    """Debian's openbox on `display`, once it has finished starting up.

    `wmctrl -m` answers as soon as openbox names itself, a moment before it manages
    new windows; openbox runs its --startup command only when it is ready.
    """
    require("openbox", "wmctrl")
    env = {**os.environ, "DISPLAY": display}
    folder = Path(tempfile.mkdtemp(prefix="ob-"))
    ready = folder / "ready"
    wm = subprocess.Popen(["openbox", "--sm-disable", "--startup", f"touch {ready}"], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(ready.exists, 10, "openbox to finish starting")
        client = Display(display)
        yield Desktop(display, client)
        client.close()
    finally:
        wm.terminate()
        wm.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def desktop(bare_display: str) -> Iterator[Desktop]:
    with openbox_desktop(bare_display) as desk:
        yield desk


@pytest.mark.xvfb
def test_a_fullscreen_window_holds_and_leaving_fullscreen_releases(
        qtbot: QtBot, desktop: Desktop) -> None:
    detector = X11Fullscreen(desktop.display)
    assert detector.start()
    film = desktop.open_window("film")
    qtbot.waitUntil(lambda: detector.active_window == film.id)
    assert not detector.active()
    with qtbot.waitSignal(detector.changed) as blocker:
        desktop.fullscreen(film, True)
    assert blocker.args == [True] and detector.active()
    with qtbot.waitSignal(detector.changed) as blocker:
        desktop.fullscreen(film, False)
    assert blocker.args == [False] and not detector.active()
    detector.stop()


@pytest.mark.xvfb
def test_switching_away_from_a_fullscreen_window_releases_and_back_holds(
        qtbot: QtBot, desktop: Desktop) -> None:
    film = desktop.open_window("film")
    desktop.fullscreen(film, True)
    wait_for(lambda: desktop.is_fullscreen(film), 10, "the film to go fullscreen")
    detector = X11Fullscreen(desktop.display)
    assert detector.start()
    assert detector.active()  # already fullscreen when we started: read at once
    editor = desktop.open_window("editor")  # the person turns to another window
    qtbot.waitUntil(lambda: not detector.active())
    assert detector.active_window == editor.id
    with qtbot.waitSignal(detector.changed) as blocker:
        desktop.activate(film)
    assert blocker.args == [True]
    with qtbot.waitSignal(detector.changed) as blocker:
        film.destroy()  # closing the film: the window manager activates another
        desktop.client.flush()
    assert blocker.args == [False]
    detector.stop()


# A video player as a person has one: a Qt window that F11 takes in and out of fullscreen.
PLAYER = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

class Player(QWidget):
    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_F11:
            self.showNormal() if self.isFullScreen() else self.showFullScreen()

app = QApplication(["player"])
player = Player()
player.setWindowTitle("player")
player.resize(320, 200)
player.show()
print(int(player.winId()), flush=True)
app.exec()
"""


@pytest.mark.xvfb
def test_a_qt_player_going_fullscreen_with_f11_holds(qtbot: QtBot, desktop: Desktop) -> None:
    require("xdotool")
    env = {**desktop.env, "QT_QPA_PLATFORM": "xcb"}
    player = subprocess.Popen([sys.executable, "-c", PLAYER], env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert player.stdout is not None
        window = int(player.stdout.readline())
        detector = X11Fullscreen(desktop.display)
        assert detector.start()
        wait_for(lambda: window in desktop.managed(), 10, "openbox to manage the player")
        desktop.wmctrl("-i", "-a", str(window))
        qtbot.waitUntil(lambda: detector.active_window == window)
        with qtbot.waitSignal(detector.changed) as blocker:
            subprocess.run(["xdotool", "key", "F11"], env=env, check=True, timeout=10)
        assert blocker.args == [True]
        with qtbot.waitSignal(detector.changed) as blocker:
            subprocess.run(["xdotool", "key", "F11"], env=env, check=True, timeout=10)
        assert blocker.args == [False]

        # Cost: typing and moving the mouse in the watched window barely wakes us, even
        # keys a person's pace apart (each one rewrites the window's _NET_WM_USER_TIME).
        before = detector.wakeups
        subprocess.run(["xdotool", "type", "--delay", "10", "the quick brown fox " * 4],
                       env=env, check=True, timeout=30)
        for stamp in range(20):  # what a focused app does at every key press
            subprocess.run(["xprop", "-id", str(window), "-f", "_NET_WM_USER_TIME", "32c",
                            "-set", "_NET_WM_USER_TIME", str(1000 + stamp)],
                           env=env, check=True, timeout=10)
            qtbot.wait(20)  # the loop runs between keys, as it does for a person
        subprocess.run(["xdotool", "mousemove", "50", "50", "sleep", "0.05", "mousemove", "150",
                        "120"], env=env, check=True, timeout=30)
        with qtbot.waitSignal(detector.changed) as blocker:  # a marker after the input
            subprocess.run(["xdotool", "key", "F11"], env=env, check=True, timeout=10)
        assert detector.wakeups - before <= 6  # 80 keys, the mouse: a handful of wakeups
        detector.stop()
    finally:
        player.kill()
        player.wait(timeout=10)


@pytest.mark.xvfb
def test_our_own_fullscreen_window_does_not_hold(qtbot: QtBot, desktop: Desktop) -> None:
    ours: set[int] = set()
    detector = X11Fullscreen(desktop.display, own_windows=ours)
    assert detector.start()
    break_window = desktop.open_window("Desk Break")
    ours.add(break_window.id)
    desktop.fullscreen(break_window, True)
    wait_for(lambda: desktop.is_fullscreen(break_window), 10, "our window to go fullscreen")
    detector.check_now()
    assert not detector.active()
    ours.discard(break_window.id)  # the set is read live
    detector.check_now()
    assert detector.active()
    detector.stop()


@pytest.mark.xvfb
def test_the_x_server_going_away_releases(qtbot: QtBot) -> None:
    require("Xvfb")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "640x480x24",
                               "-nolisten", "tcp", "-noreset"], pass_fds=(write_fd,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = f":{pipe.readline().strip()}"
    try:
        with openbox_desktop(display) as desk:
            detector = X11Fullscreen(display)
            assert detector.start()
            film = desk.open_window("film")
            with qtbot.waitSignal(detector.changed):
                desk.fullscreen(film, True)
            with qtbot.waitSignal(detector.changed) as blocker:
                server.kill()
            assert blocker.args == [False] and not detector.running
            assert detector.problem is not None and "X display" in detector.problem
    finally:
        server.kill()
        server.wait(timeout=10)


@pytest.mark.xvfb
def test_no_window_manager_means_not_available(qtbot: QtBot, bare_display: str) -> None:
    assert not X11Fullscreen(bare_display).start()


def test_no_x_server_means_not_available(qtbot: QtBot) -> None:
    assert not X11Fullscreen(":9876").start()


# ---- Windows: SHQueryUserNotificationState, injected --------------------------------


class FakeShell:
    def __init__(self, state: int = 5) -> None:
        self.state = state  # QUNS_ACCEPTS_NOTIFICATIONS
        self.calls = 0
        self.fails = False

    def __call__(self) -> int:
        self.calls += 1
        if self.fails:
            raise OSError("SHQueryUserNotificationState failed: 0x80004005")
        return self.state


@pytest.mark.parametrize("state", [QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN,
                                   QUNS_PRESENTATION_MODE])
def test_windows_busy_states_hold(qtbot: QtBot, state: int) -> None:
    shell = FakeShell()
    detector = WindowsFullscreen(shell)
    assert detector.start() and not detector.active()
    shell.state = state
    with qtbot.waitSignal(detector.changed) as blocker:
        detector.check_now()
    assert blocker.args == [True]
    detector.stop()


@pytest.mark.parametrize("state", [1, 5, 6, 7])  # not present, accepts, quiet time, app
def test_windows_other_states_do_not_hold(qtbot: QtBot, state: int) -> None:
    detector = WindowsFullscreen(FakeShell(state))
    assert detector.start()
    detector.check_now()
    assert not detector.active() and not detector.rechecking
    detector.stop()


def test_windows_while_held_rechecks_until_the_end(qtbot: QtBot) -> None:
    shell = FakeShell(QUNS_PRESENTATION_MODE)
    detector = WindowsFullscreen(shell, recheck_ms=20)
    assert detector.start() and detector.active() and detector.rechecking
    shell.state = 5
    with qtbot.waitSignal(detector.changed) as blocker:
        pass  # no check_now: the slow timer sees the presentation end
    assert blocker.args == [False] and not detector.rechecking
    calls = shell.calls
    detector.stop()
    assert shell.calls == calls


def test_windows_failing_call(qtbot: QtBot) -> None:
    shell = FakeShell()
    shell.fails = True
    assert not WindowsFullscreen(shell).start()
    shell.fails = False
    detector = WindowsFullscreen(shell)
    assert detector.start()
    shell.state, shell.fails = QUNS_BUSY, True
    detector.check_now()
    assert not detector.active()  # an error holds nothing
    detector.stop()


def test_not_on_windows_means_not_available(qtbot: QtBot) -> None:
    assert not WindowsFullscreen().start()


# ---- Wayland, KDE: Inhibited ------------------------------------------------------


def test_kde_inhibited_holds_as_fullscreen(qtbot: QtBot) -> None:
    with private_bus() as bus, FakeService(bus, notifications_spec()) as plasma:
        detector = KdeFullscreen(bus)
        assert detector.start()
        assert detector.reason == "fullscreen"
        qtbot.waitUntil(lambda: len(plasma.calls()) == 1)
        with qtbot.waitSignal(detector.changed) as blocker:
            set_inhibited(plasma, True)
        assert blocker.args == [True]
        with qtbot.waitSignal(detector.changed) as blocker:
            set_inhibited(plasma, False)
        assert blocker.args == [False]
        detector.stop()
    with private_bus() as empty:
        assert not KdeFullscreen(empty).start()
