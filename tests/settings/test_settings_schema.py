"""settings.toml text <-> Settings: problems a person can act on, per-key fallback,
migrations, and a writer that changes only what changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from pathlib import Path

import pytest
import tomlkit
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from desk_break.settings.migrations import MIGRATIONS, migrate
from desk_break.settings.model import (
    EQUIPMENT,
    INT_BOUNDS,
    POSITIONS,
    SCHEMA_VERSION,
    WEEKDAYS,
    BehaviourSettings,
    BreaksSettings,
    DoNotDisturbSettings,
    LongBreaksSettings,
    MovesSettings,
    PresenceSettings,
    Settings,
    WorkHours,
    WorkRange,
    default_week,
)
from desk_break.settings.schema import (
    Problem,
    parse_settings,
    parse_text,
    settings_to_document,
)

FILE = Path("/home/a/.config/desk-break/settings.toml")


def r(text: str) -> WorkRange:
    start, end = text.split("-")
    return WorkRange(time.fromisoformat(start), time.fromisoformat(end))


def with_breaks(**values: int) -> Settings:
    return replace(Settings(), breaks=replace(BreaksSettings(), **values))


# --- Problem ----------------------------------------------------------------------------


def test_problem_reads_as_one_line_naming_file_line_key_and_reason() -> None:
    problem = Problem(
        FILE, 4, "breaks.interval_minutes", "must be a whole number from 1 to 480, got 900"
    )
    assert str(problem) == (
        "/home/a/.config/desk-break/settings.toml, line 4: "
        "breaks.interval_minutes: must be a whole number from 1 to 480, got 900"
    )


def test_problem_leaves_out_what_it_does_not_know() -> None:
    assert str(Problem(None, None, None, "not valid TOML")) == "not valid TOML"
    assert str(Problem(FILE, None, "version", "x")) == f"{FILE}: version: x"
    assert str(Problem(None, 2, None, "x")) == "line 2: x"


# --- valid input ------------------------------------------------------------------------


def test_empty_text_is_all_defaults_without_problems() -> None:
    assert parse_settings("", FILE) == (Settings(), [])


def test_the_spec_example_file_is_read_as_written() -> None:
    text = """\
version = 1
[breaks]
interval_minutes = 30      # between the end of one break and the next (1-480)
duration_seconds = 60      # (10-600)
warning_seconds = 0        # 0 = no warning
snooze_minutes = 5
max_snoozes = 3
[long_breaks]
enabled = false
every = 4
duration_minutes = 5
[work_hours]
monday = ["09:00-12:30", "13:30-17:30"]
saturday = []
sunday = ["22:00-02:00"]
[moves]
positions = ["seated", "standing", "floor"]
equipment = ["none", "chair", "desk", "wall"]
disabled = ["some-move-from-the-future"]
[behaviour]
sound = false
"""
    result, problems = parse_settings(text, FILE)
    assert problems == []
    assert result.breaks.warning_seconds == 0
    assert result.long_breaks == LongBreaksSettings(enabled=False)
    week = default_week()
    week.update(monday=(r("09:00-12:30"), r("13:30-17:30")), sunday=(r("22:00-02:00"),))
    assert result.work_hours == WorkHours(week)  # tuesday..friday keep their default
    assert result.work_hours.days["sunday"][0].overnight
    assert result.moves.positions == ("seated", "standing", "floor")
    assert result.moves.disabled == ("some-move-from-the-future",)  # unknown ids are kept
    assert result.behaviour == BehaviourSettings(sound=False)


def test_work_hours_accept_a_one_digit_hour_and_ranges_that_touch() -> None:
    result, problems = parse_settings(
        '[work_hours]\nmonday = ["9:00-12:00", "12:00 - 17:30"]\n', FILE
    )
    assert problems == []
    assert result.work_hours.days["monday"] == (r("09:00-12:00"), r("12:00-17:30"))


def test_an_overnight_range_only_competes_with_later_ranges_of_the_same_day() -> None:
    # 22:00-02:00 runs into Tuesday; Monday 01:00-03:00 is a different night.
    result, problems = parse_settings(
        '[work_hours]\nmonday = ["22:00-02:00", "01:00-03:00"]\n', FILE
    )
    assert problems == []
    assert result.work_hours.days["monday"] == (r("22:00-02:00"), r("01:00-03:00"))
    _, problems = parse_settings('[work_hours]\nmonday = ["20:00-02:00", "23:00-23:30"]\n', FILE)
    assert [(p.key, p.reason) for p in problems] == [
        ("work_hours.monday[1]", '"23:00-23:30" overlaps "20:00-02:00"')
    ]


def test_repeated_list_items_are_read_once() -> None:
    result, problems = parse_settings(
        '[moves]\npositions = ["seated", "seated"]\ndisabled = ["a", "b", "a"]\n', FILE
    )
    assert problems == []
    assert result.moves.positions == ("seated",)
    assert result.moves.disabled == ("a", "b")


# --- one bad key at a time: a precise problem, and every other key survives --------------

BASE = """\
version = 1

