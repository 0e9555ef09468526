"""`desk-break` with no command (and `desk-break statistics`): start the app, in the
foreground or detached, and tell why when a detached start fails.

Split from cli.py, which parses the command line and runs the other commands.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from desk_break.cli import EXIT_NOT_RUNNING, EXIT_OK
from desk_break.core.i18n import arg, translate
from desk_break.paths import AppPaths
from desk_break.printable import say


def cmd_statistics(paths: AppPaths, *, foreground: bool, verbose: bool) -> int:
    """The statistics window, in its own process: raised if open, else started detached."""
    from desk_break.ipc import client

    if foreground:
        from desk_break.qt.stats.process import run

        return run(paths, verbose=verbose)
    if client.is_answering(paths.stats_socket_path):
        try:
            client.send(paths.stats_socket_path, "activate")
            return EXIT_OK
        except (OSError, ValueError):
            pass  # it closed in between: open a new one
    return _start_detached(paths, verbose, ["statistics"], socket_path=paths.stats_socket_path,
                           log_file=paths.stats_log_file,
                           what=translate("CLI", "The statistics window"))


def run_app(paths: AppPaths, *, foreground: bool, verbose: bool) -> int:
    from desk_break.ipc import client

    if client.is_answering(paths.socket_path):
        # A second launch: the running app brings up Preferences; we are done.
        try:
            client.send(paths.socket_path, "activate")
            return EXIT_OK
        except (OSError, ValueError):
            pass  # it quit in between: start afresh below
    from desk_break.platform.launcher import in_flatpak

    if foreground or in_flatpak():  # a Flatpak sandbox ends with its first process
        from desk_break.qt.pyside_hook import spare_the_line_cache

        spare_the_line_cache()  # before the app's ~200 imports: ~5 MiB less heap
        from desk_break.qt.bootstrap import run

        return run(paths, verbose=verbose)
    return _start_detached(paths, verbose)


def _start_detached(paths: AppPaths, verbose: bool, command_args: list[str] | None = None, *,
                    socket_path: Path | None = None, log_file: Path | None = None,
                    what: str = "Desk Break") -> int:
    """Start the app (or `command_args`, e.g. the statistics window) in its own session and
    return once it answers on `socket_path` (the shell gets its prompt).

    The app's stderr is a pipe to us until it answers (then it points it at
    /dev/null): a start-up failure's sentence comes from there, not from an old log.
    """
    from desk_break.ipc import client
    from desk_break.paths import DETACHED_ENV
    from desk_break.platform.launcher import app_command

    socket_path = socket_path or paths.socket_path
    log_file = log_file or paths.log_file
    command = app_command("--foreground")
    if verbose:
        command.append("--verbose")
    command += command_args or []
    log_start = _size(log_file)
    with open(os.devnull, "rb") as null_in, open(os.devnull, "wb") as null_out:
        child = subprocess.Popen(
            command,
            stdin=null_in,
            stdout=null_out,
            stderr=subprocess.PIPE,
            start_new_session=True,
            close_fds=True,
            env={**os.environ, DETACHED_ENV: "1"},
        )
    assert child.stderr is not None
    err = _PipeTail(child.stderr.fileno())
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            err.read()
            if client.is_answering(socket_path, timeout=0.5):
                return EXIT_OK
            if child.poll() is not None:
                if client.is_answering(socket_path):  # lost a race to another launch
                    return EXIT_OK
                err.read()
                _report_failed_start(
                    arg(translate("CLI", "%1 stopped while starting (exit %2)"),
                        what, child.returncode),
                    err.text() or _log_since(log_file, log_start),
                    log_file,
                )
                return EXIT_NOT_RUNNING
            time.sleep(0.1)
        err.read()
        _report_failed_start(
            arg(translate("CLI", "%1 did not answer within 20 s"), what), err.text(), log_file
        )
        return EXIT_NOT_RUNNING
    finally:
        child.stderr.close()


class _PipeTail:
    """What the starting app wrote on stderr, read without blocking, the last 16 KiB kept."""

    def __init__(self, fd: int) -> None:
        os.set_blocking(fd, False)
        self._fd = fd
        self._data = b""

    def read(self) -> None:
        while True:
            try:
                chunk = os.read(self._fd, 65536)
            except BlockingIOError:
                return
            if not chunk:
                return
            self._data = (self._data + chunk)[-16384:]

    def text(self) -> str:
        return self._data.decode("utf-8", errors="replace")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _log_since(log_file: Path, offset: int) -> str:
    """What this start wrote to the log (not an older run's lines); "" if nothing."""
    try:
        with log_file.open("rb") as f:
            if f.seek(0, os.SEEK_END) < offset:  # rotated meanwhile: all of it is new
                offset = 0
            f.seek(offset)
            return f.read().decode("utf-8", errors="replace")
    except OSError:
        return ""


def _report_failed_start(headline: str, stderr_text: str, log_file: Path) -> None:
    lines = [line for line in stderr_text.splitlines() if line.strip()][-15:]
    say(f"{headline}{':' if lines else '.'}", file=sys.stderr)
    for line in lines:
        say(f"  {line}", file=sys.stderr)
    say(arg(translate("CLI", "The log is %1"), log_file), file=sys.stderr)
