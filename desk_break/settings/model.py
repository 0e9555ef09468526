"""The settings, as typed, immutable values with their defaults and bounds.

This module is pure data: parsing and validating a TOML document lives in
`schema.py`, reading and writing the file in `store.py`. Everything else in the
app receives a `Settings` value and never sees raw TOML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time

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


@dataclass(frozen=True, order=True)
class WorkRange:
    """One stretch of work on a weekday. An end before its start runs past midnight."""

    start: time
    end: time

    @property
    def overnight(self) -> bool:
        return self.end < self.start

    @property
    def minutes(self) -> int:
        """Length in wall-clock minutes (a DST change inside it is not counted here)."""
        s = self.start.hour * 60 + self.start.minute
        e = self.end.hour * 60 + self.end.minute
        return (e - s) % (24 * 60)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


DEFAULT_DAY: tuple[WorkRange, ...] = (WorkRange(time(9, 0), time(17, 30)),)


def default_week() -> dict[str, tuple[WorkRange, ...]]:
    return {day: (DEFAULT_DAY if i < 5 else ()) for i, day in enumerate(WEEKDAYS)}


@dataclass(frozen=True)
class BreaksSettings:
    interval_minutes: int = 30
    duration_seconds: int = 60
    warning_seconds: int = 30
    snooze_minutes: int = 5
    max_snoozes: int = 3


@dataclass(frozen=True)
class LongBreaksSettings:
    enabled: bool = True
    every: int = 4
    duration_minutes: int = 5


@dataclass(frozen=True)
class WorkHours:
    """Weekday name -> its ranges. A weekday the file leaves out keeps its default."""

    days: dict[str, tuple[WorkRange, ...]] = field(default_factory=default_week)

    def for_weekday(self, weekday: int) -> tuple[WorkRange, ...]:
        """Ranges for `date.weekday()` (0 = Monday)."""
        return self.days.get(WEEKDAYS[weekday], ())

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.days.items())))


@dataclass(frozen=True)
class MovesSettings:
    """Which moves long breaks may use. Micro-breaks are always seated, chair at most."""

    positions: tuple[str, ...] = ("seated", "standing")
    equipment: tuple[str, ...] = ("none", "chair", "desk", "wall")
    disabled: tuple[str, ...] = ()


@dataclass(frozen=True)
class BehaviourSettings:
    sound: bool = True


@dataclass(frozen=True)
class Settings:
    version: int = SCHEMA_VERSION
    breaks: BreaksSettings = field(default_factory=BreaksSettings)
    long_breaks: LongBreaksSettings = field(default_factory=LongBreaksSettings)
    work_hours: WorkHours = field(default_factory=WorkHours)
    moves: MovesSettings = field(default_factory=MovesSettings)
    behaviour: BehaviourSettings = field(default_factory=BehaviourSettings)


@dataclass(frozen=True)
class Bounds:
    low: int
    high: int


# Inclusive bounds of every integer key, by "table.key". The dialog uses these
# for its spin boxes, the validator for its messages.
INT_BOUNDS: dict[str, Bounds] = {
    "breaks.interval_minutes": Bounds(1, 480),
    "breaks.duration_seconds": Bounds(10, 600),
    "breaks.warning_seconds": Bounds(0, 600),
    "breaks.snooze_minutes": Bounds(1, 120),
    "breaks.max_snoozes": Bounds(0, 20),
    "long_breaks.every": Bounds(2, 20),
    "long_breaks.duration_minutes": Bounds(1, 60),
}
