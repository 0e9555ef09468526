"""The desktop's own do-not-disturb holds breaks: GNOME through the real gsettings on a
private dconf, XFCE's xfconf and the notification server's Inhibited on fake services
that speak the real interfaces."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_break.platform.hold.desktop_dnd import GnomeDnd, NotificationsDnd, XfceDnd, touches
from tests.fake_dbus_services import FakeService, private_bus
from tests.platform.test_hold_services import (
    notifications_spec,
    set_inhibited,
    xfconf_reset,
    xfconf_set,
    xfconf_spec,
)

# The real names, from GNOME's schema and xfce4-notifyd, not from the code under test.
GNOME_SCHEMA = "org.gnome.desktop.notifications"
GNOME_KEY = "show-banners"
XFCE_CHANNEL = "xfce4-notifyd"
XFCE_PROPERTY = "/do-not-disturb"


@pytest.fixture
def session_bus(xdg_dirs: dict[str, Path]) -> Iterator[str]:
    """A private session bus; dconf-service, when activated, uses the test's XDG dirs."""
    with private_bus(env=os.environ) as address:
        yield address


# ---- GNOME: real gsettings, real dconf ------------------------------------------------


def gsettings(address: str, *args: str) -> str:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "GSETTINGS_BACKEND": "dconf"}
    done = subprocess.run(["gsettings", *args], env=env, capture_output=True, text=True,
                          timeout=30, check=True)
    return done.stdout.strip()


@pytest.fixture
def gnome_env(session_bus: str) -> dict[str, str]:
    if shutil.which("gsettings") is None or shutil.which("dconf") is None:
        pytest.fail("gsettings/dconf missing (run: bash packaging/setup.sh test)")
    return {**os.environ, "DBUS_SESSION_BUS_ADDRESS": session_bus,
            "GSETTINGS_BACKEND": "dconf"}


def test_gnome_banners_off_holds_and_back_on_releases(
        qtbot: QtBot, session_bus: str, gnome_env: dict[str, str]) -> None:
    detector = GnomeDnd(gnome_env, session_bus)
    assert detector.start()
    qtbot.waitUntil(lambda: not detector.reading)
    assert not detector.active()  # the default: banners shown
    with qtbot.waitSignal(detector.changed) as blocker:
        gsettings(session_bus, "set", GNOME_SCHEMA, GNOME_KEY, "false")
    assert blocker.args == [True] and detector.active()
    with qtbot.waitSignal(detector.changed) as blocker:
        gsettings(session_bus, "reset", GNOME_SCHEMA, GNOME_KEY)
    assert blocker.args == [False] and not detector.active()
    detector.stop()


def test_gnome_dnd_already_on_at_start(
        qtbot: QtBot, session_bus: str, gnome_env: dict[str, str]) -> None:
    gsettings(session_bus, "set", GNOME_SCHEMA, GNOME_KEY, "false")
    detector = GnomeDnd(gnome_env, session_bus)
    with qtbot.waitSignal(detector.changed) as blocker:
        assert detector.start()
    assert blocker.args == [True]
    detector.stop()


def test_gnome_another_key_of_the_schema_does_not_hold(
        qtbot: QtBot, session_bus: str, gnome_env: dict[str, str]) -> None:
    detector = GnomeDnd(gnome_env, session_bus)
    assert detector.start()
    qtbot.waitUntil(lambda: not detector.reading)
    seen: list[bool] = []
    detector.changed.connect(seen.append)
    gsettings(session_bus, "set", GNOME_SCHEMA, "show-in-lock-screen", "false")
    gsettings(session_bus, "set", "org.gnome.desktop.interface", "clock-show-seconds", "true")
    with qtbot.waitSignal(detector.changed):  # a marker after them
        gsettings(session_bus, "set", GNOME_SCHEMA, GNOME_KEY, "false")
    assert seen == [True]
    detector.stop()


def test_gnome_stopped_mid_read_leaves_nothing_running(
        qtbot: QtBot, session_bus: str, gnome_env: dict[str, str]) -> None:
    detector = GnomeDnd(gnome_env, session_bus)
    assert detector.start() and detector.reading
    detector.stop()  # while `gsettings get` runs: killed and reaped, no Qt warning
    assert not detector.reading and not detector.active()
    seen: list[bool] = []
    detector.changed.connect(seen.append)
    gsettings(session_bus, "set", GNOME_SCHEMA, GNOME_KEY, "false")
    assert detector.start()  # and it starts again, reading the value as it is now
    qtbot.waitUntil(lambda: seen == [True])
    detector.stop()
    del detector
    gc.collect()


def test_gnome_without_the_schema_is_not_available(
        qtbot: QtBot, gnome_env: dict[str, str], tmp_path: Path) -> None:
    env = {**gnome_env, "XDG_DATA_DIRS": str(tmp_path / "nothing"),
           "XDG_DATA_HOME": str(tmp_path / "nothing")}
    assert not GnomeDnd(env).start()
    assert not GnomeDnd({**gnome_env, "PATH": str(tmp_path)}).start()  # no gsettings


