"""Real GNOME compositor for tests: Debian's mutter, headless, on a private session bus.

    with mutter_session() as gnome:
        gnome.bus_address        # the private session bus (Mutter's D-Bus APIs are on it)
        gnome.client_env()       # env for an app as a Wayland client of this mutter
        with RemoteInput(gnome.bus_address) as person:
            person.move()        # real input through org.gnome.Mutter.RemoteDesktop

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
from PySide6.QtDBus import QDBusConnection, QDBusMessage

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
