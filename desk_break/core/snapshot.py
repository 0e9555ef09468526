"""The engine's state as JSON-ready values: what `status --json` and the tooltip read.

Presentation, kept out of the state machine: every value comes from the engine's
read-only view, so the snapshot can never disagree with what the engine decides.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from desk_break.core.engine import BreakEngine
from desk_break.core.events import BreakEnded


def engine_snapshot(engine: BreakEngine) -> dict[str, Any]:
    nxt = engine.next_break
    cur = engine.current_break
    warn = engine.warning_at
    left = max(engine.settings.breaks.max_snoozes - engine.snoozes_used, 0)
    paused_until = engine.paused_until
    return {
        "state": engine.state.value,
        "next_break_at": None if nxt is None else iso(nxt.start),
        "next_break_kind": None if nxt is None else nxt.kind.value,
        "paused_until": None if paused_until is None else iso(paused_until),
        "paused_indefinitely": engine.paused_indefinitely,
        "snoozes_used": engine.snoozes_used,
        "snoozes_left": left,
        "current_break": None
        if cur is None
        else {
            "id": engine.current_break_id,
            "start": iso(cur.start),
            "end": iso(cur.end),
            "kind": cur.kind.value,
            "moves": [m.id for m in engine.current_moves],
        },
        "warning_at": None if warn is None else iso(warn),
        "held_reason": engine.held_reason,
        "held_by": list(engine.held_by),
        "last_break": last_break(engine.last_break),
    }


def last_break(ended: BreakEnded | None) -> dict[str, Any] | None:
    if ended is None:
        return None
    return {"outcome": ended.outcome.value, "cause": ended.cause, "ended_at": iso(ended.at)}


def iso(when: datetime) -> str:
    return when.isoformat(timespec="seconds")
