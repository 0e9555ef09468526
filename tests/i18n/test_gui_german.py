"""With LANGUAGE=de every text in every window went through translation.

The app runs with its real German catalogue behind a translator that marks what it
translates (⟦…⟧). Every window a person sees is opened and every text a widget holds
(text, tooltip, title, accessible name and description, items, placeholders, painted
key hints) is walked: once the marked parts, the German move words (user data from
resources/moves.de.toml), numbers and paths are taken out, no word may be left. An
English literal that skipped translate() fails here, naming the widget and the text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk_break.assets import resource_text
from desk_break.core import i18n
from desk_break.core.catalog import load_catalog
from desk_break.core.catalog_locale import parse_translations
from desk_break.core.clock import FakeClock
from desk_break.core.events import State
from desk_break.paths import AppPaths, app_paths
from desk_break.qt.actions import menu_entries
from desk_break.qt.app import DeskBreakApp
from desk_break.qt.break_widgets import KeyButton, StepCountdown
from desk_break.qt.break_window import BreakWindow
from desk_break.qt.first_run import FirstRunNote
from desk_break.qt.icons import state_icon
from desk_break.qt.presence import NO_PRESENCE
from desk_break.qt.translation import install_translators
from desk_break.qt.tray import Tray
from desk_break.settings.store import load_settings
from desk_break.storage.history import HistoryStore

TZ = ZoneInfo("Europe/Berlin")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
OPEN, CLOSE = "\u27e6", "\u27e7"
MARKED = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
WORD = re.compile(r"[^\W\d_]{2,}")


class Marking(QTranslator):
    """Answers as `inner` does, with the answer marked; not found stays not found."""

    def __init__(self, inner: QTranslator) -> None:
        super().__init__()
        self.inner = inner

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        found = self.inner.translate(context, source, disambiguation, n)
        return f"{OPEN}{found}{CLOSE}" if found else ""

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def german(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("LANGUAGE", "de")
    assert install_translators() == "de"
    real = list(qapp._desk_break_translators)  # type: ignore[attr-defined]
    assert len(real) == 2, "ours and Qt's own (qtbase_de.qm)"
    marking = [Marking(t) for t in real]
    for translator in real:
        QCoreApplication.removeTranslator(translator)
    for translator in marking:
        QCoreApplication.installTranslator(translator)
    yield
    for translator in marking:
        QCoreApplication.removeTranslator(translator)
    qapp._desk_break_translators = []  # type: ignore[attr-defined]
    install_translators({"LANGUAGE": "en"})


def user_words() -> list[str]:
    """The German move words: data from moves.de.toml, shown as they are, longest first."""
    words: list[str] = []
    for entry in parse_translations(resource_text("moves.de.toml")).values():
        words += [entry["name"], entry["purpose"], *entry.get("cautions", [])]
        words += list(entry.get("cues", {}).values())
    return sorted(set(words), key=len, reverse=True)


USER_WORDS = user_words()
ALLOWED = ("Desk Break", "desk-break", "GPL-3.0-or-later", "GPL\u20113.0\u2011or\u2011later")


def plain(text: str) -> str:
    """What a person reads: the text without the marks."""
    return text.replace(OPEN, "").replace(CLOSE, "")


def untranslated(text: str) -> list[str]:
    """The words of `text` that did not come through translation (or user data)."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    while True:
        stripped = MARKED.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    for words in USER_WORDS:
        text = text.replace(words, " ")
    text = re.sub(r"\S*[/~]\S*", " ", text)  # paths (settings file, log, history)
    text = re.sub(r"\b[a-z_]+\.[a-z_]+(\[\d+\])?", " ", text)  # settings keys as in the file
    for words in ALLOWED:
        text = text.replace(words, " ")
    return WORD.findall(text)


