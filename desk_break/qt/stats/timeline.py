"""The week timeline: one row per day, the clock across, each work range with its
breaks, snoozes, time away and held stretches placed where they happened.

No charting library draws this (a Gantt of small marks on a clock), so it is the one
view painted here. Hovering an item tells what it was; the accessible description
says the week in words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desk_break.core.statistics import TimelineItem
from desk_break.core.status_text import HELD_WORDS
from desk_break.qt.stats.look import Look

# Drawn bottom to top; a tooltip names the topmost item under the pointer.
PAINT_ORDER = ("work", "away", "held", "snooze", "break")


def translate(context: str, text: str) -> str:
    """Qt's translation; called with literals, so pyside6-lupdate finds every text."""
    return QCoreApplication.translate(context, text)


def hours_of(day: date, at: datetime) -> float:
    """Hours from the day's local midnight (a night shift's 01:00 is 25)."""
    midnight = datetime(day.year, day.month, day.day, tzinfo=at.tzinfo)
    return (at - midnight).total_seconds() / 3600


def clock_text(at: datetime) -> str:
    return f"{at.hour}:{at.minute:02d}"


def held_words(detail: str) -> str:
    reasons = [r.strip() for r in detail.split(",") if r.strip()]
    words = ", ".join(translate("Status", HELD_WORDS.get(r, r)) for r in reasons)
    return words or translate("Statistics", "do not disturb")


def describe_item(item: TimelineItem) -> str:
    span = f"{clock_text(item.start)}–{clock_text(item.end)}"
    if item.kind == "break":
        what = {
            "completed": translate("Statistics", "done"),
            "natural": translate("Statistics", "natural break (you were away)"),
            "skipped": translate("Statistics", "skipped"),
            "missed": translate("Statistics", "missed (held too long)"),
            "interrupted": translate("Statistics", "interrupted"),
        }.get(item.label, item.label)
        return translate("Statistics", "Break at {time}: {what}").format(
            time=clock_text(item.start), what=what)
    if item.kind == "snooze":
        return translate("Statistics", "Snoozed {span}").format(span=span)
    if item.kind == "away":
        return translate("Statistics", "Away {span}").format(span=span)
    if item.kind == "held":
        return translate("Statistics", "Breaks held {span}: {why}").format(
            span=span, why=held_words(item.label))
    return translate("Statistics", "Worked {span}").format(span=span)


