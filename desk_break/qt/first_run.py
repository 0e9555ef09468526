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

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

NOT_MEDICAL_ADVICE_TITLE = "Before your first break"
NOT_MEDICAL_ADVICE = (
    "The moves in Desk Break are general guidance for people who sit at a desk, "
    "not medical advice. Move slowly and stay within a range that feels comfortable. "
    "Stop any move that hurts. If you have pain, an injury or a health condition, "
    "ask a doctor or physiotherapist which moves suit you."
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
    """A short, plain note with one OK button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(NOT_MEDICAL_ADVICE_TITLE)
        self.setAccessibleName(NOT_MEDICAL_ADVICE_TITLE)
        # Above other windows: it comes first, before any break window.
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)

        heading = QLabel(NOT_MEDICAL_ADVICE_TITLE)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.Bold)
        heading.setFont(font)
        heading.setAccessibleName("Heading")

        self.text = QLabel(NOT_MEDICAL_ADVICE)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName("Not medical advice")
        self.text.setMinimumWidth(self.text.fontMetrics().averageCharWidth() * 48)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName("OK, understood")
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

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
