"""What the tray app knows of the statistics window: whether it can open (the charts'
extra is installed) and how to start it, in a process of its own. Importing this
imports no chart library; that stays in the other process.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import cache

from PySide6.QtCore import QProcess

from desk_break.core.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

CHART_PACKAGES = ("pyqtgraph", "numpy")
INSTALL_HINT = QT_TRANSLATE_NOOP(
    "Statistics",
    "Statistics need pyqtgraph and numpy, missing from this installation: "
    "pip install pyqtgraph numpy",
)


@cache
def charts_installed() -> bool:
    """Found on the path (not imported: that is the other process's job)."""
    return all(importlib.util.find_spec(name) is not None for name in CHART_PACKAGES)


def statistics_command() -> list[str]:
    """The statistics process: it opens the window, or raises the one already open."""
    from desk_break.platform.launcher import app_command

    return app_command("--foreground", "statistics")  # the bundle's program when frozen


def open_statistics() -> bool:
    """Start the statistics process detached (no zombie, no wait); False if it could not."""
    program, *arguments = statistics_command()
    started, pid = QProcess.startDetached(program, arguments)
    if started:
        log.info("statistics window process started (pid %s)", pid)
    else:
        log.error("could not start the statistics window: %s", " ".join(statistics_command()))
    return bool(started)
