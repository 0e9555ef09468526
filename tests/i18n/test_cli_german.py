"""`desk-break` speaks the desktop's language: schedule, moves and status in German.

The CLI reads the same compiled catalogue as the app, without Qt. JSON keeps its
keys and values in English (scripts read it); only `status_line` is a sentence.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from desk_break import cli
from desk_break.translations import ui_language

MONDAY = "2026-11-23"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert cli.main(list(args)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("env", "language"),
    [
        ({"LANGUAGE": "de"}, "de"),
        ({"LANGUAGE": "de_AT:en"}, "de"),
        ({"LANGUAGE": "fr:de"}, "de"),  # no French: the next one asked for
        ({"LANGUAGE": "en_GB:de"}, None),  # English first: English
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LC_ALL": "de_CH.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
        ({"LC_MESSAGES": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, "de"),
        ({"LANGUAGE": "de", "LANG": "C.UTF-8"}, "de"),  # as Qt does, unlike gettext
        ({"LANG": "C"}, None),
        ({}, None),
    ],
)
def test_the_language_follows_the_desktop(env: dict[str, str], language: str | None) -> None:
    assert ui_language(env) == language


def test_schedule_in_german(capsys: pytest.CaptureFixture[str],
                            monkeypatch: pytest.MonkeyPatch) -> None:
    english = run(capsys, "schedule", "--date", MONDAY, "--days", "7")
    monkeypatch.setenv("LANGUAGE", "de")
    german = run(capsys, "schedule", "--date", MONDAY, "--days", "7")
    lines = german.splitlines()
    assert lines[0] == "Mo. 2026-11-23  16 Pausen (4 lang)"
    assert lines[1].startswith("  09:30–09:31 ") and lines[1].endswith("kurz   1 Min.")
    assert "  lang   5 Min." in german
    assert "Sa. 2026-11-28  Keine Arbeitszeit" in lines
    assert "So. 2026-11-29  Keine Arbeitszeit" in lines
    assert len(lines) == len(english.splitlines())
    assert english.splitlines()[0] == "Mon 2026-11-23  16 breaks (4 long)"


def test_schedule_json_stays_english(capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    english = run(capsys, "schedule", "--date", MONDAY, "--days", "2", "--json")
    monkeypatch.setenv("LANGUAGE", "de")
    assert run(capsys, "schedule", "--date", MONDAY, "--days", "2", "--json") == english
    assert json.loads(english)[0]["kind"] == "micro"


def test_moves_in_german_and_their_json_in_english(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    table = run(capsys, "moves")
    assert table.splitlines()[0].split()[:2] == ["ID", "NAME"]
    assert "Drehung auf dem Stuhl" in table and "SEKUNDEN" in table
    names = {m["id"]: m["name"] for m in json.loads(run(capsys, "moves", "--json"))}
    assert names["seated_chair_twist"] == "Seated chair twist"


def test_not_running_is_said_in_german(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    assert cli.main(["status"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Desk Break läuft nicht. Starten mit: desk-break"
    )


# ---- status from a running app (real control channel, app in this process) ------------


@pytest.fixture
def german_app(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    from desk_break.core.catalog import load_catalog
    from desk_break.core.clock import FakeClock
    from desk_break.ipc.server import ControlServer
    from desk_break.paths import app_paths
    from desk_break.qt.app import DeskBreakApp
    from desk_break.qt.presence import NO_PRESENCE
    from desk_break.qt.translation import install_translators
    from desk_break.settings.store import load_settings
    from desk_break.storage.history import HistoryStore

    monkeypatch.setenv("LANGUAGE", "de")
    assert install_translators() == "de"
    paths = app_paths()
    paths.runtime_dir.mkdir(parents=True, exist_ok=True)
    clock = FakeClock(datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")))
    catalog, _ = load_catalog(None)
    app = DeskBreakApp(paths, clock, load_settings(paths.settings_file), catalog, [],
                       HistoryStore(paths.history_db), use_tray=False,
                       show_first_run_note=False, presence=NO_PRESENCE)
    server = ControlServer(paths.socket_path, app.handle_request, app)
    server.listen()
    app.start(server)
    yield app
    app.shutdown()
    server.close()  # English again after the test: tests/conftest.py


def desk_break(qtbot: QtBot, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, while this one's event loop answers it."""
    child = subprocess.Popen([sys.executable, "-m", "desk_break", *args], text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env={**os.environ})
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=30_000)
    out, err = child.communicate()
    return subprocess.CompletedProcess(child.args, child.returncode, out, err)


def test_status_in_german_with_its_json_keys_and_values_in_english(
    german_app: object, qtbot: QtBot
) -> None:
    human = desk_break(qtbot, "status")
    assert human.returncode == 0, human.stderr
    assert human.stdout.strip() == "Desk Break läuft: Nächste Pause in 30 Min. (um 09:30)"
    raw = desk_break(qtbot, "status", "--json")
    assert raw.returncode == 0, raw.stderr
    snapshot = json.loads(raw.stdout)
    assert snapshot["status_line"] == "Nächste Pause in 30 Min. (um 09:30)"
    assert snapshot["state"] == "waiting" and snapshot["next_break_kind"] == "micro"
    refused = desk_break(qtbot, "resume")  # not paused: the app's reason, in German
    assert refused.returncode == 3
    assert refused.stderr.strip() == "Nicht angehalten"


def test_stats_in_german_with_columns_wide_enough(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    lines = run(capsys, "stats", "--days", "3").splitlines()
    assert lines[0].split() == ["Tag", "fällig", "gemacht", "weg", "verschoben", "ausgelassen",
                                "verpasst", "Minuten", "Ziel"]
    assert lines[1][:4] in {"Mo. ", "Di. ", "Mi. ", "Do. ", "Fr. ", "Sa. ", "So. "}
    # every number sits under the end of its heading
    heads_end = [m.end() for m in re.finditer(r"\S+", lines[0])][1:8]
    numbers_end = [m.end() for m in re.finditer(r"\S+", lines[1])][2:9]
    assert numbers_end == heads_end
    assert lines[-1] == "Serie: 0 Tage in Folge am Ziel (beste 0)."
