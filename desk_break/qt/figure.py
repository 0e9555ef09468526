"""The figure that shows a move: pose keyframes from the catalog, painted as vectors.

The body model (core/skeleton.py) turns a `Pose`'s joint angles into points, and
core/motion.py says where a step's figure is at each moment; here `_Painter`
draws them with QPainter (props in figure_props.py, colours and pen in
figure_ink.py). A step that names two poses (`pose` and `to`) eases between
them; `MoveFigure` runs a ~25 fps timer only while that is happening and the
widget is visible, so an idle break window costs no CPU.

`render_pose_image()` paints a pose (or a step: its second pose as a faint ghost)
into a QImage, for tests and for thumbnails.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QElapsedTimer, QRectF, QSize
from PySide6.QtGui import (
    QHideEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QShowEvent,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk_break.core.catalog import Catalog, Pose
from desk_break.core.i18n import arg, translate
from desk_break.core.motion import (
    move_poses,
    poses_of,
    showcase_step,
    step_blend,
    step_joints,
    step_settles_at,
)
from desk_break.core.moves import Move, Step
from desk_break.core.prop_layout import Scene, scene_for
from desk_break.core.skeleton import SHOULDER_HALF, Skeleton, build_skeleton
from desk_break.qt.figure_body import BodyInk
from desk_break.qt.figure_cues import paint_motion, paint_work_area
from desk_break.qt.figure_ink import FigureColors, figure_palette, qrect
from desk_break.qt.figure_props import paint_band, paint_props
from desk_break.qt.plain_text import plain_tooltip
from desk_break.qt.timers import make_timer

# Importers of this module (break window, preferences, tests) keep these names.
__all__ = ["FigureColors", "MoveFigure", "figure_palette", "render_pose_image", "step_blend",
           "step_settles_at"]

FPS_INTERVAL_MS = 40  # 25 fps


class _Painter(BodyInk):
    """Draws skeletons into a QPainter already mapped to world units."""

    def figure(self, sk: Skeleton, *, ghost: bool = False) -> None:
        c = self.c
        main = c.ghost if ghost else c.figure
        far = c.ghost if ghost else c.far
        if sk.view == "side":
            # Far limbs, body, near limbs; the head last with a thin halo, so hands
            # behind the head and arms overhead never swallow it.
            self.arm(sk, "right", far)
            self.leg(sk, "right", far)
            self.trunk_side(sk, main)
            self.leg(sk, "left", main, halo=not ghost)
            self.arm(sk, "left", main, halo=not ghost)
            self.head(sk, main, face=not ghost, halo=not ghost)
            return
        order = sorted(("left", "right"), key=lambda side: sk.depth.get(side, 0.0))
        behind, ahead = order
        behind_color = far if sk.depth[behind] < -0.2 else main
        self.arm(sk, behind, behind_color)
        for side in ("left", "right"):
            self.leg(sk, side, main)
        self.trunk_front(sk, main)
        if sk.view == "back" and not ghost:
            self.scapulae(sk)
        self.head(sk, main, face=not ghost and sk.view == "front", halo=False)
        self.arm(sk, ahead, main, halo=not ghost and _crosses_body(sk, ahead))


FLOOR_LOW = 0.3  # of the room a wide scene leaves: this much more of it above than below


def world_transform(scene: Scene, target: QRectF) -> QTransform:
    """World units (y up) to `target`'s pixels (y down): the scene's frame (every
    keyframe of the move) as large as fits, centred across. A wide scene (a floor move
    in a squarer panel) leaves room above and below: most of it goes above, so the
    floor sits low, where it is for a standing move, not afloat mid-panel. Tests use it
    to find a body part's pixels."""
    frame = qrect(scene.frame).adjusted(-8, -4, 8, 8)
    scale = min(target.width() / frame.width(), target.height() / frame.height())
    slack = target.height() - frame.height() * scale
    out = QTransform()
    out.translate(
        target.center().x() - frame.center().x() * scale,
        target.center().y() + frame.center().y() * scale + slack * FLOOR_LOW,
    )
    out.scale(scale, -scale)
    return out


def _crosses_body(sk: Skeleton, side: str) -> bool:
    """Whether an arm's hand is in front of the chest (it then needs its outline)."""
    p = sk.points
    out = 1.0 if p[f"{side}_shoulder"][0] >= p["neck"][0] else -1.0
    return (p[f"{side}_hand"][0] - p["neck"][0]) * out < SHOULDER_HALF * 0.8


