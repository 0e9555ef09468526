"""The device and calendar hold detectors the settings ask for, for this OS.

The app calls start() on each and keeps those that answer True (a detector
that cannot work here says so by returning False, never by raising). Nothing
heavy happens here: the calendar libraries are imported only by the calendar
detector's start(), and only when a file is set.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import QObject

from desk_break.platform.hold.base import HoldDetector
from desk_break.platform.hold.calendar import CalendarDetector
from desk_break.platform.hold.camera import camera_detector
from desk_break.platform.hold.microphone import microphone_detector


def device_hold_detectors(
    camera: bool,
    microphone: bool,
    calendar_file: str,
    *,
    clock: Callable[[], datetime] | None = None,
    tz: tzinfo | None = None,
    parent: QObject | None = None,
) -> list[HoldDetector]:
    """Detectors for `[do_not_disturb] camera`, `microphone` and `calendar_file`, not started.

    `clock` gives aware datetimes (the app passes its Clock's `now`); `tz` places
    floating calendar times (the app passes `local_zone()`).
    """
    detectors: list[HoldDetector] = []
    if camera:
        detectors.append(camera_detector(parent))
    if microphone:
        detectors.append(microphone_detector(parent))
    if calendar_file.strip():
        detectors.append(CalendarDetector(calendar_file.strip(), clock=clock, tz=tz,
                                          parent=parent))
    return detectors
