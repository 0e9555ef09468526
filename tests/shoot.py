"""Open a window as the app would, on the real display, and screenshot the screen.

    python tests/shoot.py OUTDIR break|moments|note|notice|status|preferences light|dark
        [MOVE_ID...]

Writes OUTDIR/<name>.png (from `import -window root`, what a person would see)
and OUTDIR/<name>.json with the window's geometry, so a test can check pixels.
`break` is one shot of a two-move break; `moments` walks every micro-break move
and two long breaks on a fake clock (start, a middle step, the last step, "Nice
work"), one PNG per moment, cropped to the window and a margin; `notice` is the
warning notice at two moments of its countdown, `status` the no-tray status window
while waiting, during a warning and while held. Run with
QT_SCALE_FACTOR=2 for the 200 % shots, with LANGUAGE=de for German (names end in -de).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QEventLoop
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from desk_break.core.catalog import Catalog, load_catalog
from desk_break.core.chooser import micro_eligible
from desk_break.core.clock import FakeClock, SystemClock, local_zone
from desk_break.core.moves import Move
from desk_break.paths import app_paths
from desk_break.platform.autostart import NullAutostart
from desk_break.qt.break_window import BreakWindow
from desk_break.qt.first_run import FirstRunNote
from desk_break.qt.preferences import PreferencesDialog
from desk_break.qt.translation import install_translators
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


def x11_frame(window: QWidget) -> list[float] | None:
    """The window's frame as the X server has it (the WM's decorations included), in
    device pixels: the client's absolute position grown by _NET_FRAME_EXTENTS."""
    if QApplication.platformName() != "xcb" or shutil.which("xwininfo") is None:
        return None
    wid = str(int(window.winId()))
    info = subprocess.run(["xwininfo", "-id", wid], capture_output=True, text=True,
                          check=False).stdout
    values = dict(re.findall(r"^\s*(Absolute upper-left [XY]|Width|Height):\s*(-?\d+)", info,
                             re.MULTILINE))
    if len(values) < 4:
        return None
    extents = subprocess.run(["xprop", "-id", wid, "_NET_FRAME_EXTENTS"], capture_output=True,
                             text=True, check=False).stdout
    numbers = [float(n) for n in re.findall(r"-?\d+", extents.partition("=")[2])]
    left, right, top, bottom = numbers if len(numbers) == 4 else (0.0, 0.0, 0.0, 0.0)
    x, y = float(values["Absolute upper-left X"]), float(values["Absolute upper-left Y"])
    return [x - left, y - top, float(values["Width"]) + left + right,
            float(values["Height"]) + top + bottom]


def shoot(app: QApplication, window: QWidget, out: Path, name: str, *, crop: bool = False,
          wait: float = 0.6) -> None:
    settle(app, wait)
    png = out / f"{name}.png"
    g = window.frameGeometry()
    ratio = window.devicePixelRatioF()
    info: dict[str, object] = {
        "x": g.x() * ratio, "y": g.y() * ratio, "width": g.width() * ratio,
        "height": g.height() * ratio,
    }
    screen = window.screen()
    if screen is not None:  # where the frame is on the screen, in device pixels
        a = screen.availableGeometry()
        c = window.geometry()
        info["contents"] = [c.x() * ratio, c.y() * ratio, c.width() * ratio, c.height() * ratio]
        frame = x11_frame(window)
        info["frame"] = frame or [g.x() * ratio, g.y() * ratio, g.width() * ratio,
                                  g.height() * ratio]
        info["available"] = [a.x() * ratio, a.y() * ratio, a.width() * ratio,
                             a.height() * ratio]
    command = ["import", "-window", "root"]
    if crop:  # the window and a margin of the desktop around it
        margin = 24
        left, top = g.x() * ratio, g.y() * ratio
        x, y = max(0.0, left - margin), max(0.0, top - margin)
        width, height = g.width() * ratio + 2 * margin, g.height() * ratio + 2 * margin
        command += ["-crop", f"{width:.0f}x{height:.0f}+{x:.0f}+{y:.0f}", "+repage"]
        info = {**info, "x": left - x, "y": top - y}
    subprocess.run([*command, str(png)], check=True, timeout=30)
    (out / f"{name}.json").write_text(json.dumps(info))


def long_breaks(catalog: Catalog) -> dict[str, list[Move]]:
    """Two long breaks as the chooser makes them: standing moves, and floor moves."""
    picks = {
        "long-standing": ["wall_angels", "overhead_opener", "shoulder_external_rotation"],
        "long-floor": ["childs_pose", "cat_cow", "prone_on_elbows",
                       "foam_roller_thoracic_extension"],
    }
    return {name: [m for i in ids if (m := catalog.get(i)) is not None]
            for name, ids in picks.items()}


