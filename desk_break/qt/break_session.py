"""The running break in the shell: its window, from the engine's BreakStarted until
the window is gone. (Its history rows come from storage/recorder.py.)

The engine owns the break (its id, moves and end); a `BreakSession` only shows it.
Every request from the window names the break it belongs to, so a late click
after the engine has ended the break (it ran out while the person was away, a
sleep) is refused by the engine instead of skipping or snoozing the next break.
The session lives until its window closes, "Nice work" included, so the status
never hides an open break window.

The not-medical-advice note comes first: a break that starts while it is open
shows its window once the note is acknowledged, with the time already gone
counted (the engine's break started when it started), and not at all if the
engine ended the break meanwhile.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desk_break.core.catalog import Catalog
from desk_break.core.clock import Clock
from desk_break.core.events import BreakEnded, BreakStarted, Outcome
from desk_break.core.intents import Intent
from desk_break.qt.break_window import BreakWindow
from desk_break.qt.first_run import open_note
from desk_break.qt.step_cues import StepCues

log = logging.getLogger(__name__)


class BreakSession(QObject):
    """One break on screen.

    Signals:
        intent_requested(str, int): the person asked for an intent (done, snooze,
            skip) about this break, by its id.
        window_closed(): the window went away, however that happened (once).
    """

    intent_requested = Signal(str, int)
    window_closed = Signal()

    def __init__(
        self,
        event: BreakStarted,
        catalog: Catalog,
        clock: Clock,
        *,
        snooze_minutes: int,
        step_cues: str = "off",
        snooze_refusal: str | None,
        sound: bool,
        minutes_today: float | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.break_id = event.break_id
        self.moves = event.moves
        self.ended = False  # the engine has ended this break (the window may still show)
        self._window_alive = True
        self._clock = clock
        self._began_at = clock.boottime()  # the engine's start, in the window's time
        self._waiting_for_note = False
        planned = event.planned
        self.window = BreakWindow(
            list(event.moves),
            catalog,
            planned.seconds,  # the engine's length: the moves' length when they run longer
            planned.kind.value,
            clock,
            snooze_minutes,
            snooze_refusal,
            sound,
            minutes_today=minutes_today,
        )
        w = self.window
        w.done_clicked.connect(lambda: self._ask(Intent.DONE))
        w.snooze_clicked.connect(lambda: self._ask(Intent.SNOOZE))
        w.skip_clicked.connect(lambda: self._ask(Intent.SKIP))
        w.countdown_finished.connect(lambda: self._ask(Intent.DONE))
        self.cues = StepCues(step_cues, w, self)
        w.step_changed.connect(lambda index: self.cues.on_step(w.plan.segments[index]))
        w.closed.connect(self.cues.stop)
        w.closed.connect(self._on_closed)
        w.closed.connect(w.deleteLater)  # parentless: nothing else would free it

    def start(self) -> None:
        """Open the window now, or once the first-run note on screen is acknowledged."""
        note = open_note()
        if note is None:
            self.window.start(self._began_at)
            return
        self._waiting_for_note = True
        note.finished.connect(self._after_note)

    @property
    def waiting_for_note(self) -> bool:
        return self._waiting_for_note

    def _after_note(self) -> None:
        if not self._waiting_for_note:
            return
        self._waiting_for_note = False
        if self._window_alive and not self.ended:
            self.window.start(self._began_at)

    @property
    def window_open(self) -> bool:
        return self._window_alive

    def ended_by_engine(self, event: BreakEnded) -> None:
        """The engine ended this break: a completed one ends gracefully, others close."""
        self.ended = True
        if self._waiting_for_note:
            # Never seen: no "Nice work" for a break the person did not get to do.
            self._waiting_for_note = False
            self.window.close_now()
        elif event.outcome is Outcome.COMPLETED:
            # Whoever noticed first (the countdown, Done, or the engine's timer at the
            # same moment), a completed break ends the same way: chime, "Nice work".
            self.window.finish_and_close()
        else:
            self.window.close_now()

    def close_now(self) -> None:
        if self._window_alive:
            self.window.close_now()

    def _ask(self, intent: Intent) -> None:
        if not self.ended:
            self.intent_requested.emit(intent.value, self.break_id)

    def _on_closed(self) -> None:
        if not self.ended:
            # Closed by the window manager: the person chose not to do it. The engine
            # records the skip with its moves (a refusal, if it already ended, is fine).
            self.intent_requested.emit(Intent.SKIP.value, self.break_id)
        self._window_alive = False
        self.window_closed.emit()
