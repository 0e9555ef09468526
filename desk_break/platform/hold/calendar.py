"""Hold breaks while a local .ics calendar says the person is in a meeting.

Event-driven: one single-shot timer at the next start or end of a busy stretch
(never a poll), and the file watched through QFileSystemWatcher on the file and
its folder (editors and sync tools replace the file, which a watch on the file
alone loses). No network access is made. The rules live in
desk_break/core/calendar_rules.py; this adapter reads the file safely and owns
the timers.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import QFileSystemWatcher, QObject

from desk_break.core.i18n import arg, translate
from desk_break.platform.hold.base import HoldDetector
from desk_break.qt.timers import make_timer
from desk_break.safe_read import MAX_USER_FILE_BYTES, RefusedFile, read_user_file

MAX_CALENDAR_BYTES = MAX_USER_FILE_BYTES
# Editors write a file in steps (truncate, write, rename): read once it settles.
RELOAD_DELAY_MS = 100
# Re-check at least this often, so a suspend or a clock change (which a
# monotonic Qt timer does not see) is caught within the hour even without check_now().
MAX_TIMER_MS = 60 * 60 * 1000

Clock = Callable[[], datetime]


class CalendarFileError(ValueError):
    """The file cannot be used; the message is a sentence for the person."""


def read_calendar_file(path: Path) -> str:
    """The text of a regular file of at most 1 MiB, without blocking on a FIFO or device
    (desk_break/safe_read.py)."""
    try:
        data = read_user_file(path, MAX_CALENDAR_BYTES)
    except FileNotFoundError as error:
        raise CalendarFileError(f"{path}: no such file") from error
    except RefusedFile as error:
        raise CalendarFileError(f"{path}: {error.reason}") from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CalendarFileError(
            f"{path}: not a calendar file (not UTF-8 text at byte {error.start})"
        ) from error


def _file_identity(path: Path) -> tuple[int, int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_dev, info.st_size, info.st_mtime_ns)


class CalendarDetector(HoldDetector):
    """Active while a timed, opaque event of the chosen .ics file is running.

    Signals:
        changed(bool): active() changed.
    """

    reason: ClassVar[str] = "calendar"

    def __init__(
        self,
        path: str | Path,
        clock: Clock | None = None,
        tz: tzinfo | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._path = Path(path).expanduser() if str(path) else Path()
        self._has_path = bool(str(path))
        self._clock: Clock = clock or (lambda: datetime.now().astimezone())
        self._tz = tz
        self._busy = False
        self._trouble: str | None = None
        self._calendar: Any = None
        self._identity: tuple[int, int, int, int] | None = None
        self._watcher: QFileSystemWatcher | None = None
        self.boundary_timer = make_timer(
            "calendar-boundary", self, single_shot=True, precise=True, on_timeout=self.check_now
        )
        self._reload_timer = make_timer(
            "calendar-reload", self, RELOAD_DELAY_MS, single_shot=True,
            on_timeout=self._reload_if_changed,
        )
        self._next: datetime | None = None

    # ---- HoldDetector --------------------------------------------------------

    def start(self) -> bool:
        """False when no file is set or the calendar libraries are missing."""
        if not self._has_path:
            return False
        try:
            import icalendar  # noqa: F401
            import recurring_ical_events  # type: ignore[import-untyped]  # noqa: F401
        except ImportError:
            self._trouble = translate(
                "Presence", "Calendar support is not installed (icalendar, recurring-ical-events)."
            )
            return False
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._schedule_reload)
        self._watcher.directoryChanged.connect(self._schedule_reload)
        self._watch()
        self._load()
        return True

    def stop(self) -> None:
        self.boundary_timer.stop()
        self._reload_timer.stop()
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
        self._calendar = None
        self._identity = None
        self._busy = False

    def active(self) -> bool:
        return self._busy

    def check_now(self) -> None:
        """Re-decide from the clock now, and arm the timer for the next boundary."""
        from desk_break.core.calendar_rules import CalendarError, busy_now, look_ahead
        from desk_break.core.calendar_rules import next_boundary as boundary_after

        self.boundary_timer.stop()
        if self._calendar is None:
            self._next = None
            self._set_busy(False)
            return
        now = self._clock()
        try:
            stretches = look_ahead(self._calendar, now, self._tz)
        except CalendarError as error:
            self._trouble = arg(
                translate("Presence", "%1: not a calendar file (%2)"), self._path, error
            )
            self._calendar = None
            self._next = None
            self._set_busy(False)
            return
        self._next = boundary_after(stretches, now)
        wait_ms = MAX_TIMER_MS
        if self._next is not None:
            wait_ms = min(wait_ms, math.ceil((self._next - now).total_seconds() * 1000))
        self.boundary_timer.start(max(wait_ms, 1))
        self._set_busy(busy_now(stretches, now) is not None)

    @property
    def problem(self) -> str | None:
        return self._trouble

    @property
    def next_boundary(self) -> datetime | None:
        """When the answer can next change (for the status window and tests)."""
        return self._next

    # ---- inside --------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.changed.emit(busy)

    def _watch(self) -> None:
        """(Re)add the file and its folder; a replaced file drops out of the watch."""
        if self._watcher is None:
            return
        wanted = [str(p) for p in (self._path, self._path.parent) if p.exists()]
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        missing = [p for p in wanted if p not in watched]
        if missing:
            self._watcher.addPaths(missing)

    def _schedule_reload(self, _path: str = "") -> None:
        self._reload_timer.start()

    def _reload_if_changed(self) -> None:
        self._watch()
        if _file_identity(self._path) != self._identity:
            self._load()

    def _load(self) -> None:
        """Read and parse the file; a bad file holds nothing and says why."""
        from desk_break.core.calendar_rules import CalendarError, parse_calendar

        self._identity = _file_identity(self._path)
        try:
            self._calendar = parse_calendar(read_calendar_file(self._path))
            self._trouble = None
        except CalendarFileError as error:
            self._calendar = None
            self._trouble = str(error)
        except CalendarError as error:
            self._calendar = None
            self._trouble = arg(
                translate("Presence", "%1: not a calendar file (%2)"), self._path, error
            )
        self.check_now()
