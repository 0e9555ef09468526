"""The break window's own small widgets: the progress ring and the step countdown,
with the colour and font helpers they share with the window."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QLayoutItem, QSizePolicy, QWidget

from desk_break.core.break_plan import format_clock

DONE_MARK = "\N{CHECK MARK}"

# The one colour that is not a palette role: the progress ring. Teal, about 3:1
# or better against both Fusion's light and dark window colours.
ACCENT = QColor("#20907f")


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """a, moved a fraction t towards b."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def muted(palette: QPalette) -> QColor:
    """Secondary text: the text colour eased towards the background, still easy to read."""
    return blend(palette.color(QPalette.ColorRole.WindowText),
                  palette.color(QPalette.ColorRole.Window), 0.32)


def invalidate_tree(item: QLayoutItem) -> None:
    """Drop cached sizes all the way down (QLayout.invalidate() stops at the top layout)."""
    item.invalidate()
    layout = item.layout()
    if layout is not None:
        for i in range(layout.count()):
            child = layout.itemAt(i)
            if child is not None:
                invalidate_tree(child)


def font(base: QFont, points: float, weight: QFont.Weight, *, tabular: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points)
    font.setWeight(weight)
    if tabular:
        font.setFeature(QFont.Tag("tnum"), 1)
    return font


class ProgressRing(QWidget):
    """The whole break as a ring that fills clockwise, with the time left in the middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._text = ""
        self.setAccessibleName("Break progress")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFont(font(self.font(), 10.5, QFont.Weight.DemiBold, tabular=True))

    def sizeHint(self) -> QSize:
        side = max(64, self.fontMetrics().horizontalAdvance("00:00") + 30)
        return QSize(side, side)

    def set_progress(self, fraction: float, seconds_left: int) -> None:
        self._fraction = min(1.0, max(0.0, fraction))
        self._text = format_clock(seconds_left)
        self.setAccessibleDescription(f"{seconds_left} seconds left in this break")
        self.update()

    def set_complete(self) -> None:
        """Full ring with a check mark: the break is done."""
        self._fraction = 1.0
        self._text = DONE_MARK
        self.setAccessibleDescription("Break complete")
        self.update()

    @property
    def text(self) -> str:
        return self._text

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        width = max(4.0, self.width() / 14)
        rect = QRectF(self.rect()).adjusted(width, width, -width, -width)
        track = blend(palette.color(QPalette.ColorRole.Window),
                       palette.color(QPalette.ColorRole.WindowText), 0.14)
        painter.setPen(QPen(track, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawEllipse(rect)
        if self._fraction > 0:
            painter.setPen(QPen(ACCENT, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawArc(rect, 90 * 16, -round(self._fraction * 360 * 16))
        if self._text == DONE_MARK:  # drawn, not a glyph: crisp, and in every font
            side = rect.width()
            c = rect.center()
            check = QPolygonF([
                c + QPointF(-0.22 * side, 0.0),
                c + QPointF(-0.06 * side, 0.16 * side),
                c + QPointF(0.24 * side, -0.16 * side),
            ])
            painter.setPen(QPen(ACCENT, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.drawPolyline(check)
        else:
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._text)
        painter.end()


class StepCountdown(QWidget):
    """The step's seconds, large and tabular, with a small muted unit on the same baseline."""

    UNIT = "sec"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._number_font = font(self.font(), 40, QFont.Weight.Light, tabular=True)
        self._unit_font = font(self.font(), 11, QFont.Weight.Normal)
        self.setAccessibleName("Seconds left in this step")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # reads like QLabel's
        if text != self._text:
            self._text = text
            self.setAccessibleDescription(f"{text} seconds left in this step" if text else "")
            self.update()

    def number_font(self) -> QFont:
        return self._number_font

    def sizeHint(self) -> QSize:
        number = QFontMetrics(self._number_font)
        unit = QFontMetrics(self._unit_font)
        width = number.horizontalAdvance("000") + 8 + unit.horizontalAdvance(self.UNIT)
        return QSize(width, number.ascent() + number.descent() // 2)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        palette = self.palette()
        number = QFontMetrics(self._number_font)
        baseline = number.ascent()
        painter.setFont(self._number_font)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(QPointF(0, baseline), self._text)
        painter.setFont(self._unit_font)
        painter.setPen(muted(palette))
        painter.drawText(QPointF(number.horizontalAdvance(self._text) + 8, baseline), self.UNIT)
        painter.end()
