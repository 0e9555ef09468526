"""ext-idle-notify-v1 at the protocol level: our backend (real libwayland-client through
pywayland) against a small compositor written here that speaks the Wayland wire
protocol for wl_display, wl_registry, wl_seat and ext_idle_notifier_v1 (version 2).

No compositor in Debian 12 speaks ext-idle-notify headless (sway 1.7 / wlroots 0.15,
weston 10 and mutter 43 predate it), so this stands in for KWin and wlroots.
"""

from __future__ import annotations

import os
import selectors
import socket
import struct
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_break.platform.idle.ext_idle_notify import ExtIdleNotifyMonitor

SEAT_NAME, NOTIFIER_NAME = 1, 2


def pad(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


def wl_string(text: str) -> bytes:
    raw = text.encode() + b"\0"
    return struct.pack("<I", len(raw)) + pad(raw)


@dataclass
class Notification:
    object_id: int
    timeout: float
    honours_inhibitors: bool
    idled: bool = False


@dataclass
class Client:
    conn: socket.socket
    buffer: bytes = b""
    objects: dict[int, str] = field(default_factory=lambda: {1: "wl_display"})
    notifications: dict[int, Notification] = field(default_factory=dict)


class FakeCompositor:
    """Idle rules as the protocol states them, with `input()` standing for the person."""

    def __init__(self, notifier_version: int = 2) -> None:
        self.runtime = Path(tempfile.mkdtemp(prefix="dbwl-"))
        self.name = "wayland-fake"
        self.path = self.runtime / self.name
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(str(self.path))
        self.listener.listen()
        self.notifier_version = notifier_version
        self.clients: list[Client] = []
        self.last_input = time.monotonic()
        self.inhibited = False
        self.requests: list[str] = []
        self.lock = threading.Lock()
        self.wake_r, self.wake_w = os.pipe()
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    # ---- the person and the player --------------------------------------------

    def input(self) -> None:
        with self.lock:
            self.last_input = time.monotonic()
            for client in self.clients:
                for note in client.notifications.values():
                    if note.idled:
                        note.idled = False
                        self.send(client, note.object_id, 1)  # resumed
        os.write(self.wake_w, b"x")

    def set_inhibited(self, inhibited: bool) -> None:
        with self.lock:
            self.inhibited = inhibited
            self.last_input = time.monotonic()  # the timers start over, as KWin's do
        os.write(self.wake_w, b"x")

    # ---- the wire --------------------------------------------------------------

    def send(self, client: Client, object_id: int, opcode: int, args: bytes = b"") -> None:
        header = struct.pack("<II", object_id, ((8 + len(args)) << 16) | opcode)
        client.conn.sendall(header + args)

    def serve(self) -> None:
        sel = selectors.DefaultSelector()
        sel.register(self.listener, selectors.EVENT_READ)
        sel.register(self.wake_r, selectors.EVENT_READ)
        while self.running:
            for key, _ in sel.select(timeout=self.next_deadline()):
                if key.fileobj is self.listener:
                    conn, _ = self.listener.accept()
                    client = Client(conn)
                    with self.lock:
                        self.clients.append(client)
                    sel.register(conn, selectors.EVENT_READ, client)
                elif key.fileobj == self.wake_r:
                    os.read(self.wake_r, 64)
                else:
                    client = key.data
                    data = client.conn.recv(65536)
                    if not data:
                        sel.unregister(client.conn)
                        with self.lock:
                            self.clients.remove(client)
                        continue
                    client.buffer += data
                    with self.lock:
                        self.handle(client)
            with self.lock:
                self.fire_due()

    def next_deadline(self) -> float:
        with self.lock:
            waits = [self.last_input + n.timeout - time.monotonic()
                     for c in self.clients for n in c.notifications.values()
                     if not n.idled and not (n.honours_inhibitors and self.inhibited)]
        return max(0.0, min(waits)) if waits else 0.2

    def fire_due(self) -> None:
        now = time.monotonic()
        for client in self.clients:
            for note in client.notifications.values():
                if note.idled or (note.honours_inhibitors and self.inhibited):
                    continue
                if now - self.last_input >= note.timeout:
                    note.idled = True
                    self.send(client, note.object_id, 0)  # idled

    def handle(self, client: Client) -> None:
        while len(client.buffer) >= 8:
            object_id, word = struct.unpack_from("<II", client.buffer)
            size, opcode = word >> 16, word & 0xFFFF
            if len(client.buffer) < size:
                return
            args, client.buffer = client.buffer[8:size], client.buffer[size:]
            self.request(client, client.objects.get(object_id, "?"), object_id, opcode, args)

    def request(self, client: Client, kind: str, object_id: int, opcode: int,
                args: bytes) -> None:
        self.requests.append(f"{kind}.{opcode}")
        if kind == "wl_display" and opcode == 0:  # sync(new_id callback)
            (callback,) = struct.unpack_from("<I", args)
            self.send(client, callback, 0, struct.pack("<I", 1))  # wl_callback.done
            self.send(client, 1, 1, struct.pack("<I", callback))  # wl_display.delete_id
        elif kind == "wl_display" and opcode == 1:  # get_registry(new_id)
            (registry,) = struct.unpack_from("<I", args)
            client.objects[registry] = "wl_registry"
            for name, interface, version in ((SEAT_NAME, "wl_seat", 1),
                                             (NOTIFIER_NAME, "ext_idle_notifier_v1",
                                              self.notifier_version)):
                self.send(client, registry, 0, struct.pack("<I", name) + wl_string(interface)
                          + struct.pack("<I", version))
        elif kind == "wl_registry" and opcode == 0:  # bind(u name, s iface, u version, n id)
            (length,) = struct.unpack_from("<I", args, 4)
            interface = args[8:8 + length - 1].decode()
            offset = 8 + len(pad(b"x" * length))
            _version, new_id = struct.unpack_from("<II", args, offset)
            client.objects[new_id] = interface
            if interface == "wl_seat":
                self.send(client, new_id, 0, struct.pack("<I", 3))  # capabilities
        elif kind == "ext_idle_notifier_v1" and opcode in (1, 2):
            new_id, timeout_ms, _seat = struct.unpack_from("<III", args)
            client.objects[new_id] = "ext_idle_notification_v1"
            client.notifications[new_id] = Notification(new_id, timeout_ms / 1000.0,
                                                         honours_inhibitors=opcode == 1)
        elif kind == "ext_idle_notification_v1" and opcode == 0:  # destroy
            client.notifications.pop(object_id, None)
            self.send(client, 1, 1, struct.pack("<I", object_id))  # delete_id

    def close(self) -> None:
        self.running = False
        os.write(self.wake_w, b"x")
        self.thread.join(timeout=5)
        for client in self.clients:
            client.conn.close()
        self.listener.close()
        self.path.unlink(missing_ok=True)
        self.runtime.rmdir()


@pytest.fixture
def compositor(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeCompositor]:
    fake = FakeCompositor()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(fake.runtime))
    yield fake
    fake.close()


