"""What a person can ask for, from the tray, the status window or the command line.

One vocabulary for every surface, so the menu, the CLI and the control channel
cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate


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
    label: str  # what the menu shows (English; `translate("Pause", label)` when shown)
    duration: timedelta | None  # None: until tomorrow or until resumed (see token)


PAUSE_CHOICES: tuple[PauseChoice, ...] = (
    PauseChoice("30m", QT_TRANSLATE_NOOP("Pause", "30 minutes"), timedelta(minutes=30)),
    PauseChoice("1h", QT_TRANSLATE_NOOP("Pause", "1 hour"), timedelta(hours=1)),
    PauseChoice("2h", QT_TRANSLATE_NOOP("Pause", "2 hours"), timedelta(hours=2)),
    PauseChoice("until-tomorrow", QT_TRANSLATE_NOOP("Pause", "Until tomorrow"), None),
    PauseChoice("indefinitely", QT_TRANSLATE_NOOP("Pause", "Until I resume"), None),
)


MIN_PAUSE = timedelta(minutes=1)
MAX_PAUSE = timedelta(days=7)
_LENGTH = re.compile(r"(?:(\d{1,6})h)?\s*(?:(\d{1,6})m)?\s*(?:(\d{1,6})s)?")
PAUSE_HELP = QT_TRANSLATE_NOOP(
    "Pause",
    "30m, 1h, 2h, until-tomorrow, indefinitely, or any length in hours, minutes and "
    "seconds such as 45m, 1h30m or 90s",
)


def pause_help() -> str:
    return translate("Pause", PAUSE_HELP)


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
            arg(
                translate(
                    "Pause", "pause length %1 has no unit; write %2m for minutes or %2h for hours"
                ),
                repr(token),
                text,
            )
        )
    match = _LENGTH.fullmatch(text)
    if not text or match is None or not any(match.groups()):
        raise ValueError(
            arg(translate("Pause", "unknown pause length %1; use %2"), repr(token), pause_help())
        )
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    duration = timedelta(hours=hours, minutes=minutes, seconds=seconds)
    if duration < MIN_PAUSE:
        raise ValueError(
            arg(translate("Pause", "a pause of %1 is shorter than a minute; use for example 5m"),
                repr(token))
        )
    if duration > MAX_PAUSE:
        raise ValueError(
            arg(
                translate(
                    "Pause",
                    "a pause of %1 is longer than a week; use 'indefinitely' and resume by hand",
                ),
                repr(token),
            )
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
    words = []
    if hours:
        words.append(translate("Pause", "%n hour(s)", "", hours))
    if minutes:
        words.append(translate("Pause", "%n minute(s)", "", minutes))
    if seconds:
        words.append(translate("Pause", "%n second(s)", "", seconds))
    return " ".join(words)
