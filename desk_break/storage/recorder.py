"""The one owner of "which engine event becomes which history row".

The shell hands every list of events the engine returns to `EventRecorder.record`,
which writes them through the `HistoryStore` (never blocking: see history.py).

| engine event                         | row(s)                                     |
|--------------------------------------|--------------------------------------------|
| WarningStarted                       | warned                                     |
| BreakStarted                         | due (unless already written), started      |
| BreakSnoozed                         | snoozed (due_at: the new due time)         |
| BreakEnded                           | its outcome (completed, skipped, natural   |
|                                      | with cause idle/sleep, missed, interrupted)|
| StateChanged to HELD / AWAY          | due (a break came due and is held back),   |
|                                      | held (with the reason) / away              |
| StateChanged from HELD / AWAY        | released (with the reason) / back          |

A break shown at once writes "due" and "started" at the same moment; one held or
away first writes "due" when it is held back and "started" when it shows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Protocol

from desk_break.core.events import (
    BreakEnded,
    BreakSnoozed,
    BreakStarted,
    Event,
    PlannedBreak,
    State,
    StateChanged,
    WarningStarted,
)
from desk_break.core.i18n import translate
from desk_break.storage.event_row import EventRow
from desk_break.storage.history import HistoryStore

log = logging.getLogger(__name__)

_HELD_BACK = (State.HELD, State.AWAY)


class EngineView(Protocol):
    """What the recorder reads from the engine, after the events it returned."""

    @property
    def held_reason(self) -> str | None: ...

    @property
    def next_break(self) -> PlannedBreak | None: ...


class EventRecorder:
    def __init__(
        self,
        history: HistoryStore,
        engine: EngineView,
        tell: Callable[[str, str], None] | None = None,
    ) -> None:
        self._history = history
        self._engine = engine
        self._tell = tell
        self._due_written: datetime | None = None  # the break whose "due" is written
        self._held_reason = ""

    def record(self, events: Iterable[Event]) -> None:
        had_problem = self._history.problem
        for ev in events:
            for row in self._rows(ev):
                self._history.record(row)
        problem = self._history.problem
        if problem and problem != had_problem and self._tell is not None:
            log.error("%s", problem)
            self._tell(
                translate("App", "Desk Break could not save this break to its history"), problem
            )

    def _work_day(self, at: datetime) -> date:
        upcoming = self._engine.next_break
        return upcoming.work_day if upcoming is not None else at.date()

    def _rows(self, ev: Event) -> list[EventRow]:
        if isinstance(ev, WarningStarted):
            p = ev.upcoming
            return [EventRow(at=ev.at, kind="warned", work_day=p.work_day,
                             break_kind=p.kind.value, due_at=p.start)]
        if isinstance(ev, BreakStarted):
            p = ev.planned
            rows = []
            if self._due_written is None:
                rows.append(EventRow(at=ev.at, kind="due", work_day=p.work_day,
                                     break_kind=p.kind.value, due_at=p.start))
            self._due_written = None
            rows.append(EventRow(
                at=ev.at, kind="started", work_day=p.work_day, break_kind=p.kind.value,
                due_at=p.start, moves=tuple(m.id for m in ev.moves),
            ))
            return rows
        if isinstance(ev, BreakSnoozed):
            p = ev.planned
            self._due_written = None
            return [EventRow(at=ev.at, kind="snoozed", work_day=p.work_day,
                             break_kind=p.kind.value, due_at=p.start, snoozes=ev.snoozes_used)]
        if isinstance(ev, BreakEnded):
            p = ev.planned
            self._due_written = None
            started = ev.started_at is not None
            return [EventRow(
                at=ev.at, kind=ev.outcome.value, work_day=p.work_day, break_kind=p.kind.value,
                due_at=p.start, started_at=ev.started_at, snoozes=ev.snoozes_used,
                moves=tuple(m.id for m in ev.moves) if started else (), detail=ev.cause or "",
            )]
        if isinstance(ev, StateChanged):
            return self._state_rows(ev)
        return []

    def _state_rows(self, ev: StateChanged) -> list[EventRow]:
        rows: list[EventRow] = []
        day = self._work_day(ev.at)
        if ev.old is State.HELD and ev.new is not State.HELD:
            rows.append(EventRow(at=ev.at, kind="released", work_day=day,
                                 detail=self._held_reason))
        if ev.old is State.AWAY and ev.new is not State.AWAY:
            rows.append(EventRow(at=ev.at, kind="back", work_day=day))
        if ev.new in _HELD_BACK and ev.old not in _HELD_BACK:
            upcoming = self._engine.next_break
            if upcoming is not None and self._due_written != upcoming.start:
                self._due_written = upcoming.start
                rows.append(EventRow(at=ev.at, kind="due", work_day=upcoming.work_day,
                                     break_kind=upcoming.kind.value, due_at=upcoming.start))
        if ev.new is State.HELD and ev.old is not State.HELD:
            self._held_reason = self._engine.held_reason or ""
            rows.append(EventRow(at=ev.at, kind="held", work_day=day,
                                 detail=self._held_reason))
        if ev.new is State.AWAY and ev.old is not State.AWAY:
            rows.append(EventRow(at=ev.at, kind="away", work_day=day))
        return rows
