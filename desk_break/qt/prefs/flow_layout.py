"""A layout that puts its widgets in a row of equal cells and wraps them onto the next
line when the row is full (a grid that reflows), so a group of check boxes needs only
the width of its widest box (a page at 200 % on a small screen never scrolls sideways
for them)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: tuple[int, int] = (18, 6)) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gaps = spacing  # (between boxes in a row, between rows)
        self.setContentsMargins(0, 0, 0, 0)

    # ---- QLayout's item protocol ----------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # ---- sizes ----------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def _cell(self) -> QSize:
        cell = QSize()
        for item in self._items:
            cell = cell.expandedTo(item.sizeHint())
        return cell

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        n = len(self._items)
        width = n * self._cell().width() + self._gaps[0] * max(0, n - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:
        """The widest item: the rest wraps."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def _with_margins(self, size: QSize) -> QSize:
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items row by row inside `rect`; the height that took."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, row_height = area.x(), area.y(), 0
        cell = self._cell()
        for item in self._items:
            hint = QSize(min(cell.width(), max(area.width(), 1)), item.sizeHint().height())
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y = area.x(), y + row_height + self._gaps[1]
                row_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._gaps[0]
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + m.bottom()
