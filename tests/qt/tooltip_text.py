"""What a person reads in a tooltip: Qt shows a tooltip as rich text when
Qt::mightBeRichText says so, else as it is."""

from __future__ import annotations

from PySide6.QtGui import Qt, QTextDocument


def shown_tooltip(tip: str) -> str:
    if not Qt.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText().replace("\u2029", "\n")
