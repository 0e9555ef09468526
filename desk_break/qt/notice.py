"""A small, actionable notification that never steals keyboard focus.

Used for the warning before a break ("Break in 30 s" with Snooze / Start now):
desktop notification servers differ in whether they support actions, and many
sessions have none, so we draw our own, top-right on the screen with the mouse.

Signals:
    action_chosen(str): the key of the button the person clicked.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QHideEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_break.qt.timers import make_timer


class Notice(QFrame):
    action_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Desk Break notice")
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self._current: dict[str, QPushButton] = {}
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(self._buttons)
        self.setFixedWidth(340)
        self._timer = make_timer("notice-hide", self, single_shot=True, on_timeout=self.hide)

    def pop(
        self, title: str, text: str, actions: list[tuple[str, str, bool]], seconds: int
    ) -> None:
        """Show with buttons (key, label, enabled), hiding by itself after `seconds`."""
        self.title.setText(title)
        self.text.setText(text)
        for old in self._current.values():
            self._buttons.removeWidget(old)
            old.deleteLater()
        self._current = {}
        for key, label, enabled in actions:
            button = QPushButton(label)
            button.setObjectName(f"notice-{key}")
            button.setEnabled(enabled)
            button.clicked.connect(lambda _c=False, k=key: self._choose(k))
            self._buttons.addWidget(button)
            self._current[key] = button
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self._timer.start(max(1, seconds) * 1000)

    def button(self, key: str) -> QPushButton:
        return self._current[key]

    def _choose(self, key: str) -> None:
        self.hide()
        self.action_chosen.emit(key)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _place(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        self.move(area.topRight() + QPoint(-self.width() - 16, 16))
