"""The command line without a running app: preview, catalog, settings check, exit codes."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from desk_break import __version__
from desk_break.cli import main
from desk_break.paths import app_paths


def settings_file() -> Path:
    path = app_paths().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"desk-break {__version__}"
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    for command in ("status", "quit", "schedule", "moves", "pause", "break-now", "settings"):
        assert command in out


def test_control_commands_without_a_running_app_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for args in (["status"], ["status", "--json"], ["quit"], ["snooze"], ["pause", "1h"]):
        assert main(args) == 1, args
        assert "not running" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["pause", "forever"], ["schedule", "--days", "0"], ["schedule", "--date", "x"]):
        with pytest.raises(SystemExit) as exit_:
            main(args)
        assert exit_.value.code == 2, args


def test_schedule_json_follows_the_settings_file(capsys: pytest.CaptureFixture[str]) -> None:
    settings_file().write_text(
        '[breaks]\ninterval_minutes = 50\n[long_breaks]\nenabled = false\n'
        '[work_hours]\nmonday = ["09:00-11:00"]\n',
        encoding="utf-8",
    )
    assert main(["schedule", "--date", "2026-11-23", "--days", "2", "--json"]) == 0
    breaks = json.loads(capsys.readouterr().out)
    starts = [datetime.fromisoformat(b["start"]) for b in breaks]
    assert [s.strftime("%a %H:%M") for s in starts] == [
        "Mon 09:50", "Mon 10:41", "Tue 09:50", "Tue 10:41", "Tue 11:32",
        "Tue 12:23", "Tue 13:14", "Tue 14:05", "Tue 14:56", "Tue 15:47", "Tue 16:38", "Tue 17:29",
    ]
    assert all(s.utcoffset() is not None for s in starts)
    assert {b["kind"] for b in breaks} == {"micro"}


def test_schedule_table_has_a_line_for_every_day_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schedule", "--date", "2026-11-27", "--days", "3"]) == 0
    out = capsys.readouterr().out
    assert "Fri 2026-11-27  16 breaks (4 long)" in out
    assert "Sat 2026-11-28  No work hours" in out and "Sun 2026-11-29  No work hours" in out


def test_schedule_with_an_invalid_file_exits_2_naming_file_key_and_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = settings_file()
    path.write_text("[breaks]\ninterval_minutes = true\n", encoding="utf-8")
    assert main(["schedule"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "line 2" in err and "breaks.interval_minutes" in err
    assert main(["settings", "check"]) == 2
    assert "breaks.interval_minutes" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == "[breaks]\ninterval_minutes = true\n"


def test_settings_check_passes_on_defaults_and_prints_the_path(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["settings", "check"]) == 0
    assert "valid" in capsys.readouterr().out
    assert main(["settings", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(app_paths().settings_file)


def test_moves_lists_the_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["moves", "--json"]) == 0
    moves = json.loads(capsys.readouterr().out)
    by_id = {m["id"]: m for m in moves}
    assert by_id["shoulder_blade_squeeze"]["position"] == "seated"
    assert {"id", "name", "position", "equipment", "focus"} <= set(by_id["wall_angels"])
    assert len(moves) >= 18
    assert main(["moves"]) == 0
    assert "Shoulder blade squeeze" in capsys.readouterr().out


def test_moves_with_a_bad_user_file_exits_2_naming_file_move_and_field(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = app_paths().user_moves_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        '[[moves]]\nid = "bad_one"\nname = "Bad one"\nposition = "lying"\nfocus = ["rotation"]\n'
        'purpose = "Test."\nsteps = [{ cue = "Hold", seconds = 5, pose = "sit" }]\n',
        encoding="utf-8",
    )
    for args in (["moves"], ["moves", "--json"]):
        assert main(args) == 2, args  # as `settings check` does for the settings file
        out, err = capsys.readouterr()
        assert f"{path}: move 'bad_one': position: must be one of" in err
        assert out == ""


def test_schedule_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`desk-break schedule | head -1`, for real: no BrokenPipeError traceback."""
    import os
    import subprocess
    import sys

    for args in (["schedule", "--days", "366"], ["schedule", "--days", "366", "--json"]):
        read_fd, write_fd = os.pipe()
        os.close(read_fd)  # the reader (head) has already gone
        result = subprocess.run(
            [sys.executable, "-m", "desk_break", *args],
            stdout=write_fd, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
        )
        os.close(write_fd)
        assert result.stderr == "", result.stderr
        assert result.returncode == 0


def test_pause_takes_any_length_and_refuses_a_bad_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for length in ("45m", "1h30m", "90s", "until-tomorrow", "indefinitely", "2h"):
        assert main(["pause", length]) == 1, length  # parsed; then: not running
        assert "not running" in capsys.readouterr().err
    for bad, reason in (
        ("45", "has no unit; write 45m for minutes or 45h for hours"),
        ("forever", "unknown pause length 'forever'; use 30m, 1h, 2h, until-tomorrow"),
        ("20s", "shorter than a minute"),
        ("200h", "longer than a week"),
    ):
        with pytest.raises(SystemExit) as exit_:
            main(["pause", bad])
        assert exit_.value.code == 2, bad
        assert reason in capsys.readouterr().err, bad