class WeekTimeline(QWidget):
    """Seven rows, Monday first (the week given), the hours the week used across."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("week-timeline")
        self.setAccessibleName(translate("Statistics", "Week timeline"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.look = look
        self.week_start = date.today()
        self.today = date.today()
        self.days: dict[date, list[TimelineItem]] = {}
        self.first_hour, self.last_hour = 8, 18

    def apply_look(self, look: Look) -> None:
        self.look = look
        self.update()

    def item_count(self) -> int:
        return sum(len(items) for items in self.days.values())

    def set_week(self, week_start: date, days: Mapping[date, Sequence[TimelineItem]],
                 today: date) -> None:
        self.week_start = week_start
        self.today = today
        self.days = {week_start + timedelta(days=i): list(days.get(week_start + timedelta(i), []))
                     for i in range(7)}
        starts = [hours_of(d, it.start) for d, items in self.days.items() for it in items]
        ends = [hours_of(d, it.end) for d, items in self.days.items() for it in items]
        first = math.floor(min(starts, default=8.0))
        last = math.ceil(max(ends, default=18.0))
        first, last = min(first, 8), max(last, first + 8)
        if first % 2:
            first -= 1
        if last % 2:
            last += 1
        self.first_hour, self.last_hour = max(first, -12), min(last, 36)
        self.setAccessibleDescription(self.summary())
        self.updateGeometry()
        self.update()

    def summary(self) -> str:
        lines = []
        for day, items in self.days.items():
            name = QLocale().dayName(day.isoweekday())
            work = [it for it in items if it.kind == "work"]
            if not work:
                lines.append(translate("Statistics", "{day}: no work recorded.").format(day=name))
                continue
            breaks = [it for it in items if it.kind == "break"]
            done = sum(1 for it in breaks if it.label in ("completed", "natural"))
            spans = ", ".join(f"{clock_text(w.start)}–{clock_text(w.end)}" for w in work)
            text = translate("Statistics", "{day}: worked {spans}; {done} of {count} breaks done.")
            lines.append(text.format(
                day=name, spans=spans, done=done, count=len(breaks)))
        return " ".join(lines)

    # ---- geometry --------------------------------------------------------------

    def _metrics(self) -> tuple[int, int, int]:
        """(label column width, header height, row height) for the current font."""
        fm = QFontMetrics(self.font())
        label = max(fm.horizontalAdvance(self._day_label(self.week_start + timedelta(i)))
                    for i in range(7)) + fm.height()
        return label, fm.height() + fm.height() // 2, round(fm.height() * 2.1)

    def sizeHint(self) -> QSize:
        label, header, row = self._metrics()
        return QSize(label + 40 * QFontMetrics(self.font()).height(), header + 7 * row + 4)

    def minimumSizeHint(self) -> QSize:
        label, header, row = self._metrics()
        return QSize(label + 16 * QFontMetrics(self.font()).height(), header + 7 * row + 4)

    def _x(self, hours: float, left: float, width: float) -> float:
        span = self.last_hour - self.first_hour
        return left + (hours - self.first_hour) / span * width

    def _day_label(self, day: date) -> str:
        return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d")

    def _item_rect(self, kind: str, x0: float, x1: float, top: float, row: float) -> QRectF:
        inner = row * 0.62
        y = top + (row - inner) / 2
        minimum = max(3.0, row * 0.14)
        if kind == "break":
            x1 = max(x1, x0 + minimum)
            return QRectF(x0, y - 1, x1 - x0, inner + 2)
        if kind == "snooze":
            x1 = max(x1, x0 + minimum)
            return QRectF(x0, y + inner * 0.38, x1 - x0, inner * 0.24)
        if kind == "held":
            return QRectF(x0, y + inner * 0.72, max(x1 - x0, minimum), inner * 0.28)
        return QRectF(x0, y, max(x1 - x0, 1.0), inner)

    def _layout(self) -> list[tuple[QRectF, TimelineItem]]:
        label, header, row = self._metrics()
        width = self.width() - label - 8
        placed: list[tuple[QRectF, TimelineItem]] = []
        for i, (day, items) in enumerate(self.days.items()):
            top = header + i * row
            for kind in PAINT_ORDER:
                for it in items:
                    if it.kind != kind:
                        continue
                    x0 = self._x(hours_of(day, it.start), label, width)
                    x1 = self._x(hours_of(day, it.end), label, width)
                    placed.append((self._item_rect(kind, x0, x1, top, row), it))
        return placed

    # ---- painting --------------------------------------------------------------

    def _colour(self, item: TimelineItem) -> QColor:
        look = self.look
        if item.kind == "break":
            return look.outcome(item.label)
        if item.kind == "snooze":
            return look.outcome("snoozed")
        if item.kind == "held":
            return look.held
        if item.kind == "away":
            colour = QColor(look.away)
            colour.setAlpha(150)
            return colour
        return look.work

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        look = self.look
        label, header, row = self._metrics()
        width = self.width() - label - 8
        fm = QFontMetrics(self.font())
        # Hour grid and labels.
        painter.setPen(look.grid)
        for hour in range(self.first_hour, self.last_hour + 1, 2):
            x = self._x(hour, label, width)
            painter.drawLine(round(x), header, round(x), header + 7 * row)
        painter.setPen(look.soft_text)
        for hour in range(self.first_hour, self.last_hour + 1, 2):
            x = self._x(hour, label, width)
            text = f"{hour % 24}:00"
            w = fm.horizontalAdvance(text)
            painter.drawText(round(min(max(x - w / 2, label), self.width() - w)), fm.ascent(), text)
        # Day labels: today in the accent colour, bold.
        for i in range(7):
            day = self.week_start + timedelta(days=i)
            font = self.font()
            font.setBold(day == self.today)
            painter.setFont(font)
            painter.setPen(look.accent if day == self.today else look.text)
            rect = QRectF(0, header + i * row, label - fm.height() / 2, row)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             self._day_label(day))
        painter.setFont(self.font())
        painter.setPen(Qt.PenStyle.NoPen)
        for rect, item in self._layout():
            painter.setBrush(self._colour(item))
            # Marks are pills; a stretch (work, a natural break's time away) a soft block.
            wide = item.kind == "work" or rect.width() > rect.height()
            radius = row * 0.18 if wide else min(rect.height(), rect.width()) / 2
            painter.drawRoundedRect(rect, radius, radius)
        if self.hasFocus():
            pen = painter.pen()
            painter.setPen(self.palette().color(QPalette.ColorRole.Highlight))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)
            painter.setPen(pen)
        painter.end()

    def item_at(self, pos: QPoint) -> TimelineItem | None:
        hits = [it for rect, it in self._layout() if rect.adjusted(-2, -2, 2, 2).contains(pos)]
        return hits[-1] if hits else None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            item = self.item_at(event.pos())
            if item is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), describe_item(item), self)
            return True
        return super().event(event)