def _paint(
    painter: QPainter,
    target: QRectF,
    scene: Scene,
    skeleton: Skeleton,
    colors: FigureColors,
    ghost: Skeleton | None = None,
    motion: tuple[Skeleton, Skeleton, float] | None = None,
) -> None:
    """The scene's props and `skeleton` in `target`; `ghost` faintly behind it, and
    `motion` (from, to, strength 0-1) as an arrow for where the step is heading."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.save()
    world = world_transform(scene, target)
    painter.setTransform(world, True)
    scale = world.m11()
    frame = qrect(scene.frame).adjusted(-8, -4, 8, 8)
    # The floor line across the whole target.
    left = (target.left() - target.center().x()) / scale + frame.center().x()
    right = (target.right() - target.center().x()) / scale + frame.center().x()
    art = _Painter(painter, colors)
    art.line(colors.prop_line, 1.6, (left, -0.8), (right, -0.8))
    paint_props(art, scene.props, skeleton.view, front=False)
    if ghost is not None:
        art.figure(ghost, ghost=True)
    art.figure(skeleton)
    paint_work_area(art, skeleton)
    paint_props(art, scene.props, skeleton.view, front=True)
    paint_band(art, scene.props, skeleton)
    if motion is not None and motion[2] > 0.05:
        paint_motion(art, *motion)
    painter.restore()


def paint_pose(
    painter: QPainter,
    target: QRectF,
    scene: Scene,
    joints: Mapping[str, float],
    view: str,
    colors: FigureColors,
    came_from: Pose | None = None,
) -> None:
    """Paint one pose of a move into `target` (in the move's shared `scene`), with an
    arrow from `came_from` if given."""
    end = build_skeleton(joints, view)
    motion = (build_skeleton(came_from.joints, came_from.view), end, 1.0) if came_from else None
    _paint(painter, target, scene, end, colors, motion=motion)


def render_pose_image(
    catalog: Catalog | Mapping[str, Pose],
    pose_name_or_step: str | Step | Move,
    size: QSize,
    dark: bool,
) -> QImage:
    """Paint a pose, a step (its `to` pose as a faint ghost) or a move (its showcase
    step) on an opaque background of the light or dark figure palette."""
    poses = poses_of(catalog)
    if isinstance(pose_name_or_step, Move):
        pose_name_or_step = showcase_step(pose_name_or_step)
    if isinstance(pose_name_or_step, Step):
        first = poses[pose_name_or_step.pose]
        second = poses[pose_name_or_step.to] if pose_name_or_step.to else None
    else:
        first, second = poses[pose_name_or_step], None
    colors = FigureColors.from_palette(figure_palette(dark))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(colors.background)
    scene = scene_for([first] + ([second] if second else []))
    start = build_skeleton(first.joints, first.view)
    ghost = build_skeleton(second.joints, second.view) if second else None
    painter = QPainter(image)
    try:
        _paint(
            painter,
            QRectF(0, 0, size.width(), size.height()),
            scene,
            start,
            colors,
            ghost=ghost,
            motion=(start, ghost, 1.0) if ghost else None,
        )
    finally:
        painter.end()
    return image



class MoveFigure(QWidget):
    """Paints the current step of a move and eases between its two poses.

    Drive it with `set_step(move, step_index, catalog)`; it keeps its own clock
    from then on (`set_progress()` re-syncs it, e.g. after a pause, and lets tests
    step time without waiting). The animation timer runs only while the widget is
    visible and the step is moving; `stop()` freezes it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
        self._poses: Mapping[str, Pose] = {}
        self._move: Move | None = None
        self._step_index = 0
        self._scene: Scene | None = None
        self._scene_key: tuple[str, int] | None = None
        self._clock = QElapsedTimer()
        self._offset = 0.0
        self._frozen_at: float | None = None
        self._at_rest = False  # still, with no arrow: the break is over
        self._timer = make_timer(
            "figure-animation", self, FPS_INTERVAL_MS, precise=False, on_timeout=self._tick
        )

    # -- API ----------------------------------------------------------------

    def set_step(self, move: Move, step_index: int, catalog: Catalog | Mapping[str, Pose]) -> None:
        """Show `move.steps[step_index]`, starting its animation from the beginning.

        Calling it again with the same move and step changes nothing (the break
        window may re-announce a step).
        """
        poses = poses_of(catalog)
        if not 0 <= step_index < len(move.steps):
            raise IndexError(f"{move.id} has no step {step_index}")
        same = (
            self._move is not None
            and self._move == move
            and self._step_index == step_index
            and self._poses is poses
            and self._frozen_at is None
        )
        if same:
            return
        key = (move.id, id(poses))
        if self._scene_key != key or self._move != move:
            self._scene = scene_for(move_poses(move, poses))
            self._scene_key = key
        self._poses = poses
        self._move = move
        self._step_index = step_index
        self._offset = 0.0
        self._frozen_at = None
        self._at_rest = False
        self._clock.start()
        step = move.steps[step_index]
        self.setAccessibleName(step.cue)
        self.setAccessibleDescription(
            arg(translate("Break", "%1, step %2 of %3: %4"),
                move.name, step_index + 1, len(move.steps), step.cue)
        )
        self.setToolTip(plain_tooltip(step.cue))
        self._sync_timer()
        self.update()

    def set_move(self, move: Move, catalog: Catalog | Mapping[str, Pose]) -> None:
        """Show the first step of `move`."""
        self.set_step(move, 0, catalog)

    def set_progress(self, seconds_into_step: float) -> None:
        """Put the figure where it should be `seconds_into_step` into the current step."""
        self._offset = max(0.0, seconds_into_step)
        if self._frozen_at is not None:
            self._frozen_at = self._offset
        else:
            self._clock.start()
        self._sync_timer()
        self.update()

    def stop(self) -> None:
        """Freeze the figure where it is and stop the timer (until the next `set_step`)."""
        self._frozen_at = self.seconds_into_step()
        self._timer.stop()

    def rest(self) -> None:
        """Frozen at the step's first pose with no arrow: nothing more to do ("Nice work")."""
        self._frozen_at = 0.0
        self._at_rest = True
        self._timer.stop()
        self.update()

    # -- state for tests and painting ----------------------------------------

    def current_step(self) -> Step | None:
        return None if self._move is None else self._move.steps[self._step_index]

    def seconds_into_step(self) -> float:
        if self._frozen_at is not None:
            return self._frozen_at
        if not self._clock.isValid():
            return self._offset
        return self._offset + self._clock.elapsed() / 1000.0

    def is_animating(self) -> bool:
        return self._timer.isActive()

    def current_joints(self) -> tuple[dict[str, float], str] | None:
        step = self.current_step()
        if step is None:
            return None
        return step_joints(step, self._poses, self.seconds_into_step())

    # -- Qt -------------------------------------------------------------------

    def _motion(self) -> tuple[Skeleton, Skeleton, float] | None:
        """The step's arrow: full while the figure sets off, fading as it arrives (a
        swinging step keeps a quieter one)."""
        step = self.current_step()
        if step is None or step.to is None or self._at_rest:
            return None
        a, b = self._poses[step.pose], self._poses[step.to]
        moved = step_blend(step, self.seconds_into_step())
        strength = 0.6 if step.cycles else 1.0 - moved * 0.8
        return build_skeleton(a.joints, a.view), build_skeleton(b.joints, b.view), strength

    def _needs_timer(self) -> bool:
        step = self.current_step()
        if step is None or self._frozen_at is not None or not self.isVisible():
            return False
        settles = step_settles_at(step)
        return settles is None or self.seconds_into_step() < settles

    def _sync_timer(self) -> None:
        if self._needs_timer():
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    def _tick(self) -> None:
        self.update()
        self._sync_timer()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._sync_timer()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def sizeHint(self) -> QSize:
        return QSize(220, 220)

    def paintEvent(self, event: QPaintEvent) -> None:
        state = self.current_joints()
        if state is None or self._scene is None:
            return
        joints, view = state
        colors = FigureColors.from_palette(self.palette())
        painter = QPainter(self)
        try:
            target = QRectF(self.rect()).adjusted(6, 6, -6, -6)
            _paint(painter, target, self._scene, build_skeleton(joints, view), colors,
                   motion=self._motion())
        finally:
            painter.end()
