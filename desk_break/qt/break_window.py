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
`core.break_plan`; how it looks and where it goes is `break_layout.BreakLayout`.
"""

from __future__ import annotations

import html
import logging
import math
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QWidget

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
from desk_break.core.i18n import arg, translate
from desk_break.core.moves import Move
from desk_break.qt.break_layout import LONG_SIZE, SIZE, BreakLayout
from desk_break.qt.sound import Chime
from desk_break.qt.timers import make_timer

if TYPE_CHECKING:
    from desk_break.core.catalog import Catalog

log = logging.getLogger(__name__)

BreakKindName = Literal["micro", "long"]


class BreakWindow(BreakLayout):
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
        super().__init__(snooze_minutes, parent)
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

        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowTitleHint
            | Qt.WindowType.WindowCloseButtonHint
        )
        # Pop up without stealing the keyboard; clicking the window still focuses it.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowTitle(
            translate("Break", "Long break")
            if kind == "long"
            else translate("Break", "Micro-break")
        )
        self.setAccessibleName(self.windowTitle())

        self._tick = make_timer(
            "break-window-refresh", self, self.REFRESH_MS, on_timeout=self.refresh
        )
        self._close_timer = make_timer(
            "break-window-close", self, single_shot=True, on_timeout=self.close_now
        )

        self._chime = Chime(sound, self)
        if snooze_refusal:
            self.refuse_snooze(snooze_refusal)
        self._done_button.clicked.connect(self._on_done)
        self._snooze_button.clicked.connect(self._on_snooze)
        self._skip_button.clicked.connect(self._on_skip)
        self._close_button.clicked.connect(self.close_now)

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
        # "DONE" shows now, by the countdown or the engine, whichever came first.
        log.debug("countdown done, %.3f s after the start", self._finished_after)
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

    def summary_text(self) -> str:
        """What "Nice work" says under it: the moves done, and minutes today if known."""
        names = list(dict.fromkeys(m.name for m in self._plan.moves))
        if len(names) > 4:
            more = len(names) - 3
            names = [*names[:3], translate("Break", "%n more", "", more)]
        joined = translate("Break", ", ", "between move names").join(names)
        lines = [
            arg(translate("Break", "You moved: %1"), joined)
            if names
            else translate("Break", "You took a breather")
        ]
        if self._minutes_today is not None:
            done = min(self._finished_after or 0.0, self._plan.total)
            minutes = max(1, math.floor(self._minutes_today + done / 60 + 0.5))
            lines.append(translate("Break", "%n minute(s) of breaks today", "", minutes))
        lines.append(translate("Break", FINISHED_NEXT))
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

    # ---- updating -------------------------------------------------------------------

    def _elapsed(self) -> float:
        assert self._started_at is not None
        return max(0.0, self._clock.boottime() - self._started_at)

    def _caption_kind(self) -> str:
        if self._kind == "long":
            return translate("Break", "LONG BREAK")
        return translate("Break", "MICRO-BREAK")

    def _caption_of(self, segment: Segment) -> str:
        parts: list[str] = [self._caption_kind()]
        move = self._plan.move_of(segment)
        if move is not None:
            if len(self._plan.moves) > 1:
                assert segment.move_index is not None
                parts.append(
                    arg(translate("Break", "MOVE %1 OF %2"),
                        segment.move_index + 1, len(self._plan.moves))
                )
            rep = repetition(move, segment.step_index)
            if rep is not None:
                parts.append(arg(translate("Break", "REP %1 OF %2"), rep[0], rep[1]))
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
        self._caption.setText(arg(translate("Break", "%1  ·  DONE"), self._caption_kind()))
        self._move_name.setText(translate("Break", FINISHED_TITLE))
        self._cue.setText(translate("Break", FINISHED_CUE))
        self._cue.setFont(self._finished_font())
        self._summary.setText(self.summary_text())
        self._details.setCurrentIndex(1)
        for widget in (self._skip_button, self._snooze_button, self._snooze_refusal):
            widget.hide()
        self._end_slot.setCurrentWidget(self._close_button)
        self._close_button.setFocus(Qt.FocusReason.OtherFocusReason)  # Enter, Esc: close
        self._rest_figure()

    def _title_of(self, segment: Segment) -> str:
        move = self._plan.move_of(segment)
        return translate("Break", REST_TITLE) if move is None else move.name

    def _rest_figure(self) -> None:
        """Back to rest: the last move's starting position, held still."""
        move = next((m for m in reversed(self._plan.moves) if m.steps), None)
        if move is not None:
            self._set_figure(move, 0)
        self._figure.rest()

    def _show_figure(self, segment: Segment, move: Move | None) -> None:
        if move is None:
            self._rest_figure()  # the closing rest
            return
        self._set_figure(move, segment.step_index)

    def _set_figure(self, move: Move, step_index: int) -> None:
        try:
            self._figure.set_step(move, step_index, self._catalog)
            # Qt guesses whether a tooltip is markup; a cue is plain text, always.
            self._figure.setToolTip(f"<p>{html.escape(move.steps[step_index].cue)}</p>")
        except (KeyError, IndexError) as error:
            # A pose the catalog lacks must not cost the person their break:
            # the cue and countdown carry on, the figure keeps its last picture.
            log.warning("cannot draw %s step %d: %r", move.id, step_index + 1, error)

    def _wanted_size(self) -> QSize:
        return QSize(*(LONG_SIZE if self._kind == "long" else SIZE))

    def _fit_texts(self) -> tuple[list[str], list[str], str]:
        segments = self._plan.segments
        return ([s.cue for s in segments], [self._plan.next_text(i) for i in range(len(segments))],
                self.summary_text())

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

