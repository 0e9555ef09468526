"""The warning notice: a live countdown from the clock, cheap, and never over the tray icon.

Time is a FakeClock and timers are fake (they fire when the test says), so a
"second" passes when the test advances the clock and fires the notice's timer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desk_break.core.clock import FakeClock
from desk_break.core.status_text import break_in
from desk_break.qt.notice import MARGIN, Countdown, Notice, notice_position
from tests.conftest import FakeTimers

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")

START = datetime(2025, 3, 3, 9, 29, 30, tzinfo=UTC)
ACTIONS = [("snooze", "Snooze 5 min", True), ("start", "Start now", True)]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def _notice(qtbot: QtBot, avoid: QRect | None = None) -> Notice:
    notice = Notice(avoid=(lambda: avoid) if avoid is not None else None)
    qtbot.addWidget(notice)
    return notice


def _pop(notice: Notice, clock: FakeClock, seconds: float = 30, kind: str = "micro") -> None:
    until = clock.now() + timedelta(seconds=seconds)
    notice.pop("", "A 60-second break.", ACTIONS, round(seconds),
               Countdown(until, clock.now, partial(break_in, kind)))


def test_the_title_counts_down_with_the_clock(
    qtbot: QtBot, clock: FakeClock, fake_timers: FakeTimers
) -> None:
    notice = _notice(qtbot)
    _pop(notice, clock)
    assert notice.isVisible() and notice.title.text() == "Break in 30 s"
    seen = []
    for _ in range(3):
        clock.advance(1)
        fake_timers.fire("notice-countdown")
        seen.append(notice.title.text())
    assert seen == ["Break in 29 s", "Break in 28 s", "Break in 27 s"]


def test_the_count_is_the_clocks_however_late_the_timer_fires(
    qtbot: QtBot, clock: FakeClock, fake_timers: FakeTimers
) -> None:
    """A busy loop or a coarse timer fires late: the count jumps to the truth, no drift."""
    notice = _notice(qtbot)
    _pop(notice, clock)
    clock.advance(3.6)  # three and a half seconds before the timer got to run
    fake_timers.fire("notice-countdown")
    assert notice.title.text() == "Break in 27 s"
    # ...and the next wake-up is when the shown second next changes (0.4 s later).
    timer = fake_timers.get("notice-countdown")
    assert timer.isActive() and 400 <= timer.interval() <= 450


def test_one_timer_one_wake_up_a_second_only_while_visible(
    qtbot: QtBot, clock: FakeClock, fake_timers: FakeTimers
) -> None:
    notice = _notice(qtbot)
    _pop(notice, clock)
    timer = fake_timers.get("notice-countdown")
    assert timer.isSingleShot() and 1000 <= timer.interval() <= 1050
    with qtbot.waitSignal(notice.ticked):
        clock.advance(1)
        fake_timers.fire("notice-countdown")
    notice.button("snooze").click()  # the notice goes
    assert not notice.isVisible()
    assert not fake_timers.armed("notice-countdown")
    assert not fake_timers.armed("notice-hide")


def test_it_goes_when_the_count_reaches_zero(
    qtbot: QtBot, clock: FakeClock, fake_timers: FakeTimers
) -> None:
    notice = _notice(qtbot)
    _pop(notice, clock, seconds=2, kind="long")
    assert notice.title.text() == "Long break in 2 s"
    clock.advance(1)
    fake_timers.fire("notice-countdown")
    assert notice.title.text() == "Long break in 1 s"
    clock.advance(1)
    fake_timers.fire("notice-countdown")
    assert not notice.isVisible()
    assert not fake_timers.armed("notice-countdown")


def test_a_plain_notice_has_no_countdown_timer(
    qtbot: QtBot, fake_timers: FakeTimers
) -> None:
    notice = _notice(qtbot)
    notice.pop("Desk Break", "Something to say.", [], 10)
    assert notice.title.text() == "Desk Break"
    assert not fake_timers.armed("notice-countdown")
    assert fake_timers.armed("notice-hide")


# ---- placement ------------------------------------------------------------------------

AREA = QRect(0, 0, 1280, 800)
SIZE = QSize(340, 120)


def test_top_right_when_the_tray_is_elsewhere() -> None:
    bottom_tray = QRect(1240, 776, 22, 22)
    assert notice_position(AREA, SIZE, bottom_tray) == QPoint(1280 - 340 - MARGIN, MARGIN)
    assert notice_position(AREA, SIZE, None) == QPoint(1280 - 340 - MARGIN, MARGIN)
    assert notice_position(AREA, SIZE, QRect()) == QPoint(1280 - 340 - MARGIN, MARGIN)


@pytest.mark.parametrize(
    "icon",
    [
        QRect(1250, 0, 24, 24),  # a top panel's tray, the panel not reserved
        QRect(1000, 2, 22, 22),  # further along the panel, still under the notice
        QRect(1256, 60, 24, 24),  # a right-hand vertical panel, near the top
    ],
)
def test_never_over_the_tray_icon(icon: QRect) -> None:
    placed = QRect(notice_position(AREA, SIZE, icon), SIZE)
    assert not placed.intersects(icon.adjusted(-8, -8, 8, 8))
    assert AREA.contains(placed)


@pytest.mark.parametrize(
    ("height", "icon_y"),
    [(300, 200), (200, 100)],  # room above the icon; room neither above nor below
)
def test_above_or_beside_the_icon_when_there_is_no_room_below(height: int, icon_y: int) -> None:
    short = QRect(0, 0, 1280, height)
    icon = QRect(1250, icon_y, 24, 24)
    placed = QRect(notice_position(short, SIZE, icon), SIZE)
    assert not placed.intersects(icon)
    assert short.contains(placed)


def test_the_notice_on_screen_keeps_clear_of_the_tray_icon(
    qtbot: QtBot, clock: FakeClock, fake_timers: FakeTimers
) -> None:
    area = QGuiApplication.primaryScreen().availableGeometry()
    icon = QRect(area.right() - 40, area.top(), 24, 24)  # in the notice's corner
    notice = _notice(qtbot, avoid=icon)
    _pop(notice, clock)
    assert notice.isVisible()
    assert not notice.frameGeometry().intersects(icon)
    assert area.contains(notice.frameGeometry())


# ---- in the app ---------------------------------------------------------------------


def test_in_the_app_the_status_line_counts_down_with_the_notice(
    qtbot: QtBot, fake_timers: FakeTimers
) -> None:
    from desk_break.paths import app_paths
    from tests.qt.test_app import MONDAY_9, SETTINGS, advance_to, started

    paths = app_paths()
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(SETTINGS, encoding="utf-8")
    clock = FakeClock(MONDAY_9)
    with started(paths, clock) as app:
        assert app.status_window is not None
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=29, seconds=30))
        assert app.notice.title.text() == "Break in 30 s"
        assert app.status_window.status_label.text() == "Break in 30 s"
        clock.advance(3)
        fake_timers.fire("notice-countdown")
        assert app.notice.title.text() == "Break in 27 s"
        assert app.status_window.status_label.text() == "Break in 27 s"
        assert app.status_text() == "Break in 27 s"  # what `desk-break status` says
