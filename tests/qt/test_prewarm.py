"""The first break window is made ready before its break is due, never shown early.

`BreakPrewarm` is aimed at the next break's due moment; 15 s before it (or at
once, when the break is sooner) it imports the break window's code and has the
rehearsal run, once. The real rehearsal paints a break window off screen: no
window appears on the screen before the break.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import load_catalog
from desk_break.core.clock import FakeClock
from desk_break.qt.prewarm import LEAD_S, PREWARM_TIMER, BreakPrewarm, rehearse_break_window
from tests.conftest import FakeTimers

NOW = datetime(2024, 3, 4, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))
TARGET = "desk_break.qt.prefs.page_icons"  # any module of ours the tests below load first


def test_it_loads_and_rehearses_once_15_s_before_the_break(
    qtbot: QtBot, fake_timers: FakeTimers, monkeypatch
) -> None:
    monkeypatch.delitem(sys.modules, TARGET, raising=False)
    rehearsals: list[int] = []
    prewarm = BreakPrewarm(lambda: rehearsals.append(1), module=TARGET)
    prewarm.follow(NOW + timedelta(minutes=30), NOW)
    timer = fake_timers.get(PREWARM_TIMER)
    assert timer.isActive() and timer.interval() == (30 * 60 - LEAD_S) * 1000
    prewarm.follow(NOW + timedelta(minutes=35), NOW)  # snoozed: aimed again
    assert timer.interval() == (35 * 60 - LEAD_S) * 1000
    assert TARGET not in sys.modules and rehearsals == []
    fake_timers.fire(PREWARM_TIMER)
    assert TARGET in sys.modules and rehearsals == [1]
    prewarm.follow(NOW + timedelta(minutes=70), NOW)  # the next break: nothing more to do
    assert not timer.isActive() and rehearsals == [1]


def test_a_break_sooner_than_the_lead_is_prepared_at_once(
    qtbot: QtBot, fake_timers: FakeTimers, monkeypatch
) -> None:
    monkeypatch.delitem(sys.modules, TARGET, raising=False)
    prewarm = BreakPrewarm(lambda: None, module=TARGET)
    prewarm.follow(NOW + timedelta(seconds=5), NOW)
    assert fake_timers.get(PREWARM_TIMER).interval() == 0
    prewarm.follow(None, NOW)  # paused: no break to prepare for
    assert not fake_timers.armed(PREWARM_TIMER)


def test_the_rehearsal_window_is_never_on_screen(qtbot: QtBot) -> None:
    catalog, _problems = load_catalog(None)
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    rehearse_break_window(list(catalog), catalog, FakeClock(NOW), sound=False)
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before]
    assert shown == []
