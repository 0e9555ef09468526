"""The presence wiring, offscreen on the fake clock: what the engine hears and when.

The idle monitor and the hold detectors are stand-ins that speak the real
interfaces (`IdleMonitor`, `HoldDetector`); the engine, driver, history and app
are the real ones. The real backends are tested against real services in
tests/platform/ and end to end in tests/e2e/.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import load_catalog
from desk_break.core.clock import FakeClock
from desk_break.core.events import State
from desk_break.paths import AppPaths, app_paths
from desk_break.platform.hold.base import HoldDetector
from desk_break.platform.idle.base import IdleMonitor
from desk_break.qt.app import DeskBreakApp
from desk_break.qt.presence import PresenceParts
from desk_break.settings.model import Settings
from desk_break.settings.store import load_settings
from desk_break.storage.history import HistoryStore

TZ = ZoneInfo("Europe/Berlin")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


class StandInMonitor(IdleMonitor):
    source = "x11"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.armed: list[tuple[float, ...]] = []
        self.idle: float | None = 0.0
        self.running = False

    def start(self) -> bool:
        self.running = True
        return True

    def stop(self) -> None:
        self.running = False

    def idle_seconds(self) -> float | None:
        return self.idle

    def set_thresholds(self, seconds: Sequence[float]) -> None:
        super().set_thresholds(seconds)
        self.armed.append(self.thresholds)


class StandInHold(HoldDetector):
    reason = "camera"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on = False
        self.checked = 0

    def start(self) -> bool:
        return True

    def stop(self) -> None:
        pass

    def active(self) -> bool:
        return self.on

    def check_now(self) -> None:
        self.checked += 1

    def turn(self, on: bool) -> None:
        self.on = on
        self.changed.emit(on)


@pytest.fixture
def paths() -> AppPaths:
    p = app_paths()
    p.config_dir.mkdir(parents=True, exist_ok=True)
    return p


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9)


@pytest.fixture
def parts() -> tuple[StandInMonitor, StandInHold, PresenceParts]:
    monitor, hold = StandInMonitor(), StandInHold()

    def holds(_settings: Settings, parent: QObject) -> list[HoldDetector]:
        hold.setParent(parent)
        return [hold]

    def started(_settings: Settings, _parent: QObject) -> IdleMonitor | None:
        return monitor if monitor.start() else None  # as the chooser hands it over

    return monitor, hold, PresenceParts(monitor=started, holds=holds, inhibitors=None)


@pytest.fixture
def app(qtbot: QtBot, paths: AppPaths, clock: FakeClock, parts) -> Iterator[DeskBreakApp]:
    catalog, problems = load_catalog(paths.user_moves_file)
    app = DeskBreakApp(
        paths, clock, load_settings(paths.settings_file), catalog, list(problems),
        HistoryStore(paths.history_db), use_tray=False, show_first_run_note=False,
        presence=parts[2],
    )
    app.start()
    yield app
    app.shutdown()


def advance(app: DeskBreakApp, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    app.driver.run(lambda e: e.tick())


def test_the_monitor_is_armed_with_the_away_threshold_and_status_names_it(
    app: DeskBreakApp, parts
) -> None:
    monitor = parts[0]
    assert monitor.running and monitor.thresholds == (60.0,)  # a micro-break's length
    snap = app.snapshot()
    assert snap["idle_source"] == "x11" and snap["idle_seconds"] == 0.0
    assert any("X11" in line for line in app.presence.describe())


def test_the_typing_pause_is_armed_only_while_a_break_waits_for_quiet(
    app: DeskBreakApp, clock: FakeClock, parts
) -> None:
    monitor = parts[0]
    advance(app, clock, 29 * 60 + 30)  # the warning's moment; the person is typing
    assert app.engine.waiting_for_quiet and not app.notice.isVisible()
    assert monitor.thresholds == (2.0, 60.0)
    monitor.idle_reached.emit(2.0)  # two quiet seconds
    assert app.notice.isVisible() and app.engine.state is State.WARNING
    assert monitor.thresholds == (60.0,)  # not armed while the person types all day


def test_a_return_after_a_breaks_length_is_a_natural_break_in_history(
    app: DeskBreakApp, clock: FakeClock, paths: AppPaths, parts
) -> None:
    monitor = parts[0]
    advance(app, clock, 10 * 60)
    clock.advance(60)
    monitor.idle_reached.emit(60.0)
    clock.advance(240)
    monitor.became_active.emit(300.0)
    last = app.snapshot()["last_break"]
    assert last is not None and last["outcome"] == "natural" and last["cause"] == "idle"
    rows = HistoryStore(paths.history_db).records()
    assert [(r.outcome, r.started_at) for r in rows] == [("natural", None)]
    assert app.engine.next_break is not None
    assert app.engine.next_break.start == clock.now() + timedelta(minutes=30)


def test_a_hold_detector_holds_the_break_and_status_says_why(
    app: DeskBreakApp, clock: FakeClock, parts
) -> None:
    hold = parts[1]
    hold.turn(True)  # a video call starts
    assert app.snapshot()["held_by"] == ["camera"]
    advance(app, clock, 29 * 60 + 30)
    assert app.engine.state is State.HELD and app.session is None
    assert app.status_text() == "Holding breaks: camera in use"
    hold.turn(False)  # the call ended: the break comes with its full warning...
    parts[0].idle_reached.emit(2.0)  # ...once the person is not mid-sentence
    assert app.engine.state is State.WARNING and app.notice.isVisible()
    assert app.snapshot()["held_by"] == []


def test_polling_detectors_are_asked_shortly_before_a_break_not_all_day(
    qtbot: QtBot, app: DeskBreakApp, clock: FakeClock, parts
) -> None:
    hold = parts[1]
    timer = app.presence._precheck
    assert not timer.isActive()  # the warning is 29.5 minutes away: nothing to ask yet
    advance(app, clock, 20 * 60)  # 09:20: the warning (09:29:30) is within the horizon
    assert timer.isActive()
    assert abs(timer.remainingTime() - (9 * 60 + 25) * 1000) < 2000  # 5 s before it
    timer.timeout.emit()
    assert hold.checked == 1


def test_without_any_idle_monitor_the_app_says_so_and_shows_breaks_plainly(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    catalog, problems = load_catalog(paths.user_moves_file)
    app = DeskBreakApp(
        paths, clock, load_settings(paths.settings_file), catalog, list(problems),
        HistoryStore(paths.history_db), use_tray=False, show_first_run_note=False,
        presence=PresenceParts(monitor=lambda _s, _p: None, holds=lambda _s, _p: [],
                               inhibitors=None),
    )
    app.start()
    try:
        assert app.snapshot()["idle_source"] is None and app.snapshot()["idle_seconds"] is None
        assert "not available" in app.presence.describe()[0]
        advance(app, clock, 29 * 60 + 30)
        assert app.notice.isVisible()  # no typing pause without a monitor
    finally:
        app.shutdown()
