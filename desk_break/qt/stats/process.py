"""The statistics window's process: `desk-break --foreground statistics`.

One window at a time, as the tray app itself is one instance: the same QLockFile
guard and control server (desk_break/ipc/server.py), on their own runtime files
(`statistics.lock`, `statistics.sock`). A second launch finds the lock held, asks
the first to "activate" (raise its window and read again) and exits 0.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from desk_break import __version__
from desk_break.core.i18n import arg, translate
from desk_break.ipc import client
from desk_break.ipc.protocol import BAD_REQUEST, Reply, Request
from desk_break.ipc.server import AlreadyRunning, ControlServer, InstanceGuard
from desk_break.logging_setup import detach_stderr
from desk_break.paths import AppPaths, UnusablePath, ensure_private_dir
from desk_break.qt.timers import call_later

if TYPE_CHECKING:
    from desk_break.qt.stats.window import StatisticsWindow

log = logging.getLogger(__name__)

HANDOVER_SECONDS = 5.0  # a second launch waits this long for the first to answer


def goal_percent(paths: AppPaths) -> int:
    from desk_break.settings.store import load_settings

    return load_settings(paths.settings_file).settings.statistics.daily_goal_percent


def make_window(paths: AppPaths) -> StatisticsWindow:
    """The window on this person's history, catalog names and goal."""
    from desk_break.core.catalog import load_catalog
    from desk_break.core.clock import local_zone
    from desk_break.qt.stats.window import StatisticsWindow, StatsSource

    catalog, _problems = load_catalog(paths.user_moves_file)
    tz = local_zone()
    source = StatsSource(
        history=paths.history_db,
        goal_percent=goal_percent(paths),
        today=lambda: datetime.now(tz).date(),
        move_names={m.id: m.name for m in catalog.moves.values()},
        focus_of={m.id: m.focus for m in catalog.moves.values()},
    )
    return StatisticsWindow(source)


def hand_over(paths: AppPaths) -> int:
    """Another statistics process holds the lock: ask it to raise its window."""
    deadline = time.monotonic() + HANDOVER_SECONDS
    while True:
        try:
            client.send(paths.stats_socket_path, "activate")
            return 0
        except (OSError, ValueError) as exc:
            if time.monotonic() > deadline:  # it holds the lock but never answered
                print(f"The statistics window is open (it holds {paths.stats_lock_file}) "
                      f"but does not answer on {paths.stats_socket_path}: {exc}.",
                      file=sys.stderr)
                return 1
            time.sleep(0.1)  # it is still starting: its server listens in a moment


def run(paths: AppPaths, *, verbose: bool = False) -> int:
    from desk_break.logging_setup import setup_logging
    from desk_break.qt.qt_log import send_qt_messages_to_the_log
    from desk_break.translations import install_for_cli

    install_for_cli()  # what it says before Qt is up, in the person's language
    try:
        setup_logging(paths.stats_log_file, verbose=verbose)
        send_qt_messages_to_the_log()
        ensure_private_dir(paths.runtime_dir)
    except (UnusablePath, OSError) as exc:
        message = arg(translate("Statistics", "The statistics window cannot open: %1."), exc)
        print(message, file=sys.stderr)
        return 1
    from desk_break.qt.stats.launch import INSTALL_HINT, charts_installed

    if not charts_installed():
        print(f"{translate('Statistics', INSTALL_HINT)}.", file=sys.stderr)
        return 1
    guard = InstanceGuard(paths.stats_lock_file)
    try:
        guard.acquire()
    except AlreadyRunning:
        return hand_over(paths)
    except UnusablePath as exc:
        message = arg(translate("Statistics", "The statistics window cannot open: %1."), exc)
        print(message, file=sys.stderr)
        return 1
    try:
        return _run_locked(paths)
    finally:
        guard.release()


def _run_locked(paths: AppPaths) -> int:
    qapp = QApplication.instance() or QApplication(["desk-break-statistics"])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("desk-break")
    qapp.setApplicationDisplayName("Desk Break")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName("desk-break")
    qapp.setQuitOnLastWindowClosed(True)
    from desk_break.qt.icons import svg_icon
    from desk_break.qt.translation import install_translators

    install_translators()  # the desktop's language, as in the tray app

    qapp.setWindowIcon(svg_icon("active"))
    window = make_window(paths)
    server = ControlServer(paths.stats_socket_path, lambda r: answer(window, r), window)
    try:
        server.listen()
    except (AlreadyRunning, UnusablePath) as exc:
        message = arg(translate("Statistics", "The statistics window cannot open: %1."), exc)
        print(message, file=sys.stderr)
        return 1
    fit_to_screen(window)
    window.show()
    log.info("statistics window open (pid %s) on %s", os.getpid(), paths.history_db)
    detach_stderr()  # the launcher hears from us until we answer
    try:
        return qapp.exec()
    finally:
        server.close()


def fit_to_screen(window: StatisticsWindow) -> None:
    screen = window.screen()
    height = window.fontMetrics().height()
    width, tall = height * 72, height * 58
    if screen is not None:
        area = screen.availableGeometry()
        width, tall = min(width, area.width() * 9 // 10), min(tall, area.height() * 9 // 10)
    window.resize(width, tall)


def answer(window: StatisticsWindow, request: Request) -> Reply:
    """The statistics process's control handler: `status` (is it there?) and `activate`."""
    if request.cmd == "status":
        return Reply(True, {"window": "statistics", "pid": os.getpid(),
                            "visible": window.isVisible(), "raised": window.raised})
    if request.cmd == "activate":
        call_later("statistics-raise", window, 0, lambda: raise_window(window))
        return Reply(True, {"message": "Raised the statistics window."})
    if request.cmd == "quit":
        call_later("statistics-close", window, 0, window.close)
        return Reply(True, {"message": "Closing the statistics window."})
    return Reply(False, code=BAD_REQUEST, error="the statistics window only opens and raises")


def raise_window(window: StatisticsWindow) -> None:
    window.raised += 1
    window.refresh()
    window.showNormal()
    window.raise_()
    window.activateWindow()
