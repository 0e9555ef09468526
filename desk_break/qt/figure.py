"""The figure that shows a move: pose keyframes from the catalog, painted as vectors.

A small 2D body model (units ≈ cm, y up, the floor at 0) turns a `Pose`'s joint
angles into points; `_Painter` draws them with QPainter in one clean style, the
colours taken from a palette so the figure reads in light and dark themes and
stays crisp at any scale. A step that names two poses (`pose` and `to`) eases
between them; `MoveFigure` runs a ~25 fps timer only while that is happening and
the widget is visible, so an idle break window costs no CPU.

`render_pose_image()` paints a pose (or a step: its second pose as a faint ghost)
into a QImage, for tests and for thumbnails.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QElapsedTimer, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHideEvent,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk_break.core.catalog import Catalog, Pose
from desk_break.core.moves import Move, Step

Point = tuple[float, float]
Joints = Mapping[str, float]

# Body proportions (≈ cm).
LOWER_BACK = 22.0
UPPER_BACK = 28.0
NECK = 5.0
HEAD_R = 10.5
UPPER_ARM = 29.0
FOREARM = 27.0
THIGH = 44.0
SHIN = 43.0
FOOT = 13.0
SHOULDER_HALF = 17.0
ROLLER_R = 9.0
HIP_HALF = 8.0

LIMB_WIDTH = 6.5
TORSO_WIDTH = 11.0
FPS_INTERVAL_MS = 40  # 25 fps
TRANSITION_SECONDS = 1.6  # a one-way step eases over this long (or 60 % of a shorter step)


def _dir(angle: float) -> Point:
    rad = math.radians(angle)
    return math.sin(rad), math.cos(rad)


def _add(p: Point, d: Point, length: float) -> Point:
    return p[0] + d[0] * length, p[1] + d[1] * length


@dataclass
class Skeleton:
    """A pose turned into points, grounded so its lowest part touches the floor."""

    view: str
    points: dict[str, Point] = field(default_factory=dict)
    head: Point = (0.0, 0.0)
    head_angle: float = 0.0
    depth: dict[str, float] = field(default_factory=dict)  # front/back: + toward viewer
    joints: Joints = field(default_factory=dict)

    def shifted(self, dy: float) -> Skeleton:
        points = {k: (x, y + dy) for k, (x, y) in self.points.items()}
        return Skeleton(
            self.view,
            points,
            (self.head[0], self.head[1] + dy),
            self.head_angle,
            self.depth,
            self.joints,
        )

    def lowest(self) -> float:
        ys = [y - LIMB_WIDTH / 2 for y in (p[1] for p in self.points.values())]
        ys.append(self.head[1] - HEAD_R)
        return min(ys)

    def bounds(self) -> QRectF:
        xs = [p[0] for p in self.points.values()] + [self.head[0] - HEAD_R, self.head[0] + HEAD_R]
        ys = [p[1] for p in self.points.values()] + [self.head[1] - HEAD_R, self.head[1] + HEAD_R]
        pad = LIMB_WIDTH
        return QRectF(
            min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad
        )


def _side_sign(view: str, side: str) -> float:
    """Screen x direction of the figure's `side` ("left"/"right") in front/back view."""
    right = -1.0 if view == "front" else 1.0
    return right if side == "right" else -right


