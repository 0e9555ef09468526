"""desktop_hold_detectors picks, per desktop, the detectors that work there, and starts them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_break.platform.hold import HoldDetector, desktop_hold_detectors, session_type
from desk_break.platform.hold.desktop_dnd import GnomeDnd, NotificationsDnd, XfceDnd
from desk_break.platform.hold.fullscreen import KdeFullscreen, X11Fullscreen
from desk_break.platform.hold.screen_lock import ScreenLockDetector
from tests.fake_dbus_services import FakeService, private_bus
from tests.platform.test_hold_fullscreen import openbox_desktop
from tests.platform.test_hold_services import (
    logind_spec,
    notifications_spec,
    set_inhibited,
    xfconf_spec,
)
from tests.xdisplay import xvfb

ALL_ON = {"fullscreen": True, "screen_locked": True, "desktop_dnd": True}


@pytest.fixture
def buses(xdg_dirs: dict[str, Path]) -> Iterator[tuple[str, str]]:
    """(session, system): two private buses."""
    with private_bus(env=os.environ) as session, private_bus() as system:
        yield session, system


def stop_all(detectors: list[HoldDetector]) -> None:
    for detector in detectors:
        detector.stop()


def test_session_type() -> None:
    assert session_type({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}) == "x11"
    assert session_type({"XDG_SESSION_TYPE": "tty", "DISPLAY": ":0"}) == "x11"  # startx
    assert session_type({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}) == "wayland"
    assert session_type({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":1"}) == "wayland"
    assert session_type({"XDG_SESSION_TYPE": "x11"}) is None  # no display to talk to
    assert session_type({}) is None


@pytest.mark.xvfb
def test_x11_xfce_gets_all_three(qtbot: QtBot, buses: tuple[str, str]) -> None:
    session, system = buses
    with xvfb(640, 480) as display, openbox_desktop(display), \
            FakeService(system, logind_spec()), \
            FakeService(session, xfconf_spec("xfce4-notifyd", "/do-not-disturb", None)):
        env = {"DISPLAY": display, "XDG_SESSION_TYPE": "x11",
               "XDG_CURRENT_DESKTOP": "XFCE", "DBUS_SESSION_BUS_ADDRESS": session,
               "DBUS_SYSTEM_BUS_ADDRESS": system}
        detectors = desktop_hold_detectors(ALL_ON, env)
        assert [d.reason for d in detectors] == ["fullscreen", "screen_locked", "desktop_dnd"]
        assert [type(d) for d in detectors] == [X11Fullscreen, ScreenLockDetector, XfceDnd]
        stop_all(detectors)


def test_kde_wayland_reads_inhibited_for_fullscreen_and_dnd(
        qtbot: QtBot, buses: tuple[str, str]) -> None:
    session, system = buses
    with FakeService(session, notifications_spec()) as plasma:
        env = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0",  # Xwayland: not looked at
               "XDG_SESSION_TYPE": "wayland", "XDG_CURRENT_DESKTOP": "KDE",
               "DBUS_SESSION_BUS_ADDRESS": session, "DBUS_SYSTEM_BUS_ADDRESS": system}
        detectors = desktop_hold_detectors(ALL_ON, env)
        assert [type(d) for d in detectors] == [KdeFullscreen, NotificationsDnd]
        fullscreen, dnd = detectors
        qtbot.waitUntil(lambda: len(plasma.calls()) == 2)  # each read once
        with qtbot.waitSignals([fullscreen.changed, dnd.changed]):
            set_inhibited(plasma, True)
        assert fullscreen.active() and dnd.active()
        stop_all(detectors)


def test_gnome_gets_gsettings_for_dnd(qtbot: QtBot, buses: tuple[str, str]) -> None:
    session, system = buses
    env = {**os.environ, "XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0",
           "XDG_CURRENT_DESKTOP": "ubuntu:GNOME", "DBUS_SESSION_BUS_ADDRESS": session,
           "DBUS_SYSTEM_BUS_ADDRESS": system}
    detectors = desktop_hold_detectors(ALL_ON, env)
    assert [type(d) for d in detectors] == [GnomeDnd]  # no logind, no screen saver here
    stop_all(detectors)


def test_settings_that_are_off_are_not_started(qtbot: QtBot, buses: tuple[str, str]) -> None:
    session, system = buses
    with FakeService(system, logind_spec()) as logind, \
            FakeService(session, notifications_spec()) as plasma:
        env = {"XDG_CURRENT_DESKTOP": "KDE", "WAYLAND_DISPLAY": "wayland-0",
               "DBUS_SESSION_BUS_ADDRESS": session, "DBUS_SYSTEM_BUS_ADDRESS": system}
        off = {"fullscreen": False, "screen_locked": False, "desktop_dnd": False}
        assert desktop_hold_detectors(off, env) == []
        only_lock = desktop_hold_detectors({**off, "screen_locked": True}, env)
        assert [d.reason for d in only_lock] == ["screen_locked"]
        stop_all(only_lock)
        assert plasma.calls() == []
        assert logind.calls()  # the one that is on looked its session up


def test_nothing_there_gives_no_detectors_and_no_warnings(
        qtbot: QtBot, buses: tuple[str, str], tmp_path: Path) -> None:
    session, system = buses
    env = {"DBUS_SESSION_BUS_ADDRESS": session, "DBUS_SYSTEM_BUS_ADDRESS": system,
           "PATH": str(tmp_path)}
    assert desktop_hold_detectors(ALL_ON, env) == []
    gone = {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/none",
            "DBUS_SYSTEM_BUS_ADDRESS": f"unix:path={tmp_path}/none2",
            "DISPLAY": ":9876", "XDG_CURRENT_DESKTOP": "GNOME"}
    assert desktop_hold_detectors(ALL_ON, gone) == []


def test_windows_tries_only_fullscreen(qtbot: QtBot, buses: tuple[str, str]) -> None:
    session, system = buses
    with FakeService(system, logind_spec()) as logind:
        env = {"DBUS_SESSION_BUS_ADDRESS": session, "DBUS_SYSTEM_BUS_ADDRESS": system}
        assert desktop_hold_detectors(ALL_ON, env, platform="win32") == []  # no shell32 here
        assert logind.calls() == []
