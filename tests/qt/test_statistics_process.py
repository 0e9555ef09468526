"""The statistics window runs in its own process, one at a time, started from the tray,
the status window and the CLI; the tray process itself never loads a charting library.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_break.ipc import client
from desk_break.paths import AppPaths, app_paths
from desk_break.qt.actions import menu_entries
from desk_break.qt.stats import launch
from tests.qt.test_app import build
from tests.xdisplay import AppProcess, wait_for


def stats_status(paths: AppPaths) -> dict[str, object] | None:
    try:
        reply = client.send(paths.stats_socket_path, "status", timeout=2)
    except (OSError, ValueError):
        return None
    return reply.result if reply.ok else None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def shell() -> Iterator[AppProcess]:
    """The CLI as a person's shell runs it (offscreen), and the window closed afterwards."""
    runner = AppProcess(None)
    yield runner
    paths = app_paths()
    status = stats_status(paths)
    if status is not None:
        client.send(paths.stats_socket_path, "quit")
        wait_for(lambda: not alive(int(str(status["pid"]))), 15, "the statistics window to close")


def test_one_window_a_second_request_raises_it(shell: AppProcess) -> None:
    paths = app_paths()
    opened = shell.cli("statistics")  # detached: the shell gets its prompt back
    assert opened.returncode == 0, opened.stderr
    first = stats_status(paths)
    assert first is not None and first["visible"] and first["raised"] == 0
    pid = int(str(first["pid"]))

    # What the tray's Statistics… runs: it finds the window open, raises it, and exits.
    again = subprocess.run(launch.statistics_command(), env=shell.env, capture_output=True,
                           text=True, timeout=30, check=False)
    assert again.returncode == 0, again.stderr
    wait_for(lambda: (stats_status(paths) or {}).get("raised") == 1, 10, "the window raised")
    # And the CLI again: the same window, raised once more; never a second one.
    assert shell.cli("statistics").returncode == 0
    wait_for(lambda: (stats_status(paths) or {}).get("raised") == 2, 10, "raised again")
    assert (stats_status(paths) or {})["pid"] == pid
    assert alive(pid)

    client.send(paths.stats_socket_path, "quit")  # closing the window ends its process
    wait_for(lambda: not alive(pid), 15, "the statistics process to end")
    assert stats_status(paths) is None


TRAY_SCRIPT = textwrap.dedent("""
    import json, sys
    from datetime import datetime
    from zoneinfo import ZoneInfo
    from PySide6.QtWidgets import QApplication
    from desk_break.core.catalog import load_catalog
    from desk_break.core.clock import FakeClock
    from desk_break.paths import app_paths
    from desk_break.qt.app import DeskBreakApp
    from desk_break.qt.presence import NO_PRESENCE
    from desk_break.qt.stats import launch
    from desk_break.settings.store import load_settings
    from desk_break.storage.history import HistoryStore

    qapp = QApplication([])
    started = []
    launch.open_statistics = lambda: started.append(True) or True
    paths = app_paths()
    catalog, problems = load_catalog(None)
    app = DeskBreakApp(paths, FakeClock(datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("UTC"))),
                       load_settings(paths.settings_file), catalog, list(problems),
                       HistoryStore(paths.history_db), use_tray=False,
                       show_first_run_note=False, presence=NO_PRESENCE)
    app.start()
    qapp.processEvents()
    entry = [e for e in app.entries() if e.intent.value == "statistics"][0]
    button = app.status_window.button("statistics")
    button.click()  # the status window's Statistics…
    refused = app.perform("statistics")  # the tray menu's, the same intent
    qapp.processEvents()
    charts = [m for m in sys.modules if m.split(".")[0] in ("pyqtgraph", "numpy")
              or m.startswith("PySide6.QtCharts")]
    print(json.dumps({"enabled": entry.enabled and button.isEnabled(), "started": len(started),
                      "refused": refused is not None, "charts": charts}))
    app.shutdown()
""")


def test_the_tray_app_starts_the_window_process_and_loads_no_chart_library() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", TRAY_SCRIPT], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"enabled": True, "started": 2, "refused": False, "charts": []}


def test_statistics_is_greyed_out_with_the_reason_when_the_charts_are_missing(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from datetime import UTC, datetime

    from desk_break.core.clock import FakeClock

    monkeypatch.setattr(launch, "charts_installed", lambda: False)
    app = build(app_paths(), FakeClock(datetime(2026, 11, 23, 9, tzinfo=UTC)))
    entry = next(e for e in menu_entries(app.engine, statistics_available=False)
                 if e.intent.value == "statistics")
    assert not entry.enabled and entry.reason == launch.INSTALL_HINT
    refused = app.perform("statistics")
    assert refused is not None and "pyqtgraph" in refused.reason
    app.history.close()


def test_the_tray_s_launcher_really_starts_it_detached(qtbot: QtBot, shell: AppProcess) -> None:
    """`open_statistics` as the tray calls it: no wait, no child left to reap."""
    paths = app_paths()
    assert launch.open_statistics()
    status = wait_for(lambda: stats_status(paths), 20, "the statistics window to answer")
    assert status["visible"]
    pid = int(str(status["pid"]))
    assert pid != os.getpid()
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        parent = int(stat.read().rsplit(")", 1)[1].split()[1])
    assert parent != os.getpid()  # detached: not our child, so never our zombie
