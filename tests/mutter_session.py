"""Real GNOME compositor for tests: Debian's mutter, headless, on a private session bus.

    with mutter_session() as gnome:
        gnome.bus_address        # the private session bus (Mutter's D-Bus APIs are on it)
        gnome.client_env()       # env for an app as a Wayland client of this mutter
        with RemoteInput(gnome.bus_address) as person:
            person.move()        # real input through org.gnome.Mutter.RemoteDesktop
        screenshot(gnome, path)  # the screen, through org.gnome.Mutter.ScreenCast

Mutter resets its idle time on that input exactly as on a person's; the remote
desktop session lives as long as the D-Bus connection that created it, so the
helper keeps one QtDBus connection open for it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage

from desk_break.platform.hold.dbus_watch import slot
from tests.xdisplay import wait_for

IDLE_MONITOR = ("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
                "org.gnome.Mutter.IdleMonitor")
REMOTE_DESKTOP = ("org.gnome.Mutter.RemoteDesktop", "/org/gnome/Mutter/RemoteDesktop",
                  "org.gnome.Mutter.RemoteDesktop")
REMOTE_SESSION_IFACE = "org.gnome.Mutter.RemoteDesktop.Session"


@dataclass
class MutterSession:
    bus_address: str
    runtime_dir: Path
    wayland_display: str
    process: subprocess.Popen[bytes]

    def client_env(self) -> dict[str, str]:
        """The environment of an app running as a Wayland client of this mutter."""
        env = dict(os.environ)
        env.pop("DISPLAY", None)
        env.update({
            "DBUS_SESSION_BUS_ADDRESS": self.bus_address,
            "XDG_RUNTIME_DIR": str(self.runtime_dir),
            "WAYLAND_DISPLAY": self.wayland_display,
            "XDG_SESSION_TYPE": "wayland",
            "XDG_CURRENT_DESKTOP": "GNOME",
            "QT_QPA_PLATFORM": "wayland",
        })
        return env


def _idle_monitor_answers(address: str) -> bool:
    result = subprocess.run(
        ["gdbus", "call", "--address", address, "--dest", IDLE_MONITOR[0],
         "--object-path", IDLE_MONITOR[1], "--method", f"{IDLE_MONITOR[2]}.GetIdletime"],
        capture_output=True, timeout=10, check=False)
    return result.returncode == 0


@contextmanager
def mutter_session(width: int = 1280, height: int = 800) -> Iterator[MutterSession]:
    """Start dbus-daemon and headless mutter; stop both afterwards."""
    missing = [t for t in ("mutter", "dbus-daemon", "gdbus") if shutil.which(t) is None]
    if missing:
        pytest.fail(f"missing for the GNOME tests: {', '.join(missing)} "
                    "(run: bash packaging/setup.sh test)")
    runtime = Path(tempfile.mkdtemp(prefix="dbmt-"))
    runtime.chmod(0o700)
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert bus.stdout is not None
    address = bus.stdout.readline().decode().strip()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update({"DBUS_SESSION_BUS_ADDRESS": address, "XDG_RUNTIME_DIR": str(runtime)})
    mutter = subprocess.Popen(
        ["mutter", "--wayland", "--headless", "--no-x11", "--virtual-monitor",
         f"{width}x{height}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: mutter.poll() is not None or _idle_monitor_answers(address), 30,
                 "mutter's IdleMonitor on the session bus", interval=0.2)
        assert mutter.poll() is None, "mutter exited at start"
        sockets = sorted(p.name for p in runtime.glob("wayland-*") if not p.name.endswith(
            ".lock"))
        yield MutterSession(address, runtime, sockets[0] if sockets else "wayland-0", mutter)
    finally:
        for proc in (mutter, bus):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(runtime, ignore_errors=True)


class RemoteInput:
    """A person at this mutter: pointer motion through org.gnome.Mutter.RemoteDesktop."""

    _count = 0

    def __init__(self, bus_address: str) -> None:
        RemoteInput._count += 1
        self.name = f"remote-input-{RemoteInput._count}"
        self.bus = QDBusConnection.connectToBus(bus_address, self.name)
        self.session_path = ""

    def __enter__(self) -> RemoteInput:
        assert self.bus.isConnected(), self.bus.lastError().message()
        reply = self._call(*REMOTE_DESKTOP, "CreateSession")
        self.session_path = str(reply.arguments()[0].path())
        self._call(REMOTE_DESKTOP[0], self.session_path, REMOTE_SESSION_IFACE, "Start")
        return self

    def move(self, dx: float = 5.0, dy: float = 3.0) -> None:
        self._call(REMOTE_DESKTOP[0], self.session_path, REMOTE_SESSION_IFACE,
                   "NotifyPointerMotionRelative", dx, dy)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.session_path:
            self._call(REMOTE_DESKTOP[0], self.session_path, REMOTE_SESSION_IFACE, "Stop",
                       check=False)
        # Drop our handle before closing: a QDBusConnection wrapper that outlives
        # disconnectFromBus corrupts memory when it is collected (PySide 6.11).
        del self.bus
        QDBusConnection.disconnectFromBus(self.name)

    def _call(self, service: str, path: str, interface: str, method: str, *args: object,
              check: bool = True) -> QDBusMessage:
        message = QDBusMessage.createMethodCall(service, path, interface, method)
        message.setArguments(list(args))
        reply = self.bus.call(message)
        if check:
            assert reply.type() == QDBusMessage.MessageType.ReplyMessage, reply.errorMessage()
        return reply


SCREEN_CAST = ("org.gnome.Mutter.ScreenCast", "/org/gnome/Mutter/ScreenCast",
               "org.gnome.Mutter.ScreenCast")
SCREEN_CAST_SESSION = "org.gnome.Mutter.ScreenCast.Session"
SCREEN_CAST_STREAM = "org.gnome.Mutter.ScreenCast.Stream"


class _ScreenCast(QObject):
    """One org.gnome.Mutter.ScreenCast session recording the primary monitor; lives as
    long as its own D-Bus connection (like RemoteInput's session)."""

    def __init__(self, bus_address: str, name: str) -> None:
        super().__init__()
        self.name = name
        self.bus = QDBusConnection.connectToBus(bus_address, name)
        self.session_path = ""
        self.node: int | None = None

    def __enter__(self) -> _ScreenCast:
        assert self.bus.isConnected(), self.bus.lastError().message()
        reply = self._call(SCREEN_CAST[1], SCREEN_CAST[2], "CreateSession", {})
        self.session_path = str(reply.arguments()[0].path())
        reply = self._call(self.session_path, SCREEN_CAST_SESSION, "RecordMonitor", "", {})
        stream = str(reply.arguments()[0].path())  # "": the primary monitor
        assert self.bus.connect(SCREEN_CAST[0], stream, SCREEN_CAST_STREAM,
                                "PipeWireStreamAdded", self, slot("_added(QDBusMessage)"))
        self._call(self.session_path, SCREEN_CAST_SESSION, "Start")
        return self

    def wait_for_node(self) -> int:
        def node() -> int | None:
            QCoreApplication.processEvents()
            return self.node

        found: int = wait_for(node, 10, "mutter's screen-cast stream")
        return found

    @Slot(QDBusMessage)
    def _added(self, message: QDBusMessage) -> None:
        self.node = int(message.arguments()[0])

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.session_path:
            self._call(self.session_path, SCREEN_CAST_SESSION, "Stop", check=False)
        del self.bus  # as in RemoteInput.__exit__
        QDBusConnection.disconnectFromBus(self.name)

    def _call(self, path: str, interface: str, method: str, *args: object,
              check: bool = True) -> QDBusMessage:
        message = QDBusMessage.createMethodCall(SCREEN_CAST[0], path, interface, method)
        message.setArguments(list(args))
        reply = self.bus.call(message)
        if check:
            assert reply.type() == QDBusMessage.MessageType.ReplyMessage, (
                method, reply.errorMessage())
        return reply


@contextmanager
def _running(*commands: list[str], env: dict[str, str]) -> Iterator[None]:
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for command in commands:
            procs.append(subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
        yield
    finally:
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _pipewire_ready(env: dict[str, str]) -> bool:
    """PipeWire answers and WirePlumber (which links our capture to Mutter's stream)
    has joined it."""
    dump = subprocess.run(["pw-dump"], env=env, capture_output=True, text=True, timeout=10,
                          check=False)
    return dump.returncode == 0 and '"application.name": "WirePlumber"' in dump.stdout


def screenshot(session: MutterSession, path: Path) -> Path:
    """One frame of mutter's monitor, as a person sees it, into `path` (a PNG).

    Bare mutter has no screenshot API (org.gnome.Shell.Screenshot is gnome-shell's),
    but it has org.gnome.Mutter.ScreenCast: record the monitor into a PipeWire
    stream (a private pipewire and wireplumber on the session's runtime dir) and
    take its first buffer with GStreamer's pipewiresrc.
    """
    missing = [t for t in ("pipewire", "wireplumber", "pw-dump", "gst-launch-1.0")
               if shutil.which(t) is None]
    if missing:
        pytest.fail(f"missing for GNOME screenshots: {', '.join(missing)} "
                    "(run: bash packaging/setup.sh test)")
    env = session.client_env()
    with _running(["pipewire"], ["wireplumber"], env=env):
        wait_for(lambda: _pipewire_ready(env), 20, "pipewire and wireplumber", interval=0.2)
        with _ScreenCast(session.bus_address, f"screen-cast-{path.stem}") as cast:
            node = cast.wait_for_node()
            path.parent.mkdir(parents=True, exist_ok=True)
            path.unlink(missing_ok=True)
            subprocess.run(["gst-launch-1.0", "-q", "pipewiresrc", f"path={node}",
                            "num-buffers=1", "!", "videoconvert", "!", "pngenc", "!",
                            "filesink", f"location={path}"],
                           env=env, check=True, timeout=30, capture_output=True)
    return path
