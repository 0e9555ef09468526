"""The one-line status a person sees in the tray tooltip and the status window."""

from __future__ import annotations

import math
from datetime import datetime

from desk_break.core.events import PlannedBreak, State

# Why breaks are held, as the status line says it ("Holding breaks: camera in use").
HELD_WORDS = {
    "fullscreen": "full-screen window",
    "screen_locked": "screen locked",
    "camera": "camera in use",
    "microphone": "microphone in use",
    "desktop_dnd": "do not disturb",
    "calendar": "meeting in your calendar",
}


def _in_minutes(now: datetime, then: datetime) -> str:
    seconds = (then - now).total_seconds()
    if seconds < 60:
        return "in less than a minute"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"in {minutes} min"
    hours, mins = divmod(minutes, 60)
    return f"in {hours} h {mins:02d} min" if mins else f"in {hours} h"


def _clock(now: datetime, then: datetime) -> str:
    then = then.astimezone(now.tzinfo)
    if then.date() == now.date():
        return f"{then:%H:%M}"
    if (then.date() - now.date()).days == 1:
        return f"tomorrow {then:%H:%M}"
    return f"{then:%a %H:%M}"


def status_line(
    state: State,
    now: datetime,
    next_break: PlannedBreak | None,
    paused_until: datetime | None,
    current_break: PlannedBreak | None = None,
    held_by: tuple[str, ...] = (),
) -> str:
    if state == State.PAUSED:
        if paused_until is None:
            return "Paused until you resume"
        return f"Paused until {_clock(now, paused_until)}"
    if state == State.IN_BREAK:
        kind = "Long break" if current_break and current_break.kind == "long" else "Break"
        return f"{kind} in progress"
    if state == State.HELD:
        if not held_by:
            return "Break waiting until you are free"
        return "Holding breaks: " + ", ".join(HELD_WORDS.get(r, r) for r in held_by)
    if state == State.AWAY:
        return "Away: your break waits for your return"
    if state == State.OUTSIDE_WORK_HOURS or next_break is None:
        return "Outside work hours"
    kind = "long break" if next_break.kind == "long" else "break"
    if state == State.WARNING:
        return f"Next {kind} {_in_minutes(now, next_break.start)}".replace(
            "in less than a minute", "in a moment"
        )
    return f"Next {kind} {_in_minutes(now, next_break.start)} (at {_clock(now, next_break.start)})"
