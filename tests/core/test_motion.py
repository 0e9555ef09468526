"""How the figure moves through a step, in seconds, checked without a display."""

from __future__ import annotations

import pytest

from desk_break.core.catalog import load_catalog
from desk_break.core.motion import (
    TRANSITION_SECONDS,
    blend_joints,
    ease,
    move_poses,
    showcase_step,
    step_blend,
    step_joints,
    step_settles_at,
)
from desk_break.core.moves import Move, Step

CATALOG, _ = load_catalog(None)
STEPS = [(m.id, i, s) for m in CATALOG for i, s in enumerate(m.steps)]


def move(move_id: str) -> Move:
    found = CATALOG.get(move_id)
    assert found is not None
    return found


def test_ease_is_slow_at_both_ends_and_clamped() -> None:
    assert (ease(-1.0), ease(0.0), ease(0.5), ease(1.0), ease(2.0)) == pytest.approx(
        (0.0, 0.0, 0.5, 1.0, 1.0))
    samples = [ease(i / 20) for i in range(21)]
    assert samples == sorted(samples)  # never goes back
    assert samples[1] - samples[0] < samples[10] - samples[9]  # starts gently
    assert ease(0.25) == pytest.approx(1 - ease(0.75))  # and ends as it began


def test_blend_joints_goes_from_one_pose_to_the_other() -> None:
    a, b = {"torso": 0.0, "head": 10.0}, {"torso": 40.0, "head": -10.0}
    assert blend_joints(a, b, 0.0) == a
    assert blend_joints(a, b, 1.0) == b
    assert blend_joints(a, b, 0.25) == {"torso": 10.0, "head": 5.0}


def test_blend_timing() -> None:
    squeeze = move("shoulder_blade_squeeze")
    still, there, back = squeeze.steps[0], squeeze.steps[1], squeeze.steps[2]
    assert step_blend(still, 3.0) == 0.0 and step_settles_at(still) == 0.0
    assert step_blend(there, 0.0) == 0.0
    assert 0.0 < step_blend(there, 0.6) < 1.0
    assert step_blend(there, there.seconds) == 1.0
    settles = step_settles_at(there)
    assert settles is not None and settles < there.seconds
    assert step_blend(back, back.seconds) == 1.0
    roll = move("massage_ball_shoulder_blade").steps[1]
    assert roll.cycles and step_settles_at(roll) is None
    period = roll.seconds / roll.cycles
    assert step_blend(roll, period / 2) == pytest.approx(1.0)
    assert step_blend(roll, period) == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(("move_id", "index", "step"), STEPS,
                         ids=[f"{m}-{i}" for m, i, _ in STEPS])
def test_a_step_stands_still_from_when_it_says_it_settles(move_id: str, index: int,
                                                          step: Step) -> None:
    """The widget stops its timer at `step_settles_at`: the figure must not move after."""
    settles = step_settles_at(step)
    if settles is None:  # a swinging step keeps moving to its end
        assert step.cycles > 0
        return
    assert settles <= min(TRANSITION_SECONDS, step.seconds)
    end = step_blend(step, settles)
    for t in (settles + 0.01, settles + 1.0, step.seconds, step.seconds + 5.0):
        assert step_blend(step, t) == end
    if step.to is not None:
        assert end == 1.0  # it arrived at the second pose
        joints, view = step_joints(step, CATALOG.poses, step.seconds)
        assert joints == pytest.approx(dict(CATALOG.poses[step.to].joints))
        assert view == CATALOG.poses[step.pose].view


def test_a_still_step_shows_its_one_pose() -> None:
    still = move("shoulder_blade_squeeze").steps[0]
    joints, view = step_joints(still, CATALOG.poses, 7.0)
    assert joints == dict(CATALOG.poses[still.pose].joints)
    assert view == CATALOG.poses[still.pose].view


def test_move_poses_names_each_pose_once_in_step_order() -> None:
    for m in CATALOG:
        poses = move_poses(m, CATALOG.poses)
        names = [p.name for p in poses]
        assert len(names) == len(set(names))
        assert names[0] == m.steps[0].pose
        assert set(names) == {n for s in m.steps for n in (s.pose, s.to) if n}


def test_the_showcase_step_is_the_longest_one_that_moves() -> None:
    for m in CATALOG:
        chosen = showcase_step(m)
        moving = [s for s in m.steps if s.to is not None]
        if moving:
            assert chosen.to is not None
            assert chosen.seconds == max(s.seconds for s in moving)
        else:
            assert chosen.seconds == max(s.seconds for s in m.steps)
