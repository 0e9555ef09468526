"""The Work hours page: per weekday, zero or more time ranges.

A range whose end is before its start runs past midnight ("ends next day").
Empty ranges, ranges that overlap on one day, and a range that starts inside the
previous night's overnight range are errors (the settings file refuses them
too); 00:00 to 00:00 is the whole day ("00:00-24:00" in the file).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import time
from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate, weekday_name
from desk_break.settings.model import WEEKDAYS, Settings, WorkHours, WorkRange

from .common import (
    Findings,
    InlineMessage,
    Page,
    hairline_color,
    minutes_text,
    page_heading,
    problem_line,
    quiet,
)

DAY = 24 * 60
WEEK = 7 * DAY
_ROW_KEY = re.compile(r"work_hours\.(\w+)\[(\d+)\]")


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _time(q: QTime) -> time:
    return time(q.hour(), q.minute())


@dataclass(frozen=True)
class RangeIssue:
    error: str = ""  # the settings file refuses this
    warning: str = ""  # allowed, but worth knowing
    note: str = ""


def range_issues(days: dict[str, tuple[WorkRange, ...]]) -> dict[tuple[str, int], RangeIssue]:
    """What is wrong with each (weekday, index) range, or how to describe it.

    Ranges are laid on one week of minutes (Sunday night wraps into Monday), so an
    overnight range that runs into the next day's hours is caught on both rows. Only
    an empty range and an overlap within one day are errors, as in the file.
    """
    spans = []
    for d, day in enumerate(WEEKDAYS):
        for i, r in enumerate(days.get(day, ())):
            start = d * DAY + _minutes(r.start)
            spans.append((day, i, r, start, start + r.minutes))
    issues: dict[tuple[str, int], RangeIssue] = {}
    for day, i, r, start, end in spans:
        note = (
            translate("Preferences", "whole day") if r.whole_day
            else translate("Preferences", "ends next day") if r.overnight else ""
        )
        error = warning = ""
        if _empty(r):
            note = ""
            error = translate(
                "Preferences",
                "Empty: the start and end are the same (00:00 to 00:00 is the whole day).",
            )
        else:
            for other_day, j, other, o_start, o_end in spans:
                if (other_day, j) == (day, i) or _empty(other):
                    continue
                if not any(start < o_end + k and o_start + k < end for k in (-WEEK, 0, WEEK)):
                    continue
                if other_day == day:
                    error = arg(translate("Preferences", "Overlaps %1."), _fmt(other))
                    break
                if other.overnight and any(o_start <= start + k < o_end for k in (-WEEK, 0, WEEK)):
                    # As the file: a range may not start inside last night's hours.
                    error = arg(
                        translate("Preferences", "Starts inside %1's %2."),
                        _day(other_day),
                        _fmt(other),
                    )
                    break
                warning = warning or arg(
                    translate("Preferences", "runs into %1's %2; shorten one of them."),
                    _day(other_day),
                    _fmt(other),
                )
        if error or warning or note:
            issues[(day, i)] = RangeIssue(error=error, warning="" if error else warning, note=note)
    return issues


def _day(day: str) -> str:
    """"monday" as the person reads it: "Monday", "Montag"."""
    return weekday_name(WEEKDAYS.index(day))


def _empty(r: WorkRange) -> bool:
    return r.whole_day and r.start != time(0, 0)


def _fmt(r: WorkRange) -> str:
    end = "24:00" if r.whole_day and r.start == time(0, 0) else f"{r.end:%H:%M}"
    return f"{r.start:%H:%M}–{end}"


class RangeRow(QWidget):
    """Start and end pickers for one range, a remove button and the row's message.

    Signals:
        changed(): a time was edited.
        remove_requested(): the remove button was clicked.
    """

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, r: WorkRange) -> None:
        super().__init__()
        self.start = QTimeEdit(_qtime(r.start))
        self.end = QTimeEdit(_qtime(r.end))
        names = (QT_TRANSLATE_NOOP("Preferences", "start"), QT_TRANSLATE_NOOP("Preferences", "end"))
        for edit, name in zip((self.start, self.end), names, strict=True):
            edit.setDisplayFormat("HH:mm")
            edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            edit.setMinimumWidth(84)
            edit.setWrapping(True)
            edit.setAccessibleName(translate("Preferences", name))
            edit.timeChanged.connect(self.changed)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip(translate("Preferences", "Remove these hours"))
        self.remove.setAccessibleName(translate("Preferences", "Remove these hours"))
        self.remove.setAutoRaise(True)
        self.remove.clicked.connect(self.remove_requested)
        self.message = InlineMessage()
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.start)
        to = QLabel(translate("Preferences", "to", "from 09:00 to 17:30"))
        to.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout.addWidget(to)
        layout.addWidget(self.end)
        layout.addWidget(self.remove)
        layout.addSpacing(6)
        layout.addWidget(self.message, 1)
        layout.addStretch(0)  # takes the room while the message is hidden

    def value(self) -> WorkRange:
        return WorkRange(_time(self.start.time()), _time(self.end.time()))

    def show_issue(self, issue: RangeIssue) -> None:
        if issue.error:
            text = (
                arg(translate("Preferences", "%1 (%2)"), issue.error, issue.note)
                if issue.note else issue.error
            )
            self.message.show_error(text)
        elif issue.warning:
            text = (
                arg(translate("Preferences", "%1 (%2)"), issue.warning, issue.note)
                if issue.note else issue.warning
            )
            self.message.show_warning(text)
        elif issue.note:
            self.message.show_note(issue.note)
        else:
            self.message.clear_message()


class DayEditor(QWidget):
    """One weekday: its ranges, an add button, and "Day off" when there are none.

    Signals:
        changed(): a range was added, removed or edited.
        rows_changed(): a row was added or removed (the Tab order must follow).
    """

    changed = Signal()
    rows_changed = Signal()

    def __init__(self, day: str) -> None:
        super().__init__()
        self.day = day
        self.setObjectName(f"work_hours.{day}")  # named by its key (prefs/locks.py)
        self.rows: list[RangeRow] = []
        self.off_label = quiet(QLabel(translate("Preferences", "Day off")))
        self.total = quiet(QLabel())
        self.add_button = QToolButton()
        self.add_button.setText(translate("Preferences", "+ Add hours"))
        self.add_button.setAutoRaise(True)
        self.add_button.setToolTip(
            arg(translate("Preferences", "Add a range of work hours on %1"), _day(day))
        )
        self.add_button.clicked.connect(self.add_range)
        self._rows_box = QVBoxLayout()
        self._rows_box.setSpacing(4)
        self._rows_box.addWidget(self.off_label)

        name = QLabel(_day(day))
        font = name.font()
        font.setBold(True)
        name.setFont(font)
        left = QVBoxLayout()
        left.setSpacing(0)
        left.addWidget(name)
        left.addWidget(self.total)
        left.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add_button)
        bottom.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(2)
        right.addLayout(self._rows_box)
        right.addLayout(bottom)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 3, 0, 3)
        grid.setColumnMinimumWidth(0, 110)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(1, 1)

    def set_ranges(self, ranges: tuple[WorkRange, ...]) -> None:
        for row in self.rows:
            self._discard(row)
        self.rows = []
        for r in ranges:
            self._append(r)
        self._sync()
        self.rows_changed.emit()

    def ranges(self) -> tuple[WorkRange, ...]:
        return tuple(row.value() for row in self.rows)

    def add_range(self) -> None:
        """Add hours after the last range (or a usual day when there are none)."""
        if not self.rows:
            new = WorkRange(time(9, 0), time(17, 30))
        else:
            last = self.rows[-1].value()
            start = (_minutes(last.end) + 30) % DAY
            end = (start + 60) % DAY
            new = WorkRange(time(start // 60, start % 60), time(end // 60, end % 60))
        self._append(new)
        self._sync()
        self.rows_changed.emit()
        self.rows[-1].start.setFocus()
        self.changed.emit()

    def remove_range(self, row: RangeRow) -> None:
        index = self.rows.index(row)
        had_focus = row.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        self.rows.remove(row)
        self._discard(row)
        self._sync()
        self.rows_changed.emit()
        if had_focus:  # keep the keyboard where it was: the next row, else "+ Add hours"
            following = self.rows[index].start if index < len(self.rows) else self.add_button
            following.setFocus(Qt.FocusReason.TabFocusReason)
        self.changed.emit()

    def tab_stops(self) -> list[QWidget]:
        """This day's focusable widgets in the order Tab should visit them."""
        stops: list[QWidget] = []
        for row in self.rows:
            stops.extend((row.start, row.end, row.remove))
        stops.append(self.add_button)
        return stops

    def _discard(self, row: RangeRow) -> None:
        self._rows_box.removeWidget(row)
        row.hide()  # out of the Tab chain now, not when the deferred delete runs
        row.deleteLater()

    def _append(self, r: WorkRange) -> None:
        row = RangeRow(r)
        row.changed.connect(self._row_changed)
        row.remove_requested.connect(lambda row=row: self.remove_range(row))
        self.rows.append(row)
        self._rows_box.addWidget(row)

    def _row_changed(self) -> None:
        self._sync()
        self.changed.emit()

    def _sync(self) -> None:
        self.off_label.setVisible(not self.rows)
        total = sum(row.value().minutes for row in self.rows)
        self.total.setText(minutes_text(total) if total else "")


