"""Idle inhibitors against fake GNOME, KDE and logind services on a private bus.

The fakes speak the real names, paths, signatures and signals; the "video player"
inhibits through GNOME's and KDE's real Inhibit methods. logind's Inhibit hands
back a file descriptor, so its list is set by the test directly.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from jeepney import (  # type: ignore[import-untyped]
    DBusAddress,
    MessageType,
    new_error,
    new_method_call,
    new_method_return,
    new_signal,
)
from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]
from pytestqt.qtbot import QtBot

from desk_break.platform.idle.inhibitors import (
    GNOME,
    GNOME_INHIBIT_IDLE,
    KDE,
    LOGIND,
    InhibitorWatch,
    logind_blocks_idle,
)
from tests.xdisplay import xvfb


class FakeDesktop:
    """gnome-session, powerdevil's PolicyAgent and logind, answering on one bus."""

    def __init__(self, address: str) -> None:
        self.conn = open_dbus_connection(bus=address)
        for name in (GNOME[0], KDE[0], LOGIND[0]):
            self.conn.send_and_get_reply(message_bus.RequestName(name))
        self.gnome: dict[int, int] = {}  # cookie -> flags
        self.kde: dict[int, tuple[str, str]] = {}
        self.logind: list[tuple[str, str, str, str, int, int]] = []
        self.cookies = iter(range(1, 10_000))
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def send(self, message: Any) -> None:
        with self.lock:
            self.conn.send(message)

    def serve(self) -> None:
        while self.running:
            try:
                msg = self.conn.receive(timeout=0.05)
            except TimeoutError:
                continue
            except OSError:
                return
            if msg.header.message_type == MessageType.method_call:
                self.handle(msg)

    def handle(self, msg: Any) -> None:
        fields = msg.header.fields
        path, member = fields.get(1), fields.get(3)  # HeaderFields.path, .member
        body = msg.body
        if path == GNOME[1] and member == "Inhibit":  # (s app_id, u xid, s reason, u flags)
            cookie = next(self.cookies)
            self.gnome[cookie] = int(body[3])
            self.send(new_method_return(msg, "u", (cookie,)))
            self.send(new_signal(DBusAddress(GNOME[1], interface=GNOME[2]), "InhibitorAdded",
                                 "o", (f"/org/gnome/SessionManager/Inhibitor{cookie}",)))
        elif path == GNOME[1] and member == "Uninhibit":
            self.gnome.pop(int(body[0]), None)
            self.send(new_method_return(msg))
            self.send(new_signal(DBusAddress(GNOME[1], interface=GNOME[2]), "InhibitorRemoved",
                                 "o", (f"/org/gnome/SessionManager/Inhibitor{body[0]}",)))
        elif path == GNOME[1] and member == "Get" and tuple(body) == (GNOME[2],
                                                                     "InhibitedActions"):
            flags = 0
            for value in self.gnome.values():
                flags |= value
            self.send(new_method_return(msg, "v", (("u", flags),)))
        elif path == KDE[1] and member == "AddInhibition":  # (u policies, s app, s reason)
            cookie = next(self.cookies)
            self.kde[cookie] = (str(body[1]), str(body[2]))
            self.send(new_method_return(msg, "u", (cookie,)))
            self.send(new_signal(DBusAddress(KDE[1], interface=KDE[2]), "InhibitionsChanged",
                                 "a(ss)as", ([self.kde[cookie]], [])))
        elif path == KDE[1] and member == "ReleaseInhibition":
            app = self.kde.pop(int(body[0]), ("", ""))[0]
            self.send(new_method_return(msg))
            self.send(new_signal(DBusAddress(KDE[1], interface=KDE[2]), "InhibitionsChanged",
                                 "a(ss)as", ([], [app])))
        elif path == KDE[1] and member == "ListInhibitions":
            self.send(new_method_return(msg, "a(ss)", (list(self.kde.values()),)))
        elif path == LOGIND[1] and member == "ListInhibitors":
            self.send(new_method_return(msg, "a(ssssuu)", (list(self.logind),)))
        else:
            self.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=5)
        self.conn.close()


class VideoPlayer:
    """An app that inhibits idleness the way players do, through the real methods."""

    def __init__(self, address: str) -> None:
        self.conn = open_dbus_connection(bus=address)

    def call(self, target: tuple[str, str, str], method: str, signature: str,
             *args: object) -> Any:
        msg = new_method_call(DBusAddress(target[1], target[0], target[2]), method,
                              signature, args)
        reply = self.conn.send_and_get_reply(msg, timeout=5)
        assert reply.header.message_type == MessageType.method_return, reply.body
        return reply.body


