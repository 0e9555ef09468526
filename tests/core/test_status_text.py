"""The tooltip / status-window line."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from desk_break.core.events import BreakKind, PlannedBreak, State
from desk_break.core.status_text import status_line

TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=TZ)


def planned(minutes: float, kind: BreakKind = BreakKind.MICRO) -> PlannedBreak:
    start = NOW + timedelta(minutes=minutes)
    return PlannedBreak(start, start + timedelta(seconds=60), kind, 1)


def test_waiting_says_minutes_and_clock_time() -> None:
    assert status_line(State.WAITING, NOW, planned(12), None) == "Next break in 12 min (at 10:12)"
    assert status_line(State.WAITING, NOW, planned(11.2), None).startswith("Next break in 12 min")
    assert (
        status_line(State.WAITING, NOW, planned(90, BreakKind.LONG), None)
        == "Next long break in 1 h 30 min (at 11:30)"
    )
    assert "less than a minute" in status_line(State.WAITING, NOW, planned(0.5), None)


def test_paused_and_outside_hours() -> None:
    until = NOW + timedelta(hours=4, minutes=30)
    assert status_line(State.PAUSED, NOW, None, until) == "Paused until 14:30"
    assert status_line(State.PAUSED, NOW, None, None) == "Paused until you resume"
    tomorrow = NOW + timedelta(days=1, hours=-1)
    assert status_line(State.PAUSED, NOW, None, tomorrow) == "Paused until tomorrow 09:00"
    assert status_line(State.OUTSIDE_WORK_HOURS, NOW, None, None) == "Outside work hours"


def test_in_break_and_warning() -> None:
    assert status_line(State.IN_BREAK, NOW, None, None, planned(0)) == "Break in progress"
    long_break = planned(0, BreakKind.LONG)
    assert status_line(State.IN_BREAK, NOW, None, None, long_break) == "Long break in progress"
    assert status_line(State.WARNING, NOW, planned(0.5), None) == "Break in 30 s"


def seconds_ahead(seconds: float, kind: BreakKind = BreakKind.MICRO) -> PlannedBreak:
    start = NOW + timedelta(seconds=seconds)
    return PlannedBreak(start, start + timedelta(seconds=60), kind, 1)


def test_warning_counts_down_to_the_second() -> None:
    assert status_line(State.WARNING, NOW, seconds_ahead(30), None) == "Break in 30 s"
    assert status_line(State.WARNING, NOW, seconds_ahead(26.2), None) == "Break in 27 s"
    assert status_line(State.WARNING, NOW, seconds_ahead(0.4), None) == "Break in 1 s"
    long_break = seconds_ahead(27, BreakKind.LONG)
    assert status_line(State.WARNING, NOW, long_break, None) == "Long break in 27 s"
    # A long warning (up to 600 s) reads in minutes and seconds.
    assert status_line(State.WARNING, NOW, seconds_ahead(125), None) == "Break in 2 min 05 s"
    assert status_line(State.WARNING, NOW, seconds_ahead(120), None) == "Break in 2 min"
    # The engine's timer a moment late: not "in 0 s", nor a negative count.
    assert status_line(State.WARNING, NOW, seconds_ahead(-0.3), None) == "Break starting"


def test_a_break_waiting_for_a_pause_in_typing_never_names_a_time_already_past() -> None:
    # Due 20 s ago, held back until the person pauses typing (at most a minute).
    overdue = planned(-20 / 60)
    line = status_line(State.WAITING, NOW, overdue, None, waiting_for_quiet=True)
    assert line == "Break when you pause typing"
    long = status_line(
        State.WAITING, NOW, planned(-0.1, BreakKind.LONG), None, waiting_for_quiet=True
    )
    assert long == "Long break when you pause typing"
    # Not waiting for quiet, or far off: the usual line.
    assert status_line(State.WAITING, NOW, planned(12), None, waiting_for_quiet=True).startswith(
        "Next break in 12 min"
    )
