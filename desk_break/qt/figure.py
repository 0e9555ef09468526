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

import math
from collections.abc import Mapping

from PySide6.QtCore import QElapsedTimer, QPointF, QRectF, QSize
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk_break.core.catalog import Catalog, Pose
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
from desk_break.core.skeleton import (
    HEAD_R,
    LIMB_WIDTH,
    NECK,
    TORSO_WIDTH,
    Skeleton,
    along,
    build_skeleton,
    direction,
    side_sign,
)
from desk_break.qt.figure_ink import FigureColors, Ink, figure_palette, qrect
from desk_break.qt.figure_props import paint_band, paint_props
from desk_break.qt.timers import make_timer

# Importers of this module (break window, preferences, tests) keep these names.
__all__ = ["FigureColors", "MoveFigure", "figure_palette", "render_pose_image", "step_blend",
           "step_settles_at"]

FPS_INTERVAL_MS = 40  # 25 fps


class _Painter(Ink):
    """Draws skeletons and props into a QPainter already mapped to world units."""

    # figure ------------------------------------------------------------

    def limb(
        self, sk: Skeleton, side: str, kind: str, color: QColor, *, halo: bool = False
    ) -> None:
        """An arm or a leg; `halo` outlines it in the background colour so it reads
        where it crosses the body."""
        p = sk.points
        if kind == "arm":
            pts = (p[f"{side}_shoulder"], p[f"{side}_elbow"], p[f"{side}_hand"])
            if halo:
                self.line(self.c.background, LIMB_WIDTH + 3.0, *pts[1:])
                self.line(self.c.background, LIMB_WIDTH + 3.0, pts[0], pts[1])
                self.dot(self.c.background, pts[2], LIMB_WIDTH * 0.62 + 1.5)
            self.line(color, LIMB_WIDTH, *pts)
            self.dot(color, pts[2], LIMB_WIDTH * 0.62)
            return
        leg = (p[f"{side}_hip"], p[f"{side}_knee"], p[f"{side}_ankle"])
        if halo:
            self.line(self.c.background, LIMB_WIDTH + 3.8, *leg[1:])
            self.line(self.c.background, LIMB_WIDTH * 0.8 + 3.0, leg[2], p[f"{side}_toe"])
        self.line(color, LIMB_WIDTH + 0.8, *leg)
        self.line(color, LIMB_WIDTH * 0.8, leg[2], p[f"{side}_toe"])

    def head(self, sk: Skeleton, color: QColor, face: bool) -> None:
        p = sk.points
        neck_top = along(p["neck"], direction(sk.head_angle), NECK + 2)
        self.line(color, LIMB_WIDTH, p["neck"], neck_top)
        self.dot(color, sk.head, HEAD_R)
        if not face:
            return
        bg = self.c.background
        if sk.view == "side":
            forward = direction(sk.head_angle + 90)
            up = direction(sk.head_angle)
            eye = along(along(sk.head, forward, HEAD_R * 0.5), up, HEAD_R * 0.12)
            self.dot(bg, eye, 1.5)
            nose = along(along(sk.head, forward, HEAD_R * 0.92), up, -HEAD_R * 0.18)
            self.dot(color, nose, 2.6)
        elif sk.view == "front":
            turn = math.radians(sk.joints["head_turn"])
            sign_r = side_sign("front", "right")
            cx = sk.head[0] + sign_r * math.sin(turn) * HEAD_R * 0.55
            spread = HEAD_R * 0.36 * math.cos(turn)
            for dx in (-spread, spread):
                self.dot(bg, (cx + dx, sk.head[1] + 1.5), 1.4)

    def torso(self, sk: Skeleton, color: QColor) -> None:
        p = sk.points
        if sk.view == "side":
            path = QPainterPath(QPointF(*p["hip"]))
            # A smooth spine through the mid-back: the control point makes the curve
            # pass through `mid` (quadratic Bézier through three points).
            cx = 2 * p["mid"][0] - (p["hip"][0] + p["neck"][0]) / 2
            cy = 2 * p["mid"][1] - (p["hip"][1] + p["neck"][1]) / 2
            path.quadTo(QPointF(cx, cy), QPointF(*p["neck"]))
            self.p.strokePath(path, self.pen(color, TORSO_WIDTH))
            return
        ls, rs = p["left_shoulder"], p["right_shoulder"]
        lh, rh = p["left_hip"], p["right_hip"]
        path = QPainterPath(QPointF(*ls))
        path.lineTo(QPointF(*rs))
        path.lineTo(QPointF(rh[0], rh[1] + 2))
        path.lineTo(QPointF(lh[0], lh[1] + 2))
        path.closeSubpath()
        self.p.setPen(self.pen(color, LIMB_WIDTH))
        self.p.setBrush(color)
        self.p.drawPath(path)
        if sk.view == "back":
            self.scapulae(sk)

    def scapulae(self, sk: Skeleton) -> None:
        p = sk.points
        squeeze = sk.joints["scapula"]
        gap = 8.5 - 4.5 * squeeze
        top = p["neck"][1] - 7
        spine_x = p["neck"][0]
        bg = self.c.background
        self.line(bg, 1.4, (spine_x, top + 2), (spine_x, p["mid"][1] - 6))
        for s in (-1.0, 1.0):
            x = spine_x + s * gap
            self.line(bg, 2.2, (x + s * 6, top), (x, top - 3), (x, top - 13), (x + s * 5, top - 17))

    def figure(self, sk: Skeleton, *, ghost: bool = False) -> None:
        c = self.c
        main = c.ghost if ghost else c.figure
        far = c.ghost if ghost else c.far
        if sk.view == "side":
            self.limb(sk, "right", "arm", far)
            self.limb(sk, "right", "leg", far)
            self.torso(sk, main)
            self.head(sk, main, face=not ghost)
            self.limb(sk, "left", "leg", main, halo=not ghost)
            self.limb(sk, "left", "arm", main, halo=not ghost)
            return
        order = sorted(("left", "right"), key=lambda side: sk.depth.get(side, 0.0))
        behind, ahead = order
        behind_color = far if sk.depth[behind] < -0.2 else main
        self.limb(sk, behind, "arm", behind_color)
        for side in ("left", "right"):
            self.limb(sk, side, "leg", main)
        self.torso(sk, main)
        self.head(sk, main, face=not ghost)
        self.limb(sk, ahead, "arm", main, halo=not ghost)




