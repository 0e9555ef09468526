"""The statistics window: today at a glance, the charts for 7, 30 or 90 days, the
week timeline, and Export….

It reads the history only through `StatsSource` (read-only queries); it never
writes. It re-reads once a minute while open, so a break taken meanwhile shows up.

Keys: Ctrl+1 / Ctrl+2 / Ctrl+3 pick 7, 30 or 90 days; Alt+Left / Alt+Right the
previous / next week; Alt+Home this week; F5 reads again; Ctrl+E exports; Ctrl+W
or Escape closes.
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QLocale, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk_break.core.statistics import DayCounts, Overview, TimelineItem, totals_of
from desk_break.qt.stats.charts import Adherence, DayBars, Ranked, outcome_label
from desk_break.qt.stats.export import CsvExport
from desk_break.qt.stats.look import OUTCOME_ORDER, Look, scaled_font
from desk_break.qt.stats.parts import Card, Tile, style_sheet
from desk_break.qt.stats.timeline import WeekTimeline
from desk_break.qt.timers import make_timer
from desk_break.storage import history_query

log = logging.getLogger(__name__)

RANGES = (7, 30, 90)
REFRESH_MS = 60_000
REFRESH_TIMER = "statistics-refresh"


@dataclass
class StatsSource:
    """Where the window reads from, and how it names things. `today` is injected so
    tests show a fixed day."""

    history: Path
    goal_percent: int = 80
    today: Callable[[], date] = date.today
    move_names: Mapping[str, str] = field(default_factory=dict)
    focus_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    problem: str = ""  # why the history could not be read, the last time it was tried

    def overview(self, days: int) -> Overview:
        """The statistics, or empty ones (and `problem` set) when the file cannot be read
        (damaged, or written by a newer Desk Break): the window says so, not a traceback."""
        try:
            found = history_query.overview(self.history, days, self.today(), self.goal_percent,
                                           focus_of=self.focus_of or None)
        except (history_query.HistoryUnreadable, sqlite3.Error) as exc:
            self.problem = str(exc)
            first = self.today() - timedelta(days=days - 1)
            empty = [DayCounts(first + timedelta(days=i), 0, 0, 0, 0, 0, 0, 0.0, False)
                     for i in range(days)]
            return Overview(empty, totals_of(empty, 0, 0), [], [])
        self.problem = ""
        return found

    def week(self, week_start: date) -> dict[date, list[TimelineItem]]:
        try:
            return history_query.week_timeline(self.history, week_start)
        except (history_query.HistoryUnreadable, sqlite3.Error) as exc:
            self.problem = str(exc)
            return {week_start + timedelta(days=i): [] for i in range(7)}


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class StatisticsWindow(QWidget):
    def __init__(self, source: StatsSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setObjectName("statistics-window")
        self.setWindowTitle(self.tr("Statistics"))  # Qt adds " — Desk Break"
        self.look = Look.current(self)
        self.range_days = 7
        self.overview: Overview | None = None
        self.week_start = monday_of(source.today())
        self.raised = 0  # times a second launch raised this window
        self._applying = False
        self._build()
        self._shortcuts()
        self.export = CsvExport(self, source.history)
        self.export.finished.connect(self.export_note.setText)
        self._refresh_timer = make_timer(REFRESH_TIMER, self, REFRESH_MS, coarse=True,
                                         on_timeout=self.refresh)
        self.apply_look()
        self.refresh()

    # ---- building ----------------------------------------------------------------

    def _build(self) -> None:
        look = self.look
        title = QLabel(self.tr("Your breaks"))
        title.setFont(scaled_font(self.font(), 1.6, bold=True))
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("export-button")
        self.export_button.setToolTip(self.tr("Save every event as a CSV file (Ctrl+E)"))
        self.export_button.clicked.connect(self.ask_export)
        self.export_note = QLabel()
        self.export_note.setObjectName("export-note")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.export_note)
        head.addWidget(self.export_button)

        # Today at a glance.
        self.tile_done = Tile("tile-done", self.tr("breaks done today"))
        self.tile_minutes = Tile("tile-minutes", self.tr("minutes moved today"))
        self.tile_streak = Tile("tile-streak", self.tr("days in a row at your goal"))
        self.tile_best = Tile("tile-best", self.tr("your best streak"))
        self.glance_note = QLabel()
        self.glance_note.setObjectName("glance-note")
        self.glance_note.setWordWrap(True)
        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        for tile in (self.tile_done, self.tile_minutes, self.tile_streak, self.tile_best):
            tiles.addWidget(tile)

        # The range selector: a segmented row of three buttons.
        self.range_group = QButtonGroup(self)
        self.range_group.setExclusive(True)
        ranges = QHBoxLayout()
        ranges.setSpacing(6)
        ranges.addWidget(QLabel(self.tr("Show the last")))
        ranges.addSpacing(8)
        self.range_buttons: dict[int, QPushButton] = {}
        for i, days in enumerate(RANGES, start=1):
            button = QPushButton(self.tr("{n} days").format(n=days))
            button.setObjectName("range-button")
            button.setCheckable(True)
            button.setToolTip(self.tr("The last {n} days (Ctrl+{key})").format(n=days, key=i))
            button.setAccessibleName(self.tr("Show the last {n} days").format(n=days))
            button.clicked.connect(lambda _c=False, d=days: self.set_range(d))
            self.range_group.addButton(button, days)
            self.range_buttons[days] = button
            ranges.addWidget(button)
        self.range_buttons[7].setChecked(True)
        ranges.addStretch(1)

        self.days_chart = DayBars(look)
        self.days_card = Card(self.tr("Breaks per day"), self.days_chart, self.tr(
            "Each day's breaks (done, skipped, missed) and snoozes will show up here, "
            "from your first break on."))
        self.adherence_chart = Adherence(look)
        self.adherence_card = Card(self.tr("Days at your goal"), self.adherence_chart, "")
        self.focus_chart = Ranked(look, "chart-focus", self.tr("Focus areas"))
        self.focus_card = Card(self.tr("Focus areas"), self.focus_chart, self.tr(
            "The parts of your back you move most will show up here after your first "
            "break with moves."))
        self.moves_chart = Ranked(look, "chart-moves", self.tr("Moves done most"))
        self.moves_card = Card(self.tr("Moves done most"), self.moves_chart, self.tr(
            "Your most-done moves will show up here after your first break with moves."))
        line = self.fontMetrics().height()
        self.days_chart.setMinimumHeight(line * 13)
        self.adherence_chart.setMinimumHeight(line * 8)
        for chart in (self.focus_chart, self.moves_chart):
            chart.setMinimumHeight(line * 9)

        # The week timeline with its navigation.
        self.prev_week = QPushButton(self.tr("‹ Previous"))
        self.prev_week.setObjectName("previous-week")
        self.prev_week.setToolTip(self.tr("The week before (Alt+Left)"))
        self.prev_week.setAccessibleName(self.tr("Previous week"))
        self.prev_week.clicked.connect(lambda: self.show_week(self.week_start - timedelta(7)))
        self.week_label = QLabel()
        self.week_label.setObjectName("week-label")
        self.this_week = QPushButton(self.tr("This week"))
        self.this_week.setObjectName("this-week")
        self.this_week.setToolTip(self.tr("Back to this week (Alt+Home)"))
        self.this_week.clicked.connect(lambda: self.show_week(monday_of(self.source.today())))
        self.next_week = QPushButton(self.tr("Next ›"))
        self.next_week.setObjectName("next-week")
        self.next_week.setToolTip(self.tr("The week after (Alt+Right)"))
        self.next_week.setAccessibleName(self.tr("Next week"))
        self.next_week.clicked.connect(lambda: self.show_week(self.week_start + timedelta(7)))
        nav = QWidget()
        nav_row = QHBoxLayout(nav)
        nav_row.setContentsMargins(0, 0, 0, 0)
        nav_row.addWidget(self.week_label)
        nav_row.addSpacing(8)
        for button in (self.prev_week, self.this_week, self.next_week):
            nav_row.addWidget(button)
        self.timeline = WeekTimeline(look)
        self.timeline_card = Card(self.tr("Week timeline"), self.timeline, "", header=nav)

        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.days_card, 0, 0, 1, 2)
        grid.addWidget(self.adherence_card, 1, 0, 1, 2)
        grid.addWidget(self.focus_card, 2, 0)
        grid.addWidget(self.moves_card, 2, 1)
        grid.addWidget(self.timeline_card, 3, 0, 1, 2)

        content = QWidget()
        content.setObjectName("statistics-content")
        box = QVBoxLayout(content)
        box.setContentsMargins(20, 16, 20, 20)
        box.setSpacing(12)
        box.addLayout(head)
        box.addLayout(tiles)
        box.addWidget(self.glance_note)
        box.addSpacing(4)
        box.addLayout(ranges)
        box.addLayout(grid)
        box.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroller.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroller)

        order: list[QWidget] = [*self.range_buttons.values(), self.days_chart, self.adherence_chart,
                 self.focus_chart, self.moves_chart, self.week_label, self.prev_week,
                 self.this_week, self.next_week, self.timeline, self.export_button]
        order = [w for w in order if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    def _shortcuts(self) -> None:
        def key(sequence: QKeySequence | QKeySequence.StandardKey | str,
                action: Callable[[], object]) -> None:
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.activated.connect(action)

        for i, days in enumerate(RANGES, start=1):
            key(f"Ctrl+{i}", partial(self.set_range, days))
        key("Alt+Left", self.prev_week.click)
        key("Alt+Right", self.next_week.click)
        key("Alt+Home", self.this_week.click)
        key(QKeySequence.StandardKey.Refresh, self.refresh)
        key("F5", self.refresh)
        key("Ctrl+E", self.export_button.click)
        key(QKeySequence.StandardKey.Close, self.close)
        key("Escape", self.close)

    # ---- what it shows ---------------------------------------------------------------

    def set_range(self, days: int) -> None:
        self.range_days = days
        self.range_buttons[days].setChecked(True)
        self._load_range()

    def refresh(self) -> None:
        """Read everything again (the minute timer, F5, a second `desk-break statistics`)."""
        self._load_range()
        self.show_week(self.week_start)

    def _load_range(self) -> None:
        overview = self.source.overview(self.range_days)
        self.overview = overview
        self._show_glance(overview)
        days = overview.days
        any_breaks = any(d.due or d.snoozed for d in days)
        self.days_chart.set_days(days)
        self.days_card.show_empty(not any_breaks)
        goal = self.source.goal_percent
        self.adherence_chart.set_days(days, goal)
        self._adherence_legend()
        self.adherence_card.title.setText(self.tr("Days at your goal of {goal} %").format(
            goal=goal))
        self.adherence_card.show_empty(not any(d.due for d in days), self.tr(
            "How close each day comes to your goal ({goal} % of breaks done) will show up "
            "here after your first day with breaks.").format(goal=goal))
        names = [(self._area_name(a), n) for a, n in overview.focus_areas]
        self.focus_chart.set_items(names)
        self.focus_card.show_empty(not names)
        moves = [(self.source.move_names.get(m, m.replace("_", " ").capitalize()), n)
                 for m, n in overview.top_moves]
        self.moves_chart.set_items(moves)
        self.moves_card.show_empty(not moves)

    def _show_glance(self, overview: Overview) -> None:
        today = overview.days[-1]
        done = today.completed + today.natural
        totals = overview.totals
        if today.due:
            self.tile_done.set(self.tr("{done} of {due}").format(done=done, due=today.due),
                               self.tr("breaks done today"))
        else:
            self.tile_done.set("0", self.tr("breaks done today"))
        self.tile_minutes.set(f"{round(today.minutes_moved)}", self.tr("minutes moved today"))
        streak, best = totals.current_streak, totals.best_streak
        self.tile_streak.set(str(streak), self.tr("day in a row at your goal") if streak == 1
                             else self.tr("days in a row at your goal"))
        self.tile_best.set(str(best), self.tr("day: your best streak") if best == 1
                           else self.tr("days: your best streak"))
        if self.source.problem:
            log.error("cannot read the history: %s", self.source.problem)
            self.glance_note.setText(self.tr("Desk Break cannot read your history: {reason}")
                                     .format(reason=self.source.problem))
        elif today.due == 0:
            self.glance_note.setText(self.tr("Your first break today will show up here."))
        elif today.goal_met:
            self.glance_note.setText(self.tr("Today meets your goal. Nice work."))
        else:
            needed = -(-self.source.goal_percent * today.due // 100) - done
            self.glance_note.setText(self.tr(
                "{n} more done today meets your goal.").format(n=max(needed, 1)))

    def _area_name(self, area: str) -> str:
        return {
            "extension": self.tr("Back extension"),
            "flexion": self.tr("Forward bending"),
            "rotation": self.tr("Rotation"),
            "release": self.tr("Release"),
            "shoulder": self.tr("Shoulders"),
            "scapular": self.tr("Shoulder blades"),
        }.get(area, area.replace("_", " ").capitalize())

    def show_week(self, week_start: date) -> None:
        self.week_start = monday_of(week_start)
        today = self.source.today()
        this_monday = monday_of(today)
        items = self.source.week(self.week_start)
        self.timeline.set_week(self.week_start, items, today)
        end = self.week_start + timedelta(days=6)
        locale = QLocale()
        self.week_label.setText(self.tr("{first} – {last}").format(
            first=locale.toString(QDate(self.week_start.year, self.week_start.month,
                                        self.week_start.day), "d MMM"),
            last=locale.toString(QDate(end.year, end.month, end.day), "d MMM yyyy")))
        self.next_week.setEnabled(self.week_start < this_monday)
        self.this_week.setEnabled(self.week_start != this_monday)
        empty = self.timeline.item_count() == 0
        if self.week_start == this_monday:
            text = self.tr("This week's work, breaks, snoozes and time away will show up here "
                           "on the clock as they happen.")
        else:
            text = self.tr("Nothing was recorded this week.")
        self.timeline_card.show_empty(empty, text)
        self.timeline_card.set_legend([] if empty else self._timeline_legend())

    def _adherence_legend(self) -> None:
        look = self.look
        entries: list[tuple[str, QColor, str]] = [(self.tr("Each day"), look.accent, "dot")]
        if self.range_days > 7:
            entries.append((self.tr("Average of the last 7 days"), look.accent, "line"))
        entries.append((self.tr("Your goal"), look.soft_text, "dash"))
        self.adherence_card.set_legend(entries)

    def _timeline_legend(self) -> list[tuple[str, QColor]]:
        look = self.look
        return [(self.tr("Work"), look.work), (self.tr("Done"), look.outcome("completed")),
                (self.tr("Natural break"), look.outcome("natural")),
                (self.tr("Skipped"), look.outcome("skipped")),
                (self.tr("Missed"), look.outcome("missed")),
                (self.tr("Snoozed"), look.outcome("snoozed")), (self.tr("Away"), look.away),
                (self.tr("Held"), look.held)]

    # ---- look -------------------------------------------------------------------

    def apply_look(self) -> None:
        if self._applying:  # setStyleSheet below sends a PaletteChange of its own
            return
        self._applying = True
        try:
            self._apply_look()
        finally:
            self._applying = False

    def _apply_look(self) -> None:
        self.look = look = Look.current(self)
        self.setStyleSheet(style_sheet(look))
        for chart in (self.days_chart, self.adherence_chart, self.focus_chart, self.moves_chart):
            chart.apply_look(look)
        self.timeline.apply_look(look)
        self.days_card.set_legend([(outcome_label(n), look.outcome(n)) for n in OUTCOME_ORDER])
        self._adherence_legend()
        if self.overview is not None:
            self.show_week(self.week_start)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "timeline"):
            self.apply_look()  # the desktop switched between light and dark
        super().changeEvent(event)

    def showEvent(self, event: object) -> None:
        self._refresh_timer.start()
        super().showEvent(event)  # type: ignore[arg-type]

    def hideEvent(self, event: object) -> None:
        self._refresh_timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    # ---- export -----------------------------------------------------------------------

    def ask_export(self) -> None:
        target = self.export.ask_path()
        if target is not None:
            self.export.start(target)
