"""The statistics window, offscreen, on real history files (none, one day, years):
what it shows, how many points each chart draws per range, keys, names, Export…."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import load_catalog
from desk_break.paths import app_paths
from desk_break.qt.stats.export import CsvExport
from desk_break.qt.stats.window import StatisticsWindow, StatsSource
from desk_break.storage.history_query import overview
from tests.qt.stats_histories import MONDAY, TODAY, YEARS, one_day, years_of_history
from tests.qt.window_title import shown_title
from tests.shoot import dark_palette


@pytest.fixture
def history() -> Path:
    path = app_paths().history_db  # where `desk-break export` reads, too
    return path


@pytest.fixture
def open_window(qtbot: QtBot, history: Path) -> Iterator[Callable[[], StatisticsWindow]]:
    made: list[StatisticsWindow] = []

    def make() -> StatisticsWindow:
        catalog, _ = load_catalog(None)
        source = StatsSource(
            history, 80, today=lambda: TODAY,
            move_names={m.id: m.name for m in catalog.moves.values()},
            focus_of={m.id: m.focus for m in catalog.moves.values()},
        )
        window = StatisticsWindow(source)
        qtbot.addWidget(window)
        window.resize(1100, 900)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()


def bar_heights(window: StatisticsWindow, day_index: int) -> dict[str, float]:
    bars = window.days_chart._bars
    return {name: float(bar.opts["height"][day_index]) for name, bar in bars.items()}


def test_no_history_yet_says_what_will_appear_and_when(
    open_window: Callable[[], StatisticsWindow], history: Path
) -> None:
    assert not history.exists()
    window = open_window()
    assert window.glance_note.text() == "Your first break today will show up here."
    assert window.tile_done.value.text() == "0"
    assert window.tile_streak.value.text() == "0"
    for card in (window.days_card, window.adherence_card, window.focus_card, window.moves_card,
                 window.timeline_card):
        assert card.is_empty, card.title.text()
        assert "will show up here" in card.empty.text()
    assert "as they happen" in window.timeline_card.empty.text()
    assert not window.next_week.isEnabled()
    assert not history.exists(), "the window must never create the history file"
    assert shown_title(window) == "Statistics \N{EM DASH} Desk Break"  # the name once


def test_one_day_of_history(open_window: Callable[[], StatisticsWindow], history: Path) -> None:
    one_day(history)
    expected = overview(history, 7, TODAY, 80).days[-1]
    window = open_window()
    done = expected.completed + expected.natural
    assert window.tile_done.value.text() == f"{done} of {expected.due}"
    assert window.tile_minutes.value.text() == str(round(expected.minutes_moved))
    assert not window.days_card.is_empty and not window.moves_card.is_empty
    for days in (7, 30, 90):
        window.set_range(days)
        assert window.days_chart.point_count() == days
        assert window.adherence_chart.point_count() == days
        heights = bar_heights(window, days - 1)  # today, the last stack
        assert heights["completed"] == expected.completed
        assert heights["snoozed"] == expected.snoozed
        stacked = sum(v for k, v in heights.items() if k != "snoozed")
        assert stacked == expected.due
        # The count axis reads in whole breaks (it said 0.5, 1.5 ... 4.5 in the review shots).
        labels = [label for _, label in window.days_chart.getAxis("left")._tickLevels[0]]
        assert labels and all(label.isdigit() for label in labels), labels
        assert len(labels) <= 8 and int(labels[-1]) >= expected.due, labels
        assert sum(bar_heights(window, 0).values()) == 0  # the first day: nothing
        finite = [v for v in window.adherence_chart.values if v == v]
        assert finite == [pytest.approx(done * 100 / expected.due)]
    # The week: only Wednesday has anything; a week back there is nothing.
    assert {d for d, items in window.timeline.days.items() if items} == {TODAY}
    kinds = {it.kind for it in window.timeline.days[TODAY]}
    assert {"work", "break"} <= kinds
    window.prev_week.click()
    assert window.week_start == MONDAY - timedelta(days=7)
    assert window.timeline_card.is_empty
    assert window.timeline_card.empty.text() == "Nothing was recorded this week."
    assert window.next_week.isEnabled()
    window.next_week.click()
    assert window.week_start == MONDAY and not window.next_week.isEnabled()


def test_years_of_history_right_points_per_range_and_opens_quickly(
    qtbot: QtBot, open_window: Callable[[], StatisticsWindow], history: Path
) -> None:
    years_of_history(history)
    started = time.perf_counter()
    window = open_window()
    QApplication.processEvents()
    opened = time.perf_counter() - started
    print(f"statistics window on {YEARS} years: built and shown in {opened * 1000:.0f} ms")
    assert opened < 3.0
    for days in (7, 30, 90):
        window.set_range(days)
        expected = overview(history, days, TODAY, 80)
        assert window.days_chart.point_count() == days
        assert window.adherence_chart.point_count() == days
        assert [d.date for d in window.days_chart.days] == [d.date for d in expected.days]
        for i in (0, days // 2, days - 1):
            heights = bar_heights(window, i)
            assert sum(v for k, v in heights.items() if k != "snoozed") == expected.days[i].due
        gaps = sum(1 for v in window.adherence_chart.values if v != v)
        assert gaps == sum(1 for d in expected.days if d.due == 0)  # weekends: gaps, not 0 %
        assert window.moves_chart.point_count() == min(6, len(expected.top_moves))
        assert window.focus_chart.point_count() == min(6, len(expected.focus_areas))
    totals = overview(history, 7, TODAY, 80).totals
    assert window.tile_streak.value.text() == str(totals.current_streak)
    assert window.tile_best.value.text() == str(totals.best_streak)
    # A week timeline for every weekday worked this week (Mon-Wed so far).
    worked = {d for d, items in window.timeline.days.items() if items}
    assert worked <= {MONDAY + timedelta(days=i) for i in range(3)} and worked
    for _ in range(3):
        window.prev_week.click()
    assert window.week_start == MONDAY - timedelta(days=21)
    assert not window.timeline_card.is_empty


def test_keys_pick_the_range_and_the_week_and_tab_walks_the_window(
    qtbot: QtBot, open_window: Callable[[], StatisticsWindow], history: Path
) -> None:
    one_day(history)
    window = open_window()
    with qtbot.waitActive(window):
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.range_days == 30 and window.range_buttons[30].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.days_chart.point_count() == 90
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.week_start == MONDAY - timedelta(days=7)
    qtbot.keyClick(window, Qt.Key.Key_Home, Qt.KeyboardModifier.AltModifier)
    assert window.week_start == MONDAY
    # Tab goes through the range, the charts, the week's buttons, the timeline, Export.
    window.range_buttons[7].setFocus()
    seen: list[QWidget] = []
    for _ in range(14):
        widget = QApplication.focusWidget()
        assert widget is not None
        seen.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    names = [w.objectName() for w in seen]
    for name in ("range-button", "chart-days", "chart-adherence", "chart-focus", "chart-moves",
                 "previous-week", "this-week" if window.this_week.isEnabled() else "previous-week",
                 "week-timeline", "export-button"):
        assert name in names, names
    assert names.index("chart-days") < names.index("week-timeline") < names.index("export-button")


def test_charts_have_names_and_say_what_they_show(
    open_window: Callable[[], StatisticsWindow], history: Path
) -> None:
    one_day(history)
    window = open_window()
    day = overview(history, 7, TODAY, 80).days[-1]
    for chart in (window.days_chart, window.adherence_chart, window.focus_chart,
                  window.moves_chart, window.timeline):
        assert chart.accessibleName(), chart.objectName()
        assert chart.accessibleDescription(), chart.objectName()
    assert f"{day.completed + day.natural} of {day.due} breaks done" in (
        window.days_chart.accessibleDescription())
    assert "goal is 80 %" in window.adherence_chart.accessibleDescription()
    assert "Wednesday: worked 9:" in window.timeline.accessibleDescription()
    assert "Monday: no work recorded." in window.timeline.accessibleDescription()
    assert window.days_chart.day_text(window.days_chart.days[-1]).startswith("Wed 25")


def test_the_look_follows_the_palette(
    qtbot: QtBot, open_window: Callable[[], StatisticsWindow], history: Path
) -> None:
    one_day(history)
    window = open_window()
    assert not window.look.dark
    light_card = window.look.card
    original = QPalette(QApplication.palette())
    QApplication.setPalette(dark_palette())  # the desktop switched to dark
    window.set_range(90)
    try:
        qtbot.waitUntil(lambda: window.look.dark, timeout=2000)
        assert window.look.card.lightness() < 80 < light_card.lightness()
        assert window.days_chart.backgroundBrush().color() == window.look.card
        QApplication.processEvents()
        shown = [w for w in window.days_card.legend_row.findChildren(QWidget, "legend-entry")
                 if w.isVisible()]
        assert len(shown) == 5  # the legend redone in the new colours, and visible
    finally:
        QApplication.setPalette(original)
    qtbot.waitUntil(lambda: not window.look.dark, timeout=2000)


def test_export_writes_what_desk_break_export_writes(
    qtbot: QtBot, open_window: Callable[[], StatisticsWindow], history: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    one_day(history)
    target = tmp_path / "mine.csv"
    monkeypatch.setattr(CsvExport, "ask", staticmethod(lambda parent, suggested: str(target)))
    window = open_window()
    window.export_button.click()
    qtbot.waitUntil(lambda: window.export_note.text().startswith(("Saved", "Export failed")),
                    timeout=20_000)
    assert window.export_note.text() == f"Saved to {target}"
    cli = subprocess.run([sys.executable, "-m", "desk_break", "export", "--csv", "-"],
                         capture_output=True, text=True, check=True, timeout=60)
    written = target.read_text(encoding="utf-8")
    assert written == cli.stdout
    assert written.count("\n") == 1 + len(list(_events(history)))


def _events(history: Path) -> Iterator[object]:
    from desk_break.storage.history_query import events

    return events(history)


def test_no_date_leaks_past_today(open_window: Callable[[], StatisticsWindow]) -> None:
    window = open_window()
    assert window.days_chart.days[-1].date == TODAY
    assert all(d.date <= TODAY for d in window.days_chart.days)
    assert window.week_start == date(2026, 11, 23)


def test_the_timeline_places_items_on_the_clock_and_names_them_on_hover(qtbot: QtBot) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from desk_break.core.statistics import TimelineItem
    from desk_break.qt.stats.look import Look
    from desk_break.qt.stats.timeline import WeekTimeline, describe_item

    tz = ZoneInfo("Europe/Berlin")

    def at(day: date, h: int, m: int = 0) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=tz) + timedelta(hours=h, minutes=m)

    tuesday = MONDAY + timedelta(days=1)
    items = {
        MONDAY: [TimelineItem(at(MONDAY, 9), at(MONDAY, 17), "work", ""),
                 TimelineItem(at(MONDAY, 10), at(MONDAY, 10, 1), "break", "completed"),
                 TimelineItem(at(MONDAY, 14), at(MONDAY, 14, 30), "held", "camera,calendar"),
                 TimelineItem(at(MONDAY, 12), at(MONDAY, 12, 45), "away", "")],
        # A night shift: its 01:00 break belongs to the day it started.
        tuesday: [TimelineItem(at(tuesday, 20), at(tuesday, 26), "work", ""),
                  TimelineItem(at(tuesday, 25), at(tuesday, 25, 1), "break", "skipped")],
    }
    timeline = WeekTimeline(Look.current())
    qtbot.addWidget(timeline)
    timeline.resize(900, timeline.sizeHint().height())
    timeline.set_week(MONDAY, items, TODAY)
    assert (timeline.first_hour, timeline.last_hour) == (8, 26)
    rects = {id(it): rect for rect, it in timeline._layout()}
    work, brk, held = (rects[id(items[MONDAY][i])] for i in (0, 1, 2))
    assert work.left() < brk.left() < work.right()
    assert brk.right() < held.left() < work.right()
    night_work, night = rects[id(items[tuesday][0])], rects[id(items[tuesday][1])]
    assert night.top() > work.bottom()  # Tuesday's row, below Monday's
    assert night_work.left() < night.left() < night_work.right() <= timeline.width()
    hit = timeline.item_at(held.center().toPoint())
    assert hit is not None
    assert describe_item(hit) == ("Breaks held 14:00–14:30: camera in use, "
                                  "meeting in your calendar")
    assert describe_item(items[tuesday][1]) == "Break at 1:00: skipped"
    assert describe_item(items[MONDAY][3]) == "Away 12:00–12:45"


def test_a_damaged_history_is_said_not_a_crash_and_left_alone(
    open_window: Callable[[], StatisticsWindow], history: Path
) -> None:
    history.parent.mkdir(parents=True, exist_ok=True)
    history.write_bytes(b"this is not a database" * 100)
    before = history.read_bytes()
    window = open_window()
    assert window.glance_note.text().startswith("Desk Break cannot read your history: ")
    assert str(history) in window.glance_note.text()
    assert window.days_card.is_empty and window.days_chart.point_count() == 7
    window.prev_week.click()
    assert window.timeline_card.is_empty
    assert history.read_bytes() == before and not history.with_name(
        history.name + "-wal").exists()
