"""Pieces every preferences page uses: the page contract, inline messages, labels, icons.

Labels for positions and equipment live here, in the shell, not in the settings model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate
from desk_break.settings.model import Settings

from .page_icons import DARK_ERROR_COLOR, ERROR_COLOR, page_icon

__all__ = ["page_icon"]  # drawn in page_icons.py; pages import it from here

POSITION_LABELS: dict[str, str] = {
    "seated": QT_TRANSLATE_NOOP("Moves", "Seated"),
    "standing": QT_TRANSLATE_NOOP("Moves", "Standing"),
    "floor": QT_TRANSLATE_NOOP("Moves", "On the floor"),
}

EQUIPMENT_LABELS: dict[str, str] = {
    "none": QT_TRANSLATE_NOOP("Moves", "No equipment"),
    "chair": QT_TRANSLATE_NOOP("Moves", "Chair"),
    "wall": QT_TRANSLATE_NOOP("Moves", "Wall"),
    "desk": QT_TRANSLATE_NOOP("Moves", "Desk"),
    "band": QT_TRANSLATE_NOOP("Moves", "Resistance band"),
    "ball": QT_TRANSLATE_NOOP("Moves", "Exercise ball"),
    "foam_roller": QT_TRANSLATE_NOOP("Moves", "Foam roller"),
    "bench": QT_TRANSLATE_NOOP("Moves", "Bench"),
}

FOCUS_LABELS: dict[str, str] = {
    "extension": QT_TRANSLATE_NOOP("Moves", "Extension"),
    "rotation": QT_TRANSLATE_NOOP("Moves", "Rotation"),
    "flexion": QT_TRANSLATE_NOOP("Moves", "Flexion"),
    "scapular": QT_TRANSLATE_NOOP("Moves", "Shoulder blades"),
    "shoulder": QT_TRANSLATE_NOOP("Moves", "Shoulders"),
    "release": QT_TRANSLATE_NOOP("Moves", "Release"),
}

# Message colours for a light window, and lighter ones for a dark window; either is
# then nudged until it reads at least MIN_CONTRAST:1 on the actual window colour.
WARNING_COLOR = QColor("#8a5300")
NOTE_COLOR = QColor("#5f6368")
DARK_WARNING_COLOR = QColor("#ffb74d")
MIN_CONTRAST = 4.5  # WCAG AA for normal text


def _luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(background: QColor) -> bool:
    return _luminance(background) < 0.18


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` of the way to `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def readable(color: QColor, background: QColor, minimum: float = MIN_CONTRAST) -> QColor:
    """`color`, moved toward white (dark background) or black (light) until it reads."""
    target = QColor("#ffffff") if is_dark(background) else QColor("#000000")
    for step in range(21):
        candidate = _mix(color, target, step / 20)
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return target


Tone = Literal["error", "warning", "note"]


def message_color(
    palette: QPalette, tone: Tone, on: QPalette.ColorRole = QPalette.ColorRole.Window
) -> QColor:
    """The colour for a message of `tone` on `palette`'s window (or `on`), readable on it."""
    background = palette.color(on)
    text_role = (
        QPalette.ColorRole.Text if on == QPalette.ColorRole.Base else QPalette.ColorRole.WindowText
    )
    dark = is_dark(background)
    if tone == "error":
        base = DARK_ERROR_COLOR if dark else ERROR_COLOR
    elif tone == "warning":
        base = DARK_WARNING_COLOR if dark else WARNING_COLOR
    else:  # a quiet note: the text colour, a third of the way to the background
        base = _mix(palette.color(text_role), background, 0.35)
    return readable(base, background)


def home_short(text: str, home: Path | None = None) -> str:
    """`text` with every path under the home folder written as ~/…, as people read them."""
    home = home if home is not None else Path.home()
    root = str(home).rstrip("/")
    if not root or root == "/":
        return text
    return re.sub(rf"(?<![\w/.~-]){re.escape(root)}(?=/|$|[\s:'\"),])", "~", text)


def wrappable_path(path: Path | str) -> str:
    """A path that can wrap after each "/" (a zero-width space there), for a narrow label.

    Only for display: the label's tooltip and accessible name carry the plain path."""
    return home_short(str(path)).replace("/", "/\u200b")


