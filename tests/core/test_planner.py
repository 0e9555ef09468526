"""The plan: work ranges on real dates, breaks inside them, DST, long breaks, fold=0."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from desk_break.core.events import BreakKind
from desk_break.core.planner import (
    next_work_start,
    plan_day,
    plan_days,
    range_at,
    work_ranges_on,
)
from desk_break.settings.model import (
    WEEKDAYS,
    BreaksSettings,
    LongBreaksSettings,
    Settings,
    WorkHours,
    WorkRange,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
MONDAY = date(2024, 3, 4)


def hours(**days: list[tuple[str, str]]) -> WorkHours:
    def t(s: str) -> time:
        h, m = s.split(":")
        return time(int(h), int(m))

    return WorkHours(
        {d: tuple(WorkRange(t(a), t(b)) for a, b in days.get(d, [])) for d in WEEKDAYS}
    )


def settings(
    work: WorkHours,
    interval: int = 30,
    seconds: int = 60,
    long_every: int | None = None,
    long_minutes: int = 5,
) -> Settings:
    return Settings(
        breaks=BreaksSettings(interval_minutes=interval, duration_seconds=seconds),
        long_breaks=LongBreaksSettings(
            enabled=long_every is not None, every=long_every or 4, duration_minutes=long_minutes
        ),
        work_hours=work,
    )


def real_gaps(breaks: list) -> list[timedelta]:
    return [b.start.astimezone(UTC) - a.end.astimezone(UTC) for a, b in itertools.pairwise(breaks)]


def test_default_day_first_break_one_interval_in_then_interval_after_each_end() -> None:
    s = settings(hours(monday=[("09:00", "17:30")]))
    day = plan_day(s, BERLIN, MONDAY)
    assert day[0].start == datetime(2024, 3, 4, 9, 30, tzinfo=BERLIN)
    assert day[1].start == datetime(2024, 3, 4, 10, 1, tzinfo=BERLIN)
    assert all(g == timedelta(minutes=30) for g in real_gaps(day))
    assert day[-1].start < datetime(2024, 3, 4, 17, 30, tzinfo=BERLIN)
    assert day[-1].start + timedelta(minutes=31) >= datetime(2024, 3, 4, 17, 30, tzinfo=BERLIN)
    assert [b.number_in_day for b in day] == list(range(1, len(day) + 1))


def test_split_day_each_range_starts_fresh() -> None:
    s = settings(hours(monday=[("09:00", "12:00"), ("13:00", "17:00")]), interval=50)
    day = plan_day(s, BERLIN, MONDAY)
    starts = [b.start.strftime("%H:%M") for b in day]
    assert starts == ["09:50", "10:41", "11:32", "13:50", "14:41", "15:32", "16:23"]
    assert [b.number_in_day for b in day] == [1, 2, 3, 4, 5, 6, 7]


def test_a_break_is_planned_only_if_due_before_its_range_ends() -> None:
    s = settings(hours(monday=[("09:00", "09:30")]), interval=30)
    assert plan_day(s, BERLIN, MONDAY) == []  # due exactly at the end: not before it
    s = settings(hours(monday=[("09:00", "09:31")]), interval=30)
    assert len(plan_day(s, BERLIN, MONDAY)) == 1


def test_day_without_work_hours() -> None:
    s = settings(hours(monday=[("09:00", "17:00")]))
    sunday = MONDAY - timedelta(days=1)
    assert work_ranges_on(s, BERLIN, sunday) == []
    assert plan_day(s, BERLIN, sunday) == []
    assert plan_days(s, BERLIN, MONDAY, 0) == []


def test_overnight_range_belongs_to_its_start_day() -> None:
    s = settings(hours(monday=[("22:00", "02:00")]), interval=60, long_every=3)
    monday = plan_day(s, BERLIN, MONDAY)
    assert [b.start.strftime("%a %H:%M") for b in monday] == ["Mon 23:00", "Tue 00:01", "Tue 01:02"]
    assert {b.work_day for b in monday} == {MONDAY}
    assert [b.kind for b in monday] == [BreakKind.MICRO, BreakKind.MICRO, BreakKind.LONG]
    assert plan_day(s, BERLIN, MONDAY + timedelta(days=1)) == []
    assert work_ranges_on(s, BERLIN, MONDAY) == [
        (datetime(2024, 3, 4, 22, tzinfo=BERLIN), datetime(2024, 3, 5, 2, tzinfo=BERLIN))
    ]


def test_long_break_every_nth_counted_across_ranges() -> None:
    s = settings(hours(monday=[("09:00", "10:05"), ("11:00", "12:05")]), interval=20, long_every=3)
    day = plan_day(s, BERLIN, MONDAY)
    kinds = [b.kind for b in day]
    assert [b.number_in_day for b in day] == [1, 2, 3, 4, 5, 6]
    assert kinds == [BreakKind.MICRO, BreakKind.MICRO, BreakKind.LONG] * 2
    assert day[2].seconds == 5 * 60 and day[0].seconds == 60
    # The count restarts on the next work day.
    s2 = settings(
        hours(monday=[("09:00", "10:00")], tuesday=[("09:00", "10:00")]), 20, long_every=3
    )
    two = plan_days(s2, BERLIN, MONDAY, 2)
    assert [b.number_in_day for b in two] == [1, 2, 1, 2]


@pytest.mark.parametrize(
    ("tz", "day", "real_hours"),
    [
        (BERLIN, date(2024, 3, 31), 5),  # spring forward: 02:00 -> 03:00
        (BERLIN, date(2024, 10, 27), 7),  # fall back: 03:00 -> 02:00
        (NEW_YORK, date(2024, 3, 10), 5),
        (NEW_YORK, date(2024, 11, 3), 7),
    ],
)
def test_dst_night_breaks_are_exactly_interval_apart_in_real_time(tz, day, real_hours) -> None:
    weekday = WEEKDAYS[day.weekday()]
    s = settings(hours(**{weekday: [("00:00", "06:00")]}), interval=45, seconds=60)
    ((start, end),) = work_ranges_on(s, tz, day)
    assert (end.astimezone(UTC) - start.astimezone(UTC)) == timedelta(hours=real_hours)
    day_plan = plan_day(s, tz, day)
    assert day_plan[0].start.astimezone(UTC) - start.astimezone(UTC) == timedelta(minutes=45)
    assert all(g == timedelta(minutes=45) for g in real_gaps(day_plan))
    assert len(day_plan) == (real_hours * 60 - 1) // 46
    assert all(b.start.tzinfo is tz for b in day_plan)  # local times out


def test_nonexistent_wall_time_reads_with_the_offset_before_the_change() -> None:
    """fold=0: 02:30 on Berlin's spring-forward night is 03:30 CEST (01:30 UTC)."""
    s = settings(hours(sunday=[("02:30", "08:00")]))
    ((start, _end),) = work_ranges_on(s, BERLIN, date(2024, 3, 31))
    assert start.astimezone(UTC) == datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert (start.hour, start.minute) == (3, 30)
    # A range inside the skipped hour moves with it; one that starts in it and ends
    # just after it comes out empty (02:30 -> 03:30 CEST is after 03:10 CEST).
    s = settings(hours(sunday=[("02:10", "02:50")]))
    assert work_ranges_on(s, BERLIN, date(2024, 3, 31)) == [
        (datetime(2024, 3, 31, 3, 10, tzinfo=BERLIN), datetime(2024, 3, 31, 3, 50, tzinfo=BERLIN))
    ]
    s = settings(hours(sunday=[("02:30", "03:10")]))
    assert work_ranges_on(s, BERLIN, date(2024, 3, 31)) == []


