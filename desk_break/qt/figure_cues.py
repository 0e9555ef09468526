"""What the figure adds to a still body: the working area softly lit, and an arrow for
where the step is going.

The arrow follows whatever moves most between the step's two poses (a hand, the
head, the chest); a twist gets a curved arrow over the shoulders and a shoulder
blade squeeze two small arrows toward the spine, because no single joint travels
far in those moves.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainterPath, QRadialGradient

from desk_break.core.skeleton import HEAD_R, SHOULDER_HALF, Point, Skeleton, side_sign
from desk_break.qt.figure_ink import Ink

_TRACKED = ("left_hand", "right_hand", "left_elbow", "right_elbow", "neck", "mid",
            "left_knee", "right_knee", "hip")


def work_spot(sk: Skeleton) -> tuple[Point, float]:
    """Where the move works and how wide: between the shoulder blades from behind,
    the upper back along the spine from the side, the chest's middle from the front."""
    p = sk.points
    if sk.view == "back":
        return (p["neck"][0], p["neck"][1] - 12.0), 15.0
    if sk.view == "front":
        return (p["neck"][0], p["neck"][1] - 14.0), 17.0
    mid, neck = p["mid"], p["neck"]
    return ((mid[0] * 0.45 + neck[0] * 0.55), (mid[1] * 0.45 + neck[1] * 0.55)), 17.0


def paint_work_area(ink: Ink, sk: Skeleton) -> None:
    centre, radius = work_spot(sk)
    grad = QRadialGradient(QPointF(*centre), radius)
    glow = QColor(ink.c.accent)
    glow.setAlphaF(0.55)
    edge = QColor(ink.c.accent)
    edge.setAlphaF(0.0)
    grad.setColorAt(0.0, glow)
    grad.setColorAt(0.55, _alpha(ink.c.accent, 0.3))
    grad.setColorAt(1.0, edge)
    ink.p.setPen(Qt.PenStyle.NoPen)
    ink.p.setBrush(grad)
    ink.p.drawEllipse(QPointF(*centre), radius, radius)


def paint_motion(ink: Ink, start: Skeleton, end: Skeleton, strength: float = 1.0) -> None:
    """An arrow from `start` toward `end` (nothing if they barely differ)."""
    color = _alpha(ink.c.accent, 0.85 * strength)
    if start.view == "back" and abs(end.joints["scapula"] - start.joints["scapula"]) > 0.3:
        inward = end.joints["scapula"] > start.joints["scapula"]
        p = end.points
        y = p["neck"][1] - 12.0
        for s in (-1.0, 1.0):
            outer, inner = p["neck"][0] + s * 24.0, p["neck"][0] + s * 13.0
            a, b = ((outer, y), (inner, y)) if inward else ((inner, y), (outer, y))
            _arrow(ink, color, a, b, bend=0.0)
        return
    turn = end.joints["twist"] - start.joints["twist"]
    if start.view == "front" and abs(turn) > 15:
        _twist_arrow(ink, color, end, turn)
        return
    best, moved = "", 0.0
    for key in _TRACKED:
        if key in start.points and key in end.points:
            d = math.dist(start.points[key], end.points[key])
            if d > moved:
                best, moved = key, d
    head_moved = math.dist(start.head, end.head)
    if head_moved > moved:
        a, b = start.head, end.head
        moved = head_moved
    elif best:
        a, b = start.points[best], end.points[best]
    if moved < 6.0:
        return
    _arrow(ink, color, *_pulled_back(a, b, 4.0), bend=0.22, away_from=_centroid(end))


def _twist_arrow(ink: Ink, color: QColor, sk: Skeleton, turn: float) -> None:
    """A flat arc over the shoulders, its head on the side the chest turns to."""
    neck = sk.points["neck"]
    cx, cy = neck[0], neck[1] + HEAD_R * 2 + 8
    rx, ry = SHOULDER_HALF + 6, 6.0
    to_right = turn > 0
    sign = side_sign("front", "right") if to_right else -side_sign("front", "right")
    pts = []
    for i in range(13):
        t = math.pi * (0.15 + 0.7 * i / 12)  # over the top, front to side
        pts.append((cx - sign * rx * math.cos(t), cy - ry * math.sin(t) + ry))
    path = QPainterPath(QPointF(*pts[0]))
    for pt in pts[1:]:
        path.lineTo(QPointF(*pt))
    ink.p.strokePath(path, ink.pen(color, 2.4))
    _head(ink, color, pts[-2], pts[-1])


def _arrow(ink: Ink, color: QColor, a: Point, b: Point, *, bend: float,
           away_from: Point | None = None) -> None:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy) or 1.0
    perp = (-dy / n, dx / n)
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    if away_from is not None:
        out = (mid[0] - away_from[0], mid[1] - away_from[1])
        if out[0] * perp[0] + out[1] * perp[1] < 0:
            perp = (-perp[0], -perp[1])
    ctrl = (mid[0] + perp[0] * n * bend, mid[1] + perp[1] * n * bend)
    path = QPainterPath(QPointF(*a))
    path.quadTo(QPointF(*ctrl), QPointF(*b))
    ink.p.strokePath(path, ink.pen(color, 2.4))
    _head(ink, color, ctrl, b)


def _head(ink: Ink, color: QColor, before: Point, tip: Point) -> None:
    ang = math.atan2(tip[1] - before[1], tip[0] - before[0])
    size = 5.5
    path = QPainterPath(QPointF(*tip))
    for da in (2.6, -2.6):
        path.lineTo(QPointF(tip[0] + size * math.cos(ang + da), tip[1] + size * math.sin(ang + da)))
    path.closeSubpath()
    ink.p.setPen(ink.pen(color, 1.2))
    ink.p.setBrush(color)
    ink.p.drawPath(path)


def _pulled_back(a: Point, b: Point, by: float) -> tuple[Point, Point]:
    """The arrow stops short of both ends, so it never sits on the joint itself."""
    n = math.dist(a, b) or 1.0
    ux, uy = (b[0] - a[0]) / n, (b[1] - a[1]) / n
    return (a[0] + ux * by, a[1] + uy * by), (b[0] - ux * by, b[1] - uy * by)


def _centroid(sk: Skeleton) -> Point:
    pts = list(sk.points.values())
    return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)


def _alpha(c: QColor, a: float) -> QColor:
    out = QColor(c)
    out.setAlphaF(max(0.0, min(1.0, a)))
    return out
