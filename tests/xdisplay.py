"""Real X display helpers for the tests that matter to a person.

Xvfb picks its own free display number (-displayfd), trayer is a real XEmbed
system tray, and `AppProcess` runs the real `desk-break` in its own process,
talking to it only the way a person's shell would: the CLI.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


def require(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.fail(
            f"missing tools for real-display tests: {', '.join(missing)} "
            "(run: bash packaging/setup.sh test)"
        )


def wait_for(
    predicate: Callable[[], Any], timeout: float, what: str, interval: float = 0.05
) -> Any:
    """Poll an external process's state (the CLI, xwininfo) until true; fail with `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


@contextmanager
def xvfb(width: int = 1280, height: int = 800) -> Iterator[str]:
    require("Xvfb", "xwininfo")
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", f"{width}x{height}x24",
         "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.kill()
        raise RuntimeError("Xvfb did not start")
    display = f":{number}"
    try:
        yield display
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def window_tree(display: str) -> str:
    return subprocess.run(
        ["xwininfo", "-root", "-tree"], env={**os.environ, "DISPLAY": display},
        capture_output=True, text=True, check=False,
    ).stdout


@contextmanager
def trayer(display: str) -> Iterator[subprocess.Popen[bytes]]:
    require("trayer")
    proc = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
         "--height", "32", "--transparent", "false", "--tint", "0x404040"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: '"panel": ("panel" "trayer")' in window_tree(display), 10,
                 "trayer's panel to appear")
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def docked_windows(display: str) -> list[str]:
    """Lines of the window tree that sit inside trayer's panel (the docked icons)."""
    lines = window_tree(display).splitlines()
    out: list[str] = []
    inside, indent = False, 0
    for line in lines:
        depth = len(line) - len(line.lstrip())
        if '"panel": ("panel" "trayer")' in line:
            inside, indent = True, depth
            continue
        if inside:
            if depth <= indent and line.strip():
                inside = False
            elif re.search(r'"[^"]+": \("', line):
                out.append(line.strip())
    return out


def screenshot(display: str, name: str) -> Path:
    require("import")
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    subprocess.run(["import", "-window", "root", str(path)],
                   env={**os.environ, "DISPLAY": display}, check=True, timeout=30)
    return path


class AppProcess:
    """The real app in its own process, on `display`, with the test's XDG dirs."""

    def __init__(self, display: str | None, extra_env: dict[str, str] | None = None) -> None:
        self.env = dict(os.environ)
        self.env.pop("QT_QPA_PLATFORM", None)
        if display is None:
            self.env["QT_QPA_PLATFORM"] = "offscreen"
            self.env.pop("DISPLAY", None)
        else:
            self.env["DISPLAY"] = display
            self.env["QT_QPA_PLATFORM"] = "xcb"
        self.env.pop("WAYLAND_DISPLAY", None)
        self.env.update(extra_env or {})
        self.proc: subprocess.Popen[bytes] | None = None

    @classmethod
    def wayland(cls, client_env: dict[str, str]) -> AppProcess:
        """The app as a Wayland client: `client_env` is the compositor's (e.g.
        tests/mutter_session.py MutterSession.client_env()), XDG folders included."""
        app = cls(None)
        app.env.update(client_env)
        app.env.pop("DISPLAY", None)
        return app

    def cli(self, *args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desk_break", *args], env=self.env,
            capture_output=True, text=True, timeout=timeout, check=False,
        )

    def start(self) -> AppProcess:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "desk_break", "--foreground"], env=self.env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self.wait_until_answering()
        return self

    def wait_until_answering(self, timeout: float = 20) -> dict[str, Any]:
        def answered() -> dict[str, Any] | None:
            if self.proc is not None and self.proc.poll() is not None:
                _out, err = self.proc.communicate()
                raise AssertionError(f"app exited with {self.proc.returncode}: {err.decode()}")
            result = self.cli("status", "--json", timeout=10)
            return dict(json.loads(result.stdout)) if result.returncode == 0 else None

        answer: dict[str, Any] = wait_for(answered, timeout, "the app to answer `status`")
        return answer

    def status(self) -> dict[str, Any]:
        result = self.cli("status", "--json")
        assert result.returncode == 0, result.stderr
        answer: dict[str, Any] = json.loads(result.stdout)
        return answer

    def kill9(self) -> None:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.cli("quit", timeout=10)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def stderr_text(self) -> str:
        if self.proc is None or self.proc.poll() is None:
            return ""
        return self.proc.stderr.read().decode() if self.proc.stderr else ""


def holds_for(
    predicate: Callable[[], Any], seconds: float, what: str, interval: float = 0.2
) -> None:
    """Poll for `seconds`, failing the moment `predicate` is false: "nothing pops up".
    The last look is at the deadline, never after it."""
    deadline = time.monotonic() + seconds
    while True:
        if not predicate():
            raise AssertionError(f"{what} stopped being true before {seconds} s had passed")
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(interval, left))


def xdotool(display: str, *args: str) -> str:
    """Input and window lookups as a person's desktop would see them."""
    require("xdotool")
    return subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True, check=True, timeout=30).stdout.strip()


def root_property(display: str, name: str) -> str:
    return subprocess.run(["xprop", "-root", name], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True, check=False).stdout


@contextmanager
def openbox(display: str) -> Iterator[subprocess.Popen[bytes]]:
    """A real EWMH window manager: it maintains _NET_ACTIVE_WINDOW and fullscreen state."""
    require("openbox", "xprop")
    proc = subprocess.Popen(
        ["openbox", "--sm-disable"], env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: "_NET_ACTIVE_WINDOW" in root_property(display, "_NET_SUPPORTED"), 15,
                 "openbox to announce _NET_ACTIVE_WINDOW")
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def viewable_windows(display: str, title_start: str) -> list[str]:
    """Ids of the windows whose title starts with `title_start` and that are on screen
    (the tree also lists windows that were created, or shown once, and are unmapped)."""
    env = {**os.environ, "DISPLAY": display}
    ids = re.findall(r"^\s*(0x[0-9a-f]+) \"" + re.escape(title_start), window_tree(display),
                     flags=re.MULTILINE)
    return [
        wid for wid in ids
        if "IsViewable" in subprocess.run(["xwininfo", "-id", wid], env=env,
                                          capture_output=True, text=True, check=False).stdout
    ]