def test_ambiguous_wall_time_is_its_first_occurrence() -> None:
    """fold=0: 02:30 on Berlin's fall-back night is the first 02:30, still CEST (00:30 UTC)."""
    s = settings(hours(sunday=[("02:30", "08:00")]))
    ((start, _end),) = work_ranges_on(s, BERLIN, date(2024, 10, 27))
    assert start.astimezone(UTC) == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert start.utcoffset() == timedelta(hours=2)


def test_overlapping_ranges_are_clipped_and_touching_ones_start_fresh() -> None:
    s = settings(
        hours(monday=[("22:00", "03:00")], tuesday=[("01:00", "05:00"), ("05:00", "06:00")]),
        interval=50,
    )
    tue = MONDAY + timedelta(days=1)
    assert work_ranges_on(s, BERLIN, tue) == [
        (datetime(2024, 3, 5, 3, tzinfo=BERLIN), datetime(2024, 3, 5, 5, tzinfo=BERLIN)),
        (datetime(2024, 3, 5, 5, tzinfo=BERLIN), datetime(2024, 3, 5, 6, tzinfo=BERLIN)),
    ]
    starts = [b.start.strftime("%H:%M") for b in plan_day(s, BERLIN, tue)]
    assert starts == ["03:50", "04:41", "05:50"]


