"""The Moves page's list rows and preview column: how a move looks in the list."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desk_break.core.catalog import Catalog
from desk_break.core.moves import Move
from desk_break.qt.figure import render_pose_image

from .common import message_color

THUMB = 64  # big enough to tell a twist from an extension
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 1


class MoveRowDelegate(QStyledItemDelegate):
    """A move's row: check box, thumbnail, its name in full and a quiet line under it
    (position · equipment · focus), so nothing is cut to "Seated thoracic ext…"."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, detail = opt.text, str(index.data(DETAIL_ROLE) or "")
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = rect.adjusted(6, 0, -4, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_color = opt.palette.color(group)
        bold = QFont(opt.font)
        bold.setBold(True)
        line = QFontMetrics(bold).height()
        top = rect.center().y() - line
        painter.save()
        painter.setFont(bold)
        painter.setPen(text_color)
        painter.drawText(rect.adjusted(0, top - rect.top(), 0, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         QFontMetrics(bold).elidedText(name, Qt.TextElideMode.ElideRight,
                                                       rect.width()))
        painter.setFont(opt.font)
        base = QPalette.ColorRole.Base
        quiet = text_color if selected else message_color(opt.palette, "note", base)
        painter.setPen(quiet)
        painter.drawText(rect.adjusted(0, top + line + 2 - rect.top(), 0, 0),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         QFontMetrics(opt.font).elidedText(detail, Qt.TextElideMode.ElideRight,
                                                           rect.width()))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        hint = super().sizeHint(option, index)
        bold = QFont(option.font)
        bold.setBold(True)
        text = QFontMetrics(bold).horizontalAdvance(str(index.data(Qt.ItemDataRole.DisplayRole)))
        return QSize(hint.width() + max(0, text // 4), max(hint.height(), THUMB + 8))


def thumbnail(move: Move, catalog: Catalog, dark: bool, ratio: float = 1.0) -> QIcon:
    """Painted at the screen's pixel ratio, so it stays crisp at 200 %."""
    side = round(THUMB * ratio)
    image = render_pose_image(catalog, move, QSize(side, side), dark)
    image.setDevicePixelRatio(ratio)
    return QIcon(QPixmap.fromImage(image))


class PreviewColumn(QWidget):
    """The preview column: it asks its scroll area only for the height its content
    needs at the least (the figure and the steps list then share what is left), so it
    scrolls only when even that does not fit."""

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return layout.minimumHeightForWidth(width) if layout is not None else -1


def height_with_preview(layout: QLayout, width: int, preview: QWidget, column: int) -> int:
    """The page's height with everything above its last item (the list and preview
    splitter) at `width`, and the preview column's least height at `column` wide."""
    margins = layout.contentsMargins()
    above = margins.top() + margins.bottom() + 2 * layout.spacing()
    for i in range(layout.count() - 1):
        item = layout.itemAt(i)
        assert item is not None
        hfw = item.hasHeightForWidth()
        above += item.heightForWidth(width) if hfw else item.sizeHint().height()
    return above + preview.heightForWidth(column)
