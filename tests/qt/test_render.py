"""Moves as pictures: `moves --render` writes a sheet per move, and each figure's
keyframes differ where the move moves (and stay put where it does not)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QImage, QPainter

from desk_break.core.catalog import load_catalog
from desk_break.core.motion import move_poses
from desk_break.core.prop_layout import Scene, scene_for
from desk_break.core.skeleton import Point, build_skeleton
from desk_break.qt.figure import paint_pose, world_transform
from desk_break.qt.figure_ink import FigureColors, figure_palette
from desk_break.qt.figure_render import GAP, PANEL, keyframe_cues, render_move_sheet

CATALOG, _ = load_catalog(None)
SIZE = 280  # about the size the break window shows the figure


def test_render_writes_a_png_per_move_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "gallery"
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from desk_break.cli import main; sys.exit(main())",
         "moves", "--render", str(out)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.stem for p in out.glob("*.png")) == sorted(m.id for m in CATALOG)
    squeeze = CATALOG.moves["shoulder_blade_squeeze"]
    image = QImage(str(out / "shoulder_blade_squeeze.png"))
    frames = len(keyframe_cues(squeeze, CATALOG.poses))
    assert image.width() == 2 * (GAP + frames * (PANEL + GAP))  # 2x scale, frames side by side


def test_a_sheet_shows_each_keyframe_with_the_cue_that_brings_it(qapp: object) -> None:
    twist = CATALOG.moves["seated_chair_twist"]
    cues = dict((p.name, c) for p, c in keyframe_cues(twist, CATALOG.poses))
    assert cues["twist_right"] == "Turn to your right, hand on the chair back"
    assert cues["sit_front"] == "Sit tall, feet flat on the floor"
    image = render_move_sheet(CATALOG, twist, dark=True)
    assert image.width() == 2 * (GAP + 5 * (PANEL + GAP))


def _keyframe(scene: Scene, pose_name: str) -> QImage:
    pose = CATALOG.poses[pose_name]
    colors = FigureColors.from_palette(figure_palette(False))
    image = QImage(QSize(SIZE, SIZE), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(colors.background)
    painter = QPainter(image)
    try:
        paint_pose(painter, QRectF(0, 0, SIZE, SIZE), scene, pose.joints, pose.view, colors)
    finally:
        painter.end()
    return image


def _changed(a: QImage, b: QImage, corner: QPointF, other: QPointF) -> float:
    """The share of pixels in the box between two corners that differ clearly."""
    x0, x1 = sorted((int(corner.x()), int(other.x())))
    y0, y1 = sorted((int(corner.y()), int(other.y())))
    total = changed = 0
    for y in range(max(0, y0), min(SIZE, y1)):
        for x in range(max(0, x0), min(SIZE, x1)):
            ca, cb = a.pixelColor(x, y), b.pixelColor(x, y)
            diff = abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(
                ca.blue() - cb.blue())
            total += 1
            changed += diff > 60
    assert total > 100  # the box is a real region, not a sliver
    return changed / total


def _region(scene: Scene, centre: Point, half_w: float, half_h: float) -> tuple[QPointF, QPointF]:
    world = world_transform(scene, QRectF(0, 0, SIZE, SIZE))
    a = world.map(QPointF(centre[0] - half_w, centre[1] - half_h))
    b = world.map(QPointF(centre[0] + half_w, centre[1] + half_h))
    return a, b


def test_the_twist_turns_the_chest_and_head_not_the_legs(qapp: object) -> None:
    move = CATALOG.moves["seated_chair_twist"]
    scene = scene_for(move_poses(move, CATALOG.poses))
    centre, turned = _keyframe(scene, "sit_front"), _keyframe(scene, "twist_right")
    sk = build_skeleton(CATALOG.poses["sit_front"].joints, "front")
    neck = sk.points["neck"]
    chest = _region(scene, (neck[0], neck[1] - 12), 14, 10)
    head = _region(scene, sk.head, 9, 9)
    shin = sk.points["left_knee"], sk.points["left_ankle"]
    legs = _region(scene, ((shin[0][0] + shin[1][0]) / 2, (shin[0][1] + shin[1][1]) / 2), 6, 12)
    assert _changed(centre, turned, *chest) > 0.15
    assert _changed(centre, turned, *head) > 0.15
    assert _changed(centre, turned, *legs) < 0.05


def test_squeeze_and_release_differ_between_the_shoulder_blades(qapp: object) -> None:
    move = CATALOG.moves["shoulder_blade_squeeze"]
    scene = scene_for(move_poses(move, CATALOG.poses))
    rest, squeeze = _keyframe(scene, "sit_back"), _keyframe(scene, "sit_back_squeeze")
    neck = build_skeleton(CATALOG.poses["sit_back"].joints, "back").points["neck"]
    between = _region(scene, (neck[0], neck[1] - 13), 9, 7)
    assert _changed(rest, squeeze, *between) > 0.2


def test_extension_moves_the_upper_body_and_leaves_the_chair_seat(qapp: object) -> None:
    move = CATALOG.moves["seated_thoracic_extension"]
    scene = scene_for(move_poses(move, CATALOG.poses))
    upright, extended = _keyframe(scene, "sit_hands_head"), _keyframe(scene, "sit_extend")
    sk = build_skeleton(CATALOG.poses["sit_hands_head"].joints, "side")
    assert _changed(upright, extended, *_region(scene, sk.head, 10, 10)) > 0.3
    knee, ankle = sk.points["left_knee"], sk.points["left_ankle"]
    shin = ((knee[0] + ankle[0]) / 2, (knee[1] + ankle[1]) / 2)
    assert _changed(upright, extended, *_region(scene, shin, 5, 12)) < 0.05


def test_the_gallery_scale_is_a_choice_and_a_bad_one_is_a_usage_error(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk_break.cli import main
    from desk_break.qt.figure_render import write_move_sheets

    squeeze = CATALOG.moves["shoulder_blade_squeeze"]
    frames = len(keyframe_cues(squeeze, CATALOG.poses))
    [path] = [p for p in write_move_sheets(CATALOG, tmp_path, scale=1.0)
              if p.stem == "shoulder_blade_squeeze"]
    assert QImage(str(path)).width() == GAP + frames * (PANEL + GAP)  # 1x: half the pixels
    with pytest.raises(SystemExit) as exit_:
        main(["moves", "--render", str(tmp_path), "--scale", "9"])
    assert exit_.value.code == 2
    assert "not a scale from 1 to 4" in capsys.readouterr().err


def test_a_floor_move_lies_low_in_its_panel_not_afloat_mid_way() -> None:
    """A wide scene leaves room above and below: the floor sits in the lower part of the
    panel, as it does for a standing move, and the figure still spans the width."""
    target = QRectF(0, 0, 450, 360)  # the break window's stage is about this shape
    for move_id in ("prone_on_elbows", "foam_roller_thoracic_extension", "cat_cow"):
        scene = scene_for(move_poses(CATALOG.moves[move_id], CATALOG.poses))
        world = world_transform(scene, target)
        floor = world.map(QPointF(scene.frame.x + scene.frame.width / 2, 0)).y()
        assert floor > target.top() + 0.75 * target.height(), (move_id, floor)
        left = world.map(QPointF(scene.frame.x, 0)).x()
        right = world.map(QPointF(scene.frame.x + scene.frame.width, 0)).x()
        assert right - left > 0.85 * target.width(), move_id  # as wide as fits
    standing = scene_for(move_poses(CATALOG.moves["wall_angels"], CATALOG.poses))
    stand_floor = world_transform(standing, target).map(QPointF(0, 0)).y()
    assert stand_floor > target.top() + 0.9 * target.height()
