"""The break window: walks a person through the break's moves, one cue at a time.

It pops up on top, centred on the screen under the mouse, *without* taking the
keyboard: someone typing into another app keeps typing there. Once clicked it has
focus, and Enter = Done, S = Snooze, Esc = Skip.

Time comes from the injected Clock: what shows is computed from
`clock.boottime()` now minus at start, the same elapsed time the engine counts
(a suspend included), so the window and the engine agree on when the break ends,
and the countdown cannot drift however late or seldom the (single, coarse)
repaint timer fires. The window only announces what the person did; whoever owns
it talks to the engine and decides what to do: usually `finish_and_close()` after
Done and `close_now()` after Snooze or Skip. How the moves fill the break is
`core.break_plan`.
"""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QCursor,
    QFont,
    QGuiApplication,
    QHideEvent,
    QKeyEvent,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

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
from desk_break.qt.break_widgets import (
    ProgressRing,
    StepCountdown,
    font,
    invalidate_tree,
    muted,
)
from desk_break.qt.figure import MoveFigure
from desk_break.qt.sound import Chime
from desk_break.qt.timers import make_timer

if TYPE_CHECKING:
    from desk_break.core.catalog import Catalog

log = logging.getLogger(__name__)

BreakKindName = Literal["micro", "long"]

SIZE = (480, 360)  # logical px; grows to fit the longest cue rather than clip it


# ---- the window --------------------------------------------------------------------


