"""Where breaks fall: work ranges placed on real dates, and the breaks inside them.

Pure functions of (settings, zone, date); the live engine uses the same
`next_break_from` step, so the preview and the running app cannot disagree.

The rule:

* A work range starts fresh: its first break is due `interval` after the range
  starts; each next one `interval` after the previous break ends. A break is
  planned only if it is due before its range ends.
* Intervals are real elapsed time: all arithmetic is done in UTC, so a range
  that crosses a daylight-saving change still has breaks exactly `interval`
  apart. Results are handed out in the local zone.
* A range whose end is before its start runs past midnight and belongs to the
  day it starts (its breaks count toward that day's long-break rhythm).
  "00:00-24:00" (stored with start == end) is the whole day: it ends at the
  next midnight, and a next day's whole day touches it and starts fresh.
* Every `every`-th break of a work day, counted across its ranges, is long.

Wall times are placed with fold=0 (`wall_time`): an ambiguous time (the hour
repeated when clocks go back) means its first occurrence; a time that does not
exist (the hour skipped when clocks go forward) is read with the offset in force
before the change, so it lands the length of the gap later (02:30 on the
spring-forward night in Berlin is 03:30 CEST).

Ranges that overlap (two on one day, or last night's overnight range running
into this morning's) are clipped: the later-starting one begins where the
earlier one ends, and vanishes if it is covered entirely. Ranges that merely
touch stay separate, so the second one starts fresh.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import NamedTuple

from desk_break.core.events import BreakKind, PlannedBreak
from desk_break.settings.model import Settings, WorkHours

# How far ahead to look for work hours. The week repeats, so if there is no
# range in the next eight days there is none at all.
LOOKAHEAD_DAYS = 8
# How far back plan_day/plan_days look for a clean start (a gap between ranges
# longer than any break, so no break can run into the next range). Only a
# schedule with work round the clock for two weeks never has one.
LOOKBACK_DAYS = 14


class Span(NamedTuple):
    """A work range placed on the time line: UTC start and end, and the work day it belongs to."""

    start: datetime
    end: datetime
    day: date

    def contains(self, when: datetime) -> bool:
        return self.start <= when < self.end


def _span_end(span: Span) -> datetime:
    return span.end


class NextBreak(NamedTuple):
    """What `next_break_from` finds: the break (local times) and the span it falls in."""

    planned: PlannedBreak
    span: Span
    due: datetime  # UTC


# ---- placing wall times ------------------------------------------------------


def wall_time(day: date, at: time, tz: tzinfo) -> datetime:
    """The UTC instant of a wall-clock time on a date, with fold=0 (see the module doc)."""
    return datetime.combine(day, at.replace(tzinfo=None, fold=0), tzinfo=tz).astimezone(UTC)


def local_day(when: datetime, tz: tzinfo) -> date:
    return when.astimezone(tz).date()


@lru_cache(maxsize=2048)
def _raw_spans(work_hours: WorkHours, tz: tzinfo, day: date) -> tuple[Span, ...]:
    spans = []
    for r in sorted(work_hours.for_weekday(day.weekday())):
        # An end at or before the start is on the next day; "00:00-24:00" (start == end)
        # is then the whole day, 24 h of work.
        start = wall_time(day, r.start, tz)
        end = wall_time(day + timedelta(days=1) if r.overnight else day, r.end, tz)
        if end > start:  # starting inside a skipped hour and ending just after: empty
            spans.append(Span(start, end, day))
    return tuple(spans)


@lru_cache(maxsize=1024)
def _spans_between(work_hours: WorkHours, tz: tzinfo, first: date, last: date) -> tuple[Span, ...]:
    raw: list[Span] = []
    day = first - timedelta(days=2)  # earlier days' ranges can clip this one's
    while day <= last:
        raw.extend(_raw_spans(work_hours, tz, day))
        day += timedelta(days=1)
    raw.sort(key=lambda s: (s.start, s.end))
    out: list[Span] = []
    covered: datetime | None = None
    for s in raw:
        start = s.start if covered is None else max(s.start, covered)
        if start < s.end and s.day >= first:
            out.append(Span(start, s.end, s.day))
        covered = s.end if covered is None else max(covered, s.end)
    return tuple(out)


# By identity first: hashing WorkHours (a dict) on every engine tick is the hot spot.
# Only a fast path for the settings in use (a few keys a day): kept small, because every
# Preferences dialog makes WorkHours of its own, and each entry pins one and its spans.
_BY_IDENTITY: dict[tuple[int, tzinfo, date, date], tuple[WorkHours, tuple[Span, ...]]] = {}
_BY_IDENTITY_MAX = 64


def spans_between(settings: Settings, tz: tzinfo, first: date, last: date) -> tuple[Span, ...]:
    """The disjoint work spans of work days `first`..`last` (inclusive), in time order."""
    work_hours = settings.work_hours
    key = (id(work_hours), tz, first, last)
    hit = _BY_IDENTITY.get(key)
    if hit is not None and hit[0] is work_hours:
        return hit[1]
    spans = _spans_between(work_hours, tz, first, last)
    if len(_BY_IDENTITY) >= _BY_IDENTITY_MAX:
        _BY_IDENTITY.clear()
    _BY_IDENTITY[key] = (work_hours, spans)
    return spans


def span_at(settings: Settings, tz: tzinfo, when: datetime) -> Span | None:
    """The span `when` falls in (start inclusive, end exclusive), or None."""
    day = local_day(when, tz)
    for s in spans_between(settings, tz, day - timedelta(days=1), day):
        if s.contains(when):
            return s
    return None


def next_span_start(settings: Settings, tz: tzinfo, after: datetime) -> Span | None:
    """The first span starting strictly after `after`, or None if there are no work hours."""
    day = local_day(after, tz)
    ahead = day + timedelta(days=LOOKAHEAD_DAYS)
    for s in spans_between(settings, tz, day - timedelta(days=1), ahead):
        if s.start > after:
            return s
    return None


# ---- the rule ------------------------------------------------------------------


def break_length(settings: Settings, kind: BreakKind) -> timedelta:
    if kind is BreakKind.LONG:
        return timedelta(minutes=settings.long_breaks.duration_minutes)
    return timedelta(seconds=settings.breaks.duration_seconds)


def kind_of(settings: Settings, number_in_day: int) -> BreakKind:
    lb = settings.long_breaks
    if lb.enabled and number_in_day % lb.every == 0:
        return BreakKind.LONG
    return BreakKind.MICRO


def make_break(
    settings: Settings, tz: tzinfo, due: datetime, number_in_day: int, day: date
) -> PlannedBreak:
    kind = kind_of(settings, number_in_day)
    end = due + break_length(settings, kind)
    return PlannedBreak(due.astimezone(tz), end.astimezone(tz), kind, number_in_day, day)


def next_break_from(
    settings: Settings,
    tz: tzinfo,
    anchor: datetime,
    count_on: Callable[[date], int],
    *,
    adjust: Callable[[Span, datetime], datetime] | None = None,
    ends_after: datetime | None = None,
) -> NextBreak | None:
    """The break the cycle gives after `anchor` (the last break's end, a resume, a skip...).

    Inside a span the break is due one interval after the anchor; before a span,
    one interval after the span starts. `adjust` may move a due time later
    (snoozes, a quiet minute after waking); a break whose due time is not before
    its span's end does not happen and the next span is tried. Spans that end at
    or before `ends_after` are passed over. `count_on(day)` is how many breaks
    that work day has had so far; it sets the number and so the kind.
    """
    interval = timedelta(minutes=settings.breaks.interval_minutes)
    anchor = anchor.astimezone(UTC)
    floor = anchor if ends_after is None else max(anchor, ends_after.astimezone(UTC))
    day = local_day(floor, tz)
    ahead = day + timedelta(days=LOOKAHEAD_DAYS)
    spans = spans_between(settings, tz, day - timedelta(days=2), ahead)
    for span in spans[bisect_right(spans, floor, key=_span_end) :]:
        due = max(span.start, anchor) + interval
        if adjust is not None:
            due = adjust(span, due)
        if due < span.end:
            number = count_on(span.day) + 1
            return NextBreak(make_break(settings, tz, due, number, span.day), span, due)
    return None


def _clean_start(settings: Settings, spans: tuple[Span, ...], first: date) -> int:
    """Index of the span to start planning from so that day `first` is planned exactly."""
    longest = max(break_length(settings, BreakKind.LONG), break_length(settings, BreakKind.MICRO))
    i = next((k for k, s in enumerate(spans) if s.day >= first), len(spans))
    if i == len(spans):
        return i  # no work hours from `first` on: nothing to plan
    while i > 0 and spans[i].start - spans[i - 1].end < longest:
        i -= 1
    return i


def _iter_plan(settings: Settings, tz: tzinfo, first: date, last: date) -> Iterator[PlannedBreak]:
    spans = spans_between(settings, tz, first - timedelta(days=LOOKBACK_DAYS), last)
    i = _clean_start(settings, spans, first)
    if i >= len(spans):
        return
    counts: defaultdict[date, int] = defaultdict(int)
    anchor = spans[i].start
    while True:
        found = next_break_from(settings, tz, anchor, counts.__getitem__)
        if found is None or found.span.day > last:
            return
        counts[found.span.day] += 1
        if found.span.day >= first:
            yield found.planned
        anchor = found.planned.end.astimezone(UTC)


# ---- public, for the engine, the preview and the preferences --------------------


def work_ranges_on(settings: Settings, tz: tzinfo, day: date) -> list[tuple[datetime, datetime]]:
    """The work ranges of `day` as aware local (start, end) pairs, clipped where they overlap."""
    spans = spans_between(settings, tz, day, day)
    return [(s.start.astimezone(tz), s.end.astimezone(tz)) for s in spans]


def plan_day(settings: Settings, tz: tzinfo, day: date) -> list[PlannedBreak]:
    """The breaks of one work day, assuming the person takes each one when it is due."""
    return list(_iter_plan(settings, tz, day, day))


def plan_days(settings: Settings, tz: tzinfo, first: date, days: int) -> list[PlannedBreak]:
    """The breaks of `days` work days from `first`, in time order."""
    if days <= 0:
        return []
    return list(_iter_plan(settings, tz, first, first + timedelta(days=days - 1)))


def next_work_start(settings: Settings, tz: tzinfo, after: datetime) -> datetime | None:
    """The start of the first work range of a later work day than `after` ("until tomorrow").

    "Today" is the work day of the range `after` falls in (an overnight range belongs
    to the day it starts, so at 01:00 in Monday's 22:00-06:00 shift, tomorrow's range
    is Tuesday's at 22:00); outside work hours it is `after`'s calendar day.
    """
    span = span_at(settings, tz, after)
    today = span.day if span is not None else local_day(after, tz)
    first = today + timedelta(days=1)
    for s in spans_between(settings, tz, first, first + timedelta(days=LOOKAHEAD_DAYS)):
        return s.start.astimezone(tz)
    return None


def range_at(settings: Settings, tz: tzinfo, when: datetime) -> tuple[datetime, datetime] | None:
    """The work range `when` falls in, as local (start, end), or None outside work hours."""
    s = span_at(settings, tz, when)
    return None if s is None else (s.start.astimezone(tz), s.end.astimezone(tz))
