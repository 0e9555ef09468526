"""The break on screen: its moves, its window session, and the engine's break events.

A mixin of `DeskBreakApp` (app.py): the engine decides when a break starts, is
snoozed or ends; this opens, tells and closes the one `BreakSession` that shows it,
and reads from history what a break needs (the day's moves so far, minutes today).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject

from desk_break.core.catalog import Catalog
from desk_break.core.chooser import MoveChooser
from desk_break.core.clock import Clock
from desk_break.core.engine import BreakEngine
from desk_break.core.events import BreakEnded, BreakSnoozed, BreakStarted, PlannedBreak, Refused
from desk_break.core.intents import Intent
from desk_break.core.moves import Move
from desk_break.settings.model import Settings
from desk_break.storage.history import HistoryStore

if TYPE_CHECKING:  # loads on the first break
    from desk_break.qt.break_session import BreakSession

log = logging.getLogger(__name__)


class AppBreaks:
    """Shows the engine's breaks (attributes are `DeskBreakApp`'s)."""

    settings: Settings
    catalog: Catalog
    clock: Clock
    engine: BreakEngine
    history: HistoryStore
    chooser: MoveChooser
    session: BreakSession | None
    _replayed_day: date | None

    if TYPE_CHECKING:  # DeskBreakApp's and AppWindows' (a stub here would shadow them)

        def perform(
            self, intent: str, arg: str = "", break_id: int | None = None
        ) -> Refused | None: ...

        def refresh_status(self) -> None: ...

        def _hide_notice(self) -> None: ...

    def _snooze_refusal(self) -> str | None:
        refused = self.engine.can_snooze()
        return refused.reason if refused is not None else None

    def _on_notice_action(self, key: str) -> None:
        if key == "snooze":
            self.perform(Intent.SNOOZE)
        elif key == "start":
            self.perform(Intent.BREAK_NOW)

    def _taken_on(self, work_day: date) -> int:
        """The engine's `taken_on`: breaks already taken that work day, from history."""
        try:
            return self.history.breaks_ended_on(work_day)
        except Exception as exc:  # an unreadable history costs the rhythm, not the app
            log.error("could not read %s: %s", self.history.path, exc)
            return 0

    def _minutes_on(self, work_day: date) -> float | None:
        """Minutes of breaks done that work day before this one, for "Nice work"."""
        try:
            return self.history.minutes_on(work_day)
        except Exception as exc:  # the summary loses a line, the break goes on
            log.error("could not read %s: %s", self.history.path, exc)
            return None

    def _choose_moves(self, planned: PlannedBreak) -> list[Move]:
        """The engine's `compose`: the moves for a break about to start."""
        day = planned.work_day
        if self._replayed_day != day:
            # Today's moves so far (a restart mid-day): no back-to-back repeat.
            self._replayed_day = day
            try:
                self.chooser.replay(day, self.history.moves_on(day))
            except Exception as exc:
                log.error("could not read %s: %s", self.history.path, exc)
        return self.chooser.choose(planned.kind.value, planned.seconds, day)

    def _on_break_started(self, event: BreakStarted) -> None:
        from desk_break.qt.break_session import BreakSession

        self._hide_notice()
        self._close_break_window()
        session = BreakSession(
            event,
            self.catalog,
            self.clock,
            snooze_minutes=self.settings.breaks.snooze_minutes,
            snooze_refusal=self._snooze_refusal(),
            sound=self.settings.behaviour.sound,
            step_cues=self.settings.behaviour.step_cues,
            minutes_today=self._minutes_on(event.planned.work_day),
            parent=cast(QObject, self),  # a DeskBreakApp
        )
        self.session = session
        session.intent_requested.connect(
            lambda intent, break_id, s=session: self._on_session_intent(s, intent, break_id)
        )
        session.window_closed.connect(lambda s=session: self._on_session_closed(s))
        session.start()

    def _on_session_intent(self, session: BreakSession, intent: str, break_id: int) -> None:
        refused = self.perform(intent, break_id=break_id)
        if refused is not None and intent == Intent.SNOOZE and not session.ended:
            # e.g. the end of work hours came closer since the window opened
            session.window.refuse_snooze(refused.reason)

    def _on_session_closed(self, session: BreakSession) -> None:
        if self.session is session:
            self.session = None
            self.refresh_status()
        session.deleteLater()

    def _on_break_snoozed(self, event: BreakSnoozed) -> None:
        self._hide_notice()
        if event.break_id is not None:
            self._close_break_window()

    def _on_break_ended(self, event: BreakEnded) -> None:
        self._hide_notice()
        session = self.session
        if session is not None and session.break_id == event.break_id:
            session.ended_by_engine(event)

    def _close_break_window(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.ended = True
            session.close_now()
