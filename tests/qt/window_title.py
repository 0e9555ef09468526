"""The title a window manager shows for a Qt window of ours.

Both processes set `applicationDisplayName("Desk Break")` (qt/bootstrap.py,
qt/stats/process.py), and Qt's QPlatformWindow::formatWindowTitle then appends
" — Desk Break" to every window title that is not exactly that name (seen on X11:
"Desk Break — Statistics — Desk Break" in the review shots).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

APP_NAME = "Desk Break"


def shown_title(widget: QWidget) -> str:
    title = widget.windowTitle()
    if not title or title == APP_NAME:
        return APP_NAME
    return f"{title} \N{EM DASH} {APP_NAME}"
