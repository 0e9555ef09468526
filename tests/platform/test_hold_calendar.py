"""The calendar detector holds during meetings, follows the file, and refuses bad files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_break.platform.hold.calendar import (
    MAX_CALENDAR_BYTES,
    MAX_TIMER_MS,
    CalendarDetector,
    CalendarFileError,
    read_calendar_file,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "calendar"
STANDUP = datetime(2026, 11, 9, 9, 0, tzinfo=UTC)  # a Monday of weekly.ics


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def calendar_copy(tmp_path: Path, name: str = "weekly.ics") -> Path:
    target = tmp_path / "cal" / "me.ics"
    target.parent.mkdir(exist_ok=True)
    shutil.copy(FIXTURES / name, target)
    return target


def replace_file(path: Path, text: str) -> None:
    """As an editor saves: write beside, then rename over."""
    temp = path.with_suffix(".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def test_goes_active_at_the_meeting_and_back_when_it_ends(qtbot: QtBot, tmp_path: Path) -> None:
    clock = Clock(STANDUP - timedelta(hours=2))
    detector = CalendarDetector(calendar_copy(tmp_path), clock=clock)
    assert detector.start()
    assert not detector.active()
    assert detector.problem is None
    # One timer, at the boundary (capped at an hour), not a poll.
    assert detector.next_boundary == STANDUP
    assert detector.boundary_timer.isActive()
    assert detector.boundary_timer.interval() == MAX_TIMER_MS
    clock.now = STANDUP - timedelta(minutes=10)
    detector.check_now()
    assert detector.boundary_timer.interval() == 10 * 60 * 1000

    clock.now = STANDUP
    with qtbot.waitSignal(detector.changed) as blocker:
        detector.boundary_timer.timeout.emit()
    assert blocker.args == [True]
    assert detector.active()
    assert detector.next_boundary == STANDUP + timedelta(minutes=30)

    clock.now = STANDUP + timedelta(minutes=30)
    with qtbot.waitSignal(detector.changed) as blocker:
        detector.boundary_timer.timeout.emit()
    assert blocker.args == [False]
    assert detector.next_boundary == STANDUP + timedelta(days=7)
    detector.stop()
    assert not detector.boundary_timer.isActive()


def test_the_real_timer_fires_at_the_boundary(qtbot: QtBot, tmp_path: Path) -> None:
    """One short real-time check that the Qt timer itself is armed right (about 50 ms)."""
    began = time.monotonic()

    def clock() -> datetime:
        return STANDUP - timedelta(milliseconds=50) + timedelta(seconds=time.monotonic() - began)

    detector = CalendarDetector(calendar_copy(tmp_path), clock=clock)
    assert detector.start()
    assert not detector.active()
    with qtbot.waitSignal(detector.changed, timeout=2000) as blocker:
        pass
    assert blocker.args == [True]
    detector.stop()


def test_an_edited_file_is_reread_even_when_the_editor_replaces_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = calendar_copy(tmp_path)
    clock = Clock(datetime(2026, 11, 4, 15, 10, tzinfo=UTC))  # Customer call in the other file
    detector = CalendarDetector(path, clock=clock)
    assert detector.start()
    assert not detector.active()
    replace_file(path, (FIXTURES / "transparent_and_all_day.ics").read_text(encoding="utf-8"))
    qtbot.waitUntil(detector.active, timeout=3000)
    # Twice: the watch on the replaced file must have been renewed.
    replace_file(path, (FIXTURES / "weekly.ics").read_text(encoding="utf-8"))
    qtbot.waitUntil(lambda: not detector.active(), timeout=3000)
    detector.stop()


def test_a_bad_file_holds_nothing_and_says_why_until_it_is_fixed(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = calendar_copy(tmp_path, "malformed.ics")
    detector = CalendarDetector(path, clock=Clock(STANDUP + timedelta(minutes=5)))
    assert detector.start()  # it keeps watching, so a fix is picked up
    assert not detector.active()
    assert detector.problem == f"{path}: not a calendar file (line 7: expected NAME:value, " \
        "found 'this line is not iCalendar')"
    assert not detector.boundary_timer.isActive()
    with qtbot.waitSignal(detector.changed, timeout=3000):
        replace_file(path, (FIXTURES / "weekly.ics").read_text(encoding="utf-8"))
    assert detector.active()
    assert detector.problem is None
    detector.stop()


def test_a_missing_file_is_a_problem_and_appears_later(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "later.ics"
    detector = CalendarDetector(path, clock=Clock(STANDUP + timedelta(minutes=5)))
    assert detector.start()
    assert detector.problem == f"{path}: no such file"
    with qtbot.waitSignal(detector.changed, timeout=3000):
        shutil.copy(FIXTURES / "weekly.ics", path)
    assert detector.active()
    detector.stop()


def test_deleting_the_file_during_a_meeting_releases_and_says_so(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = calendar_copy(tmp_path)
    detector = CalendarDetector(path, clock=Clock(STANDUP + timedelta(minutes=5)))
    assert detector.start()
    assert detector.active()
    with qtbot.waitSignal(detector.changed, timeout=3000) as blocker:
        path.unlink()
    assert blocker.args == [False]
    assert detector.problem == f"{path}: no such file"
    assert not detector.boundary_timer.isActive()
    detector.stop()


def test_no_file_set_is_unavailable(qtbot: QtBot) -> None:
    detector = CalendarDetector("")
    assert detector.start() is False
    assert not detector.active()


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "cal.ics"
    os.mkfifo(fifo)
    with pytest.raises(CalendarFileError, match="not a regular file"):
        read_calendar_file(fifo)


def test_a_directory_a_device_and_a_huge_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CalendarFileError, match="not a regular file"):
        read_calendar_file(tmp_path)
    with pytest.raises(CalendarFileError, match="not a regular file"):
        read_calendar_file(Path("/dev/zero"))
    huge = tmp_path / "huge.ics"
    huge.write_bytes(b"BEGIN:VCALENDAR\n" + b"X" * MAX_CALENDAR_BYTES)
    with pytest.raises(CalendarFileError, match="larger than 1 MiB"):
        read_calendar_file(huge)


def test_binary_junk_is_not_a_calendar(qtbot: QtBot, tmp_path: Path) -> None:
    junk = tmp_path / "junk.ics"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    detector = CalendarDetector(junk, clock=Clock(STANDUP))
    assert detector.start()
    assert not detector.active()
    assert detector.problem is not None
    assert detector.problem.startswith(f"{junk}: not a calendar file")
    detector.stop()


# ---- the chooser ----------------------------------------------------------------

CHOOSE = """
import sys
from PySide6.QtCore import QCoreApplication
from desk_break.platform.hold.devices import device_hold_detectors
app = QCoreApplication([])
print([d.reason for d in device_hold_detectors(True, True, "")], "icalendar" in sys.modules)
found = device_hold_detectors(False, False, sys.argv[1])
print([d.reason for d in found], "icalendar" in sys.modules)
print(found[0].start(), "icalendar" in sys.modules)
found[0].stop()
"""


def test_the_chooser_makes_what_the_settings_ask_and_loads_calendar_code_only_when_set(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHOOSE, str(calendar_copy(tmp_path))],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "['camera', 'microphone'] False",
        "['calendar'] False",
        "True True",
    ]