def quiet(label: QLabel) -> QLabel:
    """A secondary label: softer than the text, yet readable (not the disabled grey,
    which falls well under 4.5:1 and reads as "unavailable")."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, message_color(palette, "note"))
    label.setPalette(palette)
    return label


def hairline_color(palette: QPalette) -> QColor:
    """A divider that separates without shouting, on a light or a dark window."""
    window = palette.color(QPalette.ColorRole.Window)
    return _mix(window, palette.color(QPalette.ColorRole.WindowText), 0.2)


def card(content: QWidget | None = None, name: str = "card") -> QFrame:
    """A soft, rounded panel for a summary or a note: set apart, not a stock frame."""
    frame = QFrame()
    frame.setObjectName(name)
    palette = frame.palette()
    window = palette.color(QPalette.ColorRole.Window)
    fill = _mix(window, palette.color(QPalette.ColorRole.Highlight), 0.07)
    frame.setStyleSheet(
        f"#{name} {{ background: {fill.name()}; border: 1px solid"
        f" {hairline_color(palette).name()}; border-radius: 8px; }}"
    )
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 10, 12, 10)
    if content is not None:
        layout.addWidget(content)
    return frame


def label_for(labels: dict[str, str], key: str) -> str:
    """The shown name of a position, equipment or focus key (an unknown one as written)."""
    if key in labels:
        return translate("Moves", labels[key])
    return key.replace("_", " ").capitalize()


def problem_line(problem: Any) -> str:
    """A problem without its (long, known) file path: "line 4: breaks.interval_minutes: …"."""
    parts = []
    line = getattr(problem, "line", None)
    key = getattr(problem, "key", None)
    reason = getattr(problem, "reason", None)
    if reason is None:
        return str(problem)
    if line is not None:
        parts.append(arg(translate("Preferences", "line %1"), line))
    if key:
        parts.append(key)
    parts.append(reason)
    return ": ".join(parts)


def problem_table(problem: Any) -> str:
    """The settings table a schema problem is about: "work_hours.monday[1]" -> "work_hours"."""
    key = getattr(problem, "key", None) or ""
    return re.split(r"[.\[]", key, maxsplit=1)[0]


@dataclass
class Findings:
    """What a page found in a draft.

    `errors` are what the settings file itself refuses (so saving is blocked);
    `warnings` are the dialog's own advice, shown but never blocking, because a
    file that says the same thing loads and runs.
    """

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Page(QWidget):
    """One page of the dialog. It fills itself from a Settings and writes its part back.

    Signals:
        changed(): the person edited something on this page.
    """

    changed = Signal()
    key = ""
    title = ""
    icon_kind = ""
    tables: tuple[str, ...] = ()  # the settings tables whose file problems this page shows

    def load(self, settings: Settings) -> None:
        """Show `settings` without emitting `changed`."""

    def apply(self, settings: Settings) -> Settings:
        """`settings` with this page's edits on top."""
        return settings

    def check(self, draft: Settings, problems: Sequence[Any]) -> Findings:
        """Show inline what is wrong with `draft` on this page, and return it.

        `problems` are what the settings file validator says about this page's
        tables; each must come back as an error (shown by the page where it can).
        """
        return Findings(errors=[problem_line(p) for p in problems])


class InlineMessage(QLabel):
    """A short line under a field: an error in red, a heads-up in amber, or a quiet note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.hide()
        self.is_error = False
        self.is_warning = False

    def show_error(self, text: str) -> None:
        """Something the settings file would refuse: saving waits until it is fixed."""
        self._show(text, "error", "⚠ ", error=True)

    def show_warning(self, text: str) -> None:
        """Advice worth reading; saving is still allowed."""
        self._show(text, "warning", translate("Preferences", "Heads-up: "), warning=True)

    def show_note(self, text: str) -> None:
        self._show(text, "note", "")

    def clear_message(self) -> None:
        self.is_error = False
        self.is_warning = False
        self.setText("")
        self.hide()

    def _show(
        self, text: str, tone: Tone, prefix: str, *, error: bool = False, warning: bool = False
    ) -> None:
        if not text:
            self.clear_message()
            return
        self.is_error = error
        self.is_warning = warning
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, message_color(palette, tone))
        self.setPalette(palette)
        self.setText(prefix + text)
        self.setAccessibleName(prefix + text)
        self.show()


def with_message(field: QWidget, message: InlineMessage) -> QWidget:
    """A field with its inline message under it, for a QFormLayout row."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field, 0, Qt.AlignmentFlag.AlignLeft)
    layout.addWidget(message)
    return box


def page_heading(text: str, blurb: str = "") -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 6)
    layout.setSpacing(2)
    title = QLabel(text)
    font = title.font()
    font.setPointSizeF(font.pointSizeF() * 1.35)
    font.setBold(True)
    title.setFont(font)
    layout.addWidget(title)
    if blurb:
        sub = QLabel(blurb)
        sub.setWordWrap(True)
        palette = sub.palette()
        palette.setColor(QPalette.ColorRole.WindowText, message_color(palette, "note"))
        sub.setPalette(palette)
        layout.addWidget(sub)
    return box


def ordinal(n: int) -> str:
    """"2nd" in English; the catalogue says how its language writes it ("2.")."""
    if translate("Preferences", "%1th", "ordinal ending: th, st, nd, rd") != "%1th":
        return arg(translate("Preferences", "%1th", "ordinal ending: th, st, nd, rd"), n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def minutes_text(minutes: int) -> str:
    """90 -> "1 h 30 min"."""
    h, m = divmod(minutes, 60)
    if h and m:
        return arg(translate("Preferences", "%1 h %2 min"), h, m)
    if h:
        return arg(translate("Preferences", "%1 h"), h)
    return arg(translate("Preferences", "%1 min"), m)
