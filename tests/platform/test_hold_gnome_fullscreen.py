"""Full screen on GNOME Wayland: a full-screen video inhibits idle, and that holds.

Against the fake gnome-session of tests/platform/test_idle_inhibitors.py on a
private bus (the real names, signatures and signals).
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk_break.platform.hold import desktop_hold_detectors
from desk_break.platform.hold.gnome_fullscreen import GnomeIdleInhibitFullscreen
from desk_break.platform.idle.inhibitors import GNOME, GNOME_INHIBIT_IDLE
from tests.platform.test_idle_inhibitors import (  # noqa: F401 (fixtures)
    FakeDesktop,
    VideoPlayer,
    bus,
    desktop,
)


def test_a_full_screen_video_on_gnome_wayland_holds_and_stopping_it_releases(
    qtbot: QtBot, bus: str, desktop: FakeDesktop  # noqa: F811
) -> None:
    env = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0",
           "XDG_CURRENT_DESKTOP": "GNOME", "DBUS_SESSION_BUS_ADDRESS": bus,
           "DBUS_SYSTEM_BUS_ADDRESS": bus}
    detectors = desktop_hold_detectors({"screen_locked": False, "desktop_dnd": False}, env)
    (hold,) = [d for d in detectors if d.reason == "fullscreen"]
    assert isinstance(hold, GnomeIdleInhibitFullscreen) and not hold.active()
    player = VideoPlayer(bus)
    with qtbot.waitSignal(hold.changed, timeout=5000) as on:
        (cookie,) = player.call(GNOME, "Inhibit", "susu", "org.gnome.Totem", 0,
                                "Playing full screen", GNOME_INHIBIT_IDLE)
    assert on.args == [True] and hold.active()
    with qtbot.waitSignal(hold.changed, timeout=5000) as off:
        player.call(GNOME, "Uninhibit", "u", cookie)
    assert off.args == [False] and not hold.active()
    hold.stop()


def test_without_gnome_session_manager_it_is_not_available(qtbot: QtBot, bus: str) -> None:  # noqa: F811
    assert GnomeIdleInhibitFullscreen(bus).start() is False
