"""Painting the body: a head with a face that shows where it looks, a neck, a ribcage
and pelvis with volume, and tapered limbs, in side, front and back view.

Monochrome like a pictogram, but the face is a lighter patch on the head (hair
behind it), so "look up", "chin to chest" and "turn your head" read at a glance
without eye dots; the chest carries a centre line that swings with a twist, and
the back view shows the shoulder blades as shapes that clearly slide together.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPainterPath

from desk_break.core.skeleton import (
    HEAD_R,
    LIMB_WIDTH,
    NECK,
    SHOULDER_HALF,
    Point,
    Skeleton,
    along,
    direction,
    side_sign,
)
from desk_break.qt.figure_ink import Ink, mix

UPPER_ARM_W = LIMB_WIDTH + 0.5
FOREARM_W = LIMB_WIDTH - 0.8
THIGH_W = LIMB_WIDTH + 1.5
SHIN_W = LIMB_WIDTH
FOOT_W = LIMB_WIDTH * 0.75
HAND_R = 3.6


def ellipse(center: Point, axis: Point, a: float, b: float, steps: int = 28) -> QPainterPath:
    """An ellipse with radius `a` along the unit vector `axis` and `b` across it."""
    ux, uy = axis
    vx, vy = -uy, ux
    path = QPainterPath()
    for i in range(steps):
        t = 2 * math.pi * i / steps
        ca, sb = a * math.cos(t), b * math.sin(t)
        pt = QPointF(center[0] + ux * ca + vx * sb, center[1] + uy * ca + vy * sb)
        if i == 0:
            path.moveTo(pt)
        else:
            path.lineTo(pt)
    path.closeSubpath()
    return path


class BodyInk(Ink):
    """Draws one skeleton; `main`/`far` colours are passed per part."""

    def fill(self, path: QPainterPath, color: QColor, outline: QColor | None = None,
             width: float = 1.5) -> None:
        if outline is None:
            self.p.setPen(self.pen(color, 0.6))
        else:
            self.p.setPen(self.pen(outline, width))
        self.p.setBrush(color)
        self.p.drawPath(path)

    # limbs ---------------------------------------------------------------

    def arm(self, sk: Skeleton, side: str, color: QColor, *, halo: bool = False) -> None:
        p = sk.points
        s, e, h = p[f"{side}_shoulder"], p[f"{side}_elbow"], p[f"{side}_hand"]
        if halo:
            bg = self.c.background
            self.line(bg, UPPER_ARM_W + 3.0, s, e)
            self.line(bg, FOREARM_W + 3.0, e, h)
            self.dot(bg, h, HAND_R + 1.5)
        self.line(color, UPPER_ARM_W, s, e)
        self.line(color, FOREARM_W, e, h)
        self.dot(color, e, UPPER_ARM_W * 0.5)
        self.dot(color, h, HAND_R)

    def leg(self, sk: Skeleton, side: str, color: QColor, *, halo: bool = False) -> None:
        p = sk.points
        hip, knee, ankle, toe = (p[f"{side}_{k}"] for k in ("hip", "knee", "ankle", "toe"))
        if halo:
            bg = self.c.background
            self.line(bg, THIGH_W + 3.0, knee, along(knee, _unit(knee, hip), 12))
            self.line(bg, SHIN_W + 3.0, knee, ankle)
            self.line(bg, FOOT_W + 3.0, ankle, toe)
        self.line(color, THIGH_W, hip, knee)
        self.line(color, SHIN_W, knee, ankle)
        self.line(color, FOOT_W, ankle, toe)
        self.dot(color, knee, THIGH_W * 0.5)

    # head ----------------------------------------------------------------

    def head(self, sk: Skeleton, color: QColor, *, face: bool, halo: bool) -> None:
        p = sk.points
        up = direction(sk.head_angle) if sk.view == "side" else (0.0, 1.0)
        base = p["neck"]
        neck_top = along(base, up, NECK + 3)
        self.line(color, LIMB_WIDTH - 0.5, base, neck_top)
        outline = self.c.background if halo else None
        shape = ellipse(sk.head, up, HEAD_R * 1.06, HEAD_R * 0.92)
        self.fill(shape, color, outline, 2.4)
        if not face:
            return
        skin = mix(color, self.c.background, 0.62)
        if sk.view == "side":
            # `head_turn` < 0 turns the face toward us (the figure's left, the near
            # side), > 0 away, until only hair shows.
            toward = math.radians(-sk.joints["head_turn"])
            fwd = direction(sk.head_angle + 90)
            centre = along(along(sk.head, fwd, HEAD_R * 0.42 * math.cos(toward)), up,
                           -HEAD_R * 0.16)
            across = HEAD_R * (0.44 + 0.18 * math.sin(toward)) if toward >= 0 else (
                HEAD_R * 0.44 * (1 + math.sin(toward)))
            if across > 0.8:
                self.fill(ellipse(centre, up, HEAD_R * 0.6, across), skin)
            if abs(toward) < math.radians(45):
                nose = along(along(sk.head, fwd, HEAD_R * 0.86), up, -HEAD_R * 0.14)
                self.dot(skin, nose, 1.7)
        elif sk.view == "front":
            turn = math.radians(sk.joints["head_turn"])
            sign_r = side_sign("front", "right")
            dx = sign_r * math.sin(turn) * HEAD_R * 0.5
            centre = (sk.head[0] + dx, sk.head[1] - HEAD_R * 0.14)
            width = HEAD_R * (0.3 + 0.32 * math.cos(turn))
            self.fill(ellipse(centre, (0.0, 1.0), HEAD_R * 0.64, width), skin)
            if abs(sk.joints["head_turn"]) > 20:
                nose = (sk.head[0] + sign_r * math.sin(turn) * HEAD_R * 0.9,
                        sk.head[1] - HEAD_R * 0.14)
                self.dot(skin, nose, 1.7)

    # trunk ---------------------------------------------------------------

    def trunk_side(self, sk: Skeleton, color: QColor) -> None:
        p = sk.points
        hip, mid, neck = p["hip"], p["mid"], p["neck"]
        path = QPainterPath(QPointF(*hip))
        cx = 2 * mid[0] - (hip[0] + neck[0]) / 2
        cy = 2 * mid[1] - (hip[1] + neck[1]) / 2
        path.quadTo(QPointF(cx, cy), QPointF(*neck))
        self.p.strokePath(path, self.pen(color, 10.0))
        low = _unit(hip, mid)
        self.fill(ellipse(along(hip, low, 3.0), low, 7.5, 8.0), color)
        chest_dir = _unit(mid, neck)
        fwd = (chest_dir[1], -chest_dir[0])  # the body faces +x: forward is clockwise
        centre = along(along(mid, chest_dir, 14.0), fwd, 2.5)
        self.fill(ellipse(centre, chest_dir, 13.5, 9.5), color)
        self.dot(color, p["shoulder"], 5.2)
        opened = -sk.joints["twist"]  # > 0: the chest turns open toward us
        if opened > 5:
            # The front of the chest comes into view: a lighter panel and breastbone.
            amount = math.sin(math.radians(min(90.0, opened)))
            front = along(centre, fwd, 9.5 * (1 - amount * 0.55))
            self.fill(ellipse(front, chest_dir, 11.5, 8.0 * amount),
                      mix(self.c.figure, self.c.background, 0.3))

    def trunk_front(self, sk: Skeleton, color: QColor) -> None:
        p = sk.points
        ls, rs = p["left_shoulder"], p["right_shoulder"]
        lh, rh = p["left_hip"], p["right_hip"]
        mid, neck = p["mid"], p["neck"]
        twist = math.radians(sk.joints["twist"])
        waist = 10.5 * (0.85 + 0.15 * math.cos(twist))
        sl, sr = side_sign(sk.view, "left"), side_sign(sk.view, "right")
        path = QPainterPath(QPointF(*ls))
        path.quadTo(QPointF(neck[0], neck[1] + 1.5), QPointF(*rs))
        path.lineTo(QPointF(rs[0], rs[1] - 8))
        path.quadTo(QPointF(mid[0] + sr * waist, mid[1] + 4), QPointF(mid[0] + sr * waist,
                                                                     mid[1] - 2))
        path.lineTo(QPointF(rh[0] + sr * 4, rh[1] + 3))
        path.lineTo(QPointF(lh[0] + sl * 4, lh[1] + 3))
        path.lineTo(QPointF(mid[0] + sl * waist, mid[1] - 2))
        path.quadTo(QPointF(mid[0] + sl * waist, mid[1] + 4), QPointF(ls[0], ls[1] - 8))
        path.closeSubpath()
        self.fill(path, color, color, 5.0)
        self.fill(ellipse((p["hip"][0], p["hip"][1] + 1), (1.0, 0.0), HIP_W, 7.5), color)
        for side in ("left", "right"):
            self.dot(color, p[f"{side}_shoulder"], 5.4)
        if sk.view == "front":
            self.flank(sk)
            self.chest_line(sk)

    def flank(self, sk: Skeleton) -> None:
        """The side of the chest that turns toward the viewer in a twist, in a lighter
        tone, so the turn reads as a three-quarter view."""
        twist = sk.joints["twist"]
        if abs(twist) < 5:
            return
        p = sk.points
        side = "left" if twist > 0 else "right"  # turning right brings the left side round
        s = side_sign("front", side)
        amount = math.sin(math.radians(abs(twist)))
        sh, mid = p[f"{side}_shoulder"], p["mid"]
        outer = sh[0] + s * 1.5
        inner = sh[0] - s * (2.0 + 7.0 * amount)
        path = QPainterPath(QPointF(outer, sh[1] - 3))
        path.lineTo(QPointF(inner, sh[1] - 3))
        path.quadTo(QPointF(inner, mid[1]), QPointF(mid[0] + s * 4.0, mid[1] - 4))
        path.lineTo(QPointF(mid[0] + s * 10.0, mid[1] - 2))
        path.closeSubpath()
        self.fill(path, mix(self.c.figure, self.c.background, 0.3))

    def chest_line(self, sk: Skeleton) -> None:
        """The breastbone: swings toward the turn at the top, stays over the hips below,
        so a twist reads as the chest turning on a still pelvis."""
        p = sk.points
        twist = math.radians(sk.joints["twist"])
        sign_r = side_sign("front", "right")
        top = (p["neck"][0] + sign_r * math.sin(twist) * SHOULDER_HALF * 0.75, p["neck"][1] - 6)
        low = (p["mid"][0], p["mid"][1] - 6)
        ctrl = (top[0], (top[1] + low[1]) / 2)
        line = mix(self.c.figure, self.c.background, 0.55)
        path = QPainterPath(QPointF(*top))
        path.quadTo(QPointF(*ctrl), QPointF(*low))
        self.p.strokePath(path, self.pen(line, 1.6))

    def scapulae(self, sk: Skeleton) -> None:
        """Shoulder blades as pale shapes either side of the spine: wide apart at rest,
        drawn in to the spine when squeezed."""
        p = sk.points
        squeeze = max(0.0, sk.joints["scapula"])
        gap = 10.0 - 8.0 * squeeze  # inner edge's distance from the spine
        spine_x, top = p["neck"][0], p["neck"][1] - 6.0
        pale = mix(self.c.figure, self.c.background, 0.5)
        self.line(pale, 1.5, (spine_x, top), (spine_x, p["mid"][1] - 4))
        for s in (-1.0, 1.0):
            inner = spine_x + s * gap
            # A blade: its inner edge near upright along the spine, the top edge out to
            # the shoulder, the outer edge back down to the tip.
            path = QPainterPath(QPointF(inner, top - 1))
            path.lineTo(QPointF(inner + s * 8.5, top))
            path.lineTo(QPointF(inner + s * 2.5, top - 15.0))
            path.lineTo(QPointF(inner + s * 0.5, top - 14.0))
            path.closeSubpath()
            self.fill(path, pale, pale, 2.6)


HIP_W = 13.0


def _unit(a: Point, b: Point) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    return dx / n, dy / n