def build_skeleton(joints: Joints, view: str) -> Skeleton:
    """Points of a pose with the hip at x = 0, resting on the floor (plus `lift`)."""
    j = joints
    sk = Skeleton(view, joints=joints)
    pts = sk.points
    hip: Point = (0.0, 0.0)
    if view == "side":
        pts["hip"] = hip
        mid = _add(hip, _dir(j["torso"]), LOWER_BACK)
        chest = j["torso"] + j["upper_back"]
        neck = _add(mid, _dir(chest), UPPER_BACK)
        shoulder = _add(mid, _dir(chest), UPPER_BACK - 4.0)
        pts.update(mid=mid, neck=neck, shoulder=shoulder)
        sk.head_angle = chest + j["head"]
        sk.head = _add(neck, _dir(sk.head_angle), NECK + HEAD_R)
        for side in ("left", "right"):
            pts[f"{side}_shoulder"] = shoulder
            pts[f"{side}_hip"] = hip
    else:
        sign_r = _side_sign(view, "right")
        lean = (sign_r * math.sin(math.radians(j["torso"])), math.cos(math.radians(j["torso"])))
        mid = _add(hip, lean, LOWER_BACK)
        neck = _add(mid, lean, UPPER_BACK)
        pts.update(hip=hip, mid=mid, neck=neck)
        twist = math.radians(j["twist"])
        half = SHOULDER_HALF * math.cos(twist)
        toward = 1.0 if view == "front" else -1.0
        for side in ("left", "right"):
            s = _side_sign(view, side)
            pts[f"{side}_shoulder"] = (neck[0] + s * half, neck[1] - 4.0)
            pts[f"{side}_hip"] = (s * HIP_HALF, 0.0)
            depth = math.sin(twist) * (1.0 if side == "left" else -1.0) * toward
            sk.depth[side] = depth
        sk.head_angle = 0.0
        sk.head = _add(neck, (0.0, 1.0), NECK + HEAD_R)
    for side in ("left", "right"):
        s = _side_sign(view, side) if view != "side" else 1.0

        def limb_dir(angle: float, s: float = s) -> Point:
            d = _dir(angle)
            return (d[0] * s, d[1])

        shoulder = pts[f"{side}_shoulder"]
        elbow = _add(
            shoulder, limb_dir(j[f"{side}_upper_arm"]), UPPER_ARM * j[f"{side}_upper_arm_reach"]
        )
        hand = _add(elbow, limb_dir(j[f"{side}_forearm"]), FOREARM * j[f"{side}_forearm_reach"])
        knee = _add(
            pts[f"{side}_hip"], limb_dir(j[f"{side}_thigh"]), THIGH * j[f"{side}_thigh_reach"]
        )
        ankle = _add(knee, limb_dir(j[f"{side}_shin"]), SHIN * j[f"{side}_shin_reach"])
        foot_len = FOOT if view == "side" else FOOT * 0.45
        toe = _add(ankle, limb_dir(j[f"{side}_foot"]), foot_len)
        pts.update(
            {
                f"{side}_elbow": elbow,
                f"{side}_hand": hand,
                f"{side}_knee": knee,
                f"{side}_ankle": ankle,
                f"{side}_toe": toe,
            }
        )
    return sk.shifted(-sk.lowest() + j["lift"])


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


# ---- props ----


@dataclass(frozen=True)
class PropShape:
    kind: str
    rect: QRectF  # the prop's main body
    extra: tuple[Point, ...] = ()  # kind-specific anchor points


