"""GNOME idle watches for real: Debian's headless mutter, input through its RemoteDesktop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desk_break.platform.idle.choose import choose_idle_monitor
from desk_break.platform.idle.mutter import MutterIdleMonitor
from tests.mutter_session import MutterSession, RemoteInput, mutter_session


@pytest.fixture(scope="module")
def gnome() -> Iterator[MutterSession]:
    with mutter_session() as session:
        yield session


def test_watches_fire_after_the_threshold_and_input_ends_the_stretch(
    qtbot: QtBot, gnome: MutterSession
) -> None:
    monitor = MutterIdleMonitor(gnome.bus_address)
    assert monitor.start()
    reached: list[float] = []
    monitor.idle_reached.connect(reached.append)
    try:
        with RemoteInput(gnome.bus_address) as person:
            person.move()
            qtbot.waitUntil(lambda: (monitor.idle_seconds() or 9) < 0.5, timeout=5000)
            monitor.set_thresholds([0.8, 3600])
            with qtbot.waitSignal(monitor.idle_reached, timeout=5000):
                pass
            assert reached == [0.8]
            idle = monitor.idle_seconds()
            assert idle is not None and idle >= 0.8
            with qtbot.waitSignal(monitor.became_active, timeout=5000) as back:
                person.move()
            assert back.args is not None and back.args[0] >= 0.8
            assert not monitor.waiting_for_return
            # Mutter's idle watches repeat: the next stretch fires again.
            with qtbot.waitSignal(monitor.idle_reached, timeout=5000):
                pass
            assert reached == [0.8, 0.8]
    finally:
        monitor.stop()


def test_a_watch_armed_while_already_idle_fires_once_per_stretch(
    qtbot: QtBot, gnome: MutterSession
) -> None:
    monitor = MutterIdleMonitor(gnome.bus_address)
    assert monitor.start()
    reached: list[float] = []
    monitor.idle_reached.connect(reached.append)
    try:
        with RemoteInput(gnome.bus_address) as person:
            person.move()
            monitor.set_thresholds([0.5])
            qtbot.waitUntil(lambda: reached == [0.5], timeout=5000)
            # Re-arming (as after a break) while still idle: Mutter fires the new watch
            # at once, and the threshold that already fired is not announced again.
            monitor.set_thresholds([0.5, 0.6])
            qtbot.waitUntil(lambda: reached == [0.5, 0.6], timeout=5000)
            monitor.set_thresholds([0.5, 0.6])
            with qtbot.assertNotEmitted(monitor.idle_reached, wait=600):
                pass
            assert reached == [0.5, 0.6]
    finally:
        monitor.stop()


def test_no_mutter_on_the_bus_is_not_available(qtbot: QtBot) -> None:
    assert MutterIdleMonitor("unix:path=/nonexistent/bus").start() is False


def test_chooser_picks_gnome_on_a_gnome_wayland_session(
    qtbot: QtBot, gnome: MutterSession
) -> None:
    monitor = choose_idle_monitor(gnome.client_env(), platform="linux")
    assert monitor is not None and monitor.source == "gnome"
    monitor.stop()
