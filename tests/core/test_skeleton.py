"""The figure's body model and prop layout, checked without a display."""

from __future__ import annotations

import math

import pytest

from desk_break.core.catalog import JOINT_DEFAULTS, Pose, load_catalog
from desk_break.core.motion import move_poses
from desk_break.core.prop_layout import place_props, props_bounds, scene_for
from desk_break.core.skeleton import (
    FOREARM,
    HEAD_R,
    LIMB_WIDTH,
    SHIN,
    SHOULDER_HALF,
    THIGH,
    UPPER_ARM,
    Rect,
    build_skeleton,
    direction,
)

CATALOG, _ = load_catalog(None)
POSES = list(CATALOG.poses.values())


def standing(**joints: float) -> dict[str, float]:
    return {**JOINT_DEFAULTS, **joints}


def distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.dist(a, b)


def test_angles_start_straight_up_and_turn_forward() -> None:
    assert direction(0) == pytest.approx((0.0, 1.0))
    assert direction(90) == pytest.approx((1.0, 0.0))  # forward is +x in side view
    assert direction(180) == pytest.approx((0.0, -1.0), abs=1e-12)


@pytest.mark.parametrize("pose", POSES, ids=[p.name for p in POSES])
def test_every_pose_rests_on_the_floor_and_fits_its_bounds(pose: Pose) -> None:
    sk = build_skeleton(pose.joints, pose.view)
    assert sk.lowest() == pytest.approx(pose.joints["lift"])  # nothing sinks or floats
    box = sk.bounds()
    for x, y in [*sk.points.values(), sk.head]:
        assert box.left < x < box.right and box.top < y < box.bottom


@pytest.mark.parametrize("pose", [p for p in POSES if p.view == "side"],
                         ids=[p.name for p in POSES if p.view == "side"])
def test_side_view_limbs_keep_their_length_times_reach(pose: Pose) -> None:
    sk, j = build_skeleton(pose.joints, pose.view), pose.joints
    p = sk.points
    for side in ("left", "right"):
        assert distance(p[f"{side}_shoulder"], p[f"{side}_elbow"]) == pytest.approx(
            UPPER_ARM * j[f"{side}_upper_arm_reach"])
        assert distance(p[f"{side}_elbow"], p[f"{side}_hand"]) == pytest.approx(
            FOREARM * j[f"{side}_forearm_reach"])
        assert distance(p[f"{side}_hip"], p[f"{side}_knee"]) == pytest.approx(
            THIGH * j[f"{side}_thigh_reach"])
        assert distance(p[f"{side}_knee"], p[f"{side}_ankle"]) == pytest.approx(
            SHIN * j[f"{side}_shin_reach"])


def test_a_neutral_standing_figure_is_upright_and_symmetric() -> None:
    front = build_skeleton(standing(), "front")
    p = front.points
    assert p["hip"][0] == 0 and p["neck"][0] == pytest.approx(0)
    for part in ("shoulder", "elbow", "hand", "knee", "ankle"):
        left, right = p[f"left_{part}"], p[f"right_{part}"]
        assert left[0] == pytest.approx(-right[0]) and left[1] == pytest.approx(right[1])
    # Facing us, the figure's right hand is on the screen's left; from behind, the right.
    assert p["right_hand"][0] < 0
    assert build_skeleton(standing(), "back").points["right_hand"][0] > 0
    # Standing tall: head above neck above hip above knee above ankle.
    assert front.head[1] > p["neck"][1] > p["hip"][1] > p["left_knee"][1] > p["left_ankle"][1]
    assert front.head[1] + HEAD_R == pytest.approx(
        LIMB_WIDTH / 2 + THIGH + SHIN + 22 + 28 + 5 + 2 * HEAD_R)


def test_a_twist_narrows_the_shoulders_and_brings_one_forward() -> None:
    flat = build_skeleton(standing(), "front")
    twisted = build_skeleton(standing(twist=60), "front")
    width = abs(twisted.points["left_shoulder"][0] - twisted.points["right_shoulder"][0])
    assert width == pytest.approx(2 * SHOULDER_HALF * 0.5)
    assert width < abs(flat.points["left_shoulder"][0] - flat.points["right_shoulder"][0])
    assert twisted.depth["left"] > 0 > twisted.depth["right"]  # left shoulder toward us
    assert build_skeleton(standing(twist=60), "back").depth["left"] < 0  # and away from behind


def test_lift_raises_the_whole_figure() -> None:
    low = build_skeleton(standing(), "side")
    high = build_skeleton(standing(lift=10), "side")
    for name, (x, y) in low.points.items():
        assert high.points[name] == pytest.approx((x, y + 10))


def test_rect_unites_like_qt() -> None:
    a = Rect(0, 0, 10, 5)
    assert Rect().united(a) == a and a.united(Rect()) == a  # an empty box adds nothing
    both = a.united(Rect(20, -3, 5, 1))
    assert (both.left, both.top, both.right, both.bottom) == (0, -3, 25, 5)
    flipped = Rect(10, 5, -4, -2).united(Rect(0, 0, 1, 1))  # negative sizes count too
    assert (flipped.left, flipped.top, flipped.right, flipped.bottom) == (0, 0, 10, 5)
    assert a.center == (5, 2.5)


@pytest.mark.parametrize("pose", POSES, ids=[p.name for p in POSES])
def test_every_prop_a_pose_names_is_placed(pose: Pose) -> None:
    sk = build_skeleton(pose.joints, pose.view)
    shapes = place_props(pose, sk)
    assert sorted(s.kind for s in shapes) == sorted(pose.props)
    for s in shapes:
        if s.kind == "chair":  # the seat sits just under the hip, above the floor
            assert 0 < s.rect.bottom < sk.points["hip"][1]
            assert sk.points["hip"][1] - s.rect.bottom == pytest.approx(LIMB_WIDTH / 2 + 1)


def test_a_moves_scene_frames_every_pose_and_the_floor_so_nothing_jumps() -> None:
    for move in CATALOG:
        poses = move_poses(move, CATALOG.poses)
        scene = scene_for(poses)
        frame = scene.frame
        assert frame.top <= 0 <= frame.bottom
        for pose in poses:
            box = build_skeleton(pose.joints, pose.view).bounds()
            tol = 1e-9  # a union's width is rounded once more than its edges
            assert frame.left <= box.left and box.right <= frame.right + tol, (move.id, pose.name)
            assert frame.top <= box.top and box.bottom <= frame.bottom + tol, (move.id, pose.name)
        assert len({s.kind for s in scene.props}) == len(scene.props)  # each prop once


def test_a_wall_is_framed_by_its_foot_only() -> None:
    pose = next(p for p in POSES if "wall" in p.props)
    shapes = [s for s in place_props(pose, build_skeleton(pose.joints, pose.view))
              if s.kind == "wall"]
    assert shapes[0].rect.height >= 200  # drawn up off the top of the picture
    assert props_bounds(shapes).height == 1
