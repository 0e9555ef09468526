"""Keep the runtime files (control socket, instance lock) from being cleaned away.

The XDG base-dir spec lets a session remove files in $XDG_RUNTIME_DIR whose
access time is older than 6 hours. Without the lock and the socket, a second
launch would find no instance and start another one. So their atime is set to
now every few hours (their mtime is left alone), as qutebrowser does for its
socket. A file found gone anyway (removed by hand, or by a cleaner before this
app touched it) is handed to `repair`, which puts it back (listen again, lock again).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject

from desk_break.qt.timers import make_timer

log = logging.getLogger(__name__)

KEEPALIVE_TIMER = "runtime-files-keepalive"
KEEPALIVE_MS = 3 * 3600 * 1000  # well inside the spec's 6 hours


class RuntimeFilesKeeper(QObject):
    """Touches the given paths' access time every few hours while the app runs."""

    def __init__(
        self,
        paths: Sequence[Path],
        parent: QObject | None = None,
        interval_ms: int = KEEPALIVE_MS,
        *,
        repair: Callable[[Path], None] | None = None,
    ) -> None:
        """`paths` in order (a folder before the files in it); `repair(path)` for one gone."""
        super().__init__(parent)
        self._paths = tuple(paths)
        self._repair = repair
        self._timer = make_timer(KEEPALIVE_TIMER, self, interval_ms, coarse=True,
                                 on_timeout=self.touch)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def touch(self) -> None:
        """Set each file's atime to now. A file that is gone is logged, not fatal."""
        for path in self._paths:
            try:
                self._touch(path)
            except FileNotFoundError:
                if self._repair is None:
                    log.warning("the runtime file %s is gone", path)
                    continue
                log.warning("the runtime file %s is gone; putting it back", path)
                try:
                    self._repair(path)
                except Exception as exc:  # keep running: the next round tries again
                    log.error("cannot put the runtime file %s back: %s", path, exc)
            except OSError as exc:
                log.warning("cannot keep the runtime file %s fresh: %s", path, exc)

    @staticmethod
    def _touch(path: Path) -> None:
        info = os.stat(path, follow_symlinks=False)
        os.utime(path, ns=(time.time_ns(), info.st_mtime_ns), follow_symlinks=False)
