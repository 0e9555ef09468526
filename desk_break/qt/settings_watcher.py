"""Notice when someone edits the settings file by hand, and reload it.

The app's own saves are atomic (write a temp file, rename it over the old one),
which replaces the file's inode; QFileSystemWatcher then stops watching the file.
So the folder is watched too, and the file is re-added whenever it reappears.
Editors save in bursts (truncate, write, rename, chmod), so changes are debounced
and the file is read once the burst is over.

The app's own saves are not reported: a file that loads to the settings the app
already runs on is not news, and `expect_own_write(settings)` tells the watcher
what the next save will contain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from desk_break.qt.timers import make_timer
from desk_break.safe_read import RefusedFile, read_user_file
from desk_break.settings.model import Settings

DEBOUNCE_MS = 200
DEBOUNCE_TIMER = "settings-debounce"


def _default_loader(path: Path) -> Any:
    from desk_break.settings.store import load_settings

    return load_settings(path)


class SettingsWatcher(QObject):
    """Watches one settings file and reports hand edits.

    Signals:
        reloaded(LoadResult): the file changed, is valid, and differs from the
            settings the app runs on (which the watcher then takes as current), or
            it is valid again after an `invalid` report, so a warning can be cleared.
        invalid(list[Problem]): the file changed and cannot be used; nothing is applied.
            Reported once per distinct file content.
    """

    reloaded = Signal(object)
    invalid = Signal(list)

    def __init__(
        self,
        path: Path,
        current: Settings,
        parent: QObject | None = None,
        *,
        loader: Callable[[Path], Any] = _default_loader,
        debounce_ms: int = DEBOUNCE_MS,
        started_invalid: bool = False,
    ) -> None:
        super().__init__(parent)
        self._path = Path(path)
        self._current = current
        self._loader = loader
        self._own_write_pending = False
        # A file that had problems when the app started: fixing it by hand is news
        # even when the fixed values equal the defaults the app fell back to.
        self._reported_invalid = started_invalid
        self._last_digest = self._digest()
        self._watcher = QFileSystemWatcher(self)
        self._timer = make_timer(
            DEBOUNCE_TIMER, self, debounce_ms, single_shot=True, on_timeout=self.check_now
        )
        self._watcher.fileChanged.connect(self._on_change)
        self._watcher.directoryChanged.connect(self._on_change)
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._watcher.addPath(str(self._path.parent))
        self._rewatch_file()

    @property
    def path(self) -> Path:
        return self._path

    @property
    def current(self) -> Settings:
        return self._current

    def set_current(self, settings: Settings) -> None:
        """The settings the app now runs on; a file that loads to these is not reported."""
        self._current = settings

    def expect_own_write(self, settings: Settings | None = None) -> None:
        """The app is about to save `settings`: the next change is ours, not a hand edit.

        Without an argument, the next valid content is adopted silently whatever it is.
        """
        if settings is not None:
            self._current = settings
        else:
            self._own_write_pending = True

    def stop(self) -> None:
        self._timer.stop()
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)

    # ---- internals ----------------------------------------------------------

    def _digest(self) -> bytes | None:
        try:
            data = read_user_file(self._path)
        except RefusedFile as exc:  # now a FIFO, a device, huge: the loader says so
            data = f"refused: {exc.reason}".encode()
        except OSError:
            return None
        return hashlib.sha256(data).digest()

    def _rewatch_file(self) -> None:
        if self._path.exists() and str(self._path) not in self._watcher.files():
            self._watcher.addPath(str(self._path))

    def _on_change(self, _changed: str) -> None:
        self._rewatch_file()
        self._timer.start()

    def check_now(self) -> None:
        """Read the file if its content changed since last time (the debounce ends here)."""
        self._rewatch_file()
        digest = self._digest()
        if digest is None or digest == self._last_digest:
            # Deleted (we keep running on what we have; the next save recreates it),
            # or a folder change that did not touch our file.
            return
        self._last_digest = digest
        result = self._loader(self._path)
        own = self._own_write_pending
        self._own_write_pending = False
        if not result.ok:
            self._reported_invalid = True
            self.invalid.emit(list(result.problems))
            return
        news = self._reported_invalid or (not own and result.settings != self._current)
        self._reported_invalid = False
        self._current = result.settings
        if news:
            self.reloaded.emit(result)