[breaks]
duration_seconds = 45
{breaks}
[long_breaks]
every = 3
{long_breaks}
[work_hours]
friday = ["08:00-12:00"]
{work_hours}
[moves]
disabled = ["neck-roll"]
{moves}
[behaviour]
sound = false
{behaviour}
"""

# (table to put the line in, the line, key, reason)
BAD_KEYS = [
    ("breaks", "interval_minutes = 900", "breaks.interval_minutes",
     "must be a whole number from 1 to 480, got 900"),
    ("breaks", "interval_minutes = 0", "breaks.interval_minutes",
     "must be a whole number from 1 to 480, got 0"),
    ("breaks", "interval_minutes = true", "breaks.interval_minutes",
     "must be a whole number from 1 to 480, got true"),
    ("breaks", 'interval_minutes = "30"', "breaks.interval_minutes",
     'must be a whole number from 1 to 480, got "30"'),
    ("breaks", "interval_minutes = 30.0", "breaks.interval_minutes",
     "must be a whole number from 1 to 480, got 30.0"),
    ("breaks", "warning_seconds = -1", "breaks.warning_seconds",
     "must be a whole number from 0 to 600, got -1"),
    ("long_breaks", "enabled = 1", "long_breaks.enabled", "must be true or false, got 1"),
    ("long_breaks", "duration_minutes = [5]", "long_breaks.duration_minutes",
     "must be a whole number from 1 to 60, got [5]"),
    ("breaks", "intervall_minutes = 20", "breaks.intervall_minutes",
     "unknown key; did you mean 'interval_minutes'?"),
    ("breaks", "colour = 1", "breaks.colour", "unknown key"),
    ("breaks", "enabled = true", "breaks.enabled",
     "unknown key here; 'enabled' belongs in [long_breaks]"),
    ("behaviour", "[brakes]\ninterval_minutes = 5", "brakes",
     "unknown table; did you mean 'breaks'?"),
    ("behaviour", "[extras]", "extras", "unknown table"),
    ("work_hours", 'mondya = ["09:00-10:00"]', "work_hours.mondya",
     "unknown key; did you mean 'monday'?"),
    ("work_hours", 'monday = ["9-5"]', "work_hours.monday[0]",
     'must be a time range "HH:MM-HH:MM" such as "09:00-17:30", got "9-5"'),
    ("work_hours", 'monday = ["09:00-12:00", 13]', "work_hours.monday[1]",
     'must be a time range "HH:MM-HH:MM" such as "09:00-17:30", got 13'),
    ("work_hours", 'monday = ["24:00-08:00"]', "work_hours.monday[0]",
     '"24:00" can only end a range ("00:00-24:00" is the whole day); '
     'to start at midnight write "00:00"'),
    ("work_hours", 'monday = ["09:00-24:30"]', "work_hours.monday[0]",
     '"24:30" is not a time of day (00:00 to 23:59, or 24:00 to end)'),
    ("work_hours", 'monday = ["09:00-17:60"]', "work_hours.monday[0]",
     '"17:60" is not a time of day (00:00 to 23:59, or 24:00 to end)'),
    ("work_hours", 'monday = ["10:00-10:00"]', "work_hours.monday[0]",
     '"10:00-10:00" is empty: it starts and ends at the same time'),
    ("work_hours", 'monday = ["13:00-17:00", "09:00-13:30"]', "work_hours.monday[0]",
     '"13:00-17:00" overlaps "09:00-13:30"'),
    ("work_hours", 'monday = "09:00-17:00"', "work_hours.monday",
     'must be a list of time ranges like ["09:00-17:30"], got "09:00-17:00"'),
    ("moves", 'positions = ["seated", "flor"]', "moves.positions[1]",
     "unknown position \"flor\"; did you mean 'floor'?"),
    ("moves", 'positions = ["lying"]', "moves.positions[0]",
     'unknown position "lying"; expected one of seated, standing, floor'),
    ("moves", "positions = []", "moves.positions",
     "needs at least one position (to turn long breaks off, set long_breaks.enabled)"),
    ("moves", 'equipment = ["none", "bands"]', "moves.equipment[1]",
     "unknown equipment \"bands\"; did you mean 'band'?"),
]  # fmt: skip


@pytest.mark.parametrize(("table", "line", "key", "reason"), BAD_KEYS)
def test_one_bad_key_is_reported_precisely_and_the_rest_survive(
    table: str, line: str, key: str, reason: str
) -> None:
    slots = dict.fromkeys(("breaks", "long_breaks", "work_hours", "moves", "behaviour"), "")
    slots[table] = line + "\n"
    text = BASE.format(**slots)
    expected_line = text.splitlines().index(line.splitlines()[0]) + 1

    result, problems = parse_settings(text, FILE)

    assert problems == [Problem(FILE, expected_line, key, reason)]
    # The bad key kept its default...
    assert result.breaks.interval_minutes == 30
    assert result.work_hours.days["monday"] == default_week()["monday"]
    assert result.moves.positions == MovesSettings().positions
    assert result.moves.equipment == MovesSettings().equipment
    assert result.long_breaks.enabled is True
    # ...and every other key in the file still counts.
    assert result.breaks.duration_seconds == 45
    assert result.long_breaks.every == 3
    assert result.work_hours.days["friday"] == (r("08:00-12:00"),)
    assert result.moves.disabled == ("neck-roll",)
    assert result.behaviour.sound is False


def test_every_bad_range_of_a_day_is_reported_and_the_day_keeps_its_default() -> None:
    text = '[work_hours]\ntuesday = ["9-5", "08:00-12:00", "24:00-01:00"]\nwednesday = []\n'
    result, problems = parse_settings(text, FILE)
    assert [(p.line, p.key) for p in problems] == [
        (2, "work_hours.tuesday[0]"),
        (2, "work_hours.tuesday[2]"),
    ]
    assert result.work_hours.days["tuesday"] == default_week()["tuesday"]
    assert result.work_hours.days["wednesday"] == ()


def test_a_move_id_must_be_text() -> None:
    result, problems = parse_settings('[moves]\ndisabled = ["a", 3]\n', FILE)
    assert problems == [Problem(FILE, 2, "moves.disabled[1]", "must be a move id (text), got 3")]
    assert result.moves.disabled == ()


def test_a_table_that_is_not_a_table_keeps_its_defaults() -> None:
    text = "work_hours = 5\n[breaks]\ninterval_minutes = 20\n[[moves]]\npositions = []\n"
    result, problems = parse_settings(text, FILE)
    assert [str(p) for p in problems] == [
        f"{FILE}, line 1: work_hours: must be a table, got 5",
        f"{FILE}, line 4: moves: must be a table, got an array of tables",
    ]
    assert result.work_hours == WorkHours()
    assert result.moves == MovesSettings()
    assert result.breaks.interval_minutes == 20


def test_a_key_outside_its_table_says_where_it_belongs() -> None:
    _, problems = parse_settings("interval_minutes = 20\n[breaks]\n", FILE)
    assert [str(p) for p in problems] == [
        f"{FILE}, line 1: interval_minutes: unknown key here; "
        "'interval_minutes' belongs in [breaks]"
    ]


def test_problems_come_in_file_order() -> None:
    text = "[breaks]\ninterval_minutes = 0\n[zzz]\n[behaviour]\nsound = 2\n"
    _, problems = parse_settings(text, FILE)
    assert [p.line for p in problems] == [2, 3, 5]


# --- line numbers where TOML is written other ways ----------------------------------------


def test_line_numbers_for_dotted_keys_inline_tables_and_quoted_keys() -> None:
    text = (
        "# a comment\n"
        "\n"
        "breaks.interval_minutes = 0\n"
        'long_breaks = { every = 1, "duration_minutes" = 5 }\n'
        '[ "behaviour" ]\n'
        "'sound' = 3\n"
    )
    _, problems = parse_settings(text, FILE)
    assert [(p.line, p.key) for p in problems] == [
        (3, "breaks.interval_minutes"),
        (4, "long_breaks.every"),  # no line of its own: the inline table's line
        (6, "behaviour.sound"),
    ]


def test_lines_inside_a_multiline_string_are_not_taken_for_keys() -> None:
    text = (
        '[moves]\ndisabled = ["""\n'
        "[breaks]\n"
        'interval_minutes = 10"""]\n'
        "[breaks]\n"
        "interval_minutes = 0\n"
    )
    _, problems = parse_settings(text, FILE)
    assert [(p.line, p.key) for p in problems] == [(6, "breaks.interval_minutes")]


