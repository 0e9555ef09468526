"""Our own SVG icons, loaded through importlib.resources and cached."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desk_break.assets import resource_bytes
from desk_break.core.events import State

_STATE_ICON = {
    State.WAITING: "active",
    State.WARNING: "active",
    State.HELD: "active",
    State.AWAY: "active",  # the break waits for the person's return: still watching
    State.IN_BREAK: "break",
    State.PAUSED: "paused",
    State.OUTSIDE_WORK_HOURS: "outside",
}

_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


@cache
def svg_icon(name: str) -> QIcon:
    """An icon rendered from resources/icons/<name>.svg at every common size (crisp at any DPI)."""
    renderer = QSvgRenderer(QByteArray(resource_bytes(f"icons/{name}.svg")))
    icon = QIcon()
    for size in _SIZES:
        image = QImage(QSize(size, size), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(QPixmap.fromImage(image))
    return icon


def state_icon_name(state: State) -> str:
    return _STATE_ICON[state]


def state_icon(state: State) -> QIcon:
    return svg_icon(_STATE_ICON[state])
