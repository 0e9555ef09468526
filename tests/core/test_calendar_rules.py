"""Which moments a local .ics calendar holds breaks: recurrences, exceptions, DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from desk_break.core.calendar_rules import (
    Busy,
    CalendarError,
    busy_for_day,
    busy_now,
    check_structure,
    look_ahead,
    merge,
    next_boundary,
    parse_calendar,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "calendar"
BERLIN = ZoneInfo("Europe/Berlin")


def load(name: str) -> Any:
    return parse_calendar((FIXTURES / name).read_text(encoding="utf-8"))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def busy_at(calendar: Any, when: datetime) -> bool:
    return busy_now(look_ahead(calendar, when), when) is not None


def test_a_weekly_meeting_holds_every_week_and_only_while_it_runs() -> None:
    cal = load("weekly.ics")
    for monday in ("2026-11-02", "2026-11-09", "2026-12-28"):
        assert busy_at(cal, at(f"{monday}T09:00"))  # start is inclusive
        assert busy_at(cal, at(f"{monday}T09:29:59"))
        assert not busy_at(cal, at(f"{monday}T09:30"))  # end is exclusive
        assert not busy_at(cal, at(f"{monday}T08:59:59"))
    assert not busy_at(cal, at("2026-11-03T09:15"))  # a Tuesday
    assert not busy_at(cal, at("2026-10-26T09:15"))  # before the series began


def test_the_next_boundary_is_the_next_start_then_the_end() -> None:
    cal = load("weekly.ics")
    friday = at("2026-11-06T12:00")
    assert next_boundary(look_ahead(cal, friday), friday) == at("2026-11-09T09:00")
    during = at("2026-11-09T09:10")
    assert next_boundary(look_ahead(cal, during), during) == at("2026-11-09T09:30")


def test_exdate_cancels_one_week_and_a_moved_instance_holds_at_its_new_time() -> None:
    cal = load("exceptions.ics")
    assert busy_at(cal, at("2026-11-03T14:30"))
    assert not busy_at(cal, at("2026-11-10T14:30"))  # EXDATE
    assert not busy_at(cal, at("2026-11-17T14:30"))  # moved away from Tuesday...
    assert busy_at(cal, at("2026-11-18T16:15"))  # ...to Wednesday 16:00-16:30
    assert not busy_at(cal, at("2026-11-18T16:30"))
    assert busy_at(cal, at("2026-11-24T14:30"))
    assert not busy_at(cal, at("2026-12-15T14:30"))  # COUNT=6 ended on 8 December
    tuesday = at("2026-11-17T12:00")
    assert next_boundary(look_ahead(cal, tuesday), tuesday) == at("2026-11-18T16:00")


def test_transparent_all_day_and_cancelled_events_hold_nothing() -> None:
    cal = load("transparent_and_all_day.ics")
    day = busy_for_day(cal, date(2026, 11, 4), UTC)
    assert [(b.start, b.end, b.summary) for b in day] == [
        (at("2026-11-04T15:00"), at("2026-11-04T15:30"), "Customer call")
    ]
    for moment in ("T00:30", "T11:00", "T13:30"):  # all-day, transparent, cancelled
        assert not busy_at(cal, at("2026-11-04" + moment))


def test_a_meeting_in_the_files_zone_keeps_its_local_time_across_the_dst_change() -> None:
    cal = load("dst_berlin.ics")
    # 09:00 in Berlin is 07:00 UTC in summer time and 08:00 UTC after 25 October.
    assert busy_at(cal, at("2026-10-19T07:30"))
    assert not busy_at(cal, at("2026-10-19T08:30"))
    assert not busy_at(cal, at("2026-10-26T07:30"))
    assert busy_at(cal, at("2026-10-26T08:30"))
    before = datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN)
    assert next_boundary(look_ahead(cal, before), before) == datetime(
        2026, 10, 26, 9, 0, tzinfo=BERLIN
    )


def test_floating_times_are_the_persons_local_time() -> None:
    text = (FIXTURES / "weekly.ics").read_text(encoding="utf-8")
    floating = parse_calendar(text.replace("090000Z", "090000").replace("093000Z", "093000"))
    local = datetime(2026, 11, 2, 9, 15, tzinfo=BERLIN)
    assert busy_now(look_ahead(floating, local), local) is not None
    assert busy_now(look_ahead(floating, local.astimezone(UTC), BERLIN), local) is not None


def test_back_to_back_meetings_merge_so_the_hold_never_blinks() -> None:
    a = Busy(at("2026-11-02T09:00"), at("2026-11-02T10:00"), "a")
    b = Busy(at("2026-11-02T10:00"), at("2026-11-02T10:30"), "b")
    c = Busy(at("2026-11-02T09:15"), at("2026-11-02T09:45"), "c")
    assert merge([b, c, a]) == [Busy(a.start, b.end, "a")]
    assert next_boundary(merge([a, b]), at("2026-11-02T09:30")) == b.end


def test_no_events_ahead_means_no_boundary() -> None:
    cal = load("exceptions.ics")
    later = at("2027-01-01T00:00")
    assert look_ahead(cal, later) == []
    assert next_boundary([], later) is None


def test_a_malformed_file_names_its_line() -> None:
    with pytest.raises(CalendarError, match=r"line 7: expected NAME:value"):
        load("malformed.ics")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"line 1: a calendar begins with BEGIN:VCALENDAR"),
        ("hello\n", r"line 1: a calendar begins"),
        ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n", r"line 3: END:VCALENDAR does not"),
        ("BEGIN:VCALENDAR\nVERSION:2.0\n", r"line 2: BEGIN:VCALENDAR is never ended"),
        (
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:tomorrow\nEND:VEVENT\nEND:VCALENDAR\n",
            r"line 3: DTSTART is not a date or time",
        ),
    ],
)
def test_structure_errors_say_where(text: str, message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        check_structure(text)


def test_folded_lines_and_quoted_parameters_are_fine() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n"
        'ORGANIZER;CN="Doe: Jane":mailto:j@example.org\r\n'
        "DTSTART:20261102T090000Z\r\nDTEND:20261102T1\r\n 00000Z\r\n"
        "SUMMARY:a long\r\n  summary\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    cal = parse_calendar(text)
    start = at("2026-11-02T09:00")
    assert look_ahead(cal, start - timedelta(minutes=1)) == [
        Busy(start, at("2026-11-02T10:00"), "a long summary")
    ]
