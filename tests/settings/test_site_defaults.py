"""An organisation's settings.toml in $XDG_CONFIG_DIRS: defaults for everyone, locked keys.

Everything goes through the real lookup: XDG_CONFIG_DIRS points at temp folders (as
/etc/xdg would be), `app_paths()` finds them, and the CLI and the store read them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desk_break.cli import main
from desk_break.paths import app_paths
from desk_break.settings.site import load_site
from desk_break.settings.store import load_settings, save_settings

SITE = """\
version = 1
locked = ["breaks.interval_minutes", "work_hours"]

[breaks]
interval_minutes = 20
snooze_minutes = 10

[work_hours]
monday = ["08:00-16:00"]
"""


@pytest.fixture
def site_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    first, second = tmp_path / "etc-a", tmp_path / "etc-b"
    monkeypatch.setenv("XDG_CONFIG_DIRS", f"{first}:{second}")
    return first, second


def _site(folder: Path, text: str) -> Path:
    path = folder / "desk-break" / "settings.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _load() -> object:
    paths = app_paths()
    return load_settings(paths.settings_file, load_site(paths.site_config_dirs))


def test_site_values_are_everyones_defaults_and_a_user_file_still_changes_the_rest(
        site_dirs: tuple[Path, Path]) -> None:
    _site(site_dirs[1], SITE)
    loaded = _load()
    assert loaded.settings.breaks.interval_minutes == 20  # type: ignore[attr-defined]
    assert loaded.settings.breaks.snooze_minutes == 10  # type: ignore[attr-defined]
    app_paths().settings_file.parent.mkdir(parents=True)
    app_paths().settings_file.write_text("[breaks]\nsnooze_minutes = 3\n", encoding="utf-8")
    loaded = _load()
    assert loaded.settings.breaks.snooze_minutes == 3  # type: ignore[attr-defined]
    assert loaded.settings.breaks.interval_minutes == 20  # type: ignore[attr-defined]
    assert not loaded.problems and not loaded.notices  # type: ignore[attr-defined]


def test_the_first_folder_with_a_file_wins(site_dirs: tuple[Path, Path]) -> None:
    _site(site_dirs[0], "[breaks]\ninterval_minutes = 45\n")
    _site(site_dirs[1], SITE)
    assert _load().settings.breaks.interval_minutes == 45  # type: ignore[attr-defined]


def test_a_locked_key_in_the_user_file_is_ignored_naming_both_files(
        site_dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(site_dirs[0], SITE)
    user = app_paths().settings_file
    user.parent.mkdir(parents=True)
    user.write_text("[breaks]\nsnooze_minutes = 3\ninterval_minutes = 45\n\n"
                    '[work_hours]\nmonday = ["10:00-12:00"]\n', encoding="utf-8")
    loaded = _load()
    settings = loaded.settings  # type: ignore[attr-defined]
    assert settings.breaks.interval_minutes == 20
    assert [str(r) for r in settings.work_hours.days["monday"]] == ["08:00-16:00"]
    assert settings.breaks.snooze_minutes == 3  # not locked: the user's
    notices = [str(n) for n in loaded.notices]  # type: ignore[attr-defined]
    assert notices[0] == (f"{user}, line 3: breaks.interval_minutes: is set by your "
                          f"organisation in {site} (locked there); the value here is ignored")
    assert notices[1].startswith(f"{user}, line 6: work_hours.monday: is set by your")

    assert main(["settings", "check"]) == 2
    err = capsys.readouterr().err
    assert str(site) in err and f"{user}, line 3" in err


def test_settings_check_validates_the_site_file_too(
        site_dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    site = _site(site_dirs[0], 'locked = ["breaks.intervl"]\n[breaks]\nmax_snoozes = 99\n')
    assert main(["settings", "check"]) == 2
    err = capsys.readouterr().err
    assert f"{site}, line 3: breaks.max_snoozes: must be a whole number from 0 to 20" in err
    assert f"{site}, line 1: locked[0]: not a settings key or table" in err

    _site(site_dirs[0], SITE)
    assert main(["settings", "check"]) == 0
    out = capsys.readouterr().out
    assert f"Organisation's defaults are valid: {site}" in out
    assert "3 set, 8 locked" in out  # interval, snooze, monday; interval + 7 days


def test_the_schedule_follows_a_locked_site_interval(
        site_dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _site(site_dirs[0], SITE)
    user = app_paths().settings_file
    user.parent.mkdir(parents=True)
    user.write_text("[breaks]\ninterval_minutes = 90\n", encoding="utf-8")
    assert main(["schedule", "--date", "2026-12-07", "--json"]) == 0  # a Monday
    first = capsys.readouterr().out.split('"start": "')[1][:16]
    assert first == "2026-12-07T08:20"  # 08:00 + 20 min, the organisation's hours


def test_saving_keeps_site_defaults_and_locked_keys_out_of_the_users_file(
        site_dirs: tuple[Path, Path]) -> None:
    _site(site_dirs[0], SITE)
    loaded = _load()
    user = app_paths().settings_file
    settings = loaded.settings  # type: ignore[attr-defined]
    from dataclasses import replace

    edited = replace(settings, breaks=replace(settings.breaks, max_snoozes=1))
    save_settings(user, edited, loaded)  # type: ignore[arg-type]
    text = user.read_text(encoding="utf-8")
    assert "max_snoozes = 1" in text
    # Not frozen into the person's file: the organisation may change them later.
    assert "interval_minutes" not in text and "snooze_minutes" not in text
    assert "monday" not in text
    assert _load().settings.breaks.max_snoozes == 1  # type: ignore[attr-defined]

    # A locked value the person wrote stays as they wrote it; the other edits land.
    user.write_text("[breaks]\ninterval_minutes = 45  # mine\n", encoding="utf-8")
    loaded = _load()
    settings = loaded.settings  # type: ignore[attr-defined]
    edited = replace(settings, breaks=replace(settings.breaks, max_snoozes=2))
    save_settings(user, edited, loaded)  # type: ignore[arg-type]
    text = user.read_text(encoding="utf-8")
    assert "interval_minutes = 45  # mine" in text and "max_snoozes = 2" in text


def test_a_warning_too_long_for_the_sites_interval_is_reported(
        site_dirs: tuple[Path, Path]) -> None:
    site = _site(site_dirs[0], 'locked = ["breaks.interval_minutes"]\n'
                 "[breaks]\ninterval_minutes = 5\n")
    user = app_paths().settings_file
    user.parent.mkdir(parents=True)
    user.write_text("[breaks]\nwarning_seconds = 400\n", encoding="utf-8")
    loaded = _load()
    assert loaded.settings.breaks.warning_seconds == 30  # type: ignore[attr-defined]
    (problem,) = loaded.problems  # type: ignore[attr-defined]
    assert problem.file == user and problem.line == 2
    assert "longer than the time between breaks" in problem.reason
    assert str(site) in problem.reason


def test_a_site_file_that_is_a_fifo_is_one_problem_not_a_hang(
        site_dirs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    import os

    path = site_dirs[0] / "desk-break" / "settings.toml"
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    loaded = _load()
    assert loaded.settings.breaks.interval_minutes == 30  # type: ignore[attr-defined]
    assert main(["settings", "check"]) == 2
    assert f"{path}: cannot read the file: it is a named pipe" in capsys.readouterr().err
