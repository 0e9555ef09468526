"""How the figure moves through a step: easing between a step's two poses, in time.

A step that names two poses (`pose` and `to`) either eases once from the first
to the second (`cycles` 0) or swings between them `cycles` times. Pure maths on
seconds, so the widget's timer and the tests agree without a display or waiting.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from desk_break.core.catalog import Catalog, Pose
from desk_break.core.moves import Move, Step
from desk_break.core.skeleton import Joints

TRANSITION_SECONDS = 1.6  # a one-way step eases over this long (or 60 % of a shorter step)


def blend_joints(a: Joints, b: Joints, u: float) -> dict[str, float]:
    return {k: a[k] + (b[k] - a[k]) * u for k in a}


def ease(u: float) -> float:
    """Ease in and out (a half cosine): slow at both ends like a person moving."""
    u = min(1.0, max(0.0, u))
    return 0.5 - 0.5 * math.cos(math.pi * u)


def step_blend(step: Step, seconds: float) -> float:
    """How far (0-1) the figure is from `step.pose` toward `step.to` at `seconds` into it."""
    if step.to is None or step.seconds <= 0:
        return 0.0
    if step.cycles <= 0:
        return ease(seconds / min(TRANSITION_SECONDS, 0.6 * step.seconds))
    period = step.seconds / step.cycles
    phase = (max(0.0, seconds) % period) / period
    return ease(1.0 - abs(2.0 * phase - 1.0))


def step_settles_at(step: Step) -> float | None:
    """Seconds into the step after which the figure stands still, or None if it keeps moving."""
    if step.to is None:
        return 0.0
    if step.cycles <= 0:
        return min(TRANSITION_SECONDS, 0.6 * step.seconds)
    return None


def step_joints(step: Step, poses: Mapping[str, Pose], seconds: float
                ) -> tuple[dict[str, float], str]:
    """The joints and view of the figure `seconds` into `step`."""
    first = poses[step.pose]
    if step.to is None:
        return dict(first.joints), first.view
    u = step_blend(step, seconds)
    return blend_joints(first.joints, poses[step.to].joints, u), first.view


def poses_of(source: Catalog | Mapping[str, Pose]) -> Mapping[str, Pose]:
    return source.poses if isinstance(source, Catalog) else source


def move_poses(move: Move, poses: Mapping[str, Pose]) -> list[Pose]:
    """Every pose the move shows, in the order its steps first name them."""
    names: list[str] = []
    for step in move.steps:
        for name in (step.pose, step.to):
            if name is not None and name not in names:
                names.append(name)
    return [poses[n] for n in names]


def showcase_step(move: Move) -> Step:
    """The step that best shows a move in a still: the longest step that moves, else the
    longest one."""
    moving = [s for s in move.steps if s.to is not None]
    return max(moving or move.steps, key=lambda s: s.seconds)
