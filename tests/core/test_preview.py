"""The schedule preview: a table per day and JSON with local offsets."""

from __future__ import annotations

import json
from datetime import date, time
from zoneinfo import ZoneInfo

from desk_break.core.planner import plan_days
from desk_break.core.preview import length_text, render_json, render_table
from desk_break.settings.model import (
    BreaksSettings,
    LongBreaksSettings,
    Settings,
    WorkHours,
    WorkRange,
)

BERLIN = ZoneInfo("Europe/Berlin")
FRIDAY = date(2024, 3, 29)  # the weekend after it has Berlin's spring-forward night


def test_table_has_a_line_per_day_with_counts_and_empty_days() -> None:
    s = Settings()
    breaks = plan_days(s, BERLIN, FRIDAY, 4)
    text = render_table(breaks, BERLIN, first=FRIDAY, days=4, settings=s)
    lines = text.splitlines()
    assert lines[0] == "Fri 2024-03-29  16 breaks (4 long)"
    assert lines[1] == "  09:30–09:31 CET   micro  1 min"
    assert "  11:03–11:08 CET   long   5 min" in lines
    assert "Sat 2024-03-30  No work hours" in lines
    assert "Sun 2024-03-31  No work hours" in lines
    assert "Mon 2024-04-01  16 breaks (4 long)" in lines
    assert "  09:30–09:31 CEST  micro  1 min" in lines
    assert len(lines) == 4 + 16 + 16


def test_table_says_when_hours_are_too_short_for_a_break() -> None:
    s = Settings(work_hours=WorkHours({"friday": (WorkRange(time(9), time(9, 20)),)}))
    text = render_table(plan_days(s, BERLIN, FRIDAY, 1), BERLIN, first=FRIDAY, days=1, settings=s)
    assert text == "Fri 2024-03-29  No breaks: work hours too short for one"


def test_table_without_a_period_spans_the_breaks_and_marks_overnight() -> None:
    s = Settings(
        breaks=BreaksSettings(interval_minutes=60, duration_seconds=90),
        long_breaks=LongBreaksSettings(enabled=False),
        work_hours=WorkHours({"friday": (WorkRange(time(22), time(2)),)}),
    )
    text = render_table(plan_days(s, BERLIN, FRIDAY, 1), BERLIN)
    assert text.splitlines() == [
        "Fri 2024-03-29  3 breaks",
        "  23:00:00–23:01:30 CET   micro  1 min 30 s",
        "  00:01:30–00:03:00 CET   micro  1 min 30 s  (next day, Sat)",
        "  01:03:00–01:04:30 CET   micro  1 min 30 s  (next day, Sat)",
    ]
    assert render_table([], BERLIN) == "No breaks planned."


def test_json_is_a_list_of_start_end_kind_with_local_offsets() -> None:
    breaks = plan_days(Settings(), BERLIN, FRIDAY, 4)
    rows = json.loads(render_json(breaks))
    assert rows[0] == {
        "start": "2024-03-29T09:30:00+01:00",
        "end": "2024-03-29T09:31:00+01:00",
        "kind": "micro",
    }
    assert rows[16]["start"] == "2024-04-01T09:30:00+02:00"
    assert rows[3]["kind"] == "long"
    assert len(rows) == 32


def test_length_text() -> None:
    assert [length_text(n) for n in (45, 60, 90, 300)] == ["45 s", "1 min", "1 min 30 s", "5 min"]
