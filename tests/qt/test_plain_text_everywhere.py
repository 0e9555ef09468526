"""Text from a person's moves file is shown as typed, never as markup, on every surface
that shows it: the break window (through "Nice work"), the Preferences Moves page,
the warning notice, and the tray tooltip and status window while its break runs.

A move named `<font color=red>X</font>` is the probe: rendered as markup it would turn
red and lose its tags.
"""

from __future__ import annotations

import html
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import Catalog, load_catalog
from desk_break.core.clock import FakeClock
from desk_break.core.moves import Move, Step
from desk_break.paths import AppPaths, app_paths
from desk_break.platform.autostart import NullAutostart
from desk_break.qt.app import DeskBreakApp
from desk_break.qt.break_window import BreakWindow
from desk_break.qt.notice import Notice
from desk_break.qt.preferences import PreferencesDialog
from desk_break.qt.presence import NO_PRESENCE
from desk_break.settings.model import Settings
from desk_break.settings.store import load_settings
from desk_break.storage.history import HistoryStore
from tests.qt.test_app import MONDAY_9, SETTINGS, TZ, advance_to

NAME = "<font color=red>X</font>"
CUE = "<b>Lift</b> <font color=red>up</font>"
PURPOSE = "<i>Loosens</i> <font color=red>things</font>"
MARKUP = Move(
    id="markup", name=NAME, position="seated", equipment=(), focus=("release",),
    purpose=PURPOSE, steps=(Step(CUE, 30, "sit"), Step("<u>Down</u>", 30, "sit")),
    source="moves.toml",
)


def catalog_with_markup() -> Catalog:
    shipped, _problems = load_catalog(None)
    return Catalog({"markup": MARKUP}, dict(shipped.poses), frozenset({"markup"}))


def no_markup_in(widget: QWidget) -> None:
    """Every label shows its text as typed, and nothing of it painted red."""
    for label in widget.findChildren(QLabel):
        if label.isVisible() and "<" in label.text() and "&lt;" not in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.text(), widget)
    image = widget.grab().toImage()
    red = QColor("red").rgb()
    assert not any(
        image.pixel(x, y) == red
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    ), widget


def test_the_break_window_through_nice_work(qtbot: QtBot) -> None:
    catalog = catalog_with_markup()
    clock = FakeClock(MONDAY_9)
    window = BreakWindow([MARKUP], catalog, 60, "micro", clock, 5, None, False,
                         minutes_today=2)
    qtbot.addWidget(window)
    window.start()
    assert window._move_name.text() == NAME and window._cue.text() == CUE
    assert window._next.text().endswith("<u>Down</u>")
    no_markup_in(window)
    assert html.escape(CUE) in window._figure.toolTip()
    clock.advance(60)
    window.refresh()  # "Nice work": the summary names the move
    assert NAME in window._summary.text()
    no_markup_in(window)
    window.close_now()


def test_the_preferences_moves_page(qtbot: QtBot, tmp_path: Path) -> None:
    paths = AppPaths(config_dir=tmp_path / "c", data_dir=tmp_path / "d",
                     log_dir=tmp_path / "l", runtime_dir=tmp_path / "r")
    dialog = PreferencesDialog(Settings(), catalog_with_markup(), TZ, paths, [],
                               NullAutostart(), opener=lambda _u: None, state_dir=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_page("moves")
    page = dialog.moves_page
    page.show_move("markup")
    item = page.items["markup"]
    assert item.text(0) == NAME  # the row paints this with drawText: plain
    assert html.escape(PURPOSE) in item.toolTip(0)
    assert page.preview_title.text().startswith(NAME)
    assert page.preview_purpose.text() == PURPOSE
    assert page.steps.item(0).text().startswith(f"1. {CUE}")
    no_markup_in(page)


def test_the_warning_notice(qtbot: QtBot) -> None:
    notice = Notice()
    qtbot.addWidget(notice)
    notice.pop(NAME, f"Next: {CUE}", [("start", "Start now", True)], 30)
    assert notice.title.text() == NAME and notice.text.text() == f"Next: {CUE}"
    no_markup_in(notice)


def test_the_tray_tooltip_and_status_window_during_its_break(
    qtbot: QtBot, tmp_path: Path
) -> None:
    paths = app_paths()
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(SETTINGS, encoding="utf-8")
    clock = FakeClock(MONDAY_9)
    app = DeskBreakApp(paths, clock, load_settings(paths.settings_file), catalog_with_markup(),
                       [], HistoryStore(None), use_tray=False, show_first_run_note=False,
                       presence=NO_PRESENCE)
    app.start()
    try:
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=30))
        assert app.session is not None and app.session.moves == (MARKUP,)
        tooltip = app.tray.icon.toolTip()
        assert tooltip == "Desk Break — Break in progress"  # no move text to misread
        assert app.status_window is not None
        assert app.status_window.status_label.textFormat() == Qt.TextFormat.PlainText
        no_markup_in(app.status_window)
        no_markup_in(app.session.window)
    finally:
        app.shutdown()
