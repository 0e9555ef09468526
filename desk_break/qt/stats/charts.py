"""The statistics window's charts, drawn by pyqtgraph and dressed to look like an app.

pyqtgraph's defaults are a lab plot's (black, mouse zoom, context menu, an "A"
button); here the plot sits on the card colour, follows the palette, has no mouse
interaction but a hover tooltip per day, thin soft axes, and the legend as plain
Qt labels above the plot (they scale with the font and screen readers read them).

Each chart says how many points it drew (`point_count`), for the tests, and keeps
an accessible description that tells in words what it shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from desk_break.core.statistics import DayCounts
from desk_break.qt.stats.look import OUTCOME_ORDER, Look

pg.setConfigOptions(antialias=True, useNumba=False)


def translate(context: str, text: str) -> str:
    """Qt's translation; called with literals, so pyside6-lupdate finds every text."""
    return QCoreApplication.translate(context, text)


def outcome_label(name: str) -> str:
    return {
        "completed": translate("Statistics", "Done"),
        "natural": translate("Statistics", "Natural break"),
        "snoozed": translate("Statistics", "Snoozes"),
        "skipped": translate("Statistics", "Skipped"),
        "missed": translate("Statistics", "Missed"),
    }.get(name, name)


def day_label(day: date, *, weekday: bool) -> str:
    """"Mon 23" for a week, "23 Nov" for longer ranges, in the person's locale."""
    qdate = QDate(day.year, day.month, day.day)
    return QLocale().toString(qdate, "ddd d" if weekday else "d MMM")


def count_ticks(top: float) -> list[tuple[float, str]]:
    """Whole numbers from 0 up to `top`, a round step apart (1, 2, 5, 10, 20, 50 ...),
    at most about six of them: a count of breaks has no halves."""
    step = 1
    while top / step > 6:
        for factor in (2, 2.5, 2):  # 1 -> 2 -> 5 -> 10 -> 20 -> 50 -> 100 ...
            step = int(step * factor)
            if top / step <= 6:
                break
    return [(float(v), str(v)) for v in range(0, int(top) + 1, step)]


def date_ticks(days: Sequence[date]) -> list[tuple[float, str]]:
    """Every day for a week; else about six labels, the last one always today."""
    n = len(days)
    if n <= 8:
        return [(float(i), day_label(d, weekday=True)) for i, d in enumerate(days)]
    step = 7 if n <= 31 else 14
    return [(float(i), day_label(days[i], weekday=False)) for i in range(n - 1, -1, -step)]


class Plot(pg.PlotWidget):  # type: ignore[misc]
    """A PlotWidget without a lab's furniture, coloured from a Look."""

    def __init__(self, look: Look, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, background=look.card)
        self.setObjectName(name)
        item = self.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(False, False)
        self.setMouseTracking(True)
        item.vb.setDefaultPadding(0.0)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, to hear its description
        self.setFrameShape(self.Shape.NoFrame)
        self.look = look
        self.apply_look(look)

    def apply_look(self, look: Look) -> None:
        self.look = look
        self.setBackground(look.card)
        font = QFont(self.font())
        for side in ("left", "bottom"):
            axis = self.getAxis(side)
            axis.setPen(pg.mkPen(look.grid, width=1))
            axis.setTextPen(pg.mkPen(look.soft_text))
            axis.setTickFont(font)
            axis.setStyle(tickLength=0, tickTextOffset=6)
            axis.setZValue(-1)  # its grid lines behind the bars, not across them
        self.getPlotItem().showGrid(x=False, y=True, alpha=0.5)


