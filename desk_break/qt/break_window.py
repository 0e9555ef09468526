"""The break window: walks a person through the break's moves, one cue at a time.

It pops up on top, centred on the screen under the mouse and sized to fit inside
that screen's available area at any scale, *without* taking the keyboard: someone
typing into another app keeps typing there. Once clicked it has focus, and
Enter = Done, S = Snooze, Esc = Skip (the buttons show their keys).

Made to be read at a glance from arm's length: the figure is the hero; beside it
one cue, the step's seconds with a bar, and what comes next, each in a box sized
once for the longest text of the break, so nothing moves between steps. The look
(break_look.py) is derived from the system palette and readable by rule.

Time comes from the injected Clock: what shows is computed from
`clock.boottime()` now minus at start, the same elapsed time the engine counts
(a suspend included), so the window and the engine agree on when the break ends,
and the countdown cannot drift however late or seldom the (single, coarse)
repaint timer fires. The window only announces what the person did; whoever owns
it talks to the engine and decides what to do: usually `finish_and_close()` after
Done and `close_now()` after Snooze or Skip. How the moves fill the break is
`core.break_plan`; the widgets are in break_widgets.py.
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QCursor,
    QFont,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from desk_break.core.break_plan import (
    FINISHED_CUE,
    FINISHED_NEXT,
    FINISHED_TITLE,
    REST_TITLE,
    BreakPlan,
    Segment,
    repetition,
)
from desk_break.core.clock import Clock
from desk_break.core.moves import Move
from desk_break.qt.break_look import BreakLook, centred_frame, fit_size
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
from desk_break.qt.sound import Chime
from desk_break.qt.timers import make_timer

if TYPE_CHECKING:
    from desk_break.core.catalog import Catalog

log = logging.getLogger(__name__)

BreakKindName = Literal["micro", "long"]

SIZE = (860, 540)  # logical px wanted; smaller screens get less, never more than fits
MIN_SIZE = (520, 330)
COMPACT_BELOW = (780, 600)  # available area under this: the compact type scale

# Point sizes: (caption, title, cue, countdown, unit, next, buttons).
TYPE_SCALE = (9.0, 15.0, 18.0, 40.0, 11.0, 11.0, 10.5)
COMPACT_TYPE_SCALE = (8.0, 12.5, 14.5, 30.0, 9.5, 9.5, 9.5)
CLOSE_HINT = "Closes by itself · Enter or click to close now"


class BreakWindow(QWidget):
    """An always-on-top window that runs one break.

    Signals:
        done_clicked(): the person pressed Done (or Enter).
        snooze_clicked(): the person pressed Snooze (or S); never while snooze is refused.
        skip_clicked(): the person pressed Skip (or Esc).
        countdown_finished(): the break's time ran out (emitted once); the window then
            chimes, says "Nice work" and closes itself.
        step_changed(int): a new segment of the plan began (its index in plan.segments),
            for step cues (tone, voice).
        closed(): the window went away, however that happened (emitted once).
    """

    done_clicked = Signal()
    snooze_clicked = Signal()
    skip_clicked = Signal()
    countdown_finished = Signal()
    step_changed = Signal(int)
    closed = Signal()

    REFRESH_MS = 250  # at most four repaints a second; the clock, not the timer, keeps time
    FINISH_DELAY_MS = 4000  # how long "Nice work" and its summary stay up

    def __init__(
        self,
        moves: list[Move],
        catalog: Catalog,
        total_seconds: int,
        kind: BreakKindName,
        clock: Clock,
        snooze_minutes: int,
        snooze_refusal: str | None,
        sound: bool,
        parent: QWidget | None = None,
        *,
        minutes_today: float | None = None,
    ) -> None:
        super().__init__(parent)
        self._plan = BreakPlan(moves, total_seconds)
        self._catalog = catalog
        self._kind = kind
        self._clock = clock
        self._minutes_today = minutes_today
        self._started_at: float | None = None
        self._finished_after: float | None = None
        self._index = -1
        self._countdown_done = False
        self._finishing = False
        self._closed_emitted = False
        self._compact = False
        self._look = BreakLook.from_palette(self.palette())

        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowTitleHint
            | Qt.WindowType.WindowCloseButtonHint
        )
        # Pop up without stealing the keyboard; clicking the window still focuses it.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle("Long break" if kind == "long" else "Micro-break")
        self.setAccessibleName(self.windowTitle())

        self._tick = make_timer(
            "break-window-refresh", self, self.REFRESH_MS, on_timeout=self.refresh
        )
        self._close_timer = make_timer(
            "break-window-close", self, single_shot=True, on_timeout=self.close_now
        )

        self._chime = Chime(sound, self)
        self._build(snooze_minutes, snooze_refusal)
        self._apply_type_scale()
        self._apply_look()

    # ---- public API -------------------------------------------------------------

    def start(self, started_at: float | None = None) -> None:
        """Show the window on the screen under the mouse and start the countdown.

        `started_at` (a `clock.boottime()` reading) starts the countdown at the
        break's real start when the window opens late (after the first-run note).
        """
        if self._started_at is not None:
            return
        self._started_at = self._clock.boottime() if started_at is None else started_at
        self._place_on_cursor_screen()
        self.refresh()
        if not self._finishing:
            self.show()  # showEvent starts the refresh timer

    def refresh(self) -> None:
        """Bring what shows up to date with the clock. The refresh timer calls this."""
        if self._started_at is None or self._finishing:
            return
        elapsed = self._elapsed()
        index = self._plan.index_at(elapsed)
        if index != self._index:
            self._enter_segment(index)
        segment = self._plan.segments[index]
        step_left = max(0, math.ceil(segment.end - elapsed))
        self._countdown.setText(str(step_left))
        self._countdown.set_fraction((elapsed - segment.start) / max(segment.seconds, 1e-6))
        total_left = max(0, math.ceil(self._plan.total - elapsed))
        self._ring.set_progress(elapsed / self._plan.total, total_left)
        if elapsed >= self._plan.total and not self._countdown_done:
            self._countdown_done = True
            self.countdown_finished.emit()
            self.finish_and_close()

    def seconds_left(self) -> float:
        """Seconds until the moves are done, by the clock (the whole plan before start)."""
        if self._started_at is None:
            return self._plan.total
        return max(0.0, self._plan.total - self._elapsed())

    def set_summary(self, minutes_today: float | None) -> None:
        """Minutes of breaks done today *before* this one (None: leave it out).

        The "Nice work" summary adds this break's own time to it.
        """
        self._minutes_today = minutes_today
        if self._finishing:
            self._summary.setText(self.summary_text())

    def finish_and_close(self) -> None:
        """The break is complete: chime, show "Nice work", close by itself a moment later."""
        if self._finishing:
            return
        self._finishing = True
        self._finished_after = self._elapsed() if self._started_at is not None else 0.0
        self._tick.stop()
        self._chime.play()
        self._ring.set_complete()
        self._show_finished()
        self._close_timer.start(self.FINISH_DELAY_MS)

    def refuse_snooze(self, reason: str) -> None:
        """Snooze cannot apply (any more): disable it and say why, in words."""
        self._snooze_button.setEnabled(False)
        self._snooze_button.setToolTip(reason)
        self._snooze_button.setAccessibleDescription(reason)
        self._snooze_refusal.setText(reason)
        if not self._finishing:
            self._snooze_refusal.show()

    def close_now(self) -> None:
        """Close at once, with no chime (after Snooze or Skip, or when the break is cancelled)."""
        self._stop_timers()
        self.close()

    # ---- what the owner may read ------------------------------------------------

    @property
    def plan(self) -> BreakPlan:
        return self._plan

    @property
    def look(self) -> BreakLook:
        return self._look

    def summary_text(self) -> str:
        """What "Nice work" says under it: the moves done, and minutes today if known."""
        names = list(dict.fromkeys(m.name for m in self._plan.moves))
        if len(names) > 4:
            names = [*names[:3], f"{len(names) - 3} more"]
        lines = [f"You moved: {', '.join(names)}" if names else "You took a breather"]
        if self._minutes_today is not None:
            done = min(self._finished_after or 0.0, self._plan.total)
            minutes = max(1, math.floor(self._minutes_today + done / 60 + 0.5))
            lines.append(f"{minutes} minute{'s' if minutes != 1 else ''} of breaks today")
        lines.append(FINISHED_NEXT)
        return "\n".join(lines)

    # ---- Qt events --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._finishing:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Space):
                self.close_now()  # "Nice work" can go at once
            else:
                super().keyPressEvent(event)
            return
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._done_button.click()
        elif key == Qt.Key.Key_S:
            self._snooze_button.click()  # does nothing while disabled
        elif key == Qt.Key.Key_Escape:
            self._skip_button.click()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._finishing:
            self.close_now()
        else:
            super().mousePressEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._started_at is not None and not self._finishing:
            self.refresh()
            self._tick.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._tick.stop()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_timers()
        super().closeEvent(event)
        if not self._closed_emitted:
            self._closed_emitted = True
            self.closed.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._apply_look()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._look.surface)
        painter.end()

    # ---- building -----------------------------------------------------------------

    def _build(self, snooze_minutes: int, snooze_refusal: str | None) -> None:
        root = self._root = QVBoxLayout(self)
        root.setSpacing(14)

        # Header: what kind of break and which move; the whole break as a ring.
        header = QHBoxLayout()
        header.setSpacing(16)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self._caption = ElidedLabel("Break")
        self._move_name = ElidedLabel("Move")
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
        self._figure.setAccessibleName("Pose for this step")
        self._figure.setMinimumSize(80, 80)
        stage_layout.addWidget(self._figure)
        body.addWidget(self._stage, 1)

        self._text_column = QWidget()
        text = QVBoxLayout(self._text_column)
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(0)
        self._cue = plain_label("What to do now")
        self._cue.setWordWrap(True)
        self._cue.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self._details = QStackedWidget()
        step_page = QWidget()
        step = QVBoxLayout(step_page)
        step.setContentsMargins(0, 0, 0, 0)
        step.setSpacing(10)
        self._countdown = StepCountdown()
        self._next = plain_label("What comes next")
        self._next.setWordWrap(True)
        self._next.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        step.addWidget(self._countdown)
        step.addWidget(self._next)
        step.addStretch(1)
        self._summary = plain_label("Summary of this break")
        self._summary.setWordWrap(True)
        self._summary.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        finished_page = QWidget()
        finished = QVBoxLayout(finished_page)
        finished.setContentsMargins(0, 0, 0, 0)
        finished.setSpacing(10)
        self._close_hint = plain_label("How this closes", CLOSE_HINT)
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
        policy = self._buttons_row.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # "Nice work" does not reflow the window
        self._buttons_row.setSizePolicy(policy)
        buttons = QHBoxLayout(self._buttons_row)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(10)
        self._skip_button = KeyButton("Skip", "Esc")
        self._skip_button.setAccessibleName("Skip this break")
        self._skip_button.setToolTip("Skip this break (Esc)")
        self._snooze_button = KeyButton(f"Snooze {snooze_minutes} min", "S")
        self._snooze_button.setAccessibleName(f"Snooze for {snooze_minutes} minutes")
        self._snooze_button.setToolTip(f"Remind me in {snooze_minutes} minutes (S)")
        self._snooze_refusal = plain_label("Why snooze is not available")
        self._snooze_refusal.setWordWrap(True)
        self._snooze_refusal.hide()
        if snooze_refusal:
            self.refuse_snooze(snooze_refusal)
        self._done_button = KeyButton("Done", "Enter", primary=True)
        self._done_button.setAccessibleName("Done: I did the moves")
        self._done_button.setToolTip("I did the moves (Enter)")
        self._done_button.setDefault(True)
        for button in (self._skip_button, self._snooze_button, self._done_button):
            button.setAutoDefault(True)  # Enter presses the focused button
        buttons.addWidget(self._skip_button)
        buttons.addWidget(self._snooze_button)
        buttons.addWidget(self._snooze_refusal, 1)
        buttons.addStretch(0 if snooze_refusal else 1)
        buttons.addWidget(self._done_button)
        root.addWidget(self._buttons_row)

        self._done_button.clicked.connect(self._on_done)
        self._snooze_button.clicked.connect(self._on_snooze)
        self._skip_button.clicked.connect(self._on_skip)
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
        for label in (self._next, self._summary, self._close_hint):
            label.setFont(font(base, small, QFont.Weight.Normal))
        self._snooze_refusal.setFont(font(base, small * 0.85, QFont.Weight.Normal))
        for key_button in (self._skip_button, self._snooze_button, self._done_button):
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
                       self._snooze_button, self._done_button):
            widget.set_look(look)
        figure = self._figure.palette()
        figure.setColor(QPalette.ColorRole.Window, look.stage)
        figure.setColor(QPalette.ColorRole.WindowText, look.text)
        figure.setColor(QPalette.ColorRole.Highlight, look.accent)
        self._figure.setPalette(figure)
        self.update()

    # ---- updating -------------------------------------------------------------------

    def _elapsed(self) -> float:
        assert self._started_at is not None
        return max(0.0, self._clock.boottime() - self._started_at)

    def _caption_kind(self) -> str:
        return "LONG BREAK" if self._kind == "long" else "MICRO-BREAK"

    def _caption_of(self, segment: Segment) -> str:
        parts: list[str] = [self._caption_kind()]
        move = self._plan.move_of(segment)
        if move is not None:
            if len(self._plan.moves) > 1:
                assert segment.move_index is not None
                parts.append(f"MOVE {segment.move_index + 1} OF {len(self._plan.moves)}")
            rep = repetition(move, segment.step_index)
            if rep is not None:
                parts.append(f"REP {rep[0]} OF {rep[1]}")
        return "  ·  ".join(parts)

    def _enter_segment(self, index: int) -> None:
        self._index = index
        segment = self._plan.segments[index]
        move = self._plan.move_of(segment)
        self._caption.setText(self._caption_of(segment))
        self._move_name.setText(self._title_of(segment))
        self._cue.setText(segment.cue)
        self._next.setText(self._plan.next_text(index))
        self._show_figure(segment, move)
        self.step_changed.emit(index)

    def _show_finished(self) -> None:
        self._caption.setText(f"{self._caption_kind()}  ·  DONE")
        self._move_name.setText(FINISHED_TITLE)
        self._cue.setText(FINISHED_CUE)
        self._summary.setText(self.summary_text())
        self._details.setCurrentIndex(1)
        self._buttons_row.hide()
        self._snooze_refusal.hide()
        self.setFocus(Qt.FocusReason.OtherFocusReason)  # Enter and Esc now close it
        self._rest_figure()

    def _title_of(self, segment: Segment) -> str:
        move = self._plan.move_of(segment)
        return REST_TITLE if move is None else move.name

    def _rest_figure(self) -> None:
        """Back to rest: the last move's starting position, held still."""
        move = next((m for m in reversed(self._plan.moves) if m.steps), None)
        if move is not None:
            self._set_figure(move, 0)
        self._figure.stop()

    def _show_figure(self, segment: Segment, move: Move | None) -> None:
        if move is None:
            self._rest_figure()  # the closing rest
            return
        self._set_figure(move, segment.step_index)

    def _set_figure(self, move: Move, step_index: int) -> None:
        try:
            self._figure.set_step(move, step_index, self._catalog)
        except (KeyError, IndexError) as error:
            # A pose the catalog lacks must not cost the person their break:
            # the cue and countdown carry on, the figure keeps its last picture.
            log.warning("cannot draw %s step %d: %r", move.id, step_index + 1, error)

    # ---- size and place -------------------------------------------------------------

    def _place_on_cursor_screen(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(self._fit_to_content(QSize(*SIZE)))
            return
        self.setScreen(screen)
        available = screen.availableGeometry()
        compact = (available.width() < COMPACT_BELOW[0]
                   or available.height() < COMPACT_BELOW[1])
        if compact != self._compact:
            self._compact = compact
            self._apply_type_scale()
        size = fit_size(QSize(*SIZE), QSize(*MIN_SIZE), available)
        size = self._fit_to_content(size)
        size = fit_size(size, QSize(1, 1), available)  # never more than the screen holds
        self.setGeometry(centred_frame(size, available))

    def _fit_to_content(self, size: QSize) -> QSize:
        """Fix the text boxes for the longest texts of the break at this width, so
        nothing clips and nothing moves between steps; the window's size for them."""
        margins = self._root.contentsMargins()
        inner = size.width() - margins.left() - margins.right()
        column = max(200, min(340, round(inner * 0.40)))
        self._text_column.setFixedWidth(column)
        segments = self._plan.segments
        cues = [s.cue for s in segments] + [FINISHED_CUE]
        nexts = [self._plan.next_text(i) for i in range(len(segments))]
        self._cue.setFixedHeight(_tallest(self._cue, cues, column))
        self._next.setFixedHeight(_tallest(self._next, nexts, column))
        self._summary.setText(self.summary_text())
        step_height = self._countdown.sizeHint().height() + 10 + self._next.height()
        finished_height = (_tallest(self._summary, [self.summary_text()], column) + 10
                           + _tallest(self._close_hint, [CLOSE_HINT], column))
        self._details.setFixedHeight(max(step_height, finished_height))
        self._summary.setText("")
        invalidate_tree(self._root)
        minimum = self._root.totalMinimumSize()
        return QSize(max(size.width(), minimum.width()), max(size.height(), minimum.height()))

    def _stop_timers(self) -> None:
        self._tick.stop()
        self._close_timer.stop()
        self._figure.stop()

    # ---- button slots -----------------------------------------------------------

    def _on_done(self) -> None:
        if not self._finishing:
            self.done_clicked.emit()

    def _on_snooze(self) -> None:
        if not self._finishing:
            self.snooze_clicked.emit()

    def _on_skip(self) -> None:
        if not self._finishing:
            self.skip_clicked.emit()


def _tallest(label: QLabel, texts: list[str], width: int) -> int:
    """The height `label` needs at `width` for the tallest of `texts` (its text kept)."""
    shown = label.text()
    height = 0
    for text in texts:
        label.setText(text)
        height = max(height, label.heightForWidth(width))
    label.setText(shown)
    return height
