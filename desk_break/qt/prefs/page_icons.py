"""The sidebar's page icons: drawn, so they are crisp at any scale and follow the palette."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

ERROR_COLOR = QColor("#b3261e")
DARK_ERROR_COLOR = QColor("#ff8a80")


def page_icon(kind: str, color: QColor) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        icon.addPixmap(_draw(kind, size, color))
    return icon


def _draw(kind: str, size: int, color: QColor) -> QPixmap:
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 24, size / 24)
    pen = QPen(color, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    if kind == "clock":
        p.drawEllipse(QRectF(3, 3, 18, 18))
        p.drawLine(QPointF(12, 12), QPointF(12, 7))
        p.drawLine(QPointF(12, 12), QPointF(15.5, 14))
    elif kind == "hourglass":
        path = QPainterPath()
        path.moveTo(6, 3)
        path.lineTo(18, 3)
        path.lineTo(12, 12)
        path.lineTo(18, 21)
        path.lineTo(6, 21)
        path.lineTo(12, 12)
        path.closeSubpath()
        p.drawPath(path)
    elif kind == "calendar":
        p.drawRoundedRect(QRectF(3, 5, 18, 16), 2, 2)
        p.drawLine(QPointF(3, 10), QPointF(21, 10))
        p.drawLine(QPointF(8, 3), QPointF(8, 7))
        p.drawLine(QPointF(16, 3), QPointF(16, 7))
        p.drawPoint(QPointF(8, 14.5))
        p.drawPoint(QPointF(12, 14.5))
        p.drawPoint(QPointF(16, 14.5))
    elif kind == "figure":
        p.drawEllipse(QRectF(9.5, 2, 5, 5))
        p.drawLine(QPointF(12, 7), QPointF(12, 15))
        p.drawLine(QPointF(12, 9), QPointF(5, 5.5))
        p.drawLine(QPointF(12, 9), QPointF(19, 5.5))
        p.drawLine(QPointF(12, 15), QPointF(8, 22))
        p.drawLine(QPointF(12, 15), QPointF(16, 22))
    elif kind == "speaker":
        path = QPainterPath()
        path.moveTo(4, 9)
        path.lineTo(8, 9)
        path.lineTo(13, 4.5)
        path.lineTo(13, 19.5)
        path.lineTo(8, 15)
        path.lineTo(4, 15)
        path.closeSubpath()
        p.drawPath(path)
        p.drawArc(QRectF(11, 8, 8, 8), -50 * 16, 100 * 16)
        p.drawArc(QRectF(9, 4.5, 14, 15), -50 * 16, 100 * 16)
    elif kind == "monitor":  # a screen with someone in front of it: presence
        p.drawRoundedRect(QRectF(3, 3, 18, 12), 1.5, 1.5)
        p.drawLine(QPointF(12, 15), QPointF(12, 18))
        p.drawLine(QPointF(8, 18), QPointF(16, 18))
        p.drawEllipse(QRectF(10, 6, 4, 4))
        p.drawArc(QRectF(8, 10.5, 8, 6), 0, 180 * 16)
    elif kind == "chart":  # three rising bars on a base line: history and statistics
        p.drawLine(QPointF(3, 21), QPointF(21, 21))
        p.drawRoundedRect(QRectF(5, 13, 3.5, 5), 1, 1)
        p.drawRoundedRect(QRectF(10.25, 9, 3.5, 9), 1, 1)
        p.drawRoundedRect(QRectF(15.5, 4, 3.5, 14), 1, 1)
    elif kind == "info":
        p.drawEllipse(QRectF(3, 3, 18, 18))
        p.drawLine(QPointF(12, 11), QPointF(12, 17))
        p.setPen(QPen(color, 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawPoint(QPointF(12, 7.5))
    elif kind == "warning":
        # `color` is the text colour: a light one means a dark background.
        red = DARK_ERROR_COLOR if color.lightness() > 128 else ERROR_COLOR
        p.setPen(QPen(red, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        path = QPainterPath()
        path.moveTo(12, 3)
        path.lineTo(21.5, 20)
        path.lineTo(2.5, 20)
        path.closeSubpath()
        p.drawPath(path)
        p.drawLine(QPointF(12, 9), QPointF(12, 14))
        p.drawPoint(QPointF(12, 17))
    else:  # a dot, so an unknown kind is visible rather than blank
        p.drawEllipse(QPointF(12, 12), 3 * math.sqrt(2), 3 * math.sqrt(2))
    p.end()
    return pixmap