# --- whole-file problems ------------------------------------------------------------------


def test_text_that_is_not_toml_gives_all_defaults_and_one_problem_with_its_line() -> None:
    text = "[breaks]\ninterval_minutes = 20\nduration_seconds = = 3\n"
    result, problems = parse_settings(text, FILE)
    assert result == Settings()
    assert len(problems) == 1
    assert problems[0].file == FILE
    assert problems[0].line == 3
    assert problems[0].key is None
    assert problems[0].reason.startswith("not valid TOML: ")
    assert str(problems[0]).startswith(f"{FILE}, line 3: not valid TOML: ")


def test_a_duplicate_key_is_not_toml() -> None:
    result, problems = parse_settings("[breaks]\nmax_snoozes = 1\nmax_snoozes = 2\n", FILE)
    assert result == Settings()
    assert [(p.line, p.reason) for p in problems] == [
        (3, 'not valid TOML: Key "max_snoozes" already exists.')
    ]


def test_a_key_given_twice_inside_a_table_points_at_the_second() -> None:
    text = '[moves]\ndisabled = ["a"]\npositions = ["seated"]\ndisabled = []\n'
    result, problems = parse_settings(text, FILE)
    assert result == Settings()
    assert [(p.line, p.reason) for p in problems] == [
        (4, 'not valid TOML: Key "disabled" already exists.')
    ]


