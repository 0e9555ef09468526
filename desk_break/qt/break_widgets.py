"""The break window's own small widgets: the progress ring, the step countdown with its
bar, the figure's stage, quiet buttons that show their key, and a one-line label that
elides. Each paints with a `BreakLook` (break_look.py), set by the window."""

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
from PySide6.QtWidgets import QLabel, QLayoutItem, QPushButton, QSizePolicy, QWidget

from desk_break.core.break_plan import format_clock
from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate
from desk_break.qt.break_look import BreakLook, mix

DONE_MARK = "\N{CHECK MARK}"


def invalidate_tree(item: QLayoutItem) -> None:
    """Drop cached sizes all the way down (QLayout.invalidate() stops at the top layout)."""
    item.invalidate()
    layout = item.layout()
    if layout is not None:
        for i in range(layout.count()):
            child = layout.itemAt(i)
            if child is not None:
                invalidate_tree(child)


def font(base: QFont, points: float, weight: QFont.Weight, *, tabular: bool = False,
         spacing: float = 0.0) -> QFont:
    font = QFont(base)
    font.setPointSizeF(points)
    font.setWeight(weight)
    if tabular:
        font.setFeature(QFont.Tag("tnum"), 1)
    if spacing:
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
    return font


def plain_label(name: str, text: str = "") -> QLabel:
    """A label that never reads markup: catalog text (a user's moves file) shows as typed."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name)
    return label


def paint_label_colour(label: QLabel, colour: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


class ElidedLabel(QLabel):
    """One line of plain text that ends in "…" rather than widen the window."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self.text()),
                     self.fontMetrics().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                              self.width())
        painter.drawText(self.rect(), int(self.alignment()) | int(Qt.AlignmentFlag.AlignVCenter),
                         shown)
        painter.end()


class _LookWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._look = BreakLook.from_palette(self.palette())

    def set_look(self, look: BreakLook) -> None:
        self._look = look
        self.update()


class ProgressRing(_LookWidget):
    """The whole break as a ring that fills clockwise, with the time left in the middle."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._text = ""
        self.setAccessibleName(translate("Break", "Break progress"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.set_points(10.5)

    def set_points(self, points: float) -> None:
        self.setFont(font(self.font(), points, QFont.Weight.DemiBold, tabular=True))
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        side = max(round(metrics.height() * 3.4), metrics.horizontalAdvance("00:00") + 26)
        return QSize(side, side)

    def set_progress(self, fraction: float, seconds_left: int) -> None:
        self._fraction = min(1.0, max(0.0, fraction))
        self._text = format_clock(seconds_left)
        self.setAccessibleDescription(
            translate("Break", "%n second(s) left in this break", "", seconds_left)
        )
        self.update()

    def set_complete(self) -> None:
        """Full ring with a check mark: the break is done."""
        self._fraction = 1.0
        self._text = DONE_MARK
        self.setAccessibleDescription(translate("Break", "Break complete"))
        self.update()

    @property
    def text(self) -> str:
        return self._text

    def paintEvent(self, event: QPaintEvent) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = max(3.0, self.width() / 16)
        rect = QRectF(self.rect()).adjusted(width, width, -width, -width)
        painter.setPen(QPen(look.track, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawEllipse(rect)
        if self._fraction > 0:
            painter.setPen(QPen(look.accent, width, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap))
            painter.drawArc(rect, 90 * 16, -round(self._fraction * 360 * 16))
        if self._text == DONE_MARK:  # drawn, not a glyph: crisp, and in every font
            side = rect.width()
            c = rect.center()
            check = QPolygonF([
                c + QPointF(-0.22 * side, 0.0),
                c + QPointF(-0.06 * side, 0.16 * side),
                c + QPointF(0.24 * side, -0.16 * side),
            ])
            painter.setPen(QPen(look.accent, width * 1.2, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            painter.drawPolyline(check)
        else:
            painter.setPen(look.text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self._text)
        painter.end()


class StepCountdown(_LookWidget):
    """The step's seconds, large and tabular, a small unit, and a thin bar for the step."""

    UNIT = QT_TRANSLATE_NOOP("Break", "sec")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._fraction = 0.0
        self.set_points(40, 11)
        self.setAccessibleName(translate("Break", "Seconds left in this step"))
        self._unit = translate("Break", self.UNIT)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_points(self, number: float, unit: float) -> None:
        self._number_font = font(self.font(), number, QFont.Weight.Light, tabular=True)
        self._unit_font = font(self.font(), unit, QFont.Weight.Normal)
        self.updateGeometry()

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # reads like QLabel's
        if text != self._text:
            self._text = text
            self.setAccessibleDescription(
                arg(translate("Break", "%1 seconds left in this step"), text) if text else ""
            )
            self.update()

    def set_fraction(self, fraction: float) -> None:
        """How much of the step has gone (0..1): the bar under the number."""
        fraction = min(1.0, max(0.0, fraction))
        if abs(fraction - self._fraction) > 1e-3:
            self._fraction = fraction
            self.update()

    def fraction(self) -> float:
        return self._fraction

    def number_font(self) -> QFont:
        return self._number_font

    def _bar_height(self) -> int:
        return max(4, QFontMetrics(self._unit_font).height() // 4)

    def sizeHint(self) -> QSize:
        number = QFontMetrics(self._number_font)
        unit = QFontMetrics(self._unit_font)
        width = number.horizontalAdvance("000") + 8 + unit.horizontalAdvance(self._unit)
        return QSize(width, number.ascent() + number.descent() // 2 + 10 + self._bar_height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        number = QFontMetrics(self._number_font)
        baseline = number.ascent()
        painter.setFont(self._number_font)
        painter.setPen(look.text)
        painter.drawText(QPointF(0, baseline), self._text)
        painter.setFont(self._unit_font)
        painter.setPen(look.muted)
        painter.drawText(QPointF(number.horizontalAdvance(self._text) + 8, baseline), self._unit)
        bar = self._bar_height()
        track = QRectF(0, self.height() - bar - 1, self.width(), bar)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.track)
        painter.drawRoundedRect(track, bar / 2, bar / 2)
        if self._fraction > 0:
            painter.setBrush(look.accent)
            filled = QRectF(track.x(), track.y(), max(bar, track.width() * self._fraction), bar)
            painter.drawRoundedRect(filled, bar / 2, bar / 2)
        painter.end()


class FigureStage(_LookWidget):
    """The soft rounded panel the figure stands on."""

    RADIUS = 18

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._look.stage)
        painter.drawRoundedRect(QRectF(self.rect()), self.RADIUS, self.RADIUS)
        painter.end()


