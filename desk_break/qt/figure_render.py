"""Moves as pictures outside the app: each move's keyframes side by side, with its name
and the cue that brings the figure to each, for `desk-break moves --render DIR`.

The sheets feed the README gallery and the AppStream screenshots, and are how the
figures get reviewed; they paint with the same code as the break window, so what
is reviewed is what people see. Needs only a QGuiApplication (the offscreen
platform does), never a display.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter

from desk_break.core.catalog import Catalog, Pose
from desk_break.core.motion import move_poses, poses_of
from desk_break.core.moves import Move
from desk_break.core.prop_layout import scene_for
from desk_break.qt.figure import paint_pose
from desk_break.qt.figure_ink import FigureColors, figure_palette, mix

PANEL = 300  # logical px per keyframe: about the size the break window shows
TITLE_H = 56
CUE_H = 64
GAP = 12


def keyframe_cues(move: Move, poses: Mapping[str, Pose]) -> list[tuple[Pose, str]]:
    """Each pose the move shows with the cue of the first step that brings the figure
    there (a still step's cue for its own pose)."""
    out: dict[str, str] = {}
    for step in move.steps:
        target = step.to or step.pose
        out.setdefault(target, step.cue)
    shown = move_poses(move, poses)
    return [(pose, out.get(pose.name, "Starting position")) for pose in shown]


def render_move_sheet(
    catalog: Catalog | Mapping[str, Pose], move: Move, *, dark: bool = False, scale: float = 2.0
) -> QImage:
    """One image: the move's name over its keyframes side by side, each with its cue."""
    poses = poses_of(catalog)
    frames = keyframe_cues(move, poses)
    colors = FigureColors.from_palette(figure_palette(dark))
    width = GAP + len(frames) * (PANEL + GAP)
    height = TITLE_H + PANEL + CUE_H + GAP
    image = QImage(QSize(round(width * scale), round(height * scale)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(colors.background)
    scene = scene_for(move_poses(move, poses))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        title = QFont()
        title.setPixelSize(22)
        title.setWeight(QFont.Weight.DemiBold)
        painter.setFont(title)
        painter.setPen(colors.figure)
        painter.drawText(QRectF(GAP, 8, width - 2 * GAP, TITLE_H - 12),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, move.name)
        cue_font = QFont()
        cue_font.setPixelSize(14)
        panel_bg = mix(colors.background, colors.figure, 0.04)
        for i, (pose, cue) in enumerate(frames):
            x = GAP + i * (PANEL + GAP)
            panel = QRectF(x, TITLE_H, PANEL, PANEL)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(panel_bg)
            painter.drawRoundedRect(panel, 10, 10)
            came_from = frames[i - 1][0] if i else None
            painter.save()
            painter.setClipRect(panel)  # walls and band posts run off the top
            paint_pose(painter, panel.adjusted(8, 8, -8, -8), scene, pose.joints, pose.view,
                       colors, came_from)
            painter.restore()
            painter.setFont(cue_font)
            painter.setPen(mix(colors.figure, colors.background, 0.2))
            painter.drawText(
                QRectF(x + 4, TITLE_H + PANEL + 6, PANEL - 8, CUE_H - 6),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                f"{i + 1}. {cue}",
            )
    finally:
        painter.end()
    return image


def write_move_sheets(
    catalog: Catalog, directory: Path, *, dark: bool = False, scale: float = 2.0
) -> list[Path]:
    """A PNG per move, named by move id, in `directory` (made if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for move in catalog:
        path = directory / f"{move.id}.png"
        if not render_move_sheet(catalog, move, dark=dark, scale=scale).save(str(path)):
            raise OSError(f"could not write {path}")
        written.append(path)
    return written


def ensure_gui_app() -> QGuiApplication:
    """The running application, or an offscreen one (no display needed)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(["desk-break"])