class DayBars(Plot):
    """Per day, a stack of how its breaks ended (done, natural, skipped, missed: together
    the breaks due) and, beside it, a thin amber bar of the snoozes."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, "chart-days", parent)
        self.setAccessibleName(translate("Statistics", "Breaks per day"))
        self.days: list[DayCounts] = []
        self._bars: dict[str, pg.BarGraphItem] = {}
        self.scene().sigMouseMoved.connect(self._hover)

    def point_count(self) -> int:
        """Days drawn (one stack per day)."""
        return len(self.days)

    def set_days(self, days: Sequence[DayCounts]) -> None:
        self.days = list(days)
        self._draw()

    def apply_look(self, look: Look) -> None:
        super().apply_look(look)
        if getattr(self, "days", None):
            self._draw()

    def _draw(self) -> None:
        plot = self.getPlotItem()
        plot.clear()
        self._bars = {}
        n = len(self.days)
        x = np.arange(n, dtype=float)
        wide = 0.62 if n <= 31 else 0.7
        bottom = np.zeros(n)
        for name in OUTCOME_ORDER:
            if name == "snoozed":
                continue
            heights = np.array([getattr(d, name) for d in self.days], dtype=float)
            bar = pg.BarGraphItem(x=x - 0.1, height=heights, y0=bottom.copy(), width=wide,
                                  brush=self.look.outcome(name), pen=pg.mkPen(None))
            plot.addItem(bar)
            self._bars[name] = bar
            bottom += heights
        snoozes = np.array([d.snoozed for d in self.days], dtype=float)
        bar = pg.BarGraphItem(x=x + wide / 2 + 0.02, height=snoozes, width=0.16,
                              brush=self.look.outcome("snoozed"), pen=pg.mkPen(None))
        plot.addItem(bar)
        self._bars["snoozed"] = bar
        top = max([4.0, *bottom, *snoozes])
        plot.setYRange(0, math.ceil(top * 1.12), padding=0)
        plot.setXRange(-0.7, n - 0.3, padding=0)
        self.getAxis("bottom").setTicks([date_ticks([d.date for d in self.days]), []])
        self.getAxis("left").setTicks([count_ticks(math.ceil(top * 1.12)), []])
        self.setAccessibleDescription(self._describe())

    def _describe(self) -> str:
        text = translate("Statistics", "Over the last {days} days: {done} of {due} breaks "
                         "done, {snoozed} snoozes, {skipped} skipped, {missed} missed.")
        return text.format(
            days=len(self.days), done=sum(d.completed + d.natural for d in self.days),
            due=sum(d.due for d in self.days), snoozed=sum(d.snoozed for d in self.days),
            skipped=sum(d.skipped for d in self.days), missed=sum(d.missed for d in self.days))

    def day_text(self, day: DayCounts) -> str:
        """The hover text for one day's stack."""
        head = QLocale().toString(QDate(day.date.year, day.date.month, day.date.day), "ddd d MMM")
        if day.due == 0 and day.snoozed == 0:
            return translate("Statistics", "{day}: no breaks").format(day=head)
        text = translate("Statistics", "{day}: {done} of {due} done ({completed} taken, "
                         "{natural} natural), {skipped} skipped, {missed} missed, "
                         "{snoozed} snoozes")
        return text.format(
            day=head, done=day.completed + day.natural, due=day.due, completed=day.completed,
            natural=day.natural, skipped=day.skipped, missed=day.missed, snoozed=day.snoozed)

    def _hover(self, pos: QPointF) -> None:
        if not self.days:
            return
        point = self.getPlotItem().vb.mapSceneToView(pos)
        index = round(point.x())
        if 0 <= index < len(self.days) and point.y() >= 0:
            QToolTip.showText(self.mapToGlobal(self.mapFromScene(pos).toPoint()),
                              self.day_text(self.days[index]), self)
        else:
            QToolTip.hideText()


class Adherence(Plot):
    """The share of due breaks done each day, a trend line over a week's window, and the
    goal as a dashed line. Days with nothing due are gaps, not zeros."""

    def __init__(self, look: Look, parent: QWidget | None = None) -> None:
        super().__init__(look, "chart-adherence", parent)
        self.setAccessibleName(translate("Statistics", "Breaks done against your goal"))
        self.days: list[DayCounts] = []
        self.goal = 80
        self.values: list[float] = []

    def point_count(self) -> int:
        return len(self.values)

    def set_days(self, days: Sequence[DayCounts], goal_percent: int) -> None:
        self.days = list(days)
        self.goal = goal_percent
        self.values = [
            (d.completed + d.natural) * 100.0 / d.due if d.due else math.nan for d in self.days
        ]
        self._draw()

    def apply_look(self, look: Look) -> None:
        super().apply_look(look)
        if getattr(self, "days", None):
            self._draw()

    def trend(self) -> list[float]:
        """The mean of the last 7 days that had breaks due, at each day (nan before any)."""
        out: list[float] = []
        for i in range(len(self.values)):
            window = [v for v in self.values[max(0, i - 6): i + 1] if not math.isnan(v)]
            out.append(sum(window) / len(window) if window else math.nan)
        return out

    def _draw(self) -> None:
        plot = self.getPlotItem()
        plot.clear()
        n = len(self.values)
        x = np.arange(n, dtype=float)
        y = np.array(self.values, dtype=float)
        accent = self.look.accent
        goal_pen = QPen(self.look.soft_text, 1.5, Qt.PenStyle.DashLine)
        goal_pen.setCosmetic(True)
        plot.addItem(pg.InfiniteLine(
            pos=self.goal, angle=0, pen=goal_pen,
            label=translate("Statistics", "Goal {goal} %").format(goal=self.goal),
            labelOpts={"position": 0.02, "color": self.look.soft_text, "anchors": [(0, 1), (0, 1)]},
        ))
        if all(math.isnan(v) for v in self.values):
            pass  # nothing due yet: the card shows its empty state
        elif n > 8:
            faint = QColor(accent)
            faint.setAlpha(110)
            plot.addItem(pg.PlotDataItem(x, y, pen=None, symbol="o", symbolSize=5,
                                         symbolBrush=faint, symbolPen=None))
            plot.addItem(pg.PlotDataItem(x, np.array(self.trend()), connect="finite",
                                         pen=pg.mkPen(accent, width=2.5)))
        else:
            plot.addItem(pg.PlotDataItem(x, y, connect="finite", pen=pg.mkPen(accent, width=2.5),
                                         symbol="o", symbolSize=8, symbolBrush=accent,
                                         symbolPen=pg.mkPen(self.look.card, width=1.5)))
        # From 50 % while every day is above it (the differences that matter show),
        # from 0 % once one is not; the goal always in view.
        finite = [v for v in self.values if not math.isnan(v)]
        low = 50 if min([*finite, 100.0]) >= 50 and self.goal >= 55 else 0
        plot.setYRange(low - 2, 103, padding=0)  # the lowest mark not cut at the edge
        plot.setXRange(-0.5, n - 0.5, padding=0)
        marks = (50, 75, 100) if low == 50 else (0, 50, 100)
        self.getAxis("left").setTicks([[(v, f"{v} %") for v in marks], []])
        self.getAxis("bottom").setTicks([date_ticks([d.date for d in self.days]), []])
        met = sum(1 for d in self.days if d.goal_met)
        worked = sum(1 for d in self.days if d.due)
        self.setAccessibleDescription(
            translate("Statistics", "Your goal is {goal} % of due breaks done. {met} of {worked} "
                      "days with breaks "
               "met it.").format(goal=self.goal, met=met, worked=worked))


