"""Open the statistics window as its process would, on the real display, and screenshot it.

    python tests/shoot_statistics.py OUTDIR NAME=HISTORY... SHOT...

Each NAME=HISTORY names a history file (a path with no file shows the empty state).
Each SHOT is NAME:THEME:RANGE:PART, e.g. `years:dark:90:bottom`: that history's window
in the light or dark palette (switched live, as a desktop does), showing 7, 30 or 90
days, at the top (as it opens), scrolled half way (middle) or to the bottom. Writes
OUTDIR/statistics-NAME-RANGE-PART-THEME[-2x].png and its .json geometry. Run with
QT_SCALE_FACTOR=2 for the 200 % shots.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from desk_break.core.catalog import load_catalog
from desk_break.qt.stats.process import fit_to_screen
from desk_break.qt.stats.window import StatisticsWindow, StatsSource
from desk_break.qt.translation import install_translators
from tests.qt.stats_histories import TODAY
from tests.shoot import dark_palette, settle, shoot


def main() -> int:
    out = Path(sys.argv[1])
    histories = dict(a.split("=", 1) for a in sys.argv[2:] if "=" in a)
    shots = [a.split(":") for a in sys.argv[2:] if "=" not in a]
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(["desk-break"])
    app.setApplicationDisplayName("Desk Break")
    app.setStyle(QStyleFactory.create("Fusion"))
    light = QPalette(app.palette())
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    language = install_translators()  # LANGUAGE=de for German (names end in -de)
    catalog, _problems = load_catalog(None)
    windows: dict[str, StatisticsWindow] = {}
    for name, theme, days, part in shots:
        app.setPalette(dark_palette() if theme == "dark" else light)
        window = windows.get(name)
        if window is None:
            started = time.perf_counter()
            source = StatsSource(Path(histories[name]), 80, today=lambda: TODAY,
                                 move_names={m.id: m.name for m in catalog.moves.values()},
                                 focus_of={m.id: m.focus for m in catalog.moves.values()})
            window = windows[name] = StatisticsWindow(source)
            fit_to_screen(window)
            window.move(0, 0)
            window.show()
            settle(app, 0.05)
            print(f"{name}: opened in {time.perf_counter() - started:.2f} s", file=sys.stderr)
        for other in windows.values():
            if other is not window:
                other.hide()
        window.show()
        window.raise_()
        window.set_range(int(days))
        bar = window.scroller.verticalScrollBar()
        bar.setValue({"top": 0, "middle": bar.maximum() // 2}.get(part, bar.maximum()))
        suffix = theme + ("" if scale == "1" else f"-{scale}x")
        suffix += "" if language == "en" else f"-{language}"
        shoot(app, window, out, f"statistics-{name}-{days}-{part}-{suffix}", crop=True, wait=0.3)
    for window in windows.values():
        window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
