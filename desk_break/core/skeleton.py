"""The figure's body model: a pose's joint angles turned into points, without Qt.

Units are about a centimetre, y points up and the floor is at 0. A pose's angles
(degrees from straight up, 90 = forward) and reaches (0-1.2 of a limb's length,
shorter as it points toward the viewer) place each joint;
the skeleton is then grounded so its lowest part touches the floor. Kept apart
from painting so the maths is tested without a display.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

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


def direction(angle: float) -> Point:
    """Unit vector of `angle` degrees from straight up, turning toward +x."""
    rad = math.radians(angle)
    return math.sin(rad), math.cos(rad)


def along(p: Point, d: Point, length: float) -> Point:
    """`p` moved `length` along direction `d`."""
    return p[0] + d[0] * length, p[1] + d[1] * length


@dataclass(frozen=True)
class Rect:
    """An axis-aligned box in world units, with QRectF's arithmetic (so the figure
    lands on the same pixels): `y` is its low edge, `bottom` = y + height."""

    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0

    @property
    def left(self) -> float:
        return self.x

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def top(self) -> float:
        return self.y

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> Point:
        return self.x + self.width / 2, self.y + self.height / 2

    def is_null(self) -> bool:
        return self.width == 0 and self.height == 0

    def united(self, other: Rect) -> Rect:
        """The box holding both; a null box (QRectF()) adds nothing."""
        if self.is_null():
            return other
        if other.is_null():
            return self
        left, right = _span(self.x, self.width)
        o_left, o_right = _span(other.x, other.width)
        top, bottom = _span(self.y, self.height)
        o_top, o_bottom = _span(other.y, other.height)
        left, right = min(left, o_left), max(right, o_right)
        top, bottom = min(top, o_top), max(bottom, o_bottom)
        return Rect(left, top, right - left, bottom - top)


def _span(start: float, size: float) -> tuple[float, float]:
    return (start + size, start) if size < 0 else (start, start + size)


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

    def bounds(self) -> Rect:
        xs = [p[0] for p in self.points.values()] + [self.head[0] - HEAD_R, self.head[0] + HEAD_R]
        ys = [p[1] for p in self.points.values()] + [self.head[1] - HEAD_R, self.head[1] + HEAD_R]
        pad = LIMB_WIDTH
        return Rect(
            min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad
        )


def side_sign(view: str, side: str) -> float:
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
        mid = along(hip, direction(j["torso"]), LOWER_BACK)
        chest = j["torso"] + j["upper_back"]
        neck = along(mid, direction(chest), UPPER_BACK)
        shoulder = along(mid, direction(chest), UPPER_BACK - 4.0)
        pts.update(mid=mid, neck=neck, shoulder=shoulder)
        sk.head_angle = chest + j["head"]
        sk.head = along(neck, direction(sk.head_angle), NECK + HEAD_R)
        for side in ("left", "right"):
            pts[f"{side}_shoulder"] = shoulder
            pts[f"{side}_hip"] = hip
    else:
        sign_r = side_sign(view, "right")
        lean = (sign_r * math.sin(math.radians(j["torso"])), math.cos(math.radians(j["torso"])))
        mid = along(hip, lean, LOWER_BACK)
        neck = along(mid, lean, UPPER_BACK)
        pts.update(hip=hip, mid=mid, neck=neck)
        twist = math.radians(j["twist"])
        half = SHOULDER_HALF * math.cos(twist)
        toward = 1.0 if view == "front" else -1.0
        for side in ("left", "right"):
            s = side_sign(view, side)
            pts[f"{side}_shoulder"] = (neck[0] + s * half, neck[1] - 4.0)
            pts[f"{side}_hip"] = (s * HIP_HALF, 0.0)
            depth = math.sin(twist) * (1.0 if side == "left" else -1.0) * toward
            sk.depth[side] = depth
        sk.head_angle = 0.0
        sk.head = along(neck, (0.0, 1.0), NECK + HEAD_R)
    for side in ("left", "right"):
        s = side_sign(view, side) if view != "side" else 1.0

        def limb_dir(angle: float, s: float = s) -> Point:
            d = direction(angle)
            return (d[0] * s, d[1])

        shoulder = pts[f"{side}_shoulder"]
        elbow = along(
            shoulder, limb_dir(j[f"{side}_upper_arm"]), UPPER_ARM * j[f"{side}_upper_arm_reach"]
        )
        hand = along(elbow, limb_dir(j[f"{side}_forearm"]), FOREARM * j[f"{side}_forearm_reach"])
        knee = along(
            pts[f"{side}_hip"], limb_dir(j[f"{side}_thigh"]), THIGH * j[f"{side}_thigh_reach"]
        )
        ankle = along(knee, limb_dir(j[f"{side}_shin"]), SHIN * j[f"{side}_shin_reach"])
        foot_len = FOOT if view == "side" else FOOT * 0.45
        toe = along(ankle, limb_dir(j[f"{side}_foot"]), foot_len)
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
