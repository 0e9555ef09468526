"""The one-time note before the first break: these moves are general guidance, not medical advice.

Shown once per person: a flag file marks it as seen. The composition root decides
where that file lives (e.g. data_dir / "first-run-note-shown"); nothing here
looks up folders. The same text is on the About page, via NOT_MEDICAL_ADVICE.

The note comes before any break: a break that starts while it is open waits for
it to be acknowledged (`open_note()` is how the break session finds it).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desk_break.core.i18n import QT_TRANSLATE_NOOP, translate
from desk_break.qt.break_look import BreakLook
from desk_break.qt.break_widgets import KeyButton, font, paint_label_colour

log = logging.getLogger(__name__)

NOT_MEDICAL_ADVICE_TITLE = QT_TRANSLATE_NOOP("FirstRun", "Before your first break")
# Shown translated: translate("FirstRun", NOT_MEDICAL_ADVICE).
NOT_MEDICAL_ADVICE = QT_TRANSLATE_NOOP(
    "FirstRun",
    "The moves in Desk Break are general guidance for people who sit at a desk, "
    "not medical advice. Move slowly and stay within a range that feels comfortable. "
    "Stop any move that hurts. If you have pain, an injury or a health condition, "
    "ask a doctor or physiotherapist which moves suit you.",
)


def needs_first_run_note(flag: Path) -> bool:
    """True until the note has been shown once (the flag file does not exist yet)."""
    return not flag.exists()


def mark_first_run_note_shown(flag: Path) -> None:
    """Remember that the note was shown. A failure is logged: better shown twice than a crash."""
    try:
        flag.parent.mkdir(parents=True, exist_ok=True)
        flag.write_text("The not-medical-advice note has been shown.\n", encoding="utf-8")
    except OSError as error:
        log.warning("could not record that the first-run note was shown: %s", error)


class FirstRunNote(QDialog):
    """A short, plain note with one button, in the break window's calm look."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = translate("FirstRun", NOT_MEDICAL_ADVICE_TITLE)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        # Above other windows: it comes first, before any break window.
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)

        self.heading = QLabel(title)
        self.heading.setFont(font(self.font(), 15, QFont.Weight.DemiBold))
        self.heading.setAccessibleName(translate("FirstRun", "Heading"))

        self.text = QLabel(translate("FirstRun", NOT_MEDICAL_ADVICE))
        self.text.setWordWrap(True)
        self.text.setFont(font(self.font(), 11, QFont.Weight.Normal))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(translate("FirstRun", "Not medical advice"))
        self.text.setMinimumWidth(self.text.fontMetrics().averageCharWidth() * 52)

        ok = translate("FirstRun", "OK, understood")
        self.ok_button = KeyButton(ok, translate("Keys", "Enter"), primary=True)
        self.ok_button.setAccessibleName(ok)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        self._apply_look()

    def _apply_look(self) -> None:
        self._look = BreakLook.from_palette(self.palette())
        paint_label_colour(self.heading, self._look.text)
        paint_label_colour(self.text, self._look.text)
        self.ok_button.set_look(self._look)
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._apply_look()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._look.surface)
        painter.end()

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> None:
        """Show the note and wait for OK. Tests replace this instead of clicking."""
        cls(parent).exec()


def open_note() -> FirstRunNote | None:
    """The first-run note on screen now, if one is (it must be read before a break)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, FirstRunNote) and widget.isVisible():
            return widget
    return None


def show_first_run_note_once(flag: Path, parent: QWidget | None = None) -> bool:
    """Show the note if it has never been shown; True when it was shown now."""
    if not needs_first_run_note(flag):
        return False
    FirstRunNote.ask(parent)
    mark_first_run_note_shown(flag)
    return True
