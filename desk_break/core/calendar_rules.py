"""When does a local .ics calendar say the person is in a meeting?

Pure rules, no Qt and no file I/O: text in, busy intervals out, so recurring
meetings, their exceptions and daylight-saving changes are tested without a
display or a clock. The Qt adapter (platform/hold/calendar.py) reads the file,
asks `busy_now` and `next_boundary`, and arms one timer at that boundary.

What holds breaks: timed events that are opaque (TRANSP is not TRANSPARENT)
and not cancelled. All-day events (DATE-valued DTSTART) never do: a "vacation"
or "birthday" entry is not a call. icalendar and recurring-ical-events are
imported inside the functions, so they cost nothing until a calendar is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

# How far ahead one expansion looks: a weekly meeting always has a boundary inside.
LOOKAHEAD = timedelta(days=8)

_NAME = r"[A-Za-z0-9-]+"
_PARAM_VALUE = r'(?:"[^"]*"|[^";:,]*)'
_CONTENT_LINE = re.compile(
    rf"^{_NAME}(?:;{_NAME}={_PARAM_VALUE}(?:,{_PARAM_VALUE})*)*:", re.ASCII
)
_DATE_OR_TIME = re.compile(r"^\d{8}(T\d{6}Z?)?$", re.ASCII)
_TIME_PROPS = ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE")


class CalendarError(ValueError):
    """The text is not a calendar we can read; the message says where, for the person."""


@dataclass(frozen=True)
class Busy:
    """One stretch of time the calendar holds breaks (overlapping events merged)."""

    start: datetime
    end: datetime
    summary: str


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfold RFC 5545 content lines, keeping the physical line number each began on."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            first, so_far = lines[-1]
            lines[-1] = (first, so_far + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def check_structure(text: str) -> None:
    """Raise CalendarError naming the first line that is not iCalendar.

    icalendar itself is lenient and its errors name no line, so this small check
    runs first and gives the person something to look for in the file.
    """
    lines = _logical_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        where = lines[0][0] if lines else 1
        raise CalendarError(f"line {where}: a calendar begins with BEGIN:VCALENDAR")
    stack: list[str] = []
    for number, line in lines:
        if not _CONTENT_LINE.match(line):
            raise CalendarError(f"line {number}: expected NAME:value, found {line[:40]!r}")
        name_part, _, value = line.partition(":")
        name = name_part.split(";", 1)[0].upper()
        if name == "BEGIN":
            stack.append(value.strip().upper())
        elif name == "END":
            if not stack or stack[-1] != value.strip().upper():
                raise CalendarError(f"line {number}: END:{value.strip()} does not close a BEGIN")
            stack.pop()
            if not stack and number != lines[-1][0]:
                raise CalendarError(f"line {number}: text after END:VCALENDAR")
        elif name in _TIME_PROPS and "VEVENT" in stack:
            for item in value.split(","):
                if not _DATE_OR_TIME.match(item.strip()):
                    raise CalendarError(f"line {number}: {name} is not a date or time: {item!r}")
    if stack:
        raise CalendarError(f"line {lines[-1][0]}: BEGIN:{stack[-1]} is never ended")


def parse_calendar(text: str) -> Any:
    """The parsed icalendar.Calendar; CalendarError (with a line where known) if it is not one."""
    check_structure(text)
    import icalendar

    try:
        return icalendar.Calendar.from_ical(text)
    except (ValueError, KeyError, TypeError, IndexError) as error:
        raise CalendarError(str(error) or type(error).__name__) from error


def _aware(value: datetime, tz: tzinfo) -> datetime:
    """Floating times (no zone in the file) are the person's local time."""
    return value.replace(tzinfo=tz) if value.tzinfo is None else value


def _holds(event: Any) -> bool:
    if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
        return False
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return False
    start = event.get("DTSTART")
    # An all-day event (DATE, not DATE-TIME) is a day marker, not a meeting.
    return start is not None and isinstance(start.dt, datetime)


def busy_intervals(calendar: Any, start: datetime, end: datetime, tz: tzinfo) -> list[Busy]:
    """The merged busy stretches overlapping [start, end), recurrences expanded.

    recurring-ical-events applies RRULE, RDATE, EXDATE and RECURRENCE-ID
    overrides, so a cancelled week is gone and a moved instance is at its new time.
    """
    import recurring_ical_events  # type: ignore[import-untyped]

    try:
        events = recurring_ical_events.of(calendar).between(start, end)
    except (ValueError, KeyError, TypeError, IndexError) as error:
        raise CalendarError(str(error) or type(error).__name__) from error
    raw: list[Busy] = []
    for event in events:
        if not _holds(event):
            continue
        first = _aware(event["DTSTART"].dt, tz)
        if "DTEND" in event and isinstance(event["DTEND"].dt, datetime):
            last = _aware(event["DTEND"].dt, tz)
        elif "DURATION" in event:
            last = first + event["DURATION"].dt
        else:
            last = first  # RFC 5545: a DATE-TIME start alone takes no time
        if last > first and last > start and first < end:
            raw.append(Busy(first, last, str(event.get("SUMMARY", ""))))
    return merge(raw)


def merge(intervals: list[Busy]) -> list[Busy]:
    """Overlapping or touching stretches become one, so back-to-back calls never release."""
    merged: list[Busy] = []
    for item in sorted(intervals, key=lambda b: (b.start, b.end)):
        if merged and item.start <= merged[-1].end:
            last = merged[-1]
            if item.end > last.end:
                merged[-1] = Busy(last.start, item.end, last.summary)
        else:
            merged.append(item)
    return merged


def busy_for_day(calendar: Any, day: date, tz: tzinfo) -> list[Busy]:
    """The busy stretches of one local day (for the status window and tests)."""
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    return busy_intervals(calendar, start, end, tz)


def busy_now(intervals: list[Busy], now: datetime) -> Busy | None:
    """The stretch holding breaks at `now` (start inclusive, end exclusive), or None."""
    for item in intervals:
        if item.start <= now < item.end:
            return item
    return None


def next_boundary(intervals: list[Busy], now: datetime) -> datetime | None:
    """The first start or end after `now`: the one moment the answer can change."""
    later = [t for item in intervals for t in (item.start, item.end) if t > now]
    return min(later) if later else None


def look_ahead(calendar: Any, now: datetime, tz: tzinfo | None = None) -> list[Busy]:
    """The busy stretches from `now` up to LOOKAHEAD; floating times in `tz` (default now's)."""
    zone = tz or now.tzinfo
    if zone is None:
        raise ValueError("look_ahead needs an aware `now`")
    return busy_intervals(calendar, now, now + LOOKAHEAD, zone)
