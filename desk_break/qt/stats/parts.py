"""The statistics window's building blocks: a card (title, legend, content or an empty
state), a glance tile (a big number over a caption) and the legend's swatches."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk_break.qt.stats.look import Look, scaled_font


def css(colour: QColor) -> str:
    return colour.name(QColor.NameFormat.HexRgb)


class Card(QFrame):
    """A soft rounded panel: a title, an optional legend, then the content, or, when
    there is nothing to show yet, a sentence that says what will appear and when."""

    def __init__(self, title: str, content: QWidget, empty_text: str, *,
                 header: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stats-card")
        self.title = QLabel(title)
        self.title.setObjectName("card-title")
        self.title.setFont(scaled_font(self.font(), 1.12, bold=True))
        self.legend_row = QWidget()
        self.legend = QHBoxLayout(self.legend_row)
        self.legend.setContentsMargins(0, 0, 0, 0)
        self.legend.setSpacing(14)
        self.content = content
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("card-empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        if header is not None:
            top.addWidget(header)
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 12, 16, 12)
        box.setSpacing(8)
        box.addLayout(top)
        box.addWidget(self.legend_row)
        box.addWidget(self.stack, 1)

    def set_legend(self, entries: Sequence[tuple[str, QColor] | tuple[str, QColor, str]]) -> None:
        """(text, colour[, shape]): shape "dot" (the default), "line" or "dash"."""
        while self.legend.count():
            item = self.legend.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # now: deleteLater frees it only at the next event loop turn
                widget.deleteLater()
        for entry in entries:
            swatch = Swatch(*entry)
            self.legend.addWidget(swatch)
            swatch.show()  # at once, not by the layout's queued call (lost in a palette change)
        self.legend.addStretch(1)

    def show_empty(self, empty: bool, text: str | None = None) -> None:
        if text is not None:
            self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty if empty else self.content)
        self.legend_row.setVisible(not empty)  # no legend for a chart not drawn

    @property
    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty


class Swatch(QWidget):
    """A colour mark (a dot, a line or a dashed line) and its name, for a legend."""

    def __init__(self, text: str, colour: QColor, shape: str = "dot",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend-entry")
        size = max(10, self.fontMetrics().height() * 2 // 3)
        dot = QLabel()
        if shape == "dot":
            dot.setFixedSize(size, size)
            dot.setStyleSheet(f"background: {css(colour)}; border-radius: {size // 2}px;")
        else:
            thick = max(2, size // 4)
            dot.setFixedSize(size * 2, thick)
            style = "dashed" if shape == "dash" else "solid"
            dot.setStyleSheet(f"border-top: {thick}px {style} {css(colour)};")
        label = QLabel(text)
        label.setObjectName("legend-text")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(dot)
        row.addWidget(label)
        self.setAccessibleName(text)


class Tile(QFrame):
    """Today at a glance: one big number (or "3 of 8") over a short caption."""

    def __init__(self, name: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.value = QLabel("–")
        self.value.setObjectName("tile-value")
        self.value.setFont(scaled_font(self.font(), 2.0, bold=True))
        self.caption = QLabel(caption)
        self.caption.setObjectName("tile-caption")
        self.caption.setWordWrap(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(16, 12, 16, 12)
        box.setSpacing(2)
        box.addWidget(self.value)
        box.addWidget(self.caption)
        box.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set(self, value: str, caption: str | None = None) -> None:
        self.value.setText(value)
        if caption is not None:
            self.caption.setText(caption)
        self.setAccessibleName(f"{value} {self.caption.text()}")


def style_sheet(look: Look) -> str:
    """The window's look: cards on the window colour, soft captions, a visible focus."""
    return (
        f"#stats-card, #tile-done, #tile-minutes, #tile-streak, #tile-best {{"
        f" background: {css(look.card)}; border-radius: 12px; }}"
        f"#tile-caption, #legend-text, #card-empty, #week-label, #glance-note, #export-note"
        f" {{ color: {css(look.soft_text)}; }}"
        f"#tile-value {{ color: {css(look.text)}; }}"
        f"#tile-done #tile-value {{ color: {css(look.outcome('completed'))}; }}"
        f"#stats-card QGraphicsView {{ border: 2px solid transparent; border-radius: 6px; }}"
        f"#stats-card QGraphicsView:focus {{ border: 2px solid {css(look.accent)}; }}"
        f"QPushButton#range-button {{ padding: 5px 16px; border: 1px solid {css(look.grid)};"
        f" border-radius: 6px; background: {css(look.card)}; color: {css(look.text)}; }}"
        f"QPushButton#range-button:hover {{ border-color: {css(look.accent)}; }}"
        f"QPushButton#range-button:focus {{ border: 2px solid {css(look.accent)}; }}"
        "QPushButton#range-button:checked { background: palette(highlight);"
        " border-color: palette(highlight); color: palette(highlighted-text); }"
    )
