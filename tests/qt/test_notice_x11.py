"""On a real X display with a real XEmbed tray (trayer, top right, as many panels are)
the warning notice keeps clear of Desk Break's tray icon.

Xvfb has no window manager, so no panel is reserved: the available geometry is the
whole screen and the notice's usual corner is exactly where trayer puts the icon.
The notice runs in its own process (the test's Qt is offscreen) and reports both
geometries as the X server has them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.xdisplay import screenshot, trayer, xvfb

pytestmark = pytest.mark.xvfb

CHILD = r"""
import json, sys
from datetime import UTC, datetime, timedelta
from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from desk_break.core.status_text import break_in
from desk_break.qt.icons import svg_icon
from desk_break.qt.notice import Countdown, Notice

app = QApplication(sys.argv)
icon = QSystemTrayIcon(svg_icon("active"))
icon.show()
notice = Notice(avoid=icon.geometry)
until = datetime.now(UTC) + timedelta(seconds=30)
waited = 0

def rect(r):
    return [r.x(), r.y(), r.width(), r.height()]

def check():
    global waited
    waited += 1
    if not icon.geometry().isValid() and waited < 100:
        return  # the tray has not embedded the icon yet
    if not notice.isVisible():
        notice.pop("", "A 60-second break.", [("start", "Start now", True)], 30,
                   Countdown(until, lambda: datetime.now(UTC), lambda s: break_in("micro", s)))
        return
    print(json.dumps({"icon": rect(icon.geometry()), "notice": rect(notice.frameGeometry()),
                      "title": notice.title.text()}), flush=True)
    poll.stop()

# The test reads the geometries, takes its screenshot, then closes our stdin: quit.
done = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
done.activated.connect(app.quit)

poll = QTimer()
poll.timeout.connect(check)
poll.start(100)
app.exec()
"""


def test_the_notice_never_covers_the_tray_icon() -> None:
    from PySide6.QtCore import QRect

    with xvfb() as display, trayer(display):
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        env.pop("WAYLAND_DISPLAY", None)
        child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            line = child.stdout.readline() if child.stdout else ""
            assert line, child.stderr.read() if child.stderr else "no output"
            screenshot(display, "notice-beside-tray")
        finally:
            if child.stdin:
                child.stdin.close()
            child.wait(timeout=20)
    seen = json.loads(line)
    icon, notice = QRect(*seen["icon"]), QRect(*seen["notice"])
    assert icon.isValid() and icon.top() < 40 and icon.right() > 1100  # trayer: top right
    assert not notice.intersects(icon), seen
    assert QRect(0, 0, 1280, 800).contains(notice)
    assert seen["title"].startswith("Break in ")