def test_a_truncated_file_says_so_plainly() -> None:
    _, problems = parse_settings("[breaks]\ninterval_minutes =", FILE)
    assert [p.reason for p in problems] == ["not valid TOML: unexpected end of file (column 0)"]


def test_a_newer_version_is_refused_whole() -> None:
    text = "version = 2\n[breaks]\ninterval_minutes = 20\n"
    parsed = parse_text(text, FILE)
    assert parsed.settings == Settings()  # not even the keys we would understand
    assert parsed.newer
    assert parsed.version == 2
    assert parsed.document is not None
    assert [str(p) for p in parsed.problems] == [
        f"{FILE}, line 1: version: this file is for a newer Desk Break (settings version 2; "
        f"this one understands up to {SCHEMA_VERSION}); using the defaults and leaving the file "
        "as it is"
    ]


@pytest.mark.parametrize("version", ['"1"', "true", "-1", "1.0"])
def test_a_version_that_is_not_a_number_is_reported_and_the_rest_is_read(version: str) -> None:
    parsed = parse_text(f"version = {version}\n[breaks]\ninterval_minutes = 20\n", FILE)
    assert [(p.line, p.key) for p in parsed.problems] == [(1, "version")]
    assert parsed.settings == with_breaks(interval_minutes=20)
    assert parsed.version is None
    assert not parsed.newer


# --- migrations ---------------------------------------------------------------------------


