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


@pytest.mark.parametrize("sync_alarm", [True, False], ids=["sync-alarm", "polled"])
def test_thresholds_fire_and_the_return_is_noticed(
    qtbot: QtBot, display: str, sync_alarm: bool
) -> None:
    monitor = X11IdleMonitor(display)
    monitor.use_sync_alarm = sync_alarm
    assert monitor.start()
    try:
        move_mouse(display)
        fired: list[float] = []
        monitor.idle_reached.connect(fired.append)
        with qtbot.waitSignal(monitor.idle_reached, timeout=5000):
            monitor.set_thresholds([1.5, 3600])
        assert fired == [1.5]
        assert monitor.waiting_for_return
        wait = monitor.next_check_in
        if sync_alarm:
            assert wait is None  # thresholds and the return come as SYNC alarm events
        else:
            # No alarm: the return is looked for about once a second.
            assert wait is not None and wait <= 1.06  # a coarse timer: within 5 %
        with qtbot.waitSignal(monitor.became_active, timeout=5000) as back:
            move_mouse(display)
        assert back.args is not None and back.args[0] >= 1.5
        assert not monitor.waiting_for_return
        wait = monitor.next_check_in
        if sync_alarm:
            assert wait is None
            with qtbot.waitSignal(monitor.idle_reached, timeout=5000):
                pass  # the threshold alarm fires again in the next stretch
        else:
            assert wait is not None and wait > 0.3  # next look: when 1.5 s could come
    finally:
        monitor.stop()


def test_sync_alarm_fires_at_once_when_the_person_is_already_back(
    qtbot: QtBot, display: str
) -> None:
    from desk_break.platform.idle.x11_sync import XSyncIdleAlarms

    returns: list[int] = []
    alarm = XSyncIdleAlarms(display, lambda idle_ms: returns.append(1))
    assert alarm.is_open
    move_mouse(display)
    assert alarm.arm(60_000)  # "idle below 60 s" is already true: the server says so now
    qtbot.waitUntil(lambda: returns == [1], timeout=5000)
    alarm.close()


def test_no_poll_at_all_without_thresholds(display: str, qtbot: QtBot) -> None:
    monitor = X11IdleMonitor(display)
    monitor.use_sync_alarm = False  # the timer path (servers without SYNC)
    assert monitor.start()
    assert monitor.next_check_in is None
    monitor.set_thresholds([120])
    wait = monitor.next_check_in
    assert wait is not None and 100 < wait <= 126  # a coarse timer: within 5 %
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


def test_sync_alarm_rearmed_while_away_waits_for_real_input(qtbot: QtBot, display: str) -> None:
    from desk_break.platform.idle.x11_sync import XSyncIdleAlarms

    returns: list[int] = []
    alarm = XSyncIdleAlarms(display, lambda idle_ms: returns.append(1))
    conn = XScreenSaverConnection(display)
    try:
        move_mouse(display)
        qtbot.waitUntil(lambda: (conn.idle_seconds() or 0) >= 0.5, timeout=5000)
        assert alarm.arm(300)
        assert alarm.arm(300)  # destroying the first alarm sends a notify: not a return
        qtbot.wait(300)  # short and explicit: time for a wrong event to arrive
        assert returns == []
        move_mouse(display)
        qtbot.waitUntil(lambda: returns == [1], timeout=5000)
    finally:
        alarm.close()
        conn.close()