def test_plan_days_equals_the_days_planned_one_by_one() -> None:
    s = settings(hours(monday=[("22:00", "02:00")], tuesday=[("09:00", "17:00")]), 40, long_every=3)
    joined = [b for i in range(7) for b in plan_day(s, BERLIN, MONDAY + timedelta(days=i))]
    assert plan_days(s, BERLIN, MONDAY, 7) == joined


def test_next_work_start_is_on_a_later_work_day() -> None:
    s = settings(
        hours(monday=[("09:00", "12:00"), ("13:00", "17:00")], wednesday=[("08:00", "12:00")])
    )
    morning = datetime(2024, 3, 4, 7, 0, tzinfo=BERLIN)
    assert next_work_start(s, BERLIN, morning) == datetime(2024, 3, 6, 8, 0, tzinfo=BERLIN)
    friday = datetime(2024, 3, 8, 23, 0, tzinfo=BERLIN)
    assert next_work_start(s, BERLIN, friday) == datetime(2024, 3, 11, 9, 0, tzinfo=BERLIN)
    assert next_work_start(settings(hours()), BERLIN, friday) is None


def test_next_work_start_counts_from_the_work_day_of_the_range_now_is_in() -> None:
    night = settings(hours(**{d: [("22:00", "06:00")] for d in WEEKDAYS[:5]}))
    tuesday_22 = datetime(2024, 3, 5, 22, 0, tzinfo=BERLIN)
    # Inside Monday's shift, before and after midnight: "tomorrow" is Tuesday's shift.
    assert next_work_start(night, BERLIN, datetime(2024, 3, 4, 23, 0, tzinfo=BERLIN)) == tuesday_22
    assert next_work_start(night, BERLIN, datetime(2024, 3, 5, 1, 0, tzinfo=BERLIN)) == tuesday_22
    # Outside any range it is the calendar day: Tuesday 07:00 -> Wednesday's shift.
    wednesday_22 = datetime(2024, 3, 6, 22, 0, tzinfo=BERLIN)
    assert next_work_start(night, BERLIN, datetime(2024, 3, 5, 7, 0, tzinfo=BERLIN)) == wednesday_22
    # Friday's shift, early Saturday, on the weekend clocks go forward: Monday's shift.
    saturday_1 = datetime(2024, 3, 30, 1, 0, tzinfo=BERLIN)
    monday_22 = datetime(2024, 4, 1, 22, 0, tzinfo=BERLIN)
    start = next_work_start(night, BERLIN, saturday_1)
    assert start == monday_22 and start.utcoffset() == timedelta(hours=2)
    assert start.astimezone(UTC) - saturday_1.astimezone(UTC) == timedelta(hours=68)


