"""The one-line status a person sees in the tray tooltip and the status window.

During a warning it counts down to the second ("Break in 27 s"), the same words
the warning notice shows; the shell refreshes it once a second while the notice is up.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from desk_break.core.events import PlannedBreak, State
from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, clock, translate, weekday_short

# Why breaks are held, as the status line says it ("Holding breaks: camera in use").
HELD_WORDS = {
    "fullscreen": QT_TRANSLATE_NOOP("Status", "full-screen window"),
    "screen_locked": QT_TRANSLATE_NOOP("Status", "screen locked"),
    "camera": QT_TRANSLATE_NOOP("Status", "camera in use"),
    "microphone": QT_TRANSLATE_NOOP("Status", "microphone in use"),
    "desktop_dnd": QT_TRANSLATE_NOOP("Status", "do not disturb"),
    "calendar": QT_TRANSLATE_NOOP("Status", "meeting in your calendar"),
    "first_run_note": QT_TRANSLATE_NOOP("Status", "first-run note open"),
}


def held_words(reason: str) -> str:
    return translate("Status", HELD_WORDS[reason]) if reason in HELD_WORDS else reason


def _in_minutes(now: datetime, then: datetime) -> str:
    seconds = (then - now).total_seconds()
    if seconds < 60:
        return translate("Status", "in less than a minute")
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return translate("Status", "in %n min", "", minutes)
    hours, mins = divmod(minutes, 60)
    if not mins:
        return translate("Status", "in %n h", "", hours)
    return arg(translate("Status", "in %1 h %2 min"), hours, f"{mins:02d}")


def countdown_words(seconds: float) -> str:
    """A warning's time left as it counts down: "27 s", "1 min 05 s", "2 min".

    Rounded up, so "1 s" shows until the break starts, never "0 s" before it has.
    """
    whole = max(0, math.ceil(seconds))
    minutes, secs = divmod(whole, 60)
    if not minutes:
        return arg(translate("Status", "%1 s"), secs)
    if not secs:
        return arg(translate("Status", "%1 min"), minutes)
    return arg(translate("Status", "%1 min %2 s"), minutes, f"{secs:02d}")


def break_in(kind: str, seconds: float) -> str:
    """The warning's line, in the notice and the status alike: "Break in 27 s"."""
    long = kind == "long"
    if seconds <= 0:
        if long:
            return translate("Status", "Long break starting")
        return translate("Status", "Break starting")
    if long:
        return arg(translate("Status", "Long break in %1"), countdown_words(seconds))
    return arg(translate("Status", "Break in %1"), countdown_words(seconds))


def _clock(now: datetime, then: datetime) -> str:
    then = then.astimezone(now.tzinfo)
    if then.date() == now.date():
        return clock(then)
    if (then.date() - now.date()).days == 1:
        return arg(translate("Status", "tomorrow %1"), clock(then))
    return arg(translate("Status", "%1 %2", "weekday and time"), weekday_short(then), clock(then))


def status_line(
    state: State,
    now: datetime,
    next_break: PlannedBreak | None,
    paused_until: datetime | None,
    current_break: PlannedBreak | None = None,
    held_by: tuple[str, ...] = (),
    waiting_for_quiet: bool = False,
) -> str:
    """`waiting_for_quiet`: the due break waits for a pause in the person's typing (it
    gives up after a minute), so its planned time may already be past."""
    if state == State.PAUSED:
        if paused_until is None:
            return translate("Status", "Paused until you resume")
        return arg(translate("Status", "Paused until %1"), _clock(now, paused_until))
    if state == State.IN_BREAK:
        if current_break and current_break.kind == "long":
            return translate("Status", "Long break in progress")
        return translate("Status", "Break in progress")
    if state == State.HELD:
        if not held_by:
            return translate("Status", "Break waiting until you are free")
        reasons = translate("Status", ", ", "between reasons").join(held_words(r) for r in held_by)
        return arg(translate("Status", "Holding breaks: %1"), reasons)
    if state == State.AWAY:
        return translate("Status", "Away: your break waits for your return")
    if state == State.OUTSIDE_WORK_HOURS or next_break is None:
        return translate("Status", "Outside work hours")
    if state == State.WARNING:
        return break_in(next_break.kind, (next_break.start - now).total_seconds())
    if waiting_for_quiet and next_break.start - now <= timedelta(seconds=60):
        if next_break.kind == "long":
            return translate("Status", "Long break when you pause typing")
        return translate("Status", "Break when you pause typing")
    when, at = _in_minutes(now, next_break.start), _clock(now, next_break.start)
    if next_break.kind == "long":
        return arg(translate("Status", "Next long break %1 (at %2)"), when, at)
    return arg(translate("Status", "Next break %1 (at %2)"), when, at)
