"""What a person can ask for, from the tray, the status window or the command line.

One vocabulary for every surface, so the menu, the CLI and the control channel
cannot drift apart.
"""

from __future__ import annotations

import re
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


MIN_PAUSE = timedelta(minutes=1)
MAX_PAUSE = timedelta(days=7)
_LENGTH = re.compile(r"(?:(\d{1,6})h)?\s*(?:(\d{1,6})m)?\s*(?:(\d{1,6})s)?")
PAUSE_HELP = (
    "30m, 1h, 2h, until-tomorrow, indefinitely, or any length in hours, minutes and "
    "seconds such as 45m, 1h30m or 90s"
)


def pause_choice(token: str) -> PauseChoice:
    """The pause a person asked for: a fixed choice, or a length such as 45m or 1h30m.

    Lengths are written in one canonical form (60m is "1h"), so the CLI, the control
    channel and the menu agree on what they mean. A length shorter than a minute is
    refused (30s for 30m is a typo more often than a wish), as is one over a week
    (that is "indefinitely").
    """
    text = token.strip().lower()
    for choice in PAUSE_CHOICES:
        if choice.token == text:
            return choice
    if text.isdigit():
        raise ValueError(
            f"pause length {token!r} has no unit; write {text}m for minutes or {text}h for hours"
        )
    match = _LENGTH.fullmatch(text)
    if not text or match is None or not any(match.groups()):
        raise ValueError(f"unknown pause length {token!r}; use {PAUSE_HELP}")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    duration = timedelta(hours=hours, minutes=minutes, seconds=seconds)
    if duration < MIN_PAUSE:
        raise ValueError(f"a pause of {token!r} is shorter than a minute; use for example 5m")
    if duration > MAX_PAUSE:
        raise ValueError(
            f"a pause of {token!r} is longer than a week; use 'indefinitely' and resume by hand"
        )
    canonical = _token(duration)
    for choice in PAUSE_CHOICES:
        if choice.token == canonical:
            return choice
    return PauseChoice(canonical, _label(duration), duration)


def _parts(duration: timedelta) -> tuple[int, int, int]:
    total = int(duration.total_seconds())
    return total // 3600, total % 3600 // 60, total % 60


def _token(duration: timedelta) -> str:
    hours, minutes, seconds = _parts(duration)
    return "".join(f"{n}{unit}" for n, unit in ((hours, "h"), (minutes, "m"), (seconds, "s")) if n)


def _label(duration: timedelta) -> str:
    hours, minutes, seconds = _parts(duration)
    words = [
        f"{n} {unit}{'' if n == 1 else 's'}"
        for n, unit in ((hours, "hour"), (minutes, "minute"), (seconds, "second"))
        if n
    ]
    return " ".join(words)
