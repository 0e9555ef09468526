"""Preferences on a small, scaled screen: 800x500 logical (1600x1000 at 200 %) never
scrolls sideways, on any page; the Moves page's check boxes reflow instead."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import load_catalog
from desk_break.paths import AppPaths
from desk_break.platform.autostart import NullAutostart
from desk_break.qt.preferences import PreferencesDialog
from desk_break.settings.model import Settings
from tests.qt.test_preferences import TZ


def has_width(widget: QWidget) -> bool:
    return widget.width() > 0


@pytest.fixture
def make_dialog(qtbot: QtBot, tmp_path: Path) -> Callable[[], PreferencesDialog]:
    """With the shipped catalog: its longest names and all of its equipment."""
    def make() -> PreferencesDialog:
        catalog, _problems = load_catalog(None)
        paths = AppPaths(config_dir=tmp_path / "c", data_dir=tmp_path / "d",
                         log_dir=tmp_path / "l", runtime_dir=tmp_path / "r")
        dialog = PreferencesDialog(Settings(), catalog, TZ, paths, [], NullAutostart(),
                                   opener=lambda _url: None, state_dir=tmp_path / "s")
        qtbot.addWidget(dialog)
        return dialog
    return make


def test_no_page_scrolls_sideways_on_an_800x500_screen(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    size = dialog.fitting_size(QRect(0, 0, 800, 500), QSize(500, 400))
    dialog.show()
    dialog.resize(size)
    assert dialog.width() <= 800
    for index, page in enumerate(dialog.pages):
        dialog.show_page(page.key)
        scroll = dialog.stack.widget(index)
        assert isinstance(scroll, QScrollArea)
        qtbot.waitUntil(lambda s=scroll: has_width(s.viewport()))
        viewport = scroll.viewport().width()
        assert page.minimumSizeHint().width() <= viewport, (page.key, viewport)
        bar = scroll.horizontalScrollBar()
        assert bar.maximum() == 0, (page.key, bar.maximum())


def test_the_long_break_choices_reflow_in_columns(
    qtbot: QtBot, make_dialog: Callable[..., PreferencesDialog]
) -> None:
    dialog = make_dialog()
    page = dialog.moves_page
    dialog.show()
    dialog.show_page("moves")

    def rows(width: int) -> int:
        dialog.resize(width, 700)
        qtbot.waitUntil(lambda: dialog.width() == width)
        QApplication.processEvents()
        equipment = list(page.equipment_boxes.values())
        tops = {b.mapTo(page, b.rect().topLeft()).y() for b in equipment}
        columns = {b.mapTo(page, b.rect().topLeft()).x() for b in equipment}
        for box in page.position_boxes.values():  # both groups line up in columns
            assert box.mapTo(page, box.rect().topLeft()).x() in columns
        return len(tops)

    assert rows(1150) < rows(760)
