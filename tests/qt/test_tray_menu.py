"""The tray menu and the no-tray status window, offscreen, against a real engine."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desk_break.core.clock import FakeClock
from desk_break.core.engine import BreakEngine
from desk_break.qt.actions import menu_entries
from desk_break.qt.status_window import StatusWindow
from desk_break.qt.tray import Tray
from desk_break.settings.model import (
    WEEKDAYS,
    BreaksSettings,
    Settings,
    WorkHours,
    WorkRange,
)

TZ = ZoneInfo("Europe/Berlin")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


def settings(max_snoozes: int = 1) -> Settings:
    day = (WorkRange(time(9, 0), time(17, 0)),)
    return Settings(
        breaks=BreaksSettings(max_snoozes=max_snoozes),
        work_hours=WorkHours({d: day for d in WEEKDAYS}),
    )


@pytest.fixture
def engine() -> BreakEngine:
    clock = FakeClock(MONDAY_10)
    engine = BreakEngine(settings(), clock)
    engine.tick()
    return engine


def actions(menu: QMenu) -> dict[str, QAction]:
    menu.aboutToShow.emit()  # what Qt does right before showing it
    found: dict[str, QAction] = {}
    for action in menu.actions():
        if action.menu() is not None:
            found[action.text()] = action
            for sub in action.menu().actions():
                found[f"{action.text()}/{sub.text()}"] = sub
        elif action.text():
            found[action.text()] = action
    return found


def test_menu_has_every_item_in_order_and_disables_what_cannot_apply(
    qtbot: QtBot, engine: BreakEngine
) -> None:
    tray = Tray(lambda: menu_entries(engine))
    tray.set_status(QIcon(), "Next break in 12 min (at 10:42)")
    items = [a.text() for a in tray.menu.actions() if a.text()]
    assert items == [
        "Next break in 12 min (at 10:42)",
        "Take a break now", "Snooze next break", "Pause", "Resume",
        "Preferences…", "Statistics…", "About Desk Break", "Quit",
    ]
    found = actions(tray.menu)
    assert [k.split("/")[1] for k in found if k.startswith("Pause/")] == [
        "30 minutes", "1 hour", "2 hours", "Until tomorrow", "Until I resume",
    ]
    assert found["Take a break now"].isEnabled()
    assert found["Snooze next break"].isEnabled()
    assert not found["Resume"].isEnabled() and found["Resume"].toolTip() == "Not paused"
    # Statistics… is there when the charts are installed (the app says), else says how.
    assert not found["Statistics…"].isEnabled()
    assert "pip install pyqtgraph numpy" in found["Statistics…"].toolTip()
    with_charts = Tray(lambda: menu_entries(engine, statistics_available=True))
    assert actions(with_charts.menu)["Statistics…"].isEnabled()


def test_the_status_line_leads_the_menu_and_follows_the_status(
    qtbot: QtBot, engine: BreakEngine
) -> None:
    """GNOME's AppIndicator shows no tooltip: the menu itself says when the next break is."""
    tray = Tray(lambda: menu_entries(engine))
    tray.set_status(QIcon(), "Next break in 12 min (at 10:42)")
    first = actions(tray.menu)["Next break in 12 min (at 10:42)"]
    assert tray.menu.actions()[0] is first and not first.isEnabled()
    assert tray.menu.actions()[1].isSeparator()
    tray.set_status(QIcon(), "Paused until 14:30")  # while the menu is open, too
    assert tray.menu.actions()[0].text() == "Paused until 14:30"
    assert [a.text() for a in tray.menu.actions()].count("Paused until 14:30") == 1


def test_menu_is_rebuilt_when_it_opens_so_it_is_never_stale(
    qtbot: QtBot, engine: BreakEngine
) -> None:
    tray = Tray(lambda: menu_entries(engine))
    assert not actions(tray.menu)["Resume"].isEnabled()
    engine.pause(None)
    assert actions(tray.menu)["Resume"].isEnabled()  # the same menu, opened again
    engine.resume()
    engine.snooze()
    snooze = actions(tray.menu)["Snooze next break"]
    assert not snooze.isEnabled()  # max_snoozes = 1 used up
    assert "snooze" in snooze.toolTip().lower()


def test_menu_items_emit_intents(qtbot: QtBot, engine: BreakEngine) -> None:
    tray = Tray(lambda: menu_entries(engine))
    found = actions(tray.menu)
    with qtbot.waitSignal(tray.intent_requested) as blocker:
        found["Pause/1 hour"].trigger()
    assert blocker.args == ["pause", "1h"]
    with qtbot.waitSignal(tray.intent_requested) as blocker:
        found["Take a break now"].trigger()
    assert blocker.args == ["break-now", ""]


def test_status_window_offers_the_same_actions(qtbot: QtBot, engine: BreakEngine) -> None:
    window = StatusWindow(lambda: menu_entries(engine))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.intent_requested) as blocker:
        window.button("break-now").click()
    assert blocker.args == ["break-now", ""]
    assert not window.button("resume").isEnabled()
    engine.pause(MONDAY_10 + timedelta(hours=1))
    window.refresh_actions()
    assert window.button("resume").isEnabled()
    # Its Pause button opens the same pause choices.
    pause_menu = window.button("pause:menu").menu()
    assert pause_menu is not None
    pause_menu.aboutToShow.emit()
    assert [a.text() for a in pause_menu.actions()] == [
        "30 minutes", "1 hour", "2 hours", "Until tomorrow", "Until I resume",
    ]
    # Closing it only minimizes: the app must not end up running invisibly.
    window.close()
    assert window.isVisible() and window.isMinimized()


def test_reopening_the_menu_does_not_pile_up_submenus(qtbot: QtBot, engine: BreakEngine) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    tray = Tray(lambda: menu_entries(engine))
    for _ in range(50):
        tray.menu.aboutToShow.emit()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert len(tray.menu.findChildren(QMenu)) == 1
