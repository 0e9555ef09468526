"""The settings, as typed, immutable values with their defaults and bounds.

Every key is declared once, here, with `keys.setting()` (kind, bounds, default,
file comment, Preferences label and help, old names); validation, the commented
file, Preferences and the README's table are derived from these declarations.
Parsing lives in `schema.py`, reading and writing the file in `store.py`.
Everything else in the app receives a `Settings` value and never sees raw TOML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from typing import ClassVar

from desk_break.core.i18n import QT_TRANSLATE_NOOP
from desk_break.settings.keys import Key, KeySpec, setting, table_keys

SCHEMA_VERSION = 1

WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)

POSITIONS: tuple[str, ...] = ("seated", "standing", "floor")
EQUIPMENT: tuple[str, ...] = (
    "none",
    "chair",
    "wall",
    "desk",
    "band",
    "ball",
    "foam_roller",
    "bench",
)

STEP_CUES: tuple[str, ...] = ("off", "tone", "voice")


@dataclass(frozen=True, order=True)
class WorkRange:
    """One stretch of work on a weekday. An end before its start runs past midnight."""

    start: time
    end: time

    @property
    def whole_day(self) -> bool:
        """"00:00-24:00": the end is the next midnight, stored as start == end == 00:00."""
        return self.start == self.end

    @property
    def overnight(self) -> bool:
        """The end is on the next calendar day (a whole day ends at the next midnight)."""
        return self.end <= self.start

    @property
    def minutes(self) -> int:
        """Length in wall-clock minutes (a DST change inside it is not counted here)."""
        s = self.start.hour * 60 + self.start.minute
        e = self.end.hour * 60 + self.end.minute
        return (e - s) % (24 * 60) or 24 * 60

    def __str__(self) -> str:
        if self.whole_day and self.start == time(0, 0):
            return "00:00-24:00"
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


DEFAULT_DAY: tuple[WorkRange, ...] = (WorkRange(time(9, 0), time(17, 30)),)


def default_week() -> dict[str, tuple[WorkRange, ...]]:
    return {day: (DEFAULT_DAY if i < 5 else ()) for i, day in enumerate(WEEKDAYS)}


@dataclass(frozen=True)
class BreaksSettings:
    file_comment: ClassVar[tuple[str, ...]] = (
        "Micro-breaks: a short upper-back move every so often while you work.",
    )

    interval_minutes: int = setting(
        30, "int", "minutes from the end of one break to the next", low=1, high=480,
        label=QT_TRANSLATE_NOOP("Settings", "Break every:"),
        suffix=QT_TRANSLATE_NOOP("Settings", " min"),
        old_names=("interval",),
        renamed_in=1,
        help=QT_TRANSLATE_NOOP(
            "Settings", "Counted from the end of one break to the start of the next."
        ),
    )
    duration_seconds: int = setting(
        60, "int", "length of a break, in seconds", low=10, high=600,
        label=QT_TRANSLATE_NOOP("Settings", "Break length:"),
        suffix=QT_TRANSLATE_NOOP("Settings", " s"),
        step=5,
    )
    warning_seconds: int = setting(
        30, "int", "heads-up before a break, in seconds; 0 = none", low=0, high=600,
        label=QT_TRANSLATE_NOOP("Settings", "Warn me before:"),
        suffix=QT_TRANSLATE_NOOP("Settings", " s"),
        special=QT_TRANSLATE_NOOP("Settings", "No warning"),
        step=5,
        help=QT_TRANSLATE_NOOP("Settings", "A notice before each break, from which you can snooze; "
        "no longer than the time between breaks."),
    )
    snooze_minutes: int = setting(
        5, "int", "how long a snooze lasts", low=1, high=120,
        label=QT_TRANSLATE_NOOP("Settings", "Snooze for:"),
        suffix=QT_TRANSLATE_NOOP("Settings", " min"),
    )
    max_snoozes: int = setting(
        3, "int", "snoozes allowed in a row", low=0, high=20,
        label=QT_TRANSLATE_NOOP("Settings", "Snoozes per break:"),
        special=QT_TRANSLATE_NOOP("Settings", "No snoozing"),
    )


@dataclass(frozen=True)
class LongBreaksSettings:
    file_comment: ClassVar[tuple[str, ...]] = ("Now and then a longer break with more moves.",)

    enabled: bool = setting(
        True,
        "bool",
        "false = micro-breaks only",
        label=QT_TRANSLATE_NOOP("Settings", "Make some breaks longer")
    )
    every: int = setting(
        4, "int", "every Nth break of a work day is a long one", low=2, high=20,
        label=QT_TRANSLATE_NOOP("Settings", "One long break every:"),
        suffix=QT_TRANSLATE_NOOP("Settings", " breaks"),
    )
    duration_minutes: int = setting(
        5, "int", "length, in minutes", low=1, high=60,
        label=QT_TRANSLATE_NOOP("Settings", "Long break length:"),
        suffix=QT_TRANSLATE_NOOP("Settings", " min"),
    )


@dataclass(frozen=True)
class WorkHours:
    """Weekday name -> its ranges. A weekday the file leaves out keeps its default."""

    file_comment: ClassVar[tuple[str, ...]] = (
        'Weekday = list of "HH:MM-HH:MM" ranges. An end before its start runs past',
        'midnight ("22:00-02:00"); "00:00-24:00" is the whole day; [] = no work that',
        "day. A weekday left out keeps its default: Monday to Friday 09:00-17:30,",
        "weekend off.",
    )

    days: dict[str, tuple[WorkRange, ...]] = field(default_factory=default_week)

    def for_weekday(self, weekday: int) -> tuple[WorkRange, ...]:
        """Ranges for `date.weekday()` (0 = Monday)."""
        return self.days.get(WEEKDAYS[weekday], ())

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.days.items())))


@dataclass(frozen=True)
class MovesSettings:
    """Which moves long breaks may use. Micro-breaks are always seated, chair at most."""

    file_comment: ClassVar[tuple[str, ...]] = (
        "Which moves long breaks may choose.",
        f"positions from: {', '.join(POSITIONS)} (floor is opt-in)",
        f"equipment from: {', '.join(EQUIPMENT)}",
    )

    positions: tuple[str, ...] = setting(
        ("seated", "standing"), "positions", "allowed in long breaks"
    )
    equipment: tuple[str, ...] = setting(
        ("none", "chair", "desk", "wall"), "equipment", "what you have at hand"
    )
    disabled: tuple[str, ...] = setting(
        (), "ids", "ids of moves never to choose"
    )


@dataclass(frozen=True)
class BehaviourSettings:
    file_comment: ClassVar[tuple[str, ...]] = ()

    sound: bool = setting(
        True,
        "bool",
        "play sounds",
        label=QT_TRANSLATE_NOOP("Settings", "Play a soft chime when a break ends")
    )
    step_cues: str = setting(
        "off", "choice", "a tone or a voice at each step, for eyes off the screen",
        choices=STEP_CUES, label=QT_TRANSLATE_NOOP("Settings", "Cues at each step:"),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "For moves where you look away (a twist, an extension): a soft tone at "
            "each step, or the step spoken aloud.",
        ),
    )


@dataclass(frozen=True)
class PresenceSettings:
    """How the app tells you are at the desk (issue 9; read but not acted on yet)."""

    file_comment: ClassVar[tuple[str, ...]] = ("Whether you are at the desk.",)

    natural_breaks: bool = setting(
        True, "bool", "time away as long as a break counts as one",
        label=QT_TRANSLATE_NOOP("Settings", "Time away counts as a break"),
        help=QT_TRANSLATE_NOOP(
            "Settings", "Leaving the desk for at least a break's length counts as that break."
        ),
    )
    typing_pause_seconds: int = setting(
        2, "int", "quiet input a due break waits for; 0 = off",
        low=0,
        high=30,
        label=QT_TRANSLATE_NOOP("Settings", "Wait for a typing pause:"),
        suffix=QT_TRANSLATE_NOOP("Settings", " s"),
        special=QT_TRANSLATE_NOOP("Settings", "Off"),
        help=QT_TRANSLATE_NOOP(
            "Settings",
            "A due break waits until you stop typing this long (it gives up after 60 s).",
        ),
    )
    inhibitors_count_as_presence: bool = setting(
        True, "bool", 'a playing video keeps you "at the desk"',
        label=QT_TRANSLATE_NOOP("Settings", "A playing video or presentation means I am here"),
    )


@dataclass(frozen=True)
class DoNotDisturbSettings:
    """What holds a break back (issue 9; read but not acted on yet)."""

    file_comment: ClassVar[tuple[str, ...]] = ("What holds a due break back.",)

    fullscreen: bool = setting(
        True,
        "bool",
        "a full-screen window",
        label=QT_TRANSLATE_NOOP("Settings", "A full-screen window"),
    )
    screen_locked: bool = setting(
        True,
        "bool",
        "the screen is locked",
        label=QT_TRANSLATE_NOOP("Settings", "The screen is locked")
    )
    camera: bool = setting(
        True,
        "bool",
        "the camera is in use",
        label=QT_TRANSLATE_NOOP("Settings", "The camera is in use"),
    )
    microphone: bool = setting(
        True,
        "bool",
        "the microphone is in use",
        label=QT_TRANSLATE_NOOP("Settings", "The microphone is in use")
    )
    desktop_dnd: bool = setting(
        True,
        "bool",
        "the desktop's own do-not-disturb",
        label=QT_TRANSLATE_NOOP("Settings", "The desktop's do-not-disturb")
    )
    calendar_file: str = setting(
        "", "path", "a local .ics; busy events hold breaks",
        label=QT_TRANSLATE_NOOP("Settings", "Calendar file (.ics):"),
        help=QT_TRANSLATE_NOOP("Settings", 'Busy events in this file hold breaks; empty = none.'),
    )
    max_hold_minutes: int = setting(
        30, "int", "the longest a break is held back", low=1, high=480,
        label=QT_TRANSLATE_NOOP("Settings", "Hold a break at most:"),
        suffix=QT_TRANSLATE_NOOP("Settings", " min"),
    )


@dataclass(frozen=True)
class StatisticsSettings:
    """The history the statistics read (issue 11)."""

    file_comment: ClassVar[tuple[str, ...]] = ("Your break history and statistics.",)

    daily_goal_percent: int = setting(
        80, "int", "the share of due breaks that counts a day as met",
        low=1,
        high=100,
        label=QT_TRANSLATE_NOOP("Settings", "A day meets the goal at:"),
        suffix=QT_TRANSLATE_NOOP("Settings", " %"),
        help=QT_TRANSLATE_NOOP(
            "Settings", "Breaks done (or taken by time away) out of those due that day."
        ),
    )
    keep_days: int = setting(
        0, "int", "days of history kept; 0 = forever",
        low=0,
        high=36500,
        label=QT_TRANSLATE_NOOP("Settings", "Keep history for:"),
        suffix=QT_TRANSLATE_NOOP("Settings", " days"),
        special=QT_TRANSLATE_NOOP("Settings", "Forever"),
        help=QT_TRANSLATE_NOOP("Settings", "Older days are deleted when Desk Break starts."),
    )


@dataclass(frozen=True)
class Settings:
    version: int = SCHEMA_VERSION
    breaks: BreaksSettings = field(default_factory=BreaksSettings)
    long_breaks: LongBreaksSettings = field(default_factory=LongBreaksSettings)
    work_hours: WorkHours = field(default_factory=WorkHours)
    moves: MovesSettings = field(default_factory=MovesSettings)
    behaviour: BehaviourSettings = field(default_factory=BehaviourSettings)
    presence: PresenceSettings = field(default_factory=PresenceSettings)
    do_not_disturb: DoNotDisturbSettings = field(default_factory=DoNotDisturbSettings)
    statistics: StatisticsSettings = field(default_factory=StatisticsSettings)


# Table name -> its dataclass, in the order a fresh file lists them.
TABLES: dict[str, type] = {
    "breaks": BreaksSettings,
    "long_breaks": LongBreaksSettings,
    "work_hours": WorkHours,
    "moves": MovesSettings,
    "behaviour": BehaviourSettings,
    "presence": PresenceSettings,
    "do_not_disturb": DoNotDisturbSettings,
    "statistics": StatisticsSettings,
}

_DEFAULT_WEEK = default_week()
_RANGES = KeySpec(
    "ranges", "", help=QT_TRANSLATE_NOOP("Settings", '"HH:MM-HH:MM" ranges; [] = no work that day')
)


def all_keys() -> tuple[Key, ...]:
    """Every key the file may hold, table by table, in the order a fresh file lists them."""
    out: list[Key] = []
    for table, cls in TABLES.items():
        if cls is WorkHours:
            out.extend(Key(table, day, _DEFAULT_WEEK[day], _RANGES) for day in WEEKDAYS)
        else:
            out.extend(table_keys(table, cls))
    return tuple(out)


KEYS: tuple[Key, ...] = all_keys()
KEYS_BY_NAME: dict[str, Key] = {key.dotted: key for key in KEYS}


@dataclass(frozen=True)
class Bounds:
    low: int
    high: int


# Inclusive bounds of every integer key, by "table.key", derived from the declarations.
INT_BOUNDS: dict[str, Bounds] = {
    key.dotted: Bounds(key.spec.low, key.spec.high)
    for key in KEYS
    if key.spec.kind == "int" and key.spec.low is not None and key.spec.high is not None
}

# The values of every "choice" key, by "table.key".
CHOICES: dict[str, tuple[str, ...]] = {
    key.dotted: key.spec.choices for key in KEYS if key.spec.kind == "choice"
}
