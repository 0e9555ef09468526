"""Shown when there is no system tray, so the app never runs invisibly.

Same actions as the tray menu, from the same entry list. Closing it minimizes
it (the app keeps working); Quit stops the app.

Signals:
    intent_requested(str, str): an Intent value and its argument.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_break.core.i18n import translate
from desk_break.qt.actions import Entry
from desk_break.qt.break_look import BreakLook, mix
from desk_break.qt.prefs.common import message_color
from desk_break.qt.tray import fill_menu


class StatusWindow(QWidget):
    intent_requested = Signal(str, str)

    def __init__(self, entries: Callable[[], list[Entry]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries = entries
        self.quitting = False
        self._message = ""
        self.setWindowTitle("Desk Break")
        self.setObjectName("status-window")
        self.setMinimumWidth(420)

        self.icon_label = QLabel()
        self.icon_label.setFixedSize(40, 40)
        self.status_label = QLabel()
        self.status_label.setObjectName("status-line")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.status_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.status_label.setFont(font)
        self.status_label.setWordWrap(True)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

        # A message for the person (bad settings, say): a soft panel, title over text.
        self.message_box = QFrame()
        self.message_box.setObjectName("status-message-box")
        self.message_box.setStyleSheet(
            "#status-message-box { background: #fff4ce; border: 1px solid #e0c060;"
            " border-radius: 6px; }"
            "#status-message-box QLabel { color: #3d3000; background: transparent; }"
        )
        # Rich text built here from escaped plain text (never markup from a file), so
        # the title can be bold above the body.
        self.message_label = QLabel()
        self.message_label.setObjectName("status-message")
        self.message_label.setTextFormat(Qt.TextFormat.RichText)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self.message_box)
        box.setContentsMargins(10, 8, 10, 8)
        box.addWidget(self.message_label)
        self.message_box.hide()

        self.hint = QLabel(
            translate(
                "StatusWindow",
                "No system tray was found, so Desk Break lives in this window. "
                "It moves to the tray by itself when one appears.",
            )
        )
        self.hint.setObjectName("status-hint")
        self.hint.setWordWrap(True)
        palette = self.hint.palette()
        palette.setColor(QPalette.ColorRole.WindowText, message_color(palette, "note"))
        self.hint.setPalette(palette)  # quiet, yet readable (not the disabled grey)

        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.status_label, 1)

        self._buttons: dict[str, QPushButton | QToolButton] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        for n, entry in enumerate(self._entries()):
            button: QPushButton | QToolButton
            if entry.children:
                tool = QToolButton()
                # One arrow, ours: Qt's own menu indicator is hidden.
                tool.setText(entry.label + "  ▾")
                tool.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
                tool.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
                tool.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                menu = QMenu(tool)
                menu.aboutToShow.connect(lambda m=menu: self._fill_submenu(m))
                tool.setMenu(menu)
                button = tool
            else:
                push = QPushButton(entry.label)
                push.clicked.connect(
                    lambda _c=False, i=entry.intent.value, a=entry.arg: self.intent_requested.emit(
                        i, a
                    )
                )
                button = push
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumHeight(30)
            button.setObjectName(f"button-{entry.intent.value}")
            button.setAccessibleName(entry.label.rstrip("…"))
            self._buttons[entry.intent.value + (":menu" if entry.children else "")] = button
            grid.addWidget(button, n // 2, n % 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 14)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.message_box)
        layout.addLayout(grid)
        layout.addWidget(self.hint)
        self._apply_look()
        self.refresh_actions()

    def _apply_look(self) -> None:
        """The break window's calm look (break_look.py, from the palette): its surface,
        and soft rounded buttons instead of stock bevels."""
        look = self._look = BreakLook.from_palette(self.palette())
        faint = mix(look.muted, look.button, 0.35).name()
        self.setStyleSheet(
            "QPushButton, QToolButton {"
            f" background: {look.button.name()}; color: {look.text.name()};"
            " border: none; border-radius: 9px; padding: 5px 12px; }"
            "QPushButton:hover, QToolButton:hover {"
            f" background: {look.button_hover.name()}; }}"
            f"QPushButton:disabled, QToolButton:disabled {{ color: {faint}; }}"
            "QPushButton:focus, QToolButton:focus {"
            f" border: 2px solid {look.accent.name()}; padding: 3px 10px; }}"
        )
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_look()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._look.surface)
        painter.end()

    def button(self, key: str) -> QPushButton | QToolButton:
        return self._buttons[key]

    def _fill_submenu(self, menu: QMenu) -> None:
        for entry in self._entries():
            if entry.children:
                fill_menu(menu, list(entry.children), self.intent_requested.emit)

    def refresh_actions(self) -> None:
        for entry in self._entries():
            key = entry.intent.value + (":menu" if entry.children else "")
            button = self._buttons.get(key)
            if button is not None:
                button.setEnabled(entry.enabled)
                button.setToolTip(entry.reason)

    def set_status(self, icon: QIcon, text: str) -> None:
        self.icon_label.setPixmap(icon.pixmap(40, 40))
        self.status_label.setText(text)
        self.refresh_actions()
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow (or shrink) to the wrapped text at the current width, so a message or a
        long status line is never cut off."""
        layout = self.layout()
        if layout is None or not self.isVisible() or self.isMaximized() or self.isMinimized():
            return
        layout.activate()
        height = max(layout.totalHeightForWidth(self.width()), layout.totalMinimumSize().height())
        if height != self.height():
            self.resize(self.width(), height)

    def message(self) -> str:
        """The message as given (plain text), "" when none is shown."""
        return self._message

    def show_message(self, text: str) -> None:
        """`text`'s first line is the title, the rest its body; "" hides the message."""
        self._message = text
        title, _, body = text.partition("\n")
        rich = f"<b>{html.escape(title)}</b>" if title else ""
        if body:
            rich += "<br>" + html.escape(body).replace("\n", "<br>")
        self.message_label.setText(rich)
        self.message_box.setVisible(bool(text))
        self._fit_height()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.quitting:
            event.accept()
            return
        event.ignore()
        self.showMinimized()
