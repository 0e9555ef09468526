"""The entries of the tray menu and the status window, built fresh from the engine.

Both surfaces render this same list, so they offer the same actions with the same
enabled state. Building it is cheap; the tray rebuilds it each time the menu opens.
"""

from __future__ import annotations

from dataclasses import dataclass

from desk_break.core.engine import BreakEngine
from desk_break.core.events import State
from desk_break.core.i18n import translate
from desk_break.core.intents import PAUSE_CHOICES, Intent
from desk_break.qt.stats.launch import INSTALL_HINT


@dataclass(frozen=True)
class Entry:
    intent: Intent
    label: str
    enabled: bool = True
    reason: str = ""  # why it is disabled, shown as a tooltip
    arg: str = ""  # e.g. the pause token
    children: tuple[Entry, ...] = ()


def menu_entries(engine: BreakEngine, *, statistics_available: bool = False) -> list[Entry]:
    state = engine.state
    refusal = engine.can_snooze()
    has_break = engine.next_break is not None or engine.current_break is not None
    if not has_break:
        snooze_reason = translate("Menu", "No break is coming up")
    elif state == State.PAUSED:
        snooze_reason = translate("Menu", "Paused")
    else:
        snooze_reason = refusal.reason if refusal is not None else ""
    pause_children = tuple(
        Entry(Intent.PAUSE, translate("Pause", choice.label), arg=choice.token)
        for choice in PAUSE_CHOICES
    )
    in_break = state == State.IN_BREAK
    return [
        Entry(
            Intent.BREAK_NOW,
            translate("Menu", "Take a break now"),
            enabled=not in_break,
            reason=translate("Menu", "A break is already running") if in_break else "",
        ),
        Entry(
            Intent.SNOOZE,
            translate("Menu", "Snooze next break"),
            enabled=not snooze_reason,
            reason=snooze_reason,
        ),
        Entry(Intent.PAUSE, translate("Menu", "Pause"), children=pause_children),
        Entry(
            Intent.RESUME,
            translate("Menu", "Resume"),
            enabled=state == State.PAUSED,
            reason="" if state == State.PAUSED else translate("Menu", "Not paused"),
        ),
        Entry(Intent.PREFERENCES, translate("Menu", "Preferences…")),
        Entry(
            Intent.STATISTICS,
            translate("Menu", "Statistics…"),
            enabled=statistics_available,
            reason="" if statistics_available else translate("Statistics", INSTALL_HINT),
        ),
        Entry(Intent.ABOUT, translate("Menu", "About Desk Break")),
        Entry(Intent.QUIT, translate("Menu", "Quit")),
    ]