class Ranked(Plot):
    """A short ranking as horizontal bars, the most on top, names left, counts right."""

    LIMIT = 6

    def __init__(self, look: Look, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(look, name, parent)
        self.setAccessibleName(title)
        self.ranking: list[tuple[str, int]] = []
        self.getPlotItem().showGrid(x=False, y=False)
        self.getAxis("bottom").hide()
        self.getPlotItem().showAxis("right")
        right = self.getAxis("right")
        right.setTextPen(pg.mkPen(look.soft_text))
        right.setTickFont(QFont(self.font()))
        right.setStyle(tickLength=0, tickTextOffset=6)

    def point_count(self) -> int:
        return len(self.ranking)

    def set_items(self, items: Sequence[tuple[str, int]]) -> None:
        self.ranking = list(items)[: self.LIMIT]
        self._draw()

    def apply_look(self, look: Look) -> None:
        super().apply_look(look)
        self.getPlotItem().showGrid(x=False, y=False)
        self.getAxis("right").setTextPen(pg.mkPen(look.soft_text))
        if getattr(self, "ranking", None):
            self._draw()

    def _draw(self) -> None:
        plot = self.getPlotItem()
        plot.clear()
        n = len(self.ranking)
        counts = [c for _, c in self.ranking]
        rows = max(n, 3)  # one or two bars stay at the top, not stretched to fill
        y = rows - 1 - np.arange(n, dtype=float)  # the first (most) on top
        plot.addItem(pg.BarGraphItem(x0=0, y=y, height=0.62, width=np.array(counts, float),
                                     brush=self.look.outcome("completed"), pen=pg.mkPen(None)))
        top = max(counts, default=1)
        metrics = QFontMetrics(self.font())
        names = self.getAxis("left")
        names.setTicks([[(yi, name) for yi, (name, _) in zip(y, self.ranking, strict=True)], []])
        widest = max([metrics.horizontalAdvance(name) for name, _ in self.ranking] or [10])
        names.setWidth(widest + 14)
        names.setPen(pg.mkPen(None))
        names.setStyle(tickAlpha=0)
        # The counts as the right axis' labels: pyqtgraph keeps room for them, so a
        # long number is never cut off at the edge.
        numbers = self.getAxis("right")
        numbers.setTicks([[(yi, str(c)) for yi, c in zip(y, counts, strict=True)], []])
        numbers.setWidth(metrics.horizontalAdvance(str(top)) + 14)
        numbers.setPen(pg.mkPen(None))
        numbers.setStyle(tickAlpha=0)  # no tick dot before each number
        plot.setYRange(-0.6, rows - 0.4, padding=0)
        plot.setXRange(0, top * 1.02, padding=0)
        self.setAccessibleDescription(", ".join(f"{name}: {count}" for name, count in self.ranking))