def test_next_work_start_friday_to_monday_across_a_dst_weekend() -> None:
    office = settings(hours(**{d: [("09:00", "17:30")] for d in WEEKDAYS[:5]}))
    friday = datetime(2024, 3, 29, 15, 0, tzinfo=BERLIN)  # clocks go forward on Sunday
    start = next_work_start(office, BERLIN, friday)
    assert start == datetime(2024, 4, 1, 9, 0, tzinfo=BERLIN)
    assert start is not None and start.utcoffset() == timedelta(hours=2)
    assert start.astimezone(UTC) - friday.astimezone(UTC) == timedelta(hours=65)


def test_range_at() -> None:
    s = settings(hours(monday=[("22:00", "02:00")]))
    assert range_at(s, BERLIN, datetime(2024, 3, 5, 1, 0, tzinfo=BERLIN)) == (
        datetime(2024, 3, 4, 22, tzinfo=BERLIN),
        datetime(2024, 3, 5, 2, tzinfo=BERLIN),
    )
    assert range_at(s, BERLIN, datetime(2024, 3, 5, 2, 0, tzinfo=BERLIN)) is None  # end exclusive
    assert range_at(s, BERLIN, datetime(2024, 3, 4, 22, 0, tzinfo=BERLIN)) is not None


def test_a_whole_day_is_planned_as_24_hours() -> None:
    # "00:00-24:00" is stored as 00:00-00:00; it ends at the next midnight.
    s = settings(hours(monday=[("00:00", "00:00")]), interval=60, seconds=60)
    assert work_ranges_on(s, BERLIN, MONDAY) == [
        (datetime(2024, 3, 4, 0, 0, tzinfo=BERLIN), datetime(2024, 3, 5, 0, 0, tzinfo=BERLIN))
    ]
    day = plan_day(s, BERLIN, MONDAY)
    assert day[0].start == datetime(2024, 3, 4, 1, 0, tzinfo=BERLIN)
    assert len(day) == 23  # due every 61 min; the 24th would be due after midnight
    assert all(b.day == MONDAY for b in day)
    assert range_at(s, BERLIN, datetime(2024, 3, 4, 23, 59, tzinfo=BERLIN)) is not None
    assert range_at(s, BERLIN, datetime(2024, 3, 5, 0, 1, tzinfo=BERLIN)) is None


def test_whole_days_in_a_row_touch_and_each_starts_fresh() -> None:
    s = settings(hours(monday=[("00:00", "00:00")], tuesday=[("00:00", "00:00")]), interval=60)
    tuesday = plan_day(s, BERLIN, MONDAY + timedelta(days=1))
    assert tuesday[0].start == datetime(2024, 3, 5, 1, 0, tzinfo=BERLIN)
    assert tuesday[0].number_in_day == 1


def test_settings_made_again_and_again_do_not_pile_up_in_the_planners_caches() -> None:
    """Every Preferences dialog and every reload makes WorkHours of its own; planning
    with each must not keep them (and their spans) alive: a month of use found it."""
    import gc
    import tracemalloc

    from desk_break.core.planner import next_span_start, span_at

    def fresh() -> Settings:  # equal to the last, but a new object, as a reload makes
        return settings(hours(**{d: [("09:00", "12:30"), ("13:30", "17:30")] for d in WEEKDAYS}))

    when = datetime(2024, 3, 4, 10, tzinfo=BERLIN)
    for _ in range(100):  # the caches' steady state
        s = fresh()
        span_at(s, BERLIN, when)
        next_span_start(s, BERLIN, when)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(1000):
            s = fresh()
            span_at(s, BERLIN, when)
            next_span_start(s, BERLIN, when)
        del s
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    # 3.4 MB before (4096 entries); now at most the fast path's 64 entries and their spans.
    assert kept < 300_000, f"{kept / 1000:.0f} kB kept by 1000 equal settings"
