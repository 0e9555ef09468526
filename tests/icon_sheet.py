"""The tray icons side by side, as a panel shows them: a contact sheet to look at.

    python tests/icon_sheet.py OUT.png

One row per icon; columns 16, 22 and 32 px on a dark (#2b2b2b) and a light
(#f0f0f0) panel, each also shown magnified 4x so single pixels can be judged.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from desk_break.qt.icons import ICON_NAMES, svg_icon

PANELS = (QColor("#2b2b2b"), QColor("#f0f0f0"))
SIZES = (16, 22, 32)
ZOOM = 4
LABEL_WIDTH = 80


def icon_image(name: str, size: int) -> QImage:
    """The icon exactly as the tray gets it at `size` px (no scaling by the sheet)."""
    return svg_icon(name).pixmap(size, size).toImage()


def contact_sheet() -> QImage:
    cell = 32 * ZOOM + 16
    panel_width = sum(s + 8 for s in SIZES) + sum(s * ZOOM + 8 for s in SIZES) + 8
    width = LABEL_WIDTH + panel_width * len(PANELS)
    height = cell * len(ICON_NAMES)
    sheet = QImage(width, height, QImage.Format.Format_ARGB32)
    sheet.fill(QColor("#808080"))
    p = QPainter(sheet)
    p.setFont(QFont("sans", 9))
    for row, name in enumerate(ICON_NAMES):
        top = row * cell
        p.setPen(QColor("#000000"))
        p.drawText(QRect(4, top, LABEL_WIDTH - 8, cell), Qt.AlignmentFlag.AlignVCenter, name)
        for n, panel in enumerate(PANELS):
            left = LABEL_WIDTH + n * panel_width
            p.fillRect(QRect(left, top, panel_width - 4, cell - 4), panel)
            x = left + 8
            for size in SIZES:
                p.drawImage(x, top + (cell - size) // 2, icon_image(name, size))
                x += size + 8
            for size in SIZES:
                big = icon_image(name, size).scaled(size * ZOOM, size * ZOOM)  # nearest pixel
                p.drawImage(x, top + (cell - size * ZOOM) // 2, big)
                x += size * ZOOM + 8
    p.end()
    return sheet


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("artifacts/tray-icons.png")
    out.parent.mkdir(parents=True, exist_ok=True)
    return 0 if contact_sheet().save(str(out)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
