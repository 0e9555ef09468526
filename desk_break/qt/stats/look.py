"""Colours and fonts for the statistics window, derived from the system palette.

Outcome colours are fixed hues (green done, amber snoozed, grey skipped, red missed)
with a lighter and a darker shade, picked by whether the palette is dark, so they
read on either background and mean the same in both.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

# (light theme, dark theme)
_OUTCOMES: dict[str, tuple[str, str]] = {
    "completed": ("#2e9e6a", "#4cc38a"),
    "natural": ("#8fd1b0", "#2f7d5a"),
    "snoozed": ("#e2a336", "#e8b55a"),
    "skipped": ("#a3abb4", "#7b838d"),
    "missed": ("#d65f5f", "#e27272"),
    "interrupted": ("#c7cdd3", "#5c636b"),
}
_ACCENT = ("#2f7fd0", "#5aa2ea")
_HELD = ("#9a7bd6", "#a98ae0")
_AWAY = ("#7fa7c9", "#5b86ab")

OUTCOME_ORDER: tuple[str, ...] = ("completed", "natural", "snoozed", "skipped", "missed")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`a` moved `amount` (0..1) of the way to `b`."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


@dataclass(frozen=True)
class Look:
    """Everything the charts and the timeline paint with, for one palette."""

    dark: bool
    window: QColor
    card: QColor  # the soft panel each chart sits on
    text: QColor
    soft_text: QColor  # axis labels, captions
    grid: QColor
    accent: QColor
    held: QColor
    away: QColor
    work: QColor  # a work range on the timeline

    def outcome(self, name: str) -> QColor:
        pair = _OUTCOMES.get(name, _OUTCOMES["interrupted"])
        return QColor(pair[1] if self.dark else pair[0])

    @classmethod
    def of(cls, palette: QPalette) -> Look:
        dark = is_dark(palette)
        window = palette.color(QPalette.ColorRole.Window)
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.WindowText)
        pick = 1 if dark else 0
        card = mix(window, base, 0.7) if dark else base
        return cls(
            dark=dark,
            window=window,
            card=card,
            text=text,
            soft_text=mix(text, card, 0.35),
            grid=mix(text, card, 0.85),
            accent=QColor(_ACCENT[pick]),
            held=QColor(_HELD[pick]),
            away=QColor(_AWAY[pick]),
            work=mix(text, card, 0.88),
        )

    @classmethod
    def current(cls, widget: QWidget | None = None) -> Look:
        palette = widget.palette() if widget is not None else QApplication.palette()
        return cls.of(palette)


def scaled_font(base: QFont, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(base)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    font.setBold(bold)
    return font
