"""How the break window looks and where it goes: its widgets, type scale, colours,
and its size on the screen under the pointer. The behaviour (time, steps, buttons'
meaning) is BreakWindow's, in break_window.py, which builds on this.

The design, for a glance from arm's length: the figure on its stage is the hero
(at least half the window); beside it one column of text, each box sized once for
the longest text of the break so nothing moves from step to step; quiet buttons
below that show their keys. A small or zoomed screen gets a compact type scale,
and the window's frame always lies inside the screen's available area.

On Wayland the compositor places windows (xdg-shell has no client positions and no
"stay on top"; mutter centres or cascades a new window, and maximizes one that comes
close to the whole work area): there only the size is ours, and it is sized for the
screen less a panel Qt cannot see (`usable_area`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QCursor, QFont, QGuiApplication, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk_break.core.break_plan import FINISHED_CUE
from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate
from desk_break.qt.break_look import BreakLook, centred_frame, fit_size, usable_area
from desk_break.qt.break_widgets import (
    ElidedLabel,
    FigureStage,
    KeyButton,
    ProgressRing,
    StepCountdown,
    font,
    invalidate_tree,
    paint_label_colour,
    plain_label,
)
from desk_break.qt.figure import MoveFigure

SIZE = (860, 540)  # logical px wanted; smaller screens get less, never more than fits
# A long break is done standing back from the desk or on the floor, a step or two
# from the screen, and its floor moves are wide: a bigger stage where there is room.
LONG_SIZE = (1060, 660)
MIN_SIZE = (520, 330)
COMPACT_BELOW = (780, 600)  # available area under this: the compact type scale

# Point sizes: (caption, title, cue, countdown, unit, next, buttons).
TYPE_SCALE = (9.0, 15.0, 18.0, 40.0, 11.0, 11.0, 10.5)
COMPACT_TYPE_SCALE = (8.0, 12.5, 14.5, 30.0, 9.5, 9.5, 9.5)
# The text column's share of the width: the first that lets the break fit the screen
# (long words, German, wrap into more lines; a wider column takes fewer).
COLUMN_SHARES = (0.40, 0.47, 0.54)
CLOSE_HINT = QT_TRANSLATE_NOOP("Break", "This closes by itself in a moment.")


class BreakLayout(QWidget):
    """The break window's widgets and look, with no behaviour of its own."""

    def __init__(self, snooze_minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._compact = False
        self._look = BreakLook.from_palette(self.palette())
        self._build(snooze_minutes)
        self._apply_type_scale()
        self._apply_look()

    @property
    def look(self) -> BreakLook:
        return self._look

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._apply_look()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._look.surface)
        painter.end()

    # ---- building -----------------------------------------------------------------

    def _build(self, snooze_minutes: int) -> None:
        root = self._root = QVBoxLayout(self)
        root.setSpacing(14)

        # Header: what kind of break and which move; the whole break as a ring.
        header = QHBoxLayout()
        header.setSpacing(16)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self._caption = ElidedLabel(translate("Break", "Break"))
        self._move_name = ElidedLabel(translate("Break", "Move"))
        titles.addStretch(1)
        titles.addWidget(self._caption)
        titles.addWidget(self._move_name)
        titles.addStretch(1)
        header.addLayout(titles, 1)
        self._ring = ProgressRing()
        header.addWidget(self._ring, 0, Qt.AlignmentFlag.AlignVCenter)
        root.addLayout(header)

        # Body: the figure on its stage (the hero), and one column of text beside it.
        body = QHBoxLayout()
        body.setSpacing(28)
        self._stage = FigureStage()
        stage_layout = QVBoxLayout(self._stage)
        stage_layout.setContentsMargins(14, 14, 14, 10)
        self._figure = MoveFigure(self._stage)
        self._figure.setAccessibleName(translate("Break", "Pose for this step"))
        self._figure.setMinimumSize(80, 80)
        stage_layout.addWidget(self._figure)
        body.addWidget(self._stage, 1)

        self._text_column = QWidget()
        text = QVBoxLayout(self._text_column)
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(0)
        self._cue = plain_label(translate("Break", "What to do now"))
        self._cue.setWordWrap(True)
        self._cue.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self._details = QStackedWidget()
        step_page = QWidget()
        step = QVBoxLayout(step_page)
        step.setContentsMargins(0, 0, 0, 0)
        step.setSpacing(10)
        self._countdown = StepCountdown()
        self._next = plain_label(translate("Break", "What comes next"))
        self._next.setWordWrap(True)
        self._next.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        step.addWidget(self._countdown)
        step.addWidget(self._next)
        step.addStretch(1)
        self._summary = plain_label(translate("Break", "Summary of this break"))
        self._summary.setWordWrap(True)
        self._summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        finished_page = QWidget()
        finished = QVBoxLayout(finished_page)
        finished.setContentsMargins(0, 0, 0, 0)
        finished.setSpacing(10)
        self._close_hint = plain_label(
            translate("Break", "How this closes"), translate("Break", CLOSE_HINT)
        )
        self._close_hint.setWordWrap(True)
        finished.addWidget(self._summary)
        finished.addWidget(self._close_hint)
        finished.addStretch(1)
        self._details.addWidget(step_page)
        self._details.addWidget(finished_page)
        text.addStretch(1)
        text.addWidget(self._cue)
        text.addSpacing(14)
        text.addWidget(self._details)
        text.addStretch(1)
        body.addWidget(self._text_column, 0)
        root.addLayout(body, 1)

        # Buttons: Skip and Snooze, quiet, on the left; Done on the right.
        self._buttons_row = QWidget()
        buttons = QHBoxLayout(self._buttons_row)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(10)
        self._skip_button = KeyButton(translate("Break", "Skip"), translate("Keys", "Esc"))
        self._skip_button.setAccessibleName(translate("Break", "Skip this break"))
        self._skip_button.setToolTip(translate("Break", "Skip this break (Esc)"))
        self._snooze_button = KeyButton(
            arg(translate("Break", "Snooze %1 min"), snooze_minutes), translate("Keys", "S")
        )
        self._snooze_button.setAccessibleName(
            translate("Break", "Snooze for %n minute(s)", "", snooze_minutes)
        )
        self._snooze_button.setToolTip(
            translate("Break", "Remind me in %n minute(s) (S)", "", snooze_minutes)
        )
        self._snooze_refusal = plain_label(translate("Break", "Why snooze is not available"))
        self._snooze_refusal.setWordWrap(True)
        self._snooze_refusal.hide()
        self._done_button = KeyButton(
            translate("Break", "Done"), translate("Keys", "Enter"), primary=True
        )
        self._done_button.setAccessibleName(translate("Break", "Done: I did the moves"))
        self._done_button.setToolTip(translate("Break", "I did the moves (Enter)"))
        self._done_button.setDefault(True)
        for button in (self._skip_button, self._snooze_button, self._done_button):
            button.setAutoDefault(True)  # Enter presses the focused button
        buttons.addWidget(self._skip_button)
        buttons.addWidget(self._snooze_button)
        buttons.addWidget(self._snooze_refusal, 1)
        buttons.addStretch(0)  # pushes Done right; a shown refusal takes the room
        # At "Nice work" the actions go; one quiet Close takes Done's place.
        self._close_button = KeyButton(translate("Break", "Close"), translate("Keys", "Enter"))
        self._close_button.setAccessibleName(translate("Break", "Close this window now"))
        for button in (self._skip_button, self._snooze_button):
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # "Nice work" does not reflow the row
            button.setSizePolicy(policy)
        self._end_slot = QStackedWidget()
        self._end_slot.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._end_slot.addWidget(self._done_button)
        self._end_slot.addWidget(self._close_button)
        buttons.addWidget(self._end_slot)
        root.addWidget(self._buttons_row)
        # Focus goes to Done when the person clicks into the window, not before.
        self._done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _apply_type_scale(self) -> None:
        """Fonts for the normal or the compact scale (a small or zoomed screen)."""
        caption, title, cue, number, unit, small, button = (
            COMPACT_TYPE_SCALE if self._compact else TYPE_SCALE)
        base = QFont(self.font())
        self._caption.setFont(font(base, caption, QFont.Weight.DemiBold, spacing=0.8))
        self._move_name.setFont(font(base, title, QFont.Weight.DemiBold))
        self._cue.setFont(font(base, cue, QFont.Weight.Medium))
        self._countdown.set_points(number, unit)
        self._ring.set_points(unit * 0.95)
        for label in (self._next, self._summary, self._close_hint):
            label.setFont(font(base, small, QFont.Weight.Normal))
        self._snooze_refusal.setFont(font(base, small * 0.85, QFont.Weight.Normal))
        for key_button in (self._skip_button, self._snooze_button, self._done_button,
                           self._close_button):
            key_button.set_points(button)
        margin = (18, 14) if self._compact else (28, 22)
        self._root.setContentsMargins(margin[0], margin[1], margin[0], margin[1] - 4)
        self._root.setSpacing(10 if self._compact else 16)

    def _apply_look(self) -> None:
        """Colours from the palette (recomputed when the theme changes)."""
        look = self._look = BreakLook.from_palette(self.palette())
        for label in (self._move_name, self._cue, self._summary):
            paint_label_colour(label, look.text)
        for label in (self._caption, self._next, self._close_hint, self._snooze_refusal):
            paint_label_colour(label, look.muted)
        for widget in (self._ring, self._countdown, self._stage, self._skip_button,
                       self._snooze_button, self._done_button, self._close_button):
            widget.set_look(look)
        figure = self._figure.palette()
        figure.setColor(QPalette.ColorRole.Window, look.stage)
        figure.setColor(QPalette.ColorRole.WindowText, look.text)
        figure.setColor(QPalette.ColorRole.Highlight, look.accent)
        self._figure.setPalette(figure)
        self.update()

    def _finished_font(self) -> QFont:
        """"Nice work" a step up from the cues: the moment, not one more instruction."""
        cue = COMPACT_TYPE_SCALE[2] if self._compact else TYPE_SCALE[2]
        return font(self.font(), cue * 1.3, QFont.Weight.DemiBold)

    # ---- size and place -------------------------------------------------------------

    def _place_on_cursor_screen(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(self._fit_to_content(self._wanted_size()))
            return
        self.setScreen(screen)
        available = usable_area(screen.geometry(), screen.availableGeometry(),
                                QGuiApplication.platformName())
        compact = (available.width() < COMPACT_BELOW[0]
                   or available.height() < COMPACT_BELOW[1])
        if compact != self._compact:
            self._compact = compact
            self._apply_type_scale()
        wanted = fit_size(self._wanted_size(), QSize(*MIN_SIZE), available)
        for share in COLUMN_SHARES:  # a short screen: a wider text column, fewer lines
            size = self._fit_to_content(wanted, share)
            if fit_size(size, QSize(1, 1), available).height() >= size.height():
                break
        size = fit_size(size, QSize(1, 1), available)  # never more than the screen holds
        self.setGeometry(centred_frame(size, available))

    def _fit_to_content(self, size: QSize, share: float = COLUMN_SHARES[0]) -> QSize:
        """Fix the text boxes for the longest texts of the break at this width, so
        nothing clips and nothing moves between steps; the window's size for them.
        `share` of the width goes to the text (beyond the first share, past 340 px)."""
        margins = self._root.contentsMargins()
        inner = size.width() - margins.left() - margins.right()
        widest = 340 if share <= COLUMN_SHARES[0] else round(inner * share)
        column = max(200, min(widest, round(inner * share)))
        self._text_column.setFixedWidth(column)
        for label in (self._cue, self._next):  # a QLabel's height for width is at least
            label.setMinimumHeight(0)  # its minimum: unfix it, or it never shrinks again
        cues, nexts, summary = self._fit_texts()
        cue_font = self._cue.font()
        self._cue.setFont(self._finished_font())
        finished_cue = _tallest(self._cue, [translate("Break", FINISHED_CUE)], column)
        self._cue.setFont(cue_font)
        self._cue.setFixedHeight(max(finished_cue,
                                     _tallest(self._cue, cues, column)))
        self._next.setFixedHeight(_tallest(self._next, nexts, column))
        step_height = self._countdown.sizeHint().height() + 10 + self._next.height()
        finished_height = (_tallest(self._summary, [summary], column) + 10
                           + _tallest(self._close_hint, [translate("Break", CLOSE_HINT)], column))
        self._details.setFixedHeight(max(step_height, finished_height))
        invalidate_tree(self._root)
        minimum = self._root.totalMinimumSize()
        return QSize(max(size.width(), minimum.width()), max(size.height(), minimum.height()))

    def _wanted_size(self) -> QSize:
        """The design's size before the screen has its say (a long break's is bigger)."""
        return QSize(*SIZE)

    def _fit_texts(self) -> tuple[list[str], list[str], str]:
        """(every cue, every "next" line, the summary) the boxes must hold."""
        raise NotImplementedError


def _tallest(label: QLabel, texts: list[str], width: int) -> int:
    """The height `label` needs at `width` for the tallest of `texts` (its text kept)."""
    shown = label.text()
    height = 0
    for text in texts:
        label.setText(text)
        height = max(height, label.heightForWidth(width))
    label.setText(shown)
    return height