class BreakWindow(QWidget):
    """A small always-on-top window that runs one break.

    Signals:
        done_clicked(): the person pressed Done (or Enter).
        snooze_clicked(): the person pressed Snooze (or S); never while snooze is refused.
        skip_clicked(): the person pressed Skip (or Esc).
        countdown_finished(): the break's time ran out (emitted once); the window then
            chimes, says "Nice work" and closes itself.
        closed(): the window went away, however that happened (emitted once).
    """

    done_clicked = Signal()
    snooze_clicked = Signal()
    skip_clicked = Signal()
    countdown_finished = Signal()
    closed = Signal()
    step_changed = Signal(int)

    REFRESH_MS = 250  # at most four repaints a second; the clock, not the timer, keeps time
    FINISH_DELAY_MS = 2000  # how long "Nice work" stays up

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
    ) -> None:
        super().__init__(parent)
        self._plan = BreakPlan(moves, total_seconds)
        self._catalog = catalog
        self._kind = kind
        self._clock = clock
        self._started_at: float | None = None
        self._index = -1
        self._countdown_done = False
        self._finishing = False
        self._closed_emitted = False

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
        self._apply_palette()

    # ---- public API -------------------------------------------------------------

    def start(self) -> None:
        """Show the window on the screen under the mouse and start the countdown."""
        if self._started_at is not None:
            return
        self._started_at = self._clock.boottime()
        self._place_on_cursor_screen()
        self.refresh()
        self.show()  # showEvent starts the refresh timer

    def refresh(self) -> None:
        """Bring what shows up to date with the clock. The refresh timer calls this."""
        if self._started_at is None or self._finishing:
            return
        elapsed = max(0.0, self._clock.boottime() - self._started_at)
        index = self._plan.index_at(elapsed)
        if index != self._index:
            self._enter_segment(index)
        segment = self._plan.segments[index]
        step_left = max(0, math.ceil(segment.end - elapsed))
        self._countdown.setText(str(step_left))
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
        return max(0.0, self._plan.total - (self._clock.boottime() - self._started_at))

    def finish_and_close(self) -> None:
        """The break is complete: chime, show "Nice work", close by itself a moment later."""
        if self._finishing:
            return
        self._finishing = True
        self._tick.stop()
        self._figure.stop()
        self._chime.play()
        self._ring.set_complete()
        self._show_finished()
        self._close_timer.start(self.FINISH_DELAY_MS)

    def _show_finished(self) -> None:
        self._caption.setText(self._caption_kind())
        self._move_name.setText(FINISHED_TITLE)
        self._cue.setText(FINISHED_CUE)
        self._next.setText(FINISHED_NEXT)
        self._countdown.hide()
        self._text_column.setStretch(self._text_column.count() - 1, 1)
        self._buttons_row.hide()
        self._snooze_refusal.hide()
        self._rule.hide()

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

    # ---- Qt events --------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._finishing or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._done_button.click()
        elif key == Qt.Key.Key_S:
            self._snooze_button.click()  # does nothing while disabled
        elif key == Qt.Key.Key_Escape:
            self._skip_button.click()
        else:
            super().keyPressEvent(event)

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
            self._apply_palette()

    # ---- building and updating ----------------------------------------------------

    def _build(self, snooze_minutes: int, snooze_refusal: str | None) -> None:
        base = self.font()
        root = QVBoxLayout(self)
        root.setContentsMargins(20, 16, 20, 16)
        root.setSpacing(10)

        # Header: what kind of break and which move, with the whole break as a ring.
        header = QHBoxLayout()
        header.setSpacing(12)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self._caption = QLabel(self._caption_kind())
        self._caption.setFont(font(base, 9, QFont.Weight.DemiBold))
        self._caption.setAccessibleName("Break")
        self._move_name = QLabel()
        self._move_name.setFont(font(base, 14, QFont.Weight.Bold))
        self._move_name.setWordWrap(True)
        self._move_name.setAccessibleName("Move")
        titles.addWidget(self._caption)
        titles.addWidget(self._move_name)
        titles.addStretch(1)
        header.addLayout(titles, 1)
        self._ring = ProgressRing()
        header.addWidget(self._ring, 0, Qt.AlignmentFlag.AlignTop)
        root.addLayout(header)

        # Body: the figure on the left, cue + step countdown + what's next on the right.
        body = QHBoxLayout()
        body.setSpacing(16)
        self._figure = MoveFigure(self)
        self._figure.setAccessibleName("Pose for this step")
        self._figure.setMinimumSize(150, 150)
        self._figure.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        body.addWidget(self._figure, 4)

        text = self._text_column = QVBoxLayout()
        text.setSpacing(4)
        self._cue = QLabel()
        self._cue.setFont(font(base, 20, QFont.Weight.Medium))
        self._cue.setWordWrap(True)
        self._cue.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        self._cue.setAccessibleName("What to do now")
        self._countdown = StepCountdown()
        self._next = QLabel()
        self._next.setFont(font(base, 10.5, QFont.Weight.Normal))
        self._next.setWordWrap(True)
        self._next.setAccessibleName("What comes next")
        # Bottom-aligned beside the figure; the stretches centre "Nice work" at the end.
        text.addStretch(1)
        text.addWidget(self._cue)
        text.addSpacing(2)
        text.addWidget(self._countdown)
        text.addSpacing(6)
        text.addWidget(self._next)
        text.addStretch(0)
        body.addLayout(text, 6)
        root.addLayout(body, 1)

        line = self._rule = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        root.addWidget(line)

        # Buttons: Skip and Snooze on the left, Done (the one to press) on the right.
        self._buttons_row = QWidget()
        buttons = QHBoxLayout(self._buttons_row)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(8)
        self._skip_button = QPushButton("Skip")
        self._skip_button.setAccessibleName("Skip this break")
        self._skip_button.setToolTip("Skip this break (Esc)")
        self._snooze_button = QPushButton(f"Snooze ({snooze_minutes} min)")
        self._snooze_button.setAccessibleName(f"Snooze for {snooze_minutes} minutes")
        self._snooze_refusal = QLabel()
        self._snooze_refusal.setWordWrap(True)
        self._snooze_refusal.setFont(font(base, 9, QFont.Weight.Normal))
        self._snooze_refusal.setAccessibleName("Why snooze is not available")
        self._snooze_button.setToolTip(f"Remind me in {snooze_minutes} minutes (S)")
        self._snooze_refusal.hide()
        if snooze_refusal:
            self.refuse_snooze(snooze_refusal)
        self._done_button = QPushButton("Done")
        self._done_button.setAccessibleName("Done: I did the moves")
        self._done_button.setToolTip("I did the moves (Enter)")
        self._done_button.setDefault(True)
        self._done_button.setFont(font(base, base.pointSizeF(), QFont.Weight.DemiBold))
        for button in (self._skip_button, self._snooze_button, self._done_button):
            button.setAutoDefault(True)  # Enter presses the focused button
            hint = button.sizeHint()
            button.setMinimumSize(hint.width() + 16, hint.height() + 6)
        buttons.addWidget(self._skip_button)
        buttons.addWidget(self._snooze_button)
        buttons.addStretch(1)
        buttons.addWidget(self._done_button)
        root.addWidget(self._buttons_row)
        root.addWidget(self._snooze_refusal)

        self._done_button.clicked.connect(self._on_done)
        self._snooze_button.clicked.connect(self._on_snooze)
        self._skip_button.clicked.connect(self._on_skip)
        # Focus goes to Done when the person clicks into the window, not before.
        self._done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _caption_kind(self) -> str:
        kind = "Long break" if self._kind == "long" else "Micro-break"
        return kind.upper()

    def _apply_palette(self) -> None:
        """Secondary text in the muted colour (recomputed when the theme changes)."""
        secondary = muted(self.palette())
        for label in (self._caption, self._next, self._snooze_refusal):
            label_palette = label.palette()
            label_palette.setColor(QPalette.ColorRole.WindowText, secondary)
            label.setPalette(label_palette)

    def _enter_segment(self, index: int) -> None:
        self._index = index
        segment = self._plan.segments[index]
        move = self._plan.move_of(segment)
        parts: list[str] = [self._caption_kind()]
        self._move_name.setText(self._title_of(segment))
        if move is not None:
            if len(self._plan.moves) > 1:
                assert segment.move_index is not None
                parts.append(f"MOVE {segment.move_index + 1} OF {len(self._plan.moves)}")
            rep = repetition(move, segment.step_index)
            if rep is not None:
                parts.append(f"REP {rep[0]} OF {rep[1]}")
        self._caption.setText("  ·  ".join(parts))
        self._cue.setText(segment.cue)
        self._next.setText(self._plan.next_text(index))
        self._show_figure(segment, move)
        self.step_changed.emit(index)

    def _title_of(self, segment: Segment) -> str:
        move = self._plan.move_of(segment)
        return REST_TITLE if move is None else move.name

    def _show_figure(self, segment: Segment, move: Move | None) -> None:
        if move is None:
            # The closing rest: the last move's starting position, held still.
            move = next((m for m in reversed(self._plan.moves) if m.steps), None)
            step_index = 0
        else:
            step_index = segment.step_index
        if move is not None:
            try:
                self._figure.set_step(move, step_index, self._catalog)
            except (KeyError, IndexError) as error:
                # A pose the catalog lacks must not cost the person their break:
                # the cue and countdown carry on, the figure keeps its last picture.
                log.warning("cannot draw %s step %d: %r", move.id, step_index + 1, error)
        if segment.is_rest or move is None:
            self._figure.stop()

    def _place_on_cursor_screen(self) -> None:
        screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
        if screen is not None:
            self.setScreen(screen)
        self._fit_to_content()
        if screen is None:
            return
        centre = screen.availableGeometry().center()
        self.move(centre - QPoint(self.width() // 2, self.height() // 2))

    def _fit_to_content(self) -> None:
        """Size the window once, for its longest texts: nothing clips, nothing jumps mid-break."""
        layout = self.layout()
        assert layout is not None  # built in __init__
        labels = (self._move_name, self._cue, self._next)
        texts = [
            (self._title_of(s), s.cue, self._plan.next_text(i))
            for i, s in enumerate(self._plan.segments)
        ]
        texts.append((FINISHED_TITLE, FINISHED_CUE, FINISHED_NEXT))
        shown = [label.text() for label in labels]
        width = max(SIZE[0], self.sizeHint().width())
        height = max(SIZE[1], self.minimumSizeHint().height())
        for row in texts:
            for label, text in zip(labels, row, strict=True):
                label.setText(text)
            invalidate_tree(layout)
            height = max(height, layout.totalHeightForWidth(width))
        for label, text in zip(labels, shown, strict=True):
            label.setText(text)
        self.resize(width, height + 4)  # layouts round each row; a little slack, no clipping

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
