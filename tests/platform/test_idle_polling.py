"""The polling backends' rules (Windows, macOS, and X11's scheduling) with the OS injected."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desk_break.platform.idle.base import PollingIdleMonitor, next_return_poll
from desk_break.platform.idle.choose import candidates, choose_idle_monitor, is_x11_session
from desk_break.platform.idle.macos import (
    K_CG_ANY_INPUT_EVENT_TYPE,
    K_CG_EVENT_SOURCE_STATE_COMBINED_SESSION_STATE,
    MacIdleMonitor,
)
from desk_break.platform.idle.windows import WindowsIdleMonitor, idle_ms


class Person:
    """A fake OS: a monotonic clock and the moment of the last input."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.last_input = 1000.0

    def idle(self) -> float:
        return self.now - self.last_input

    def clock(self) -> float:
        return self.now


def test_windows_ticks_survive_the_49_day_wrap() -> None:
    assert idle_ms(1_000, 6_000) == 5_000
    # Last input 3 s before the DWORD wrapped, now 2 s after it.
    assert idle_ms(2**32 - 3_000, 2_000) == 5_000
    assert idle_ms(2**32 - 1, 2**32 - 1) == 0


def test_windows_monitor_reads_idle_from_the_injected_calls(qtbot: QtBot) -> None:
    ticks = {"last": 2**32 - 1_500, "now": 500}
    monitor = WindowsIdleMonitor(lambda: ticks["last"], lambda: ticks["now"])
    assert monitor.start()
    assert monitor.idle_seconds() == 2.0
    monitor.stop()


def test_windows_failed_call_is_not_available(qtbot: QtBot) -> None:
    assert WindowsIdleMonitor(lambda: None, lambda: 0).start() is False


def test_macos_asks_for_any_input_in_the_combined_session(qtbot: QtBot) -> None:
    asked: list[tuple[int, int]] = []

    def seconds_since(state: int, kind: int) -> float:
        asked.append((state, kind))
        return 12.5

    monitor = MacIdleMonitor(seconds_since)
    assert monitor.start()
    assert monitor.idle_seconds() == 12.5
    assert asked[-1] == (K_CG_EVENT_SOURCE_STATE_COMBINED_SESSION_STATE, K_CG_ANY_INPUT_EVENT_TYPE)
    assert (asked[-1][0], asked[-1][1]) == (0, 0xFFFFFFFF)
    monitor.stop()


def test_macos_nonsense_answer_is_unknown(qtbot: QtBot) -> None:
    assert MacIdleMonitor(lambda s, k: float("nan")).start() is False


def test_thresholds_fire_once_per_stretch_and_return_gives_the_stretch_length(
    qtbot: QtBot,
) -> None:
    person = Person()
    monitor = PollingIdleMonitor(person.idle, person.clock)
    reached: list[float] = []
    back: list[float] = []
    monitor.idle_reached.connect(reached.append)
    monitor.became_active.connect(back.append)
    assert monitor.start()
    monitor.set_thresholds([60, 2, 300])
    assert monitor.thresholds == (2.0, 60.0, 300.0)
    person.now += 2.5
    monitor.check_now()
    person.now += 1
    monitor.check_now()
    assert reached == [2.0]
    person.now += 70
    monitor.check_now()
    assert reached == [2.0, 60.0]
    # They come back after 80 s away; the next reading is 1 s later.
    person.now += 6.5
    person.last_input = person.now
    person.now += 1
    monitor.check_now()
    assert back == [pytest.approx(80.0)]
    assert not monitor.waiting_for_return
    person.now += 2
    monitor.check_now()
    assert reached == [2.0, 60.0, 2.0]  # a new stretch fires again
    monitor.stop()


def test_input_between_readings_before_any_threshold_is_no_return(qtbot: QtBot) -> None:
    person = Person()
    monitor = PollingIdleMonitor(person.idle, person.clock)
    back: list[float] = []
    monitor.became_active.connect(back.append)
    assert monitor.start()
    monitor.set_thresholds([60])
    person.now += 30
    person.last_input = person.now
    monitor.check_now()
    assert back == []
    monitor.stop()


def test_return_poll_backs_off_with_time_away() -> None:
    assert next_return_poll(3) == 1.0
    assert next_return_poll(50) == 5.0
    assert next_return_poll(3600) == 10.0


def test_a_slot_that_stops_the_monitor_stops_the_emits(qtbot: QtBot) -> None:
    person = Person()
    monitor = PollingIdleMonitor(person.idle, person.clock)
    reached: list[float] = []

    def stop_on_first(threshold: float) -> None:
        reached.append(threshold)
        monitor.stop()

    monitor.idle_reached.connect(stop_on_first)
    assert monitor.start()
    person.now += 100
    monitor.set_thresholds([2, 60])
    assert reached == [2.0]
    assert monitor.next_check_in is None


@pytest.mark.parametrize(
    ("env", "x11"),
    [
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, True),
        ({"DISPLAY": ":0"}, True),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, False),  # Xwayland
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, False),
        ({"XDG_SESSION_TYPE": "x11"}, False),
    ],
)
def test_x11_only_in_a_real_x11_session(env: dict[str, str], x11: bool) -> None:
    assert is_x11_session(env) is x11


def test_candidates_follow_workraves_order() -> None:
    names = [f.__name__ for f in candidates(
        {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x", "WAYLAND_DISPLAY": "wayland-0"}, "linux")]
    assert names == ["_mutter", "_ext_idle_notify"]
    names = [f.__name__ for f in candidates(
        {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/x", "DISPLAY": ":0"}, "linux")]
    assert names == ["_mutter", "_x11"]
    assert [f.__name__ for f in candidates({}, "win32")] == ["_windows"]
    assert [f.__name__ for f in candidates({}, "darwin")] == ["_macos"]


def test_chooser_moves_past_unavailable_backends_and_may_find_none(qtbot: QtBot) -> None:
    person = Person()
    tried: list[str] = []

    def broken(env: object, parent: object) -> PollingIdleMonitor:
        tried.append("broken")
        raise OSError("no library")

    def unavailable(env: object, parent: object) -> PollingIdleMonitor:
        tried.append("unavailable")
        return PollingIdleMonitor(lambda: None)

    def working(env: object, parent: object) -> PollingIdleMonitor:
        tried.append("working")
        return PollingIdleMonitor(person.idle, person.clock)

    chosen = choose_idle_monitor({}, "linux", factories=[broken, unavailable, working])
    assert chosen is not None and tried == ["broken", "unavailable", "working"]
    chosen.stop()
    assert choose_idle_monitor({}, "linux", factories=[unavailable]) is None


def test_wayland_without_mutter_or_a_compositor_means_no_detector(qtbot: QtBot) -> None:
    from desk_break.platform.idle.ext_idle_notify import ExtIdleNotifyMonitor

    monitor = ExtIdleNotifyMonitor("wayland-0")
    assert monitor.start() is False and monitor.idle_seconds() is None
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland",
           "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"}
    assert choose_idle_monitor(env, "linux") is None  # no Mutter, no ext-idle-notify, no X11
