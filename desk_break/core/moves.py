"""The move catalog as typed values. Loading and validating it lives in `catalog.py`."""

from __future__ import annotations

from dataclasses import dataclass

FOCUS_AREAS: tuple[str, ...] = (
    "extension",
    "rotation",
    "flexion",
    "scapular",
    "shoulder",
    "release",
)


@dataclass(frozen=True)
class Step:
    cue: str  # one short, second-person action: "Squeeze your shoulder blades together"
    seconds: int
    pose: str  # name of a pose keyframe in the catalog's pose table
    # A second pose makes the figure move during the step: with `cycles` 0 it eases
    # once from `pose` to `to` and holds there; with n > 0 it goes there and back n times.
    to: str | None = None
    cycles: int = 0


@dataclass(frozen=True)
class Move:
    id: str
    name: str
    position: str  # seated | standing | floor
    equipment: tuple[str, ...]  # () = none needed
    focus: tuple[str, ...]
    purpose: str
    steps: tuple[Step, ...]
    source: str  # file name in shared/seeds/
    cautions: tuple[str, ...] = ()

    @property
    def seconds(self) -> int:
        return sum(step.seconds for step in self.steps)
