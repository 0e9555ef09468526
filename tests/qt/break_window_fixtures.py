"""What the break window's tests share: two small moves, a fake clock, the shipped
catalog and a window maker that closes what it made (import the *_fixture names
to use the fixtures `clock`, `catalog` and `make_window`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import Catalog, load_catalog
from desk_break.core.clock import FakeClock
from desk_break.core.moves import Move
from desk_break.qt.break_window import BreakWindow
from tests.sample_moves import CHIN_TUCK, MOVES, SQUEEZE  # noqa: F401  (re-exported)


@pytest.fixture(name="clock")
def clock_fixture() -> FakeClock:
    return FakeClock(datetime(2025, 3, 3, 10, 0, tzinfo=UTC))


@pytest.fixture(name="catalog", scope="module")
def catalog_fixture() -> Catalog:
    catalog, problems = load_catalog(None)
    assert problems == []
    return catalog


@pytest.fixture(name="make_window")
def make_window_fixture(qtbot: QtBot, clock: FakeClock, catalog: Catalog) -> Iterator:
    windows: list[BreakWindow] = []

    def make(
        moves: list[Move] | None = None,
        total_seconds: int = 30,
        *,
        kind: str = "micro",
        snooze_refusal: str | None = None,
        sound_on: bool = False,
    ) -> BreakWindow:
        window = BreakWindow(
            MOVES if moves is None else moves,
            catalog,
            total_seconds,
            kind,  # type: ignore[arg-type]
            clock,
            5,
            snooze_refusal,
            sound_on,
        )
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close_now()


def active_timers(window: BreakWindow) -> list[QTimer]:
    return [t for t in window.findChildren(QTimer) if t.isActive()]




def focus(qtbot: QtBot, window: BreakWindow) -> None:
    window.activateWindow()  # what a click into the window does
    qtbot.waitUntil(window.isActiveWindow, timeout=500)


def boxes(window: BreakWindow) -> list[tuple[int, int, int, int]]:
    """Where the cue, countdown, next line and figure are in the window."""
    found = []
    for widget in (window._cue, window._countdown, window._next, window._figure):
        top_left = widget.mapTo(window, widget.rect().topLeft())
        found.append((top_left.x(), top_left.y(), widget.width(), widget.height()))
    return found
