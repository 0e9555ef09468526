"""A small real desktop for the idle benchmark: Xvfb, a session bus, openbox, trayer,
and a window to type into; plus the person at the keyboard (xdotool).

openbox is there because a real desktop has a window manager: the full-screen
detector watches `_NET_ACTIVE_WINDOW`, which only a window manager keeps.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.xdisplay import trayer, wait_for, xvfb

TYPING_TARGET = Path(__file__).resolve().parent.parent / "typing_target.py"
TOOLS = ("Xvfb", "xwininfo", "xprop", "trayer", "openbox", "dbus-daemon", "xdotool")


@dataclass(frozen=True)
class Desktop:
    display: str
    bus_address: str
    typed_file: Path  # what the typing target received
    target_window: str  # its X window id (xdotool's decimal)
    env: dict[str, str]  # DISPLAY, the bus, HOME: what every client here gets


def missing_tools() -> list[str]:
    return [t for t in TOOLS if shutil.which(t) is None]


@contextmanager
def _process(argv: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextmanager
def session_bus(env: dict[str, str]) -> Iterator[str]:
    """A private dbus-daemon (session configuration); yields its address."""
    folder = tempfile.mkdtemp(prefix="dbbench-")  # short: socket paths cap at 108 bytes
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1",
         f"--address=unix:dir={folder}"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    assert proc.stdout is not None
    address = proc.stdout.readline().strip()
    try:
        if not address:
            raise RuntimeError("dbus-daemon did not start")
        yield address
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _xdotool(env: dict[str, str], *args: str) -> str:
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                          timeout=10, check=False).stdout.strip()


def _has_window_manager(env: dict[str, str]) -> bool:
    out = subprocess.run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=env,
                         capture_output=True, text=True, check=False).stdout
    return "window id" in out


@contextmanager
def desktop(home: Path) -> Iterator[Desktop]:
    """Everything up and ready; torn down in reverse order."""
    with ExitStack() as stack:
        display = stack.enter_context(xvfb())
        env = {**os.environ, "DISPLAY": display, "HOME": str(home)}
        env.pop("WAYLAND_DISPLAY", None)
        env["DBUS_SESSION_BUS_ADDRESS"] = stack.enter_context(session_bus(env))
        stack.enter_context(_process(["openbox", "--sm-disable"], env))
        wait_for(lambda: _has_window_manager(env), 10, "openbox to manage the screen")
        stack.enter_context(trayer(display))
        typed = home / "typed.txt"
        stack.enter_context(_process([sys.executable, str(TYPING_TARGET), str(typed)],
                                     {**env, "QT_QPA_PLATFORM": "xcb"}))
        window = wait_for(lambda: _xdotool(env, "search", "--onlyvisible", "--name",
                                              "^typing-target$"), 20,
                          "the typing target's window")
        yield Desktop(display, env["DBUS_SESSION_BUS_ADDRESS"], typed,
                      window.split()[0], env)


class Person(threading.Thread):
    """Someone working in another window: the pointer moves once a second and a few
    keys are typed every few seconds (through XTest, as real input, so the X server's
    idle counter resets as it does for a person)."""

    # Inside the typing target (20..520 x 500..700): a pointer that crosses from one
    # window to another sends Enter/Leave to the root window, which every Qt app
    # selects, so crossing each second would wake the floor as much as Desk Break.
    POINTS = ((120, 560), (300, 620), (450, 540), (220, 660))

    def __init__(self, desk: Desktop, type_every: int = 5, keys: str = "desk ") -> None:
        super().__init__(name="person", daemon=True)
        self._desk = desk
        self._type_every = type_every
        self._keys = keys
        self._stopping = threading.Event()
        self.moves = 0
        self.keys_typed = 0

    def focus_target(self) -> None:
        _xdotool(self._desk.env, "windowactivate", self._desk.target_window)

    def run(self) -> None:
        tick = 0
        while not self._stopping.wait(1.0):
            x, y = self.POINTS[tick % len(self.POINTS)]
            _xdotool(self._desk.env, "mousemove", str(x), str(y))
            self.moves += 1
            tick += 1
            if tick % self._type_every == 0:
                _xdotool(self._desk.env, "type", "--delay", "60", self._keys)
                self.keys_typed += len(self._keys)

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=15)