class WorkHoursPage(Page):
    key = "work_hours"
    title = QT_TRANSLATE_NOOP("Preferences", "Work hours")
    icon_kind = "calendar"
    tables = ("work_hours",)

    def __init__(self) -> None:
        super().__init__()
        self.days: dict[str, DayEditor] = {}
        self.copy_monday = QPushButton(translate("Preferences", "Copy Monday to all weekdays"))
        self.copy_monday.setToolTip(
            translate("Preferences", "Give Tuesday to Friday the same hours as Monday")
        )
        self.copy_monday.clicked.connect(self.copy_monday_to_weekdays)

        column = QWidget()
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 8, 0)
        column_layout.setSpacing(3)
        for i, day in enumerate(WEEKDAYS):
            if i:
                line = QFrame()
                line.setFixedHeight(1)
                line.setAutoFillBackground(True)
                divider = line.palette()
                divider.setColor(QPalette.ColorRole.Window, hairline_color(divider))
                line.setPalette(divider)
                column_layout.addWidget(line)
            editor = DayEditor(day)
            editor.changed.connect(self.changed)
            editor.rows_changed.connect(self._chain_tab_order)
            self.days[day] = editor
            column_layout.addWidget(editor)
        column_layout.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(
            page_heading(
                translate("Preferences", "Work hours"),
                translate(
                    "Preferences",
                    "Breaks are planned only inside these hours. An end before the start "
                    "runs past midnight.",
                ),
            ),
            1,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_monday)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # No scroll area of its own: the dialog scrolls every page (one scroll bar, not two).
        layout.addWidget(column, 1)

    def _chain_tab_order(self) -> None:
        """Tab runs day by day: start, end, remove for each row, then "+ Add hours".

        Rows are made after the buttons (and again on every load), so without this
        Qt's creation order would visit every add button first.
        """
        stops: list[QWidget] = [self.copy_monday]
        for editor in self.days.values():
            stops.extend(editor.tab_stops())
        for first, second in pairwise(stops):
            QWidget.setTabOrder(first, second)

    def copy_monday_to_weekdays(self) -> None:
        monday = self.days["monday"].ranges()
        for day in WEEKDAYS[1:5]:
            self.days[day].set_ranges(monday)
        self.changed.emit()

    def load(self, settings: Settings) -> None:
        for day, editor in self.days.items():
            editor.set_ranges(settings.work_hours.days.get(day, ()))

    def apply(self, settings: Settings) -> Settings:
        days = dict(settings.work_hours.days)
        for day, editor in self.days.items():
            days[day] = editor.ranges()
        return replace(settings, work_hours=replace(settings.work_hours, days=days))

    def check(self, draft: Settings, problems: Sequence[Any]) -> Findings:
        issues = range_issues(self._days(draft.work_hours))
        # What the file refuses, by row; the dialog's own wording wins where it has one.
        refused: dict[tuple[str, int], str] = {}
        found = Findings()
        for p in problems:
            match = _ROW_KEY.fullmatch(getattr(p, "key", "") or "")
            if match and match[1] in self.days and int(match[2]) < len(self.days[match[1]].rows):
                reason = str(p.reason)
                refused[(match[1], int(match[2]))] = reason[:1].upper() + reason[1:] + "."
            else:
                found.errors.append(problem_line(p))
        for day, editor in self.days.items():
            for i, row in enumerate(editor.rows):
                issue = issues.get((day, i), RangeIssue())
                if not issue.error and (day, i) in refused:
                    issue = replace(issue, error=refused[(day, i)], warning="")
                row.show_issue(issue)
                where = f"{_day(day)} {_fmt(row.value())}"
                if issue.error:
                    found.errors.append(arg(translate("Preferences", "%1: %2"), where, issue.error))
                elif issue.warning:
                    warning = arg(translate("Preferences", "%1: %2"), where, issue.warning)
                    found.warnings.append(warning)
        return found

    @staticmethod
    def _days(hours: WorkHours) -> dict[str, tuple[WorkRange, ...]]:
        return {day: hours.days.get(day, ()) for day in WEEKDAYS}
