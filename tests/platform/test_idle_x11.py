"""X11 idle time for real: Xvfb's MIT-SCREEN-SAVER counter, with xdotool as the person."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from desk_break.platform.idle.choose import choose_idle_monitor
from desk_break.platform.idle.x11 import X11IdleMonitor, XScreenSaverConnection
from tests.xdisplay import require, xvfb

pytestmark = pytest.mark.xvfb


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    require("xdotool")
    with xvfb() as name:
        yield name


def move_mouse(display: str) -> None:
    subprocess.run(["xdotool", "mousemove_relative", "--", "3", "2"],
                   env={**os.environ, "DISPLAY": display}, check=True, timeout=10)


def test_idle_grows_without_input_and_resets_after_input(qtbot: QtBot, display: str) -> None:
    monitor = X11IdleMonitor(display)
    assert monitor.start()
    try:
        qtbot.waitUntil(lambda: (monitor.idle_seconds() or 0) >= 0.4, timeout=5000)
        before = monitor.idle_seconds()
        assert before is not None
        move_mouse(display)
        after = monitor.idle_seconds()
        assert after is not None and after < before
    finally:
        monitor.stop()
    assert monitor.idle_seconds() is None


def test_thresholds_fire_and_the_return_is_noticed(qtbot: QtBot, display: str) -> None:
    monitor = X11IdleMonitor(display)
    assert monitor.start()
    try:
        move_mouse(display)
        fired: list[float] = []
        monitor.idle_reached.connect(fired.append)
        with qtbot.waitSignal(monitor.idle_reached, timeout=5000):
            monitor.set_thresholds([1.5, 3600])
        assert fired == [1.5]
        # Waiting for the hour threshold is one wakeup, not a poll every second; the
        # return is looked for about once a second.
        assert monitor.waiting_for_return
        wait = monitor.next_check_in
        assert wait is not None and wait <= 1.01
        with qtbot.waitSignal(monitor.became_active, timeout=5000) as back:
            move_mouse(display)
        assert back.args is not None and back.args[0] >= 1.5
        assert not monitor.waiting_for_return
        wait = monitor.next_check_in
        assert wait is not None and wait > 0.3  # next look: when 1.5 s could be reached
    finally:
        monitor.stop()


def test_no_poll_at_all_without_thresholds(display: str, qtbot: QtBot) -> None:
    monitor = X11IdleMonitor(display)
    assert monitor.start()
    assert monitor.next_check_in is None
    monitor.set_thresholds([120])
    wait = monitor.next_check_in
    assert wait is not None and 100 < wait <= 120.1
    monitor.stop()


def test_screensaver_state_reads_not_disabled_on_a_plain_server(display: str) -> None:
    conn = XScreenSaverConnection(display)
    assert conn.is_open
    assert conn.screensaver_disabled() is False
    conn.close()


def test_unreachable_display_is_not_available(qtbot: QtBot) -> None:
    assert X11IdleMonitor(":4242").start() is False


def test_chooser_picks_x11_in_a_real_x11_session(qtbot: QtBot, display: str) -> None:
    env = {"DISPLAY": display, "XDG_SESSION_TYPE": "x11"}
    monitor = choose_idle_monitor(env, platform="linux")
    assert monitor is not None and monitor.source == "x11"
    monitor.stop()