def test_every_old_version_has_a_migration_step() -> None:
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_version_0_interval_is_read_as_interval_minutes() -> None:
    parsed = parse_text("[breaks]\ninterval = 45  # minutes\n", FILE)
    assert parsed.problems == []
    assert parsed.settings == with_breaks(interval_minutes=45)
    assert parsed.version == 0
    # The document stays as written: loading never rewrites anything.
    assert parsed.document is not None
    assert parsed.document.as_string() == "[breaks]\ninterval = 45  # minutes\n"


def test_migration_0_to_1_renames_in_place_keeping_comment_and_order() -> None:
    doc = tomlkit.parse("[breaks]\n# how often\ninterval = 45  # minutes\nmax_snoozes = 1\n")
    migrated, notes = migrate(doc, 0)
    assert notes == []
    assert migrated.as_string() == (
        "version = 1\n\n[breaks]\n# how often\ninterval_minutes = 45  # minutes\nmax_snoozes = 1\n"
    )
    assert "interval = 45" in doc.as_string()  # the step ran on a copy


def test_migration_0_to_1_prefers_the_new_name_when_both_are_there() -> None:
    text = "[breaks]\ninterval = 45\ninterval_minutes = 20\n"
    result, problems = parse_settings(text, FILE)
    assert result == with_breaks(interval_minutes=20)
    assert [str(p) for p in problems] == [
        f"{FILE}, line 2: breaks.interval: old name of 'interval_minutes', which is also set; "
        "ignored"
    ]


def test_a_bad_value_under_an_old_name_points_at_the_line_written() -> None:
    _, problems = parse_settings("\n[breaks]\ninterval = 900\n", FILE)
    assert [(p.line, p.key) for p in problems] == [(3, "breaks.interval_minutes")]


def test_a_version_1_file_does_not_know_the_old_name() -> None:
    _, problems = parse_settings("version = 1\n[breaks]\ninterval = 45\n", FILE)
    assert [(p.key, p.reason) for p in problems] == [
        ("breaks.interval", "unknown key; did you mean 'interval_minutes'?")
    ]


# --- writing ------------------------------------------------------------------------------


def test_a_fresh_file_documents_every_key_and_reads_back_as_defaults() -> None:
    text = settings_to_document(Settings()).as_string()
    assert parse_settings(text, None) == (Settings(), [])
    assert text.startswith("# Desk Break settings.\n")
    assert "version = 1\n" in text
    for dotted, bounds in INT_BOUNDS.items():
        table, key = dotted.split(".")
        line = next(x for x in text.splitlines() if x.startswith(f"{key} = "))
        assert line.endswith(f"({bounds.low}-{bounds.high})"), line
        assert f"[{table}]" in text
    for day in WEEKDAYS:
        assert f"\n{day} = " in text
    for word in (*POSITIONS, *EQUIPMENT):
        assert word in text
    assert max(len(line) for line in text.splitlines()) <= 100


HAND_WRITTEN = """\
# My settings -- hand written, do not lose this comment
version = 1

[behaviour]
sound = false   # the office is quiet

[breaks]
# I like them often
interval_minutes = 20   # every 20 min
duration_seconds = 60

[work_hours]
monday = ["9:00-12:30", "13:30-17:30"]  # lunch in between
friday = []   # four-day week
"""


def test_writing_unchanged_settings_over_a_hand_written_file_changes_nothing() -> None:
    settings, problems = parse_settings(HAND_WRITTEN, None)
    assert problems == []
    doc = tomlkit.parse(HAND_WRITTEN)
    assert settings_to_document(settings, doc).as_string() == HAND_WRITTEN


def test_editing_one_value_changes_only_that_value() -> None:
    settings, _ = parse_settings(HAND_WRITTEN, None)
    edited = replace(settings, breaks=replace(settings.breaks, duration_seconds=90))
    out = settings_to_document(edited, tomlkit.parse(HAND_WRITTEN)).as_string()
    assert out == HAND_WRITTEN.replace("duration_seconds = 60", "duration_seconds = 90")


