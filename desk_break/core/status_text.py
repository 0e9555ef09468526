"""The one-line status a person sees in the tray tooltip and the status window.

During a warning it counts down to the second ("Break in 27 s"), the same words
the warning notice shows; the shell refreshes it once a second while the notice is up.
"""

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
    "first_run_note": "first-run note open",
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


def countdown_words(seconds: float) -> str:
    """A warning's time left as it counts down: "27 s", "1 min 05 s", "2 min".

    Rounded up, so "1 s" shows until the break starts, never "0 s" before it has.
    """
    whole = max(0, math.ceil(seconds))
    minutes, secs = divmod(whole, 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs:02d} s" if secs else f"{minutes} min"


def break_in(kind: str, seconds: float) -> str:
    """The warning's line, in the notice and the status alike: "Break in 27 s"."""
    what = "Long break" if kind == "long" else "Break"
    if seconds <= 0:
        return f"{what} starting"
    return f"{what} in {countdown_words(seconds)}"


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
    if state == State.WARNING:
        return break_in(next_break.kind, (next_break.start - now).total_seconds())
    kind = "long break" if next_break.kind == "long" else "break"
    return f"Next {kind} {_in_minutes(now, next_break.start)} (at {_clock(now, next_break.start)})"
