"""Rules between keys and the declarations behind them: overlaps across midnight, the
whole day, a warning that fits, the catalog, migrations that roll back, the README."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
import tomlkit

from desk_break.cli import main
from desk_break.core.catalog import load_shipped_catalog
from desk_break.core.chooser import micro_eligible
from desk_break.paths import app_paths
from desk_break.settings import docs
from desk_break.settings.catalog_check import catalog_problems
from desk_break.settings.keys import setting
from desk_break.settings.migrations import MIGRATIONS, migrate, migrator
from desk_break.settings.model import KEYS, DoNotDisturbSettings, PresenceSettings, Settings
from desk_break.settings.schema import Problem, parse_settings, parse_text, settings_to_document
from desk_break.settings.store import load_settings

FILE = Path("/home/a/.config/desk-break/settings.toml")
README = Path(__file__).resolve().parents[2] / "README.md"


# --- work hours across midnight ------------------------------------------------------------


def test_a_range_inside_last_nights_overnight_range_is_refused() -> None:
    text = '[work_hours]\nsaturday = ["22:00-06:00"]\nsunday = ["02:30-04:00"]\n'
    result, problems = parse_settings(text, FILE)
    assert problems == [
        Problem(
            FILE,
            3,
            "work_hours.sunday[0]",
            '"02:30-04:00" overlaps Saturday\'s "22:00-06:00", which runs past midnight '
            "into Sunday; shorten one of them",
        )
    ]
    assert result.work_hours.days["sunday"] == ()  # its default
    assert result.work_hours.days["saturday"][0].overnight


def test_sunday_night_runs_into_monday_and_touching_is_fine() -> None:
    _, problems = parse_settings(
        '[work_hours]\nsunday = ["20:00-09:30"]\n', FILE
    )  # Monday's default starts at 09:00
    assert [(p.line, p.key) for p in problems] == [(1, "work_hours.monday[0]")]
    _, problems = parse_settings('[work_hours]\nsunday = ["20:00-09:00"]\n', FILE)
    assert problems == []


def test_the_whole_day_is_written_00_00_24_00_and_reads_back() -> None:
    result, problems = parse_settings(
        '[work_hours]\nsaturday = ["00:00-24:00"]\nsunday = ["00:00-24:00"]\n'
        'monday = ["00:00-24:00"]\n',
        FILE,
    )
    assert problems == []
    whole = result.work_hours.days["saturday"][0]
    assert whole.whole_day and whole.minutes == 24 * 60 and str(whole) == "00:00-24:00"
    text = settings_to_document(result).as_string()
    assert 'saturday = ["00:00-24:00"]' in text
    assert parse_settings(text, None) == (result, [])


def test_a_range_may_end_at_24_00_meaning_midnight() -> None:
    result, problems = parse_settings('[work_hours]\nfriday = ["18:00-24:00"]\n', FILE)
    assert problems == []
    assert result.work_hours.days["friday"][0].end == time(0, 0)


# --- the warning ---------------------------------------------------------------------------


def test_a_warning_longer_than_the_interval_is_flagged_and_falls_back() -> None:
    text = "[breaks]\ninterval_minutes = 1\nwarning_seconds = 90\n"
    result, problems = parse_settings(text, FILE)
    assert [(p.line, p.key) for p in problems] == [(3, "breaks.warning_seconds")]
    assert "longer than the time between breaks" in problems[0].reason
    assert result.breaks.warning_seconds == 30
    assert result.breaks.interval_minutes == 1
    _, problems = parse_settings("[breaks]\ninterval_minutes = 1\nwarning_seconds = 60\n", FILE)
    assert problems == []


# --- new keys for presence -------------------------------------------------------------------


def test_presence_and_do_not_disturb_keys_have_their_defaults_and_bounds() -> None:
    assert Settings().presence == PresenceSettings(True, 2, True)
    assert Settings().do_not_disturb == DoNotDisturbSettings(True, True, True, True, True, "", 30)
    text = (
        "[presence]\ntyping_pause_seconds = 31\nnatural_breaks = false\n"
        "[do_not_disturb]\nmax_hold_minutes = 0\ncalendar_file = 3\ncamera = false\n"
    )
    result, problems = parse_settings(text, FILE)
    assert [p.key for p in problems] == [
        "presence.typing_pause_seconds",
        "do_not_disturb.max_hold_minutes",
        "do_not_disturb.calendar_file",
    ]
    assert result.presence.natural_breaks is False
    assert result.presence.typing_pause_seconds == 2
    assert result.do_not_disturb.camera is False
    assert result.do_not_disturb.calendar_file == ""
    ok, problems = parse_settings('[do_not_disturb]\ncalendar_file = "~/work.ics"\n', FILE)
    assert problems == [] and ok.do_not_disturb.calendar_file == "~/work.ics"


def test_every_declared_key_is_in_a_fresh_file_with_its_comment() -> None:
    text = settings_to_document(Settings()).as_string()
    for key in KEYS:
        line = next(x for x in text.splitlines() if x.startswith(f"{key.name} = "))
        assert key.spec.comment in line, line


def test_an_int_setting_needs_bounds() -> None:
    with pytest.raises(TypeError):
        setting(1, "int", "no bounds")


# --- the catalog -----------------------------------------------------------------------------


def test_an_unknown_disabled_move_is_named_with_its_line() -> None:
    catalog = load_shipped_catalog()
    text = '[moves]\ndisabled = ["seated_cat_cow", "no_such_move"]\n'
    settings, _ = parse_settings(text, FILE)
    assert catalog_problems(settings, catalog, FILE, text) == [
        Problem(
            FILE,
            2,
            "moves.disabled[1]",
            "no move has the id 'no_such_move' (see `desk-break moves`)",
        )
    ]


def test_disabling_every_seated_move_is_flagged() -> None:
    catalog = load_shipped_catalog()
    seated = sorted(m.id for m in catalog if micro_eligible(m))
    text = "[moves]\ndisabled = [" + ", ".join(f'"{m}"' for m in seated) + "]\n"
    settings, problems = parse_settings(text, FILE)
    assert problems == []
    found = catalog_problems(settings, catalog, FILE, text)
    assert [(p.line, p.key) for p in found] == [(2, "moves.disabled")]
    assert "every seated move is disabled" in found[0].reason
    settings, _ = parse_settings(text.replace(f'"{seated[0]}", ', ""), FILE)
    assert catalog_problems(settings, catalog, FILE, text) == []


def test_settings_check_exits_2_naming_file_key_and_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = app_paths().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[moves]\ndisabled = ["no_such_move"]\n', encoding="utf-8")
    assert main(["settings", "check"]) == 2
    err = capsys.readouterr().err
    assert f"{path}, line 2: moves.disabled[0]: no move has the id 'no_such_move'" in err
    path.write_text('[moves]\ndisabled = ["seated_cat_cow"]\n', encoding="utf-8")
    assert main(["settings", "check"]) == 0
    # Every mistake at once, not one round of fixes per kind of check.
    path.write_text(
        '[breaks]\ninterval_minutes = 1\nwarning_seconds = 90\n'
        '[moves]\ndisabled = ["no_such_move"]\n',
        encoding="utf-8",
    )
    assert main(["settings", "check"]) == 2
    err = capsys.readouterr().err
    assert "breaks.warning_seconds" in err and "no_such_move" in err


# --- migrations ------------------------------------------------------------------------------


def test_the_registry_goes_one_version_at_a_time() -> None:
    assert sorted(MIGRATIONS) == [0]
    with pytest.raises(ValueError, match="one version at a time"):
        migrator(0, 2)
    with pytest.raises(ValueError, match="two migrations"):
        migrator(0, 1)(lambda doc: [])


def test_a_step_that_raises_leaves_the_document_as_the_last_good_step_left_it() -> None:
    def add_key(doc: tomlkit.TOMLDocument) -> list[tuple[str, str]]:
        doc["breaks"]["snooze_minutes"] = 9  # type: ignore[index]
        return []

    def broken(doc: tomlkit.TOMLDocument) -> list[tuple[str, str]]:
        doc["breaks"]["snooze_minutes"] = 1  # type: ignore[index]
        raise KeyError("surprise")

    doc = tomlkit.parse("version = 0\n[breaks]\ninterval = 45\n")
    migrated, notes = migrate(doc, 0, target=2, steps={0: add_key, 1: broken})
    assert doc.as_string() == "version = 0\n[breaks]\ninterval = 45\n"  # untouched
    assert migrated.as_string() == (
        "version = 1\n[breaks]\ninterval_minutes = 45\nsnooze_minutes = 9\n"
    )
    assert [key for key, _ in notes] == ["version"]
    assert "from settings version 1 to 2 (KeyError: 'surprise')" in notes[0][1]


def test_a_failing_migration_is_a_problem_and_the_file_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(doc: tomlkit.TOMLDocument) -> list[tuple[str, str]]:
        raise RuntimeError("bug in a step")

    monkeypatch.setitem(MIGRATIONS, 0, broken)
    path = tmp_path / "settings.toml"
    path.write_text("[breaks]\nduration_seconds = 45\n", encoding="utf-8")
    loaded = load_settings(path)
    assert [(p.file, p.line, p.key) for p in loaded.problems] == [(path, None, "version")]
    assert "bug in a step" in loaded.problems[0].reason
    assert loaded.settings.breaks.duration_seconds == 45  # what could be read still counts
    assert path.read_text(encoding="utf-8") == "[breaks]\nduration_seconds = 45\n"
    assert parse_text("version = 1\n", None).problems == []  # a current file needs no step


# --- the README ------------------------------------------------------------------------------


def test_the_readme_settings_table_matches_the_declarations() -> None:
    shown = docs.readme_table(README.read_text(encoding="utf-8"))
    assert shown is not None, "README.md lost its settings-table markers"
    assert shown == docs.settings_table(), (
        "README.md's settings table is stale: run  python -m desk_break.settings.docs README.md"
    )


def test_every_key_has_a_row_in_the_generated_table() -> None:
    table = docs.settings_table()
    for key in KEYS:
        if key.spec.kind != "ranges":
            assert f"| `{key.dotted}` |" in table


def test_every_field_of_a_table_is_a_declared_key() -> None:
    """A field added without `setting()` would be missing from the file and Preferences."""
    from dataclasses import fields

    from desk_break.settings.model import TABLES, WorkHours

    for table, cls in TABLES.items():
        if cls is WorkHours:
            continue
        declared = [k.name for k in KEYS if k.table == table]
        assert [f.name for f in fields(cls)] == declared, table