def test_dconf_notify_paths() -> None:
    key = "/org/gnome/desktop/notifications/show-banners"
    assert touches(key, [""], key)
    assert touches("/org/gnome/desktop/notifications/", ["show-banners", "x"], key)
    assert touches("/org/gnome/", [""], key)  # a reset of a whole dir above the key
    assert not touches("/org/gnome/desktop/notifications/", ["show-in-lock-screen"], key)
    assert not touches("/org/gnome/desktop/notifications/show-banners-x", [""], key)


# ---- XFCE: xfconf ---------------------------------------------------------------------


def test_xfce_do_not_disturb_holds_and_releases(qtbot: QtBot, session_bus: str) -> None:
    with FakeService(session_bus, xfconf_spec(XFCE_CHANNEL, XFCE_PROPERTY, None)) as xfconf:
        detector = XfceDnd(session_bus)
        assert detector.start()
        qtbot.waitUntil(lambda: any(c["member"] == "GetProperty" for c in xfconf.calls()))
        assert not detector.active()  # never set: notifyd's default, off
        with qtbot.waitSignal(detector.changed) as blocker:
            xfconf_set(xfconf, XFCE_CHANNEL, XFCE_PROPERTY, True)
        assert blocker.args == [True]
        with qtbot.waitSignal(detector.changed) as blocker:
            xfconf_reset(xfconf, XFCE_CHANNEL, XFCE_PROPERTY)
        assert blocker.args == [False]
        detector.stop()


def test_xfce_other_properties_are_ignored(qtbot: QtBot, session_bus: str) -> None:
    with FakeService(session_bus, xfconf_spec(XFCE_CHANNEL, XFCE_PROPERTY, True)) as xfconf:
        detector = XfceDnd(session_bus)
        with qtbot.waitSignal(detector.changed):
            assert detector.start()
        seen: list[bool] = []
        detector.changed.connect(seen.append)
        xfconf_set(xfconf, XFCE_CHANNEL, "/do-fade-animation", False)
        xfconf_set(xfconf, "xfce4-panel", XFCE_PROPERTY, False)
        xfconf_reset(xfconf, XFCE_CHANNEL, "/theme")
        with qtbot.waitSignal(detector.changed) as blocker:  # a marker after them
            xfconf_set(xfconf, XFCE_CHANNEL, XFCE_PROPERTY, False)
        assert blocker.args == [False] and seen == [False]
        detector.stop()


def test_xfconf_missing_is_not_available(qtbot: QtBot, session_bus: str) -> None:
    assert not XfceDnd(session_bus).start()


# ---- KDE and others: org.freedesktop.Notifications Inhibited ---------------------------


def test_notifications_inhibited_holds_and_releases(qtbot: QtBot, session_bus: str) -> None:
    with FakeService(session_bus, notifications_spec()) as server:
        detector = NotificationsDnd(session_bus)
        assert detector.start()
        qtbot.waitUntil(lambda: len(server.calls()) == 1)  # the first read
        with qtbot.waitSignal(detector.changed) as blocker:
            set_inhibited(server, True)
        assert blocker.args == [True]
        with qtbot.waitSignal(detector.changed) as blocker:
            set_inhibited(server, False)
        assert blocker.args == [False]
        assert [c["member"] for c in server.calls()] == ["Get", "Get", "Get"]  # no polling
        detector.stop()


def test_a_restarted_notification_server_is_read_again(
        qtbot: QtBot, session_bus: str) -> None:
    first = FakeService(session_bus, notifications_spec(inhibited=True)).start()
    detector = NotificationsDnd(session_bus)
    with qtbot.waitSignal(detector.changed):
        assert detector.start()
    with qtbot.waitSignal(detector.changed) as blocker:
        first.stop()  # plasmashell quits: nothing holds on its behalf
    assert blocker.args == [False]
    with qtbot.waitSignal(detector.changed) as blocker:
        second = FakeService(session_bus, notifications_spec(inhibited=True)).start()
    assert blocker.args == [True]
    detector.stop()
    second.stop()


def test_an_activatable_server_is_waited_for_never_started(
        qtbot: QtBot, tmp_path: Path) -> None:
    marker = tmp_path / "activated"
    with private_bus(activatable={"org.freedesktop.Notifications": f"/usr/bin/touch {marker}"},
                     ) as bus:
        detector = NotificationsDnd(bus)
        assert detector.start()  # it may come (at login it often comes after us)
        with qtbot.waitSignal(detector.changed) as blocker:
            server = FakeService(bus, notifications_spec(inhibited=True)).start()
        assert blocker.args == [True]
        assert not marker.exists()  # our read did not start it
        detector.stop()
        server.stop()


def test_notifications_missing_is_not_available(qtbot: QtBot, session_bus: str) -> None:
    assert not NotificationsDnd(session_bus).start()