def texts_of(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) for everything `widget` shows or tells a screen reader."""
    name = f"{type(widget).__name__}({widget.objectName()})"
    yield f"{name}.toolTip", widget.toolTip()
    yield f"{name}.windowTitle", widget.windowTitle() if widget.isWindow() else ""
    yield f"{name}.accessibleName", widget.accessibleName()
    yield f"{name}.accessibleDescription", widget.accessibleDescription()
    if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
        yield f"{name}.text", widget.text()
    if isinstance(widget, QLineEdit):
        yield f"{name}.placeholder", widget.placeholderText()
    if isinstance(widget, QGroupBox):
        yield f"{name}.title", widget.title()
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"{name}.item{i}", widget.itemText(i)
    if isinstance(widget, QListWidget):
        for i in range(widget.count()):
            item = widget.item(i)
            yield f"{name}.item{i}", item.text()
            yield f"{name}.item{i}.toolTip", item.toolTip()
    if isinstance(widget, QTreeWidget):
        header = widget.headerItem()
        for col in range(widget.columnCount()):
            yield f"{name}.header{col}", header.text(col)
        for i in range(widget.topLevelItemCount()):
            item = widget.topLevelItem(i)
            for col in range(widget.columnCount()):
                yield f"{name}.item{i}.{col}", item.text(col)
            yield f"{name}.item{i}.toolTip", item.toolTip(0)
    if isinstance(widget, KeyButton):  # the key chip it paints: "Esc", "Enter"
        yield f"{name}.key", widget.key
    if isinstance(widget, StepCountdown):  # the unit it paints: "Sek."
        yield f"{name}.unit", widget._unit
    for action in widget.actions():
        yield from texts_of_action(action, name)


def texts_of_action(action: QAction, where: str) -> Iterator[tuple[str, str]]:
    yield f"{where}.action.text", action.text()
    yield f"{where}.action.toolTip", action.toolTip() if action.toolTip() != action.text() else ""
    menu = action.menu()
    if isinstance(menu, QMenu):
        for sub in menu.actions():
            yield from texts_of_action(sub, f"{where}/{action.text()}")


def walk(*windows: QWidget) -> dict[str, list[str]]:
    """Every text of these windows (and their children) with its untranslated words."""
    found: dict[str, list[str]] = {}
    seen = 0
    for window in windows:
        for widget in [window, *window.findChildren(QWidget)]:
            if not shiboken6.isValid(widget):
                continue
            for what, text in texts_of(widget):
                if text:
                    seen += 1
                    words = untranslated(text)
                    if words:
                        found[f"{what}: {text!r}"] = words
    assert seen > 0
    return found


@pytest.fixture
def paths() -> AppPaths:
    p = app_paths()
    p.config_dir.mkdir(parents=True, exist_ok=True)
    return p


@pytest.fixture
def app(german: None, qtbot: QtBot, paths: AppPaths,
        monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[DeskBreakApp, FakeClock]]:
    monkeypatch.setattr(BreakWindow, "FINISH_DELAY_MS", 60_000)
    clock = FakeClock(MONDAY_9)
    catalog, problems = load_catalog(paths.user_moves_file)
    app = DeskBreakApp(
        paths, clock, load_settings(paths.settings_file), catalog, list(problems),
        HistoryStore(paths.history_db), use_tray=False, show_first_run_note=False,
        presence=NO_PRESENCE,
    )
    app.start()
    yield app, clock
    app.shutdown()


def advance(app: DeskBreakApp, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    app.driver.run(lambda e: e.tick())


def test_the_marking_sees_an_untranslated_literal() -> None:
    """The check itself: an English word outside the marks is found, German data is not."""
    assert untranslated("Snooze ⟦5 Min. später⟧") == ["Snooze"]
    assert untranslated("⟦Als Nächstes: Linke Hand aufs rechte Knie legen⟧ 12:30") == []
    assert untranslated("Drehung auf dem Stuhl · ⟦23 s⟧ ~/.config/desk-break/x.toml") == []
    assert untranslated("⟦Zeile 2⟧: breaks.interval_minutes: ⟦muss …⟧") == []
    assert untranslated("⟦Zeile 2⟧: breaks.interval_minutes: must be") == ["must", "be"]


def test_status_window_notice_and_tray_are_german_and_all_translated(
    app: tuple[DeskBreakApp, FakeClock], qtbot: QtBot
) -> None:
    desk, clock = app
    assert desk.status_window is not None
    assert plain(desk.status_window.status_label.text()) == "Nächste Pause in 30 Min. (um 09:30)"
    tray = Tray(lambda: menu_entries(desk.engine))
    tray.set_status(state_icon(desk.engine.state), desk.status_text())
    tray.rebuild_menu()
    assert plain(tray.icon.toolTip()) == "Desk Break — Nächste Pause in 30 Min. (um 09:30)"
    menu_texts = [plain(a.text()) for a in tray.menu.actions()]
    assert "Jetzt eine Pause machen" in menu_texts and "Beenden" in menu_texts, menu_texts
    advance(desk, clock, 29 * 60 + 30)  # the warning
    assert desk.engine.state == State.WARNING and desk.notice.isVisible()
    assert plain(desk.notice.title.text()) == "Pause in 30 s"
    problems = walk(desk.status_window, desk.notice, tray.menu)
    problems |= {f"tray.toolTip: {tray.icon.toolTip()!r}": w
                 for w in [untranslated(tray.icon.toolTip())] if w}
    tray.hide()
    tray.deleteLater()
    assert problems == {}


def test_the_break_window_is_german_and_all_translated(
    app: tuple[DeskBreakApp, FakeClock], qtbot: QtBot
) -> None:
    desk, clock = app
    assert desk.perform("break-now") is None
    session = desk.session
    assert session is not None
    window = session.window
    assert plain(window.windowTitle()) in ("Kurzpause", "Lange Pause")
    problems: dict[str, list[str]] = {}
    segments = window.plan.segments
    for segment in segments:  # every step and the rest, then "Nice work"
        target = segment.start + 0.5
        clock.advance(max(0.0, target - (clock.boottime() - window._started_at)))
        window.refresh()
        problems |= walk(window)
    clock.advance(window.plan.total + 1)
    window.refresh()
    assert plain(window._cue.text()) == "Gut gemacht"
    problems |= walk(window)
    assert problems == {}


def test_preferences_about_and_the_first_run_note_are_all_translated(
    app: tuple[DeskBreakApp, FakeClock], qtbot: QtBot, paths: AppPaths
) -> None:
    desk, _clock = app
    desk.show_preferences()
    dialog = desk.preferences
    assert dialog is not None
    problems: dict[str, list[str]] = {}
    for page in dialog.pages:
        dialog.show_page(page.key)
        problems |= walk(dialog)
    # Heads-ups and inline errors too: an empty range and a warning too long.
    hours = dialog.work_hours_page.days["monday"]
    hours.add_range()
    dialog.breaks_page.warning.setValue(600)
    dialog.breaks_page.interval.setValue(5)
    problems |= walk(dialog)
    assert dialog.status.text(), "the dialog says what blocks saving"
    # A settings file with problems: the banner and each page's inline errors.
    bad = paths.config_dir / "bad.toml"
    bad.write_text("[breaks]\ninterval_minutes = 0\nwarning = 3\n[moves]\npositions = []\n"
                   "[work_hours]\nmonday = [\"25:00-26:00\"]\n", encoding="utf-8")
    loaded = load_settings(bad)
    assert len(loaded.problems) == 4
    assert "muss eine ganze Zahl von 1 bis 480 sein" in plain(str(loaded.problems[0]))
    dialog.show_problems(list(loaded.problems))
    assert dialog.banner.isVisible()
    problems |= walk(dialog)
    desk.show_about()
    note = FirstRunNote()
    qtbot.addWidget(note)
    problems |= walk(desk.about_box, note)
    assert problems == {}


def test_weekday_names_are_the_ones_qlocale_gives_for_german() -> None:
    """The CLI's tables (from the catalogue) agree with Qt's CLDR data for de_DE."""
    from desk_break.translations import install_for_cli

    install_for_cli({"LANGUAGE": "de"})
    locale = QLocale("de_DE")
    monday = datetime(2026, 11, 23)
    for offset in range(7):
        day = monday + timedelta(days=offset)
        short, long = QLocale.FormatType.ShortFormat, QLocale.FormatType.LongFormat
        assert i18n.weekday_short(day) == locale.dayName(offset + 1, short)
        assert i18n.weekday_name(offset) == locale.dayName(offset + 1, long)



@pytest.mark.parametrize("move_ids", [
    ["wall_angels", "overhead_opener", "shoulder_external_rotation"],  # a long break
    ["seated_chair_twist", "shoulder_blade_squeeze"],
])
def test_a_german_break_fits_a_small_screen(
    german: None, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, move_ids: list[str]
) -> None:
    """German wraps into more lines: on 1920x1080 at 200 % (960x540) and on 640x400 the
    window still fits, buttons included, with every cue and "Nice work" unclipped."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    catalog, _ = load_catalog(None)
    moves = [m for i in move_ids if (m := catalog.get(i)) is not None]
    for area in (QRect(0, 0, 960, 540), QRect(0, 0, 640, 400)):
        monkeypatch.setattr(QScreen, "availableGeometry", lambda self, a=area: a)
        clock = FakeClock(MONDAY_9)
        window = BreakWindow(moves, catalog, sum(m.seconds for m in moves), "long", clock, 5,
                             None, False, minutes_today=9)
        qtbot.addWidget(window)
        window.start()
        assert area.contains(window.frameGeometry()), (area, window.frameGeometry())
        assert window.height() <= area.height() - 40  # room for a title bar
        window.layout().activate()
        assert window.height() >= window.minimumSizeHint().height()
        for label in (window._cue, window._next):
            assert label.height() >= label.heightForWidth(label.width()), label.text()
        clock.advance(window.plan.total + 1)
        window.refresh()
        window.layout().activate()
        assert window._summary.height() >= window._summary.heightForWidth(window._summary.width())
        window.close_now()


def test_the_statistics_window_is_german_and_all_translated(
    german: None, qtbot: QtBot, paths: AppPaths
) -> None:
    """Its own process installs the same translators (desk_break/qt/stats/process.py)."""
    from desk_break.qt.stats.window import StatisticsWindow, StatsSource
    from tests.qt.stats_histories import TODAY, one_day

    one_day(paths.history_db)  # a day of breaks, so the charts and notes have words
    catalog, _ = load_catalog(None)
    source = StatsSource(paths.history_db, 80, today=lambda: TODAY,
                         move_names={m.id: m.name for m in catalog.moves.values()},
                         focus_of={m.id: m.focus for m in catalog.moves.values()})
    window = StatisticsWindow(source)
    qtbot.addWidget(window)
    window.resize(1100, 900)
    window.show()
    assert plain(window.windowTitle()) == "Statistik"  # Qt adds " — Desk Break"
    problems = walk(window)
    window.close()
    assert problems == {}
