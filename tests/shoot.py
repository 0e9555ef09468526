"""Open a window as the app would, on the real display, and screenshot the screen.

    python tests/shoot.py OUTDIR break|preferences light|dark

Writes OUTDIR/<name>.png (from `import -window root`, what a person would see)
and OUTDIR/<name>.json with the window's geometry, so a test can check pixels.
Run with QT_SCALE_FACTOR=2 for the 200 % shots.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QEventLoop
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from desk_break.core.catalog import load_catalog
from desk_break.core.clock import SystemClock, local_zone
from desk_break.paths import app_paths
from desk_break.platform.autostart import NullAutostart
from desk_break.qt.break_window import BreakWindow
from desk_break.qt.preferences import PreferencesDialog
from desk_break.settings.model import Settings


def dark_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#2b2d30",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#3c3f41",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#2f7fd0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#3c3f41",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#8a8a8a",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#7a7a7a"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#7a7a7a"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#7a7a7a"))
    return p


def settle(app: QApplication, seconds: float) -> None:
    """Let the window map and paint (a script, not a test: real time is the point here)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, QDeadlineTimer(50))
        time.sleep(0.02)


def shoot(app: QApplication, window: QWidget, out: Path, name: str) -> None:
    settle(app, 0.6)
    png = out / f"{name}.png"
    subprocess.run(["import", "-window", "root", str(png)], check=True, timeout=30)
    g = window.frameGeometry()
    ratio = window.devicePixelRatioF()
    info = {"x": g.x() * ratio, "y": g.y() * ratio, "width": g.width() * ratio,
            "height": g.height() * ratio}
    (out / f"{name}.json").write_text(json.dumps(info))


def main() -> int:
    out, what, theme = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(["desk-break"])
    app.setApplicationDisplayName("Desk Break")
    app.setStyle(QStyleFactory.create("Fusion"))
    if theme == "dark":
        app.setPalette(dark_palette())
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    suffix = f"{theme}" + ("" if scale == "1" else f"-{scale}x")
    catalog, _problems = load_catalog(None)
    tz = local_zone()
    if what == "break":
        moves = [catalog.get("seated_chair_twist"), catalog.get("shoulder_blade_squeeze")]
        window = BreakWindow([m for m in moves if m], catalog, 60, "micro", SystemClock(tz), 5,
                             None, False)
        window.start()
        shoot(app, window, out, f"break-window-{suffix}")
        window.close_now()
    else:
        # Real-looking paths (as About shows them), but the dialog's own state file
        # (the page it reopens on) goes to a scratch dir, not the person's.
        scratch = Path(tempfile.mkdtemp(prefix="shoot-"))
        dialog = PreferencesDialog(Settings(), catalog, tz, app_paths(), [], NullAutostart(),
                                   state_dir=scratch)
        dialog.show()
        pages = ("breaks", "long_breaks", "work_hours", "moves", "behaviour", "presence", "about")
        for key in pages:
            dialog.show_page(key)
            shoot(app, dialog, out, f"preferences-{key}-{suffix}")
        dialog.reject()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
