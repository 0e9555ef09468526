"""`desk-break stats`, `export` and `import` on real history files, no app running."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from desk_break.cli import main
from desk_break.core.clock import local_zone
from desk_break.paths import app_paths
from tests.benchmarks.make_history import make_history


def today() -> date:
    return datetime.now(local_zone()).date()


def stats_json(capsys: pytest.CaptureFixture[str], days: int = 30) -> dict[str, object]:
    capsys.readouterr()
    assert main(["stats", "--days", str(days), "--json"]) == 0
    result: dict[str, object] = json.loads(capsys.readouterr().out)
    return result


def test_stats_without_history_lists_every_day_with_nothing_in_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = stats_json(capsys, 7)
    days = out["days"]
    assert isinstance(days, list) and len(days) == 7
    assert days[-1] == {"date": today().isoformat(), "due": 0, "completed": 0, "natural": 0,
                        "snoozed": 0, "skipped": 0, "missed": 0, "minutes_moved": 0.0,
                        "goal_met": False}
    assert out["totals"] == {"due": 0, "completed": 0, "natural": 0, "snoozed": 0,
                             "skipped": 0, "missed": 0, "minutes_moved": 0.0,
                             "current_streak": 0, "best_streak": 0}
    assert main(["stats"]) == 0
    assert "Streak: 0 days in a row" in capsys.readouterr().out


def test_export_then_import_on_a_fresh_data_dir_gives_identical_stats_and_twice_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    make_history(app_paths().history_db, today=today(), days=45)
    before = stats_json(capsys, 60)
    assert isinstance(before["totals"], dict) and before["totals"]["due"] > 0
    export = tmp_path / "export.csv"
    assert main(["export", "--csv", str(export)]) == 0
    lines = export.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("at,utc_offset,work_day,kind")
    assert main(["export", "--json", "-"]) == 0
    json_lines = capsys.readouterr().out.splitlines()
    assert len(json_lines) == len(lines) - 1 and json.loads(json_lines[0])["kind"]

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "new-machine"))
    assert main(["import", "--csv", str(export)]) == 0
    assert f"Imported {len(lines) - 1} new events" in capsys.readouterr().out
    assert stats_json(capsys, 60) == before
    assert main(["import", "--csv", str(export)]) == 0  # idempotent
    assert "Imported 0 new events" in capsys.readouterr().out
    assert stats_json(capsys, 60) == before


def test_a_bad_row_names_its_line_and_nothing_is_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    good = "2026-11-23T08:00:00.000000+00:00,3600,2026-11-23,completed,micro,,,0,a,"
    text = "\n".join([
        "at,utc_offset,work_day,kind,break_kind,due_at,started_at,snoozes,moves,detail",
        good,
        "2026-11-23T09:00:00,3600,2026-11-23,completed,micro,,,0,a,",  # no offset
        good.replace("completed", "teleported"),
        good.replace("2026-11-23,", "23.11.2026,", 1),
    ]) + "\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(text, encoding="utf-8")
    assert main(["import", "--csv", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}, line 3: at has no UTC offset" in err
    assert f"{bad}, line 4: unknown event kind 'teleported'" in err
    assert f"{bad}, line 5: work_day is not a YYYY-MM-DD date" in err
    assert "Nothing imported: 3 bad rows." in err
    assert stats_json(capsys, 400)["totals"]["due"] == 0  # type: ignore[index]


def test_stats_starts_fast_without_qt(tmp_path: Path) -> None:
    code = ("import sys, runpy; sys.argv = ['desk-break', 'stats', '--json'];"
            "from desk_break.cli import main; main();"
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["days"]



def _limit_memory() -> None:  # an old build reading /dev/zero must fail here, not swap the machine
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "one-endless-line"])
def test_import_refuses_what_is_not_an_export_at_once_and_creates_no_history(
    tmp_path: Path, kind: str,
) -> None:
    import os

    source = tmp_path / "export.csv"
    expected = {"fifo": ": is a named pipe (FIFO), not a regular file",
                "dev-zero": ": is a character device, not a regular file",
                "folder": ": is a folder, not a regular file",
                "one-endless-line": ", line 1: longer than 64 KiB, not a Desk Break export"}[kind]
    if kind == "fifo":
        os.mkfifo(source)  # no writer: a plain open() blocks forever
    elif kind == "dev-zero":
        source.symlink_to("/dev/zero")
    elif kind == "folder":
        source.mkdir()
    else:
        source.write_text("at," + "x" * 300_000, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "desk_break", "import", "--csv", str(source)],
        capture_output=True, text=True, timeout=30, preexec_fn=_limit_memory,
    )
    assert done.returncode == 2, done.stderr
    assert f"Nothing imported: {source}{expected}" in done.stderr, done.stderr
    assert not app_paths().history_db.exists()