@pytest.fixture
def bus() -> Iterator[str]:
    proc = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    address = proc.stdout.readline().decode().strip()
    yield address
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def desktop(bus: str) -> Iterator[FakeDesktop]:
    fake = FakeDesktop(bus)
    yield fake
    fake.close()


def test_gnome_inhibit_idle_flag_is_followed_by_its_signals(
    qtbot: QtBot, bus: str, desktop: FakeDesktop
) -> None:
    watch = InhibitorWatch(session_bus=bus, system_bus=None)
    watch.start()
    qtbot.waitUntil(lambda: "gnome" in watch.sources, timeout=5000)
    assert watch.inhibited() is False
    player = VideoPlayer(bus)
    with qtbot.waitSignal(watch.changed, timeout=5000) as on:
        (cookie,) = player.call(GNOME, "Inhibit", "susu", "org.videolan.VLC", 0,
                                "Playing a video", GNOME_INHIBIT_IDLE)
    assert on.args == [True] and watch.inhibited()
    with qtbot.waitSignal(watch.changed, timeout=5000) as off:
        player.call(GNOME, "Uninhibit", "u", cookie)
    assert off.args == [False] and not watch.inhibited()
    watch.stop()


def test_gnome_suspend_only_inhibitor_is_not_idle(
    qtbot: QtBot, bus: str, desktop: FakeDesktop
) -> None:
    watch = InhibitorWatch(session_bus=bus, system_bus=None)
    watch.start()
    player = VideoPlayer(bus)
    player.call(GNOME, "Inhibit", "susu", "backup", 0, "Copying", 4)  # 4: suspend
    with qtbot.assertNotEmitted(watch.changed, wait=300):
        pass
    assert watch.inhibited() is False
    watch.stop()


def test_kde_inhibitions_follow_inhibitions_changed(
    qtbot: QtBot, bus: str, desktop: FakeDesktop
) -> None:
    watch = InhibitorWatch(session_bus=bus, system_bus=None)
    watch.start()
    qtbot.waitUntil(lambda: "kde" in watch.sources, timeout=5000)
    player = VideoPlayer(bus)
    with qtbot.waitSignal(watch.changed, timeout=5000) as on:
        (cookie,) = player.call(KDE, "AddInhibition", "uss", 4, "firefox", "Playing video")
    assert on.args == [True]
    with qtbot.waitSignal(watch.changed, timeout=5000) as off:
        player.call(KDE, "ReleaseInhibition", "u", cookie)
    assert off.args == [False]
    watch.stop()


def test_logind_idle_block_is_read_on_demand(
    qtbot: QtBot, bus: str, desktop: FakeDesktop
) -> None:
    watch = InhibitorWatch(session_bus=None, system_bus=bus)
    watch.start()
    qtbot.waitUntil(lambda: "logind" in watch.sources, timeout=5000)
    desktop.logind = [("sleep:idle", "mpv", "Playing", "block", 1000, 42)]
    with qtbot.waitSignal(watch.changed, timeout=5000):
        watch.inhibited()  # asks again; the answer comes as `changed`
    assert watch.inhibited() is True
    watch.stop()


def test_logind_rules() -> None:
    assert logind_blocks_idle([("idle", "mpv", "x", "block", 0, 1)])
    assert not logind_blocks_idle([("idle", "mpv", "x", "delay", 0, 1)])
    assert not logind_blocks_idle([("sleep:shutdown", "pk", "x", "block", 0, 1)])
    assert not logind_blocks_idle([("handle-lid-switch", "gdm", "x", "block", 0, 1)])


@pytest.mark.xvfb
def test_x11_screensaver_turned_off_counts_as_inhibited(qtbot: QtBot) -> None:
    with xvfb() as display:
        watch = InhibitorWatch(session_bus=None, system_bus=None, x11_display=display)
        watch.start()
        assert watch.inhibited() is False
        # A player turning the screen saver off, as `xset s off` does (timeout 0).
        from desk_break.platform.idle.x11 import XScreenSaverConnection

        player = XScreenSaverConnection(display)
        with qtbot.waitSignal(watch.changed, timeout=5000):
            assert player.set_timeout(0)
            assert watch.inhibited() is True
        with qtbot.waitSignal(watch.changed, timeout=5000):
            assert player.set_timeout(600)
            assert watch.inhibited() is False
        player.close()
        watch.stop()


def test_no_services_means_not_inhibited(qtbot: QtBot, bus: str) -> None:
    watch = InhibitorWatch(session_bus=bus, system_bus=bus)
    watch.start()
    assert watch.inhibited() is False
    watch.stop()