def place_props(pose: Pose, sk: Skeleton) -> list[PropShape]:
    """Where each of the pose's props stands, from the pose it was authored with."""
    shapes: list[PropShape] = []
    p = sk.points
    hip = p["hip"]
    for kind in pose.props:
        if sk.view == "side":
            if kind == "chair":
                seat = hip[1] - LIMB_WIDTH / 2 - 1.0
                shapes.append(PropShape(kind, QRectF(hip[0] - 24, 0, 44, seat)))
            elif kind == "wall":
                back = min(hip[0] - 6, p["mid"][0] - 6, p["shoulder"][0] - 6, sk.head[0] - HEAD_R)
                if "ball" in pose.props:
                    back -= 10
                shapes.append(PropShape(kind, QRectF(back - 12, 0, 12, 200)))
            elif kind == "ball":
                chest = sk.joints["torso"] + sk.joints["upper_back"]
                spot = _add(p["mid"], _dir(chest), UPPER_BACK * 0.6)
                c = _add(spot, _dir(chest - 90), TORSO_WIDTH / 2 + 5)
                shapes.append(PropShape(kind, QRectF(c[0] - 5, c[1] - 5, 10, 10)))
            elif kind == "foam_roller":
                chest = sk.joints["torso"] + sk.joints["upper_back"]
                spot = _add(p["mid"], _dir(chest), UPPER_BACK * 0.12)
                shapes.append(
                    PropShape(kind, QRectF(spot[0] - ROLLER_R, 0, 2 * ROLLER_R, 2 * ROLLER_R))
                )
            elif kind == "bench":
                elbow = p["left_elbow"]
                top = elbow[1] - LIMB_WIDTH / 2
                shapes.append(PropShape(kind, QRectF(elbow[0] - 8, 0, 62, top)))
            elif kind == "band":
                anchor = (hip[0] + 105, p["shoulder"][1] - 18)
                shapes.append(PropShape(kind, QRectF(anchor[0], 0, 6, 200), (anchor,)))
            elif kind == "desk":
                shapes.append(PropShape(kind, QRectF(hip[0] + 30, 0, 80, 74)))
            elif kind == "floor":
                b = sk.bounds()
                shapes.append(PropShape(kind, QRectF(b.left() - 6, 0, b.width() + 12, 1.5)))
        else:
            if kind == "chair":
                seat = hip[1] - LIMB_WIDTH / 2 - 1.0
                shapes.append(PropShape(kind, QRectF(-30, 0, 60, seat)))
            elif kind == "wall":
                shapes.append(PropShape(kind, QRectF(-48, 0, 96, 205)))
            elif kind == "floor":
                shapes.append(PropShape(kind, QRectF(-40, 0, 80, 1.5)))
    return shapes


def _props_bounds(shapes: Iterable[PropShape]) -> QRectF:
    out = QRectF()
    for s in shapes:
        r = s.rect
        if s.kind == "wall":  # walls run off the top; frame only their foot
            r = QRectF(r.left(), 0, r.width(), 1)
        if s.kind == "band":
            r = QRectF(r.left(), s.extra[0][1] - 5, r.width(), 10)
        out = out.united(r)
    return out


# ---- painting ----