def test_thresholds_fire_and_input_brings_the_person_back(
    qtbot: QtBot, compositor: FakeCompositor
) -> None:
    monitor = ExtIdleNotifyMonitor(compositor.name)
    assert monitor.start()
    assert monitor.notifier_version == 2
    reached: list[float] = []
    monitor.idle_reached.connect(reached.append)
    compositor.input()
    with qtbot.waitSignal(monitor.idle_reached, timeout=5000):
        monitor.set_thresholds([0.3, 3600])
    assert reached == [0.3]
    idle = monitor.idle_seconds()
    assert idle is not None and idle >= 0.3
    with qtbot.waitSignal(monitor.became_active, timeout=5000) as back:
        compositor.input()
    assert back.args is not None and back.args[0] >= 0.3
    assert monitor.idle_seconds() is None  # the protocol cannot say between thresholds
    with qtbot.waitSignal(monitor.idle_reached, timeout=5000):
        pass  # the notification fires again after the next stretch
    monitor.stop()


def test_inhibitors_count_as_presence_picks_the_v1_request(
    qtbot: QtBot, compositor: FakeCompositor
) -> None:
    honours = ExtIdleNotifyMonitor(compositor.name, inhibitors_count_as_presence=True)
    ignores = ExtIdleNotifyMonitor(compositor.name, inhibitors_count_as_presence=False)
    assert honours.start() and ignores.start()
    compositor.set_inhibited(True)  # a video is playing
    with qtbot.waitSignal(ignores.idle_reached, timeout=5000):
        honours.set_thresholds([0.3])
        ignores.set_thresholds([0.3])
    with qtbot.assertNotEmitted(honours.idle_reached, wait=500):
        pass
    assert "ext_idle_notifier_v1.1" in compositor.requests
    assert "ext_idle_notifier_v1.2" in compositor.requests
    honours.stop()
    ignores.stop()


def test_a_compositor_without_the_protocol_is_not_available(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert ExtIdleNotifyMonitor("wayland-nothing-here").start() is False
    assert ExtIdleNotifyMonitor(None).start() is False
