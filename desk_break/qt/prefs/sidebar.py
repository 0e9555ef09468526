"""The list of pages down the left of Preferences: a quiet, rounded sidebar."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem

from desk_break.core.i18n import translate

from .common import Page, page_icon

WIDTH = 172

STYLE = (
    "#preferences-pages { background: palette(base); border-radius: 8px;"
    " padding: 6px; outline: 0; }"
    "#preferences-pages::item { border-radius: 6px; padding: 4px 8px; margin: 1px 0; }"
    "#preferences-pages::item:hover:!selected { background: palette(midlight); }"
    "#preferences-pages::item:selected { background: palette(highlight);"
    " color: palette(highlighted-text); }"
)


def page_list(pages: Sequence[Page], color: QColor) -> QListWidget:
    """One row per page (its icon drawn in `color`, the text colour), keyed by page key."""
    nav = QListWidget()
    nav.setObjectName("preferences-pages")
    nav.setIconSize(QSize(20, 20))
    nav.setFixedWidth(WIDTH)
    nav.setFrameShape(QFrame.Shape.NoFrame)
    nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    nav.setStyleSheet(STYLE)  # not a stock list: a rounded panel, a rounded highlight
    for page in pages:
        item = QListWidgetItem(
            page_icon(page.icon_kind, color), translate("Preferences", page.title)
        )
        item.setData(Qt.ItemDataRole.UserRole, page.key)
        item.setSizeHint(QSize(0, 34))
        nav.addItem(item)
    return nav


def natural_height(nav: QListWidget) -> int:
    """The height that shows every row without scrolling."""
    return sum(nav.sizeHintForRow(r) for r in range(nav.count())) + 8
