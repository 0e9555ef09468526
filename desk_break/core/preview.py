"""The plan as text: a table for people and JSON for scripts (`desk-break schedule`).

Breaks are grouped by the work day they belong to (an overnight range's breaks
stay with the day the range starts). Given `first` and `days`, every day of the
period gets a line, so days without breaks read "No work hours" (or "No breaks:
work hours too short for one" when `settings` shows the day does have hours).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, timedelta, tzinfo

from desk_break.core.events import BreakKind, PlannedBreak
from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, clock, translate, weekday_short
from desk_break.core.planner import work_ranges_on
from desk_break.settings.model import Settings


def render_json(breaks: Iterable[PlannedBreak]) -> str:
    """A JSON list of {start, end, kind}; times in ISO 8601 with their local offset."""
    rows = [
        {
            "start": b.start.isoformat(timespec="seconds"),
            "end": b.end.isoformat(timespec="seconds"),
            "kind": b.kind.value,
        }
        for b in breaks
    ]
    return json.dumps(rows, indent=2)


def length_text(seconds: int) -> str:
    """'45 s', '1 min', '1 min 30 s', '5 min'."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return arg(translate("Schedule", "%1 s"), rest)
    if not rest:
        return arg(translate("Schedule", "%1 min"), minutes)
    return arg(translate("Schedule", "%1 min %2 s"), minutes, rest)


# The kind column, as a person reads it (JSON keeps the English values).
KIND_WORDS = {
    BreakKind.MICRO: QT_TRANSLATE_NOOP("Schedule", "micro"),
    BreakKind.LONG: QT_TRANSLATE_NOOP("Schedule", "long"),
}


def render_table(
    breaks: Sequence[PlannedBreak],
    tz: tzinfo,
    *,
    first: date | None = None,
    days: int | None = None,
    settings: Settings | None = None,
) -> str:
    """A readable plan: per day a heading with the count, then one line per break."""
    by_day: dict[date, list[PlannedBreak]] = {}
    for b in breaks:
        by_day.setdefault(b.work_day, []).append(b)
    if first is not None:
        span = days if days is not None else 1
        all_days = [first + timedelta(days=i) for i in range(span)]
    elif by_day:
        lo, hi = min(by_day), max(by_day)
        all_days = [lo + timedelta(days=i) for i in range((hi - lo).days + 1)]
    else:
        return translate("Schedule", "No breaks planned.")
    with_seconds = any(b.start.astimezone(tz).second or b.end.astimezone(tz).second for b in breaks)
    lines: list[str] = []
    for day in all_days:
        todays = by_day.get(day, [])
        heading = f"{weekday_short(day)} {day:%Y-%m-%d}"
        if not todays:
            lines.append(f"{heading}  {_empty_day_text(settings, tz, day)}")
            continue
        longs = sum(1 for b in todays if b.kind is BreakKind.LONG)
        n = len(todays)
        count = translate("Schedule", "%n break(s)", "", n)
        if longs:
            count = arg(translate("Schedule", "%1 (%2 long)"), count, longs)
        lines.append(f"{heading}  {count}")
        for b in todays:
            lines.append(_break_line(b, tz, with_seconds))
    return "\n".join(lines)


def _break_line(b: PlannedBreak, tz: tzinfo, with_seconds: bool) -> str:
    start, end = b.start.astimezone(tz), b.end.astimezone(tz)
    when = f"{clock(start, seconds=with_seconds)}–{clock(end, seconds=with_seconds)}"
    zone = start.tzname() or ""
    extra = ""
    if start.date() != b.work_day:
        extra = "  " + arg(translate("Schedule", "(next day, %1)"), weekday_short(start))
    kind = translate("Schedule", KIND_WORDS[b.kind])
    return f"  {when} {zone:<5} {kind:<5}  {length_text(b.seconds)}{extra}"


def _empty_day_text(settings: Settings | None, tz: tzinfo, day: date) -> str:
    if settings is not None and work_ranges_on(settings, tz, day):
        return translate("Schedule", "No breaks: work hours too short for one")
    return translate("Schedule", "No work hours")