@dataclass(frozen=True)
class FigureColors:
    background: QColor
    figure: QColor
    far: QColor
    prop_line: QColor
    prop_fill: QColor
    accent: QColor
    ghost: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> FigureColors:
        bg = palette.color(QPalette.ColorRole.Window)
        fg = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Highlight)
        return cls(
            background=bg,
            figure=fg,
            far=_mix(fg, bg, 0.45),
            prop_line=_mix(fg, bg, 0.55),
            prop_fill=_mix(fg, bg, 0.86),
            accent=accent,
            ghost=_mix(fg, bg, 0.8),
        )


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` of the way toward `b`."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
        1.0,
    )


def figure_palette(dark: bool) -> QPalette:
    """A plain light or dark palette for images painted outside any widget."""
    pal = QPalette()
    colors = ("#202124", "#e8eaed", "#8ab4f8") if dark else ("#fbfbfa", "#26282b", "#1a73e8")
    pal.setColor(QPalette.ColorRole.Window, QColor(colors[0]))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(colors[1]))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(colors[2]))
    return pal


class _Painter:
    """Draws skeletons and props into a QPainter already mapped to world units."""

    def __init__(self, painter: QPainter, colors: FigureColors) -> None:
        self.p = painter
        self.c = colors

    def pen(self, color: QColor, width: float) -> QPen:
        return QPen(
            QBrush(color),
            width,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )

    def line(self, color: QColor, width: float, *pts: Point) -> None:
        path = QPainterPath(QPointF(*pts[0]))
        for pt in pts[1:]:
            path.lineTo(QPointF(*pt))
        self.p.strokePath(path, self.pen(color, width))

    def dot(self, color: QColor, center: Point, r: float) -> None:
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(color)
        self.p.drawEllipse(QPointF(*center), r, r)

    # props -------------------------------------------------------------

    def props(self, shapes: Sequence[PropShape], view: str, front: bool) -> None:
        """Props behind the figure (`front` False) or over it (`front` True)."""
        c = self.c
        for s in shapes:
            r = s.rect
            if front != (s.kind in ("band",)):
                continue
            if s.kind == "chair" and view == "side":
                seat = r.bottom()
                self.line(c.prop_line, 3.0, (r.left() + 2, 0), (r.left() + 2, seat + 44))
                self.line(c.prop_line, 3.0, (r.right() - 2, 0), (r.right() - 2, seat))
                self.line(c.prop_line, 4.5, (r.left() + 2, seat), (r.right(), seat))
            elif s.kind == "chair":
                seat = r.bottom()
                if view == "front":  # from behind, the backrest would hide the back
                    back = QRectF(r.left() + 3, seat, r.width() - 6, 44)
                    self.p.setPen(self.pen(c.prop_line, 2.5))
                    self.p.setBrush(c.prop_fill)
                    self.p.drawRoundedRect(back, 4, 4)
                self.line(c.prop_line, 3.0, (r.left() + 3, 0), (r.left() + 3, seat))
                self.line(c.prop_line, 3.0, (r.right() - 3, 0), (r.right() - 3, seat))
                self.line(c.prop_line, 4.5, (r.left(), seat), (r.right(), seat))
            elif s.kind == "wall":
                self.p.setPen(Qt.PenStyle.NoPen)
                self.p.setBrush(c.prop_fill)
                self.p.drawRect(r)
                if view == "side":
                    self.line(c.prop_line, 2.0, (r.right(), 0), (r.right(), r.bottom()))
            elif s.kind == "floor":
                self.p.setPen(Qt.PenStyle.NoPen)
                self.p.setBrush(c.prop_fill)
                self.p.drawRoundedRect(QRectF(r.left(), 0, r.width(), 2.2), 1, 1)
            elif s.kind == "ball":
                self.dot(c.accent, (r.center().x(), r.center().y()), r.width() / 2)
            elif s.kind == "foam_roller":
                center = (r.center().x(), r.center().y())
                self.p.setPen(self.pen(c.prop_line, 2.5))
                self.p.setBrush(c.prop_fill)
                self.p.drawEllipse(QPointF(*center), r.width() / 2, r.width() / 2)
                self.p.drawEllipse(QPointF(*center), r.width() / 5, r.width() / 5)
            elif s.kind == "bench":
                top = r.bottom()
                self.p.setPen(self.pen(c.prop_line, 2.5))
                self.p.setBrush(c.prop_fill)
                self.p.drawRoundedRect(QRectF(r.left(), top - 6, r.width(), 6), 2, 2)
                self.line(c.prop_line, 3.0, (r.left() + 6, 0), (r.left() + 6, top - 6))
                self.line(c.prop_line, 3.0, (r.right() - 6, 0), (r.right() - 6, top - 6))
            elif s.kind == "desk":
                top = r.bottom()
                self.line(c.prop_line, 4.5, (r.left(), top), (r.right(), top))
                self.line(c.prop_line, 3.0, (r.left() + 4, 0), (r.left() + 4, top))
                self.line(c.prop_line, 3.0, (r.right() - 4, 0), (r.right() - 4, top))
            elif s.kind == "band":
                anchor = s.extra[0]
                self.line(c.prop_line, 3.0, (anchor[0] + 4, 0), (anchor[0] + 4, 190))
                self.dot(c.prop_line, (anchor[0] + 2, anchor[1]), 2.2)

    def band(self, shapes: Sequence[PropShape], sk: Skeleton) -> None:
        for s in shapes:
            if s.kind == "band":
                anchor = s.extra[0]
                for side in ("right", "left"):
                    self.line(
                        self.c.accent, 2.2, (anchor[0] + 2, anchor[1]), sk.points[f"{side}_hand"]
                    )

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
        self.line(color, LIMB_WIDTH, p["neck"], _add(p["neck"], _dir(sk.head_angle), NECK + 2))
        self.dot(color, sk.head, HEAD_R)
        if not face:
            return
        bg = self.c.background
        if sk.view == "side":
            forward = _dir(sk.head_angle + 90)
            up = _dir(sk.head_angle)
            eye = _add(_add(sk.head, forward, HEAD_R * 0.5), up, HEAD_R * 0.12)
            self.dot(bg, eye, 1.5)
            nose = _add(_add(sk.head, forward, HEAD_R * 0.92), up, -HEAD_R * 0.18)
            self.dot(color, nose, 2.6)
        elif sk.view == "front":
            turn = math.radians(sk.joints["head_turn"])
            sign_r = _side_sign("front", "right")
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


@dataclass
class _Scene:
    """What to paint: the props (placed once per move) and the frame in world units."""

    props: list[PropShape]
    frame: QRectF


def _scene_for(poses: Sequence[Pose]) -> _Scene:
    """One frame and prop layout shared by every pose given (so nothing jumps)."""
    frame = QRectF()
    props: list[PropShape] = []
    seen: set[str] = set()
    for pose in poses:
        sk = build_skeleton(pose.joints, pose.view)
        frame = frame.united(sk.bounds())
        for shape in place_props(pose, sk):
            if shape.kind not in seen:
                seen.add(shape.kind)
                props.append(shape)
    frame = frame.united(_props_bounds(props))
    frame = frame.united(QRectF(frame.left(), 0, 1, 1))  # always show the floor
    return _Scene(props, frame)


def _paint(
    painter: QPainter,
    target: QRectF,
    scene: _Scene,
    skeleton: Skeleton,
    colors: FigureColors,
    ghost: Skeleton | None = None,
) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    frame = scene.frame.adjusted(-8, -4, 8, 8)
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
    art.props(scene.props, skeleton.view, front=False)
    if ghost is not None:
        art.figure(ghost, ghost=True)
    art.figure(skeleton)
    art.props(scene.props, skeleton.view, front=True)
    art.band(scene.props, skeleton)
    painter.restore()


def _poses_of(source: Catalog | Mapping[str, Pose]) -> Mapping[str, Pose]:
    return source.poses if isinstance(source, Catalog) else source


def move_poses(move: Move, poses: Mapping[str, Pose]) -> list[Pose]:
    names: list[str] = []
    for step in move.steps:
        for name in (step.pose, step.to):
            if name is not None and name not in names:
                names.append(name)
    return [poses[n] for n in names]


def _showcase_step(move: Move) -> Step:
    """The step that best shows a move in a still: the longest step that moves, else the
    longest one."""
    moving = [s for s in move.steps if s.to is not None]
    return max(moving or move.steps, key=lambda s: s.seconds)


def render_pose_image(
    catalog: Catalog | Mapping[str, Pose],
    pose_name_or_step: str | Step | Move,
    size: QSize,
    dark: bool,
) -> QImage:
    """Paint a pose, a step (its `to` pose as a faint ghost) or a move (its showcase
    step) on an opaque background of the light or dark figure palette."""
    poses = _poses_of(catalog)
    if isinstance(pose_name_or_step, Move):
        pose_name_or_step = _showcase_step(pose_name_or_step)
    if isinstance(pose_name_or_step, Step):
        first = poses[pose_name_or_step.pose]
        second = poses[pose_name_or_step.to] if pose_name_or_step.to else None
    else:
        first, second = poses[pose_name_or_step], None
    colors = FigureColors.from_palette(figure_palette(dark))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(colors.background)
    scene = _scene_for([first] + ([second] if second else []))
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
        self._scene: _Scene | None = None
        self._scene_key: tuple[str, int] | None = None
        self._clock = QElapsedTimer()
        self._offset = 0.0
        self._frozen_at: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FPS_INTERVAL_MS)
        self._timer.timeout.connect(self._tick)

    # -- API ----------------------------------------------------------------

    def set_step(self, move: Move, step_index: int, catalog: Catalog | Mapping[str, Pose]) -> None:
        """Show `move.steps[step_index]`, starting its animation from the beginning.

        Calling it again with the same move and step changes nothing (the break
        window may re-announce a step).
        """
        poses = _poses_of(catalog)
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
            self._scene = _scene_for(move_poses(move, poses))
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
        first = self._poses[step.pose]
        if step.to is None:
            return dict(first.joints), first.view
        u = step_blend(step, self.seconds_into_step())
        return blend_joints(first.joints, self._poses[step.to].joints, u), first.view

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
