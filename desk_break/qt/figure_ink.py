"""The figure's colours and pen: one clean line style, colours from a palette.

Colours come from the widget's palette (or a plain light/dark one for images), so
the figure reads in light and dark themes; round caps and joins keep it crisp at
any scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPalette, QPen

from desk_break.core.skeleton import Point, Rect


@dataclass(frozen=True)
class FigureColors:
    background: QColor
    figure: QColor
    far: QColor
    prop_line: QColor
    prop_fill: QColor
    accent: QColor
    ghost: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> FigureColors:
        bg = palette.color(QPalette.ColorRole.Window)
        fg = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        return cls(
            background=bg,
            figure=fg,
            far=mix(fg, bg, 0.45),
            prop_line=mix(fg, bg, 0.55),
            prop_fill=mix(fg, bg, 0.86),
            accent=accent,
            ghost=mix(fg, bg, 0.8),
        )


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` of the way toward `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        1.0,
    )


def figure_palette(dark: bool) -> QPalette:
    """A plain light or dark palette for images painted outside any widget."""
    pal = QPalette()
    colors = ("#202124", "#e8eaed", "#8ab4f8") if dark else ("#fbfbfa", "#26282b", "#1a73e8")
    pal.setColor(QPalette.ColorRole.Window, QColor(colors[0]))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(colors[1]))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(colors[2]))
    return pal


def qrect(r: Rect) -> QRectF:
    return QRectF(r.x, r.y, r.width, r.height)


class Ink:
    """Lines and dots in world units, on a QPainter already mapped to them."""

    def __init__(self, painter: QPainter, colors: FigureColors) -> None:
        self.p = painter
        self.c = colors

    def pen(self, color: QColor, width: float) -> QPen:
        return QPen(
            QBrush(color),
            width,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )

    def line(self, color: QColor, width: float, *pts: Point) -> None:
        path = QPainterPath(QPointF(*pts[0]))
        for pt in pts[1:]:
            path.lineTo(QPointF(*pt))
        self.p.strokePath(path, self.pen(color, width))

    def dot(self, color: QColor, center: Point, r: float) -> None:
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(color)
        self.p.drawEllipse(QPointF(*center), r, r)