class KeyButton(QPushButton):
    """A quiet rounded button with its key shown beside the label: "Skip  [Esc]"
    (no key, no chip: the warning notice's buttons, which take no keys)."""

    def __init__(self, text: str, key: str, *, primary: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.key = key
        self._primary = primary
        self._look = BreakLook.from_palette(self.palette())
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.set_points(10.5)

    def set_points(self, points: float) -> None:
        weight = QFont.Weight.DemiBold if self._primary else QFont.Weight.Medium
        self.setFont(font(self.font(), points, weight))
        self._chip_font = font(self.font(), points * 0.8, QFont.Weight.Normal)
        self.updateGeometry()

    def set_look(self, look: BreakLook) -> None:
        self._look = look
        self.update()

    def _chip_size(self) -> QSize:
        if not self.key:
            return QSize(-10, 0)  # nothing, and no gap before it
        metrics = QFontMetrics(self._chip_font)
        return QSize(metrics.horizontalAdvance(self.key) + 12, metrics.height() + 4)

    def sizeHint(self) -> QSize:
        label = self.fontMetrics()
        chip = self._chip_size()
        width = 18 + label.horizontalAdvance(self.text()) + 10 + chip.width() + 14
        return QSize(width, max(label.height(), chip.height()) + 16)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        look = self._look
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        hovered = self.underMouse() and self.isEnabled()
        if self._primary:
            fill = look.primary_hover if hovered or self.isDown() else look.primary
        else:
            fill = look.button_hover if hovered or self.isDown() else look.button
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        radius = rect.height() / 2.6
        painter.drawRoundedRect(rect, radius, radius)
        if self.hasFocus() and self.window().isActiveWindow():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(look.accent, 2))
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        text = look.text if self.isEnabled() else mix(look.muted, fill, 0.35)
        label = self.fontMetrics()
        chip = self._chip_size()
        x = rect.x() + 17
        painter.setPen(text)
        painter.setFont(self.font())
        label_rect = QRectF(x, rect.y(), label.horizontalAdvance(self.text()) + 1, rect.height())
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter, self.text())
        if not self.key:
            painter.end()
            return
        chip_rect = QRectF(label_rect.right() + 10, rect.center().y() - chip.height() / 2,
                           chip.width(), chip.height())
        painter.setPen(QPen(look.chip_line if self.isEnabled() else mix(look.chip_line, fill, 0.5),
                            1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(chip_rect.adjusted(0.5, 0.5, -0.5, -0.5), 5, 5)
        painter.setFont(self._chip_font)
        painter.setPen(look.muted if self.isEnabled() else mix(look.muted, fill, 0.35))
        painter.drawText(chip_rect, Qt.AlignmentFlag.AlignCenter, self.key)
        painter.end()