def test_editing_a_commented_value_keeps_its_comment() -> None:
    settings, _ = parse_settings(HAND_WRITTEN, None)
    week = dict(settings.work_hours.days, monday=(r("08:00-12:00"),))
    edited = replace(settings, work_hours=WorkHours(week))
    out = settings_to_document(edited, tomlkit.parse(HAND_WRITTEN)).as_string()
    assert out == HAND_WRITTEN.replace(
        'monday = ["9:00-12:30", "13:30-17:30"]  # lunch in between',
        'monday = ["08:00-12:00"]  # lunch in between',
    )


def test_missing_keys_and_tables_are_added_at_the_end_in_canonical_order() -> None:
    settings, _ = parse_settings(HAND_WRITTEN, None)
    edited = replace(
        settings,
        breaks=replace(settings.breaks, max_snoozes=0, snooze_minutes=10),
        moves=replace(settings.moves, positions=("seated", "standing", "floor")),
    )
    out = settings_to_document(edited, tomlkit.parse(HAND_WRITTEN)).as_string()
    assert out == HAND_WRITTEN.replace(
        "duration_seconds = 60\n",
        "duration_seconds = 60\n"
        "snooze_minutes = 10  # how long a snooze lasts (1-120)\n"
        "max_snoozes = 0  # snoozes allowed in a row (0-20)\n",
    ) + (
        "\n"
        "[moves]\n"
        "# Which moves long breaks may choose.\n"
        "# positions from: seated, standing, floor (floor is opt-in)\n"
        "# equipment from: none, chair, wall, desk, band, ball, foam_roller, bench\n"
        'positions = ["seated", "standing", "floor"]  # allowed in long breaks\n'
    )
    assert parse_settings(out, None) == (edited, [])


def test_a_key_the_file_leaves_out_is_not_added_while_it_is_the_default() -> None:
    text = "version = 1\n[breaks]\ninterval_minutes = 20\n"
    settings, _ = parse_settings(text, None)
    assert settings_to_document(settings, tomlkit.parse(text)).as_string() == text


def test_bad_values_are_replaced_and_unknown_keys_dropped_keeping_comments() -> None:
    text = (
        "version = 1\n"
        "# breaks\n"
        "[breaks]\n"
        "interval_minutes = 900  # too long\n"
        "colour = 3\n"
        "max_snoozes = 2\n"
        "[brakes]\n"
        "x = 1\n"
    )
    settings, problems = parse_settings(text, None)
    assert len(problems) == 3
    out = settings_to_document(settings, tomlkit.parse(text)).as_string()
    assert out == (
        "version = 1\n# breaks\n[breaks]\ninterval_minutes = 30  # too long\nmax_snoozes = 2\n"
    )
    assert parse_settings(out, None) == (settings, [])


def test_an_old_file_is_migrated_in_place_when_written() -> None:
    text = "# mine\n\n[breaks]\ninterval = 45  # old name\n"
    settings, _ = parse_settings(text, None)
    out = settings_to_document(settings, tomlkit.parse(text)).as_string()
    assert out == "# mine\nversion = 1\n\n[breaks]\ninterval_minutes = 45  # old name\n"
    assert parse_settings(out, None) == (settings, [])


def test_an_inline_table_gets_new_keys_without_comments() -> None:
    text = "version = 1\nbreaks = { interval_minutes = 20 }\n"
    edited = with_breaks(interval_minutes=20, max_snoozes=1)
    out = settings_to_document(edited, tomlkit.parse(text)).as_string()
    assert parse_settings(out, None) == (edited, [])
    assert "#" not in out


def test_a_table_of_the_wrong_kind_is_replaced() -> None:
    text = "version = 1\nbreaks = 3\n[[moves]]\nx = 1\n"
    edited = with_breaks(max_snoozes=1)
    out = settings_to_document(edited, tomlkit.parse(text)).as_string()
    assert parse_settings(out, None) == (edited, [])
    assert "[[moves]]" not in out


def test_the_base_document_is_not_changed() -> None:
    doc = tomlkit.parse(HAND_WRITTEN)
    settings_to_document(with_breaks(interval_minutes=99), doc)
    assert doc.as_string() == HAND_WRITTEN


# --- property: every valid Settings survives a trip through the file -----------------------


