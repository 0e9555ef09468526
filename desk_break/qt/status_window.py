"""Shown when there is no system tray, so the app never runs invisibly.

Same actions as the tray menu, from the same entry list. Closing it minimizes
it (the app keeps working); Quit stops the app.

Signals:
    intent_requested(str, str): an Intent value and its argument.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_break.qt.actions import Entry
from desk_break.qt.tray import fill_menu


class StatusWindow(QWidget):
    intent_requested = Signal(str, str)

    def __init__(self, entries: Callable[[], list[Entry]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries = entries
        self.quitting = False
        self.setWindowTitle("Desk Break")
        self.setObjectName("status-window")
        self.setMinimumWidth(380)

        self.icon_label = QLabel()
        self.icon_label.setFixedSize(40, 40)
        self.status_label = QLabel()
        self.status_label.setObjectName("status-line")
        font = self.status_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.status_label.setFont(font)
        self.status_label.setWordWrap(True)
        self.message_label = QLabel()
        self.message_label.setObjectName("status-message")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        hint = QLabel(
            "No system tray was found, so Desk Break lives in this window. "
            "It moves to the tray by itself when one appears."
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)

        header = QHBoxLayout()
        header.addWidget(self.icon_label)
        header.addWidget(self.status_label, 1)

        self._buttons: dict[str, QPushButton | QToolButton] = {}
        grid = QGridLayout()
        for n, entry in enumerate(self._entries()):
            button: QPushButton | QToolButton
            if entry.children:
                tool = QToolButton()
                tool.setText(entry.label + " ▸")
                tool.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
                tool.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                menu = QMenu(tool)
                menu.aboutToShow.connect(lambda m=menu: self._fill_submenu(m))
                tool.setMenu(menu)
                tool.setSizePolicy(tool.sizePolicy().horizontalPolicy().Expanding,
                                   tool.sizePolicy().verticalPolicy())
                button = tool
            else:
                push = QPushButton(entry.label)
                push.clicked.connect(
                    lambda _c=False, i=entry.intent.value, a=entry.arg: self.intent_requested.emit(
                        i, a
                    )
                )
                button = push
            button.setObjectName(f"button-{entry.intent.value}")
            button.setAccessibleName(entry.label.rstrip("…"))
            self._buttons[entry.intent.value + (":menu" if entry.children else "")] = button
            grid.addWidget(button, n // 2, n % 2)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.message_label)
        layout.addLayout(grid)
        layout.addWidget(hint)
        self.refresh_actions()

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

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.quitting:
            event.accept()
            return
        event.ignore()
        self.showMinimized()
