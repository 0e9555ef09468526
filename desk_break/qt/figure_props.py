"""Painting the props a move uses (chair, wall, floor, desk, bench, foam roller, ball,
band) where core/prop_layout.py placed them, in the figure's line style."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt

from desk_break.core.prop_layout import PropShape
from desk_break.core.skeleton import Skeleton
from desk_break.qt.figure_ink import Ink, qrect


def paint_props(ink: Ink, shapes: Sequence[PropShape], view: str, front: bool) -> None:
    """Props behind the figure (`front` False) or over it (`front` True)."""
    c = ink.c
    for s in shapes:
        r = s.rect
        if front != (s.kind in ("band",)):
            continue
        if s.kind == "chair" and view == "side":
            seat = r.bottom
            # A low backrest: a lean back over the chair reads over its top edge.
            ink.line(c.prop_line, 3.0, (r.left + 2, 0), (r.left + 2, seat + 30))
            ink.line(c.prop_line, 3.0, (r.right - 2, 0), (r.right - 2, seat))
            ink.line(c.prop_line, 4.5, (r.left + 2, seat), (r.right, seat))
        elif s.kind == "chair":
            seat = r.bottom
            if view == "front":  # from behind, the backrest would hide the back
                back = QRectF(r.left + 3, seat, r.width - 6, 44)
                ink.p.setPen(ink.pen(c.prop_line, 2.5))
                ink.p.setBrush(c.prop_fill)
                ink.p.drawRoundedRect(back, 4, 4)
            ink.line(c.prop_line, 3.0, (r.left + 3, 0), (r.left + 3, seat))
            ink.line(c.prop_line, 3.0, (r.right - 3, 0), (r.right - 3, seat))
            ink.line(c.prop_line, 4.5, (r.left, seat), (r.right, seat))
        elif s.kind == "wall":
            ink.p.setPen(Qt.PenStyle.NoPen)
            ink.p.setBrush(c.prop_fill)
            ink.p.drawRect(qrect(r))
            if view == "side":
                ink.line(c.prop_line, 2.0, (r.right, 0), (r.right, r.bottom))
        elif s.kind == "floor":
            ink.p.setPen(Qt.PenStyle.NoPen)
            ink.p.setBrush(c.prop_fill)
            ink.p.drawRoundedRect(QRectF(r.left, 0, r.width, 2.2), 1, 1)
        elif s.kind == "ball":
            ink.dot(c.accent, r.center, r.width / 2)
        elif s.kind == "foam_roller":
            center = r.center
            ink.p.setPen(ink.pen(c.prop_line, 2.5))
            ink.p.setBrush(c.prop_fill)
            ink.p.drawEllipse(QPointF(*center), r.width / 2, r.width / 2)
            ink.p.drawEllipse(QPointF(*center), r.width / 5, r.width / 5)
        elif s.kind == "bench":
            top = r.bottom
            ink.p.setPen(ink.pen(c.prop_line, 2.5))
            ink.p.setBrush(c.prop_fill)
            ink.p.drawRoundedRect(QRectF(r.left, top - 6, r.width, 6), 2, 2)
            ink.line(c.prop_line, 3.0, (r.left + 6, 0), (r.left + 6, top - 6))
            ink.line(c.prop_line, 3.0, (r.right - 6, 0), (r.right - 6, top - 6))
        elif s.kind == "desk":
            top = r.bottom
            ink.line(c.prop_line, 4.5, (r.left, top), (r.right, top))
            ink.line(c.prop_line, 3.0, (r.left + 4, 0), (r.left + 4, top))
            ink.line(c.prop_line, 3.0, (r.right - 4, 0), (r.right - 4, top))
        elif s.kind == "band":
            anchor = s.extra[0]
            ink.line(c.prop_line, 3.0, (anchor[0] + 4, 0), (anchor[0] + 4, 190))
            ink.dot(c.prop_line, (anchor[0] + 2, anchor[1]), 2.2)


def paint_band(ink: Ink, shapes: Sequence[PropShape], sk: Skeleton) -> None:
    """The band's two strands, from its anchor to the hands (over the figure)."""
    for s in shapes:
        if s.kind == "band":
            anchor = s.extra[0]
            for side in ("right", "left"):
                ink.line(ink.c.accent, 2.2, (anchor[0] + 2, anchor[1]), sk.points[f"{side}_hand"])
