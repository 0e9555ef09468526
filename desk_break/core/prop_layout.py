"""Where the figure's props stand (chair, wall, desk, bench, foam roller, ball, band,
floor), placed from the pose they were authored with, and the frame a move is drawn in.

Props are laid out once per move, from every pose it shows, so nothing jumps
while the figure moves. Pure geometry in world units (see core/skeleton.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from desk_break.core.catalog import Pose
from desk_break.core.skeleton import (
    HEAD_R,
    LIMB_WIDTH,
    ROLLER_R,
    TORSO_WIDTH,
    UPPER_BACK,
    Point,
    Rect,
    Skeleton,
    along,
    build_skeleton,
    direction,
)


@dataclass(frozen=True)
class PropShape:
    kind: str
    rect: Rect  # the prop's main body
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
                shapes.append(PropShape(kind, Rect(hip[0] - 24, 0, 44, seat)))
            elif kind == "wall":
                back = min(hip[0] - 6, p["mid"][0] - 6, p["shoulder"][0] - 6, sk.head[0] - HEAD_R)
                if "ball" in pose.props:
                    back -= 10
                shapes.append(PropShape(kind, Rect(back - 12, 0, 12, 200)))
            elif kind == "ball":
                chest = sk.joints["torso"] + sk.joints["upper_back"]
                spot = along(p["mid"], direction(chest), UPPER_BACK * 0.6)
                c = along(spot, direction(chest - 90), TORSO_WIDTH / 2 + 5)
                shapes.append(PropShape(kind, Rect(c[0] - 5, c[1] - 5, 10, 10)))
            elif kind == "foam_roller":
                chest = sk.joints["torso"] + sk.joints["upper_back"]
                spot = along(p["mid"], direction(chest), UPPER_BACK * 0.3)
                shapes.append(
                    PropShape(kind, Rect(spot[0] - ROLLER_R, 0, 2 * ROLLER_R, 2 * ROLLER_R))
                )
            elif kind == "bench":
                elbow = p["left_elbow"]
                top = elbow[1] - LIMB_WIDTH / 2
                shapes.append(PropShape(kind, Rect(elbow[0] - 8, 0, 62, top)))
            elif kind == "band":
                anchor = (hip[0] + 105, p["shoulder"][1] - 18)
                shapes.append(PropShape(kind, Rect(anchor[0], 0, 6, 200), (anchor,)))
            elif kind == "desk":
                shapes.append(PropShape(kind, Rect(hip[0] + 30, 0, 80, 74)))
            elif kind == "floor":
                b = sk.bounds()
                shapes.append(PropShape(kind, Rect(b.left - 6, 0, b.width + 12, 1.5)))
        else:
            if kind == "chair":
                seat = hip[1] - LIMB_WIDTH / 2 - 1.0
                shapes.append(PropShape(kind, Rect(-30, 0, 60, seat)))
            elif kind == "wall":
                shapes.append(PropShape(kind, Rect(-48, 0, 96, 205)))
            elif kind == "floor":
                shapes.append(PropShape(kind, Rect(-40, 0, 80, 1.5)))
    return shapes


def props_bounds(shapes: Iterable[PropShape]) -> Rect:
    out = Rect()
    for s in shapes:
        r = s.rect
        if s.kind == "wall":  # walls run off the top; frame only their foot
            r = Rect(r.left, 0, r.width, 1)
        if s.kind == "band":
            r = Rect(r.left, s.extra[0][1] - 5, r.width, 10)
        out = out.united(r)
    return out


@dataclass
class Scene:
    """What to paint: the props (placed once per move) and the frame in world units."""

    props: list[PropShape]
    frame: Rect


def scene_for(poses: Sequence[Pose]) -> Scene:
    """One frame and prop layout shared by every pose given (so nothing jumps)."""
    frame = Rect()
    props: list[PropShape] = []
    seen: set[str] = set()
    for pose in poses:
        sk = build_skeleton(pose.joints, pose.view)
        frame = frame.united(sk.bounds())
        for shape in place_props(pose, sk):
            if shape.kind not in seen:
                seen.add(shape.kind)
                props.append(shape)
    frame = frame.united(props_bounds(props))
    frame = frame.united(Rect(frame.left, 0, 1, 1))  # always show the floor
    return Scene(props, frame)