def moments(app: QApplication, out: Path, suffix: str, catalog: Catalog,
            only: list[str]) -> None:
    """Several moments of every micro-break move and two long breaks, on a fake clock."""
    scenarios: list[tuple[str, list[Move], str]] = [
        (move.id, [move], "micro") for move in catalog.moves.values() if micro_eligible(move)
    ]
    scenarios += [(name, moves, "long") for name, moves in long_breaks(catalog).items()]
    named = {name for name, _m, _k in scenarios}
    # Any other move named on the command line: on its own, as a long break shows it.
    scenarios += [(i, [m], "long") for i in only if i not in named and (m := catalog.get(i))]
    for name, moves, kind in scenarios:
        if only and name not in only:
            continue
        clock = FakeClock(datetime(2026, 3, 3, 10, 0, tzinfo=UTC))
        total = sum(m.seconds for m in moves)
        window = BreakWindow(moves, catalog, total, kind, clock, 5, None, False,  # type: ignore[arg-type]
                             minutes_today=9)
        window.start()
        segments = window.plan.segments
        picks = {"1-start": 0, "2-middle": len(segments) // 2, "3-last": len(segments) - 1}
        at = 0.0
        for label, index in picks.items():
            segment = segments[index]
            moment = segment.start + min(segment.seconds * 0.6, segment.seconds - 0.2)
            clock.advance(moment - at)
            at = moment
            window.refresh()
            window._figure.set_progress(moment - segment.start)
            window._figure.stop()  # hold the pose the clock says, for the shot
            shoot(app, window, out, f"moment-{name}-{label}-{suffix}", crop=True, wait=0.25)
        clock.advance(segments[-1].end - at)
        window.refresh()  # "Nice work"
        shoot(app, window, out, f"moment-{name}-4-done-{suffix}", crop=True, wait=0.25)
        window.close_now()


def notice_moments(app: QApplication, out: Path, suffix: str) -> None:
    """The warning notice 30 s and 4 s before its break, on a fake clock."""
    from desk_break.core.i18n import arg, translate
    from desk_break.core.status_text import break_in
    from desk_break.qt.notice import Countdown, Notice

    clock = FakeClock(datetime(2026, 3, 3, 10, 0, tzinfo=UTC))
    due = clock.now() + timedelta(seconds=30)
    notice = Notice()
    what = arg(translate("App", "A %1-second break to move your back."), 60)  # as the app says
    actions = [("snooze", arg(translate("App", "Snooze %1 min"), 5), True),
               ("start", translate("App", "Start now"), True)]
    notice.pop("", what, actions, 30,
               Countdown(due, clock.now, lambda s: break_in("micro", s)))
    shoot(app, notice, out, f"notice-30s-{suffix}", crop=True)
    clock.advance(26)
    notice._on_tick()  # what its one-second timer does
    shoot(app, notice, out, f"notice-4s-{suffix}", crop=True)
    notice.hide()


def status_windows(app: QApplication, out: Path, suffix: str) -> None:
    """The status window (no tray) in three states of a real engine on a fake clock."""
    from desk_break.core.engine import BreakEngine
    from desk_break.core.status_text import status_line
    from desk_break.qt.actions import menu_entries
    from desk_break.qt.icons import state_icon
    from desk_break.qt.status_window import StatusWindow

    tz = local_zone()
    clock = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=tz))  # a Monday, work hours
    engine = BreakEngine(Settings(), clock)
    window = StatusWindow(lambda: menu_entries(engine))
    window.show()

    def show(name: str) -> None:
        e = engine
        window.set_status(state_icon(e.state), status_line(
            e.state, clock.now(), e.next_break, e.paused_until, e.current_break, e.held_by))
        shoot(app, window, out, f"status-{name}-{suffix}", crop=True)

    engine.tick()
    show("waiting")
    clock.advance(29 * 60 + 33)
    engine.tick()
    show("warning")
    engine.set_holds(["camera"])
    show("held")
    window.quitting = True
    window.close()


def main() -> int:
    out, what, theme = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(["desk-break"])
    app.setApplicationDisplayName("Desk Break")
    app.setStyle(QStyleFactory.create("Fusion"))
    if theme == "dark":
        app.setPalette(dark_palette())
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    language = install_translators()  # LANGUAGE=de python tests/shoot.py ... for German
    suffix = f"{theme}" + ("" if scale == "1" else f"-{scale}x")
    suffix += "" if language == "en" else f"-{language}"
    catalog, _problems = load_catalog(None)
    tz = local_zone()
    if what == "note":
        note = FirstRunNote()
        note.show()
        shoot(app, note, out, f"first-run-note-{suffix}", crop=True)
        note.accept()
    elif what == "notice":
        notice_moments(app, out, suffix)
    elif what == "status":
        status_windows(app, out, suffix)
    elif what == "moments":
        moments(app, out, suffix, catalog, sys.argv[4:])
    elif what == "break":
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
        pages = ("breaks", "long_breaks", "work_hours", "moves", "behaviour", "presence",
                 "history", "about")
        for key in pages:
            dialog.show_page(key)
            shoot(app, dialog, out, f"preferences-{key}-{suffix}")
        dialog.reject()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
