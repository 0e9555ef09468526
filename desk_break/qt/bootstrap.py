"""Start-up of the tray app: display check, single-instance guard, control channel,
signals, and the event loop. `DeskBreakApp` (app.py) is the wiring; this is the
process around it."""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

from desk_break import __version__
from desk_break.core.catalog import load_catalog
from desk_break.core.clock import SystemClock, local_zone
from desk_break.core.i18n import arg, translate
from desk_break.ipc.keepalive import RuntimeFilesKeeper
from desk_break.ipc.server import AlreadyRunning, ControlServer, InstanceGuard
from desk_break.logging_setup import detach_stderr
from desk_break.paths import AppPaths, UnusablePath, ensure_private_dir
from desk_break.platform.desktop_files import offer_desktop_files
from desk_break.platform.launcher import APP_ID
from desk_break.qt.app import DeskBreakApp
from desk_break.qt.icons import svg_icon
from desk_break.qt.qt_log import send_qt_messages_to_the_log
from desk_break.qt.translation import install_translators
from desk_break.settings.store import load_layered
from desk_break.storage.history import HistoryStore

log = logging.getLogger(__name__)


def _quit_on_signals(app: DeskBreakApp) -> None:
    """SIGTERM (logout, systemd) and SIGINT (Ctrl+C) quit cleanly: history closed, lock
    released. Python runs signal handlers only when it gets control; the wakeup fd and a
    socket notifier give it control at once, with no polling timer."""
    receive, send = socket.socketpair()
    receive.setblocking(False)
    send.setblocking(False)
    signal.set_wakeup_fd(send.fileno())
    notifier = QSocketNotifier(receive.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda: receive.recv(64))  # the handler runs right after
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda _signum, _frame: app.quit())
    app.signal_wakeup = (receive, send, notifier)


def _display_available() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _fail(message: str) -> int:
    """A start-up failure: one sentence on stderr (the launcher shows it) and in the log."""
    log.error("%s", message)
    print(message, file=sys.stderr, flush=True)
    return 1


def run(paths: AppPaths, *, verbose: bool = False) -> int:
    """Run the tray app until Quit. Returns the process exit status.

    Every way start-up can fail ends in `_fail`: one sentence naming the path and
    the reason, on stderr and in the log (when the log itself is usable).
    """
    from desk_break.logging_setup import setup_logging
    from desk_break.translations import install_for_cli

    install_for_cli()  # the failure sentences below in the person's language, before Qt
    try:
        setup_logging(paths.log_file, verbose=verbose)
    except OSError as exc:
        return _fail(arg(translate("Startup", "Desk Break cannot start: %1."), exc))
    send_qt_messages_to_the_log()
    try:
        return _run(paths)
    except UnusablePath as exc:
        return _fail(arg(translate("Startup", "Desk Break cannot start: %1."), exc))
    except Exception as exc:  # anything else: still one sentence, the traceback in the log
        log.exception("start-up failed")
        return _fail(arg(
            translate("Startup", "Desk Break cannot start: %1 (details in %2)."),
            f"{type(exc).__name__}: {exc}", paths.log_file,
        ))


def _run(paths: AppPaths) -> int:
    from desk_break.ipc import client

    if not _display_available():
        return _fail(translate(
            "Startup",
            "Desk Break needs a desktop session, and no display was found (DISPLAY and "
            "WAYLAND_DISPLAY are unset). Start it from your desktop, or see the README.",
        ))
    qapp = QApplication.instance() or QApplication(["desk-break"])
    assert isinstance(qapp, QApplication)
    qapp.setApplicationName("desk-break")
    qapp.setApplicationDisplayName("Desk Break")
    qapp.setApplicationVersion(__version__)
    qapp.setDesktopFileName(APP_ID)  # Wayland's app_id: matched to our desktop entry
    qapp.setQuitOnLastWindowClosed(False)
    qapp.setWindowIcon(svg_icon("active"))
    install_translators()  # before any widget or text: the desktop's language

    ensure_private_dir(paths.runtime_dir)
    guard = InstanceGuard(paths.lock_file)
    try:
        guard.acquire()
    except AlreadyRunning:
        log.info("another instance holds the lock: asking it to open Preferences")
        try:
            client.send(paths.socket_path, "activate")
        except (OSError, ValueError) as exc:
            return _fail(arg(translate(
                "Startup", "Desk Break is already running (it holds %1) but does not answer on "
                "%2: %3."), paths.lock_file, paths.socket_path, exc))
        return 0
    try:
        return _run_locked(paths, qapp, guard)
    finally:
        guard.release()


def _put_back(path: Path, paths: AppPaths, guard: InstanceGuard, server: ControlServer) -> None:
    """A runtime file was removed while we run: without it a second instance could start."""
    if path == paths.runtime_dir:
        ensure_private_dir(path)  # the lock and socket in it come back in the same round
    elif path == paths.lock_file:
        guard.reacquire()
    elif path == paths.socket_path:
        server.close()
        server.listen()


def _run_locked(paths: AppPaths, qapp: QApplication, guard: InstanceGuard) -> int:
    offer_desktop_files(paths.data_dir)
    loaded = load_layered(paths.settings_file, paths.site_config_dirs)
    for problem in loaded.site.problems if loaded.site is not None else ():
        log.warning("%s", problem)  # the organisation's to fix: the log, not a balloon
    catalog, catalog_problems = load_catalog(paths.user_moves_file)
    history = HistoryStore(paths.history_db)
    app = DeskBreakApp(
        paths,
        SystemClock(local_zone()),
        loaded,
        catalog,
        list(catalog_problems),
        history,
    )
    server = ControlServer(paths.socket_path, app.handle_request, app)
    try:
        server.listen()
    except AlreadyRunning as exc:
        return _fail(arg(translate("Startup", "Desk Break cannot start: %1."), exc))
    keeper = RuntimeFilesKeeper(
        [paths.runtime_dir, paths.lock_file, paths.socket_path],
        app,
        repair=lambda path: _put_back(path, paths, guard, server),
    )
    keeper.start()
    app.start(server, presence_after_show=True)
    qapp.aboutToQuit.connect(keeper.stop)
    qapp.aboutToQuit.connect(app.shutdown)
    if os.name == "posix":
        _quit_on_signals(app)
    log.info("start-up done: control channel on %s", paths.socket_path)
    detach_stderr()  # the launcher hears from us until we answer, i.e. from exec() on
    return qapp.exec()
