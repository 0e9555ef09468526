"""The no-tray status window, the bad-settings message and the About box, as a person
sees them: offscreen, with grabs saved to artifacts/ for a human to look at."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import load_catalog
from desk_break.core.clock import FakeClock
from desk_break.core.engine import BreakEngine
from desk_break.core.events import State
from desk_break.paths import AppPaths, app_paths
from desk_break.qt.actions import menu_entries
from desk_break.qt.app import DeskBreakApp
from desk_break.qt.icons import state_icon
from desk_break.qt.prefs.common import contrast_ratio
from desk_break.qt.presence import NO_PRESENCE
from desk_break.qt.status_window import StatusWindow
from desk_break.settings.model import WEEKDAYS, Settings, WorkHours, WorkRange
from desk_break.settings.store import load_settings
from desk_break.storage.history import HistoryStore
from tests.qt.window_title import shown_title
from tests.xdisplay import ARTIFACTS

TZ = ZoneInfo("Europe/Berlin")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)
DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.Text: "#e8e8e8",
    QPalette.ColorRole.Button: "#3a3a3a",
    QPalette.ColorRole.ButtonText: "#e8e8e8",
}


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    before = qapp.palette()
    if request.param == "dark":
        dark = QPalette()
        for role, colour in DARK.items():
            dark.setColor(role, QColor(colour))
        qapp.setPalette(dark)
    yield str(request.param)
    qapp.setPalette(before)


def engine() -> BreakEngine:
    day = (WorkRange(time(9, 0), time(17, 0)),)
    e = BreakEngine(Settings(work_hours=WorkHours({d: day for d in WEEKDAYS})),
                    FakeClock(MONDAY_10))
    e.tick()
    return e


def save(widget: QLabel | StatusWindow | QMessageBox, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(ARTIFACTS / f"{name}.png"))


def test_the_status_window_is_tidy(qtbot: QtBot, theme: str) -> None:
    e = engine()
    window = StatusWindow(lambda: menu_entries(e))
    qtbot.addWidget(window)
    long_line = "Breaks held: a full-screen window and the microphone is in use (until 11:30)"
    window.set_status(state_icon(State.HELD), long_line)
    window.show()
    qtbot.waitExposed(window)
    # A long status wraps inside the window instead of stretching it.
    assert window.width() <= 480
    assert window.status_label.height() > window.status_label.fontMetrics().height() * 1.5
    # Buttons line up: two equal columns.
    widths = {window.button(k).width() for k in ("break-now", "snooze", "pause:menu", "resume")}
    assert max(widths) - min(widths) <= 1, widths  # (an odd width leaves a pixel over)
    # The Pause button shows one arrow, not Qt's indicator beside a text one.
    pause = window.button("pause:menu")
    assert pause.text().count("▾") == 1 and "▸" not in pause.text()
    assert "menu-indicator" in pause.styleSheet()
    # The note about the missing tray is quiet but readable (not the disabled grey).
    hint = window.findChild(QLabel, "status-hint")
    assert hint is not None and hint.isEnabled()
    background = window.palette().color(QPalette.ColorRole.Window)
    colour = hint.palette().color(QPalette.ColorRole.WindowText)
    assert contrast_ratio(colour, background) >= 4.5, (theme, colour.name())
    save(window, f"status-window-{theme}")


def test_a_message_shows_as_a_titled_panel(qtbot: QtBot) -> None:
    e = engine()
    window = StatusWindow(lambda: menu_entries(e))
    qtbot.addWidget(window)
    window.show()
    window.show_message("Desk Break found 2 problems\n• one\n• two")
    assert window.message_box.isVisible()
    assert window.message_label.text() == "<b>Desk Break found 2 problems</b><br>• one<br>• two"
    window.show_message("Read <this>\n<font color=red>x</font>")  # plain text stays plain
    assert "&lt;font color=red&gt;" in window.message_label.text()
    window.show_message("")
    assert not window.message_box.isVisible()


BAD_SETTINGS = """\
version = 1
[breaks]
interval_minutes = 0
duration_seconds = 99999
warning_seconds = -5
"""


@pytest.fixture
def home_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """Every folder under $HOME, as on a real machine, so paths can be told as ~/…"""
    monkeypatch.setenv("HOME", str(tmp_path))
    paths = app_paths()
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.settings_file.write_text(BAD_SETTINGS, encoding="utf-8")
    return paths


def test_bad_settings_say_how_many_with_short_paths_and_the_check_command(
    qtbot: QtBot, home_paths: AppPaths, tmp_path: Path
) -> None:
    catalog, problems = load_catalog(None)
    loaded = load_settings(home_paths.settings_file)
    assert len(loaded.problems) == 3
    app = DeskBreakApp(home_paths, FakeClock(MONDAY_10), loaded, catalog, list(problems),
                       HistoryStore(home_paths.history_db), use_tray=False,
                       show_first_run_note=False, presence=NO_PRESENCE)
    app.start()
    try:
        window = app.status_window
        assert window is not None
        title, *body = window.message().splitlines()
        assert title == "Desk Break found 3 problems"
        qtbot.waitExposed(window)
        message = window.message_label
        assert message.height() >= message.heightForWidth(message.width())  # not cut off
        assert len(body) == 4, body  # two problems, how many more, and the hint
        relative = home_paths.settings_file.relative_to(tmp_path)
        assert body[0].startswith(f"• ~/{relative}"), body[0]
        assert str(tmp_path) not in window.message()
        assert body[2] == "… and 1 more"
        assert body[3].endswith("desk-break settings check")
        save(window, "status-window-bad-settings")

        app.show_about()
        box = app.about_box
        assert box is not None
        assert shown_title(box) == "About \N{EM DASH} Desk Break"  # the name once
        text = box.informativeText()
        assert "GPL-3.0-or-later" in text.replace("\u2011", "-")
        assert "What Desk Break watches here" in text
        assert f"~/{relative}".replace("/", "/\u200b") in text
        close = box.button(QMessageBox.StandardButton.Close)
        assert close is not None and close.icon().isNull()
        qtbot.waitExposed(box)
        save(box, "about-box")
        box.close()
    finally:
        app.shutdown()
