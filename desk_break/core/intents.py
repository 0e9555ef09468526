"""What a person can ask for, from the tray, the status window or the command line.

One vocabulary for every surface, so the menu, the CLI and the control channel
cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum


class Intent(StrEnum):
    BREAK_NOW = "break-now"
    SNOOZE = "snooze"
    SKIP = "skip"
    DONE = "done"
    PAUSE = "pause"
    RESUME = "resume"
    PREFERENCES = "preferences"
    STATISTICS = "statistics"
    ABOUT = "about"
    QUIT = "quit"


@dataclass(frozen=True)
class PauseChoice:
    token: str  # what the CLI takes: "30m"
    label: str  # what the menu shows
    duration: timedelta | None  # None: until tomorrow or until resumed (see token)


PAUSE_CHOICES: tuple[PauseChoice, ...] = (
    PauseChoice("30m", "30 minutes", timedelta(minutes=30)),
    PauseChoice("1h", "1 hour", timedelta(hours=1)),
    PauseChoice("2h", "2 hours", timedelta(hours=2)),
    PauseChoice("until-tomorrow", "Until tomorrow", None),
    PauseChoice("indefinitely", "Until I resume", None),
)


def pause_choice(token: str) -> PauseChoice:
    for choice in PAUSE_CHOICES:
        if choice.token == token:
            return choice
    known = ", ".join(c.token for c in PAUSE_CHOICES)
    raise ValueError(f"unknown pause length {token!r}; use one of: {known}")