def _bounded(dotted: str) -> st.SearchStrategy[int]:
    bounds = INT_BOUNDS[dotted]
    return st.integers(bounds.low, bounds.high)


@st.composite
def day_ranges(draw: st.DrawFn) -> tuple[WorkRange, ...]:
    """Non-overlapping ranges of one day, any order; the last may run past midnight."""
    if draw(st.integers(0, 9)) == 0:
        return (WorkRange(time(0, 0), time(0, 0)),)  # "00:00-24:00"
    count = draw(st.integers(0, 3))
    points = sorted(
        draw(st.sets(st.integers(0, 24 * 60 - 1), min_size=2 * count, max_size=2 * count))
    )
    pairs = [(points[2 * i], points[2 * i + 1]) for i in range(count)]
    overnight = draw(st.booleans())
    if pairs and overnight:
        start, end = pairs[-1]
        pairs[-1] = (end, start)  # starts later, ends after midnight: still no overlap
    ranges = [WorkRange(time(s // 60, s % 60), time(e // 60, e % 60)) for s, e in pairs]
    return tuple(draw(st.permutations(ranges)))


move_ids = st.text(min_size=0, max_size=20)

def _no_cross_midnight_overlap(days: dict[str, tuple[WorkRange, ...]]) -> WorkHours:
    """Drop a day's ranges that start inside the previous night's overnight range."""
    out = dict(days)
    for d, day in enumerate(WEEKDAYS):
        tails = [t for t in out[WEEKDAYS[d - 1]] if t.overnight]
        tail_end = max((t.end.hour * 60 + t.end.minute for t in tails), default=0)
        if any(t.whole_day for t in tails):
            tail_end = 0
        out[day] = tuple(x for x in out[day] if x.start.hour * 60 + x.start.minute >= tail_end)
    return WorkHours(out)


def _warning_fits(b: BreaksSettings) -> BreaksSettings:
    return replace(b, warning_seconds=min(b.warning_seconds, b.interval_minutes * 60))


valid_settings = st.builds(
    Settings,
    breaks=st.builds(
        BreaksSettings,
        **{key.split(".")[1]: _bounded(key) for key in INT_BOUNDS if key.startswith("breaks.")},
    ).map(_warning_fits),
    long_breaks=st.builds(
        LongBreaksSettings,
        enabled=st.booleans(),
        every=_bounded("long_breaks.every"),
        duration_minutes=_bounded("long_breaks.duration_minutes"),
    ),
    work_hours=st.fixed_dictionaries({day: day_ranges() for day in WEEKDAYS}).map(
        _no_cross_midnight_overlap
    ),
    moves=st.builds(
        MovesSettings,
        positions=st.lists(st.sampled_from(POSITIONS), min_size=1, unique=True).map(tuple),
        equipment=st.lists(st.sampled_from(EQUIPMENT), unique=True).map(tuple),
        disabled=st.lists(move_ids, max_size=4, unique=True).map(tuple),
    ),
    behaviour=st.builds(BehaviourSettings, sound=st.booleans()),
    presence=st.builds(
        PresenceSettings,
        natural_breaks=st.booleans(),
        typing_pause_seconds=_bounded("presence.typing_pause_seconds"),
        inhibitors_count_as_presence=st.booleans(),
    ),
    do_not_disturb=st.builds(
        DoNotDisturbSettings,
        fullscreen=st.booleans(),
        calendar_file=st.text(max_size=30),
        max_hold_minutes=_bounded("do_not_disturb.max_hold_minutes"),
    ),
)


@given(valid_settings)
@hypothesis_settings(max_examples=150, deadline=None)
def test_any_valid_settings_survive_a_fresh_file(value: Settings) -> None:
    text = settings_to_document(value).as_string()
    assert parse_settings(text, None) == (value, [])


@given(valid_settings)
@hypothesis_settings(max_examples=100, deadline=None)
def test_any_valid_settings_survive_being_written_over_a_hand_written_file(
    value: Settings,
) -> None:
    text = settings_to_document(value, tomlkit.parse(HAND_WRITTEN)).as_string()
    assert parse_settings(text, None) == (value, [])
    assert text.startswith("# My settings -- hand written, do not lose this comment\n")