def _paint(
    painter: QPainter,
    target: QRectF,
    scene: Scene,
    skeleton: Skeleton,
    colors: FigureColors,
    ghost: Skeleton | None = None,
) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    frame = qrect(scene.frame).adjusted(-8, -4, 8, 8)
    scale = min(target.width() / frame.width(), target.height() / frame.height())
    painter.save()
    # World (y up) to widget (y down), centred in the target.
    painter.translate(
        target.center().x() - frame.center().x() * scale,
        target.center().y() + frame.center().y() * scale,
    )
    painter.scale(scale, -scale)
    # The floor line across the whole width.
    left = (target.left() - target.center().x()) / scale + frame.center().x()
    right = (target.right() - target.center().x()) / scale + frame.center().x()
    art = _Painter(painter, colors)
    art.line(colors.prop_line, 1.6, (left, -0.8), (right, -0.8))
    paint_props(art, scene.props, skeleton.view, front=False)
    if ghost is not None:
        art.figure(ghost, ghost=True)
    art.figure(skeleton)
    paint_props(art, scene.props, skeleton.view, front=True)
    paint_band(art, scene.props, skeleton)
    painter.restore()



def paint_pose(
    painter: QPainter,
    target: QRectF,
    scene: Scene,
    joints: Mapping[str, float],
    view: str,
    colors: FigureColors,
) -> None:
    """Paint one pose of a move into `target` (in the move's shared `scene`)."""
    _paint(painter, target, scene, build_skeleton(joints, view), colors)


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
    painter = QPainter(image)
    try:
        _paint(
            painter,
            QRectF(0, 0, size.width(), size.height()),
            scene,
            build_skeleton(first.joints, first.view),
            colors,
            ghost=build_skeleton(second.joints, second.view) if second else None,
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
        self._clock.start()
        step = move.steps[step_index]
        self.setAccessibleName(step.cue)
        self.setAccessibleDescription(
            f"{move.name}, step {step_index + 1} of {len(move.steps)}: {step.cue}"
        )
        self.setToolTip(step.cue)
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
            _paint(painter, target, self._scene, build_skeleton(joints, view), colors)
        finally:
            painter.end()
