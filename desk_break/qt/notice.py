"""A small, actionable notification that never steals keyboard focus.

Used for the warning before a break ("Break in 27 s" with Snooze / Start now):
desktop notification servers differ in whether they support actions, and many
sessions have none, so we draw our own, top-right on the screen with the mouse,
moved clear of the tray icon when it would cover it (a session with no work area
hints, or a panel the window manager does not reserve, puts the icon inside the
available geometry).

It wears the break window's calm look (break_look.py: the same surface, type and
quiet buttons, from the system palette), with a thin bar for the time left.

A countdown title is live: it is computed from the clock at each whole second
(never counted down by the timer, so it cannot drift), by one single-shot timer
armed for the next change and only while the notice is visible.

Signals:
    action_chosen(str): the key of the button the person clicked.
    ticked(): the countdown moved on a second (the status line may follow it).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QCursor, QFont, QGuiApplication, QHideEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_break.core.i18n import translate
from desk_break.qt.break_look import BreakLook, mix
from desk_break.qt.break_widgets import KeyButton, font, paint_label_colour
from desk_break.qt.timers import make_timer

MARGIN = 16  # from the screen's edges and from the tray icon
TICK_SLACK_MS = 20  # wake just after the second turns, never just before it


@dataclass(frozen=True)
class Countdown:
    """A title that counts down to `until`: `title(seconds_left())` at each whole second."""

    until: datetime
    now: Callable[[], datetime]  # the clock's, so the count never drifts
    title: Callable[[float], str]

    def seconds_left(self) -> float:
        return (self.until - self.now()).total_seconds()


def notice_position(area: QRect, size: QSize, avoid: QRect | None = None) -> QPoint:
    """Top-right of `area`; below (or, without room, above, else beside) `avoid`, the
    tray icon, when the notice would otherwise cover it or touch it."""
    x = area.right() + 1 - size.width() - MARGIN
    y = area.top() + MARGIN
    if avoid is None or not avoid.isValid() or not area.intersects(avoid):
        return QPoint(x, y)
    wanted = QRect(QPoint(x, y), size)
    keep_clear = avoid.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    if not wanted.intersects(keep_clear):
        return QPoint(x, y)
    below = avoid.bottom() + 1 + MARGIN
    if below + size.height() <= area.bottom() + 1:
        return QPoint(x, below)
    above = avoid.top() - MARGIN - size.height()
    if above >= area.top():
        return QPoint(x, above)
    return QPoint(max(area.left(), avoid.left() - MARGIN - size.width()), y)  # beside it


class Notice(QFrame):
    action_chosen = Signal(str)
    ticked = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, avoid: Callable[[], QRect] | None = None
    ) -> None:
        super().__init__(parent)
        self._avoid = avoid
        self.setObjectName("notice")
        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.NoFrame)  # painted: a soft border, no bevel
        self.setAccessibleName(translate("Notice", "Desk Break notice"))
        self.title = QLabel()
        self.title.setFont(font(self.font(), 12.5, QFont.Weight.DemiBold))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setFont(font(self.font(), 10.5, QFont.Weight.Normal))
        for label in (self.title, self.text):
            label.setTextFormat(Qt.TextFormat.PlainText)  # never markup, whoever wrote it
        self._current: dict[str, QPushButton] = {}
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        self._buttons.setSpacing(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 16, 18)  # room under the buttons for the bar
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addSpacing(10)
        layout.addLayout(self._buttons)
        self.setFixedWidth(340)
        self._look = BreakLook.from_palette(self.palette())
        self._seconds = 0.0  # the warning's whole length, for the bar
        self._apply_look()
        self._timer = make_timer("notice-hide", self, single_shot=True, on_timeout=self.hide)
        self._countdown: Countdown | None = None
        self._tick = make_timer(
            "notice-countdown", self, single_shot=True, on_timeout=self._on_tick
        )

    def pop(
        self,
        title: str,
        text: str,
        actions: list[tuple[str, str, bool]],
        seconds: int,
        countdown: Countdown | None = None,
    ) -> None:
        """Show with buttons (key, label, enabled), hiding by itself after `seconds`.

        With a `countdown`, the title is its live text instead of `title`, and the
        notice goes when the count reaches zero."""
        self._countdown = countdown
        self.title.setText(countdown.title(countdown.seconds_left()) if countdown else title)
        self.text.setText(text)
        for old in self._current.values():
            self._buttons.removeWidget(old)
            old.deleteLater()
        self._current = {}
        for n, (key, label, enabled) in enumerate(actions):
            button = KeyButton(label, "", primary=n == len(actions) - 1)  # the last: the way on
            button.set_points(10)
            button.set_look(self._look)
            button.setObjectName(f"notice-{key}")
            button.setEnabled(enabled)
            button.clicked.connect(lambda _c=False, k=key: self._choose(k))
            self._buttons.addWidget(button)
            self._current[key] = button
        self._seconds = countdown.seconds_left() if countdown else 0.0
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self._timer.start(max(1, seconds) * 1000)
        self._arm_tick()

    def button(self, key: str) -> QPushButton:
        return self._current[key]

    def _apply_look(self) -> None:
        look = self._look = BreakLook.from_palette(self.palette())
        paint_label_colour(self.title, look.text)
        paint_label_colour(self.text, look.muted)
        for button in self._current.values():
            if isinstance(button, KeyButton):
                button.set_look(look)
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._apply_look()

    def paintEvent(self, event: QPaintEvent) -> None:
        """The surface, a hairline border, and along the bottom the time left."""
        look = self._look
        painter = QPainter(self)
        painter.fillRect(self.rect(), look.surface)
        painter.setPen(QPen(mix(look.surface, look.text, 0.22), 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        if self._countdown is not None and self._seconds > 0:
            left = max(0.0, min(1.0, self._countdown.seconds_left() / self._seconds))
            bar = QRectF(1, self.height() - 4, self.width() - 2, 3)
            painter.fillRect(bar, look.track)
            painter.fillRect(QRectF(bar.x(), bar.y(), bar.width() * left, bar.height()),
                             look.accent)
        painter.end()

    def _choose(self, key: str) -> None:
        self.hide()
        self.action_chosen.emit(key)

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        self._tick.stop()
        super().hideEvent(event)

    def _arm_tick(self) -> None:
        """Wake when the shown whole second next changes (one timer, one shot)."""
        if self._countdown is None or not self.isVisible():
            self._tick.stop()
            return
        left = self._countdown.seconds_left()
        if left <= 0:
            self.hide()
            return
        until_change = left - (math.ceil(left) - 1)  # the fraction of this second left
        self._tick.start(until_change * 1000 + TICK_SLACK_MS)

    def _on_tick(self) -> None:
        if self._countdown is None or not self.isVisible():
            return
        self.title.setText(self._countdown.title(self._countdown.seconds_left()))
        self.update()  # the bar
        self.ticked.emit()
        self._arm_tick()

    def _place(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        avoid = self._avoid() if self._avoid is not None else None
        self.move(notice_position(screen.availableGeometry(), self.size(), avoid))
