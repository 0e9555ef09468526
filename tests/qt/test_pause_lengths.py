"""`desk-break pause 1h30m` end to end: the CLI, the control channel, the app, the engine."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from desk_break.cli import main
from desk_break.core.catalog import load_catalog
from desk_break.core.clock import FakeClock
from desk_break.ipc.protocol import Request
from desk_break.ipc.server import ControlServer
from desk_break.paths import app_paths, ensure_private_dir
from desk_break.qt.app import DeskBreakApp
from desk_break.qt.presence import NO_PRESENCE
from desk_break.settings.store import load_settings
from desk_break.storage.history import HistoryStore

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def test_any_pause_length_from_the_command_line_reaches_the_engine(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = app_paths()
    ensure_private_dir(paths.runtime_dir)
    clock = FakeClock(MONDAY_10)
    catalog, problems = load_catalog(paths.user_moves_file)
    app = DeskBreakApp(
        paths, clock, load_settings(paths.settings_file), catalog, list(problems),
        HistoryStore(paths.history_db), use_tray=False, show_first_run_note=False,
        presence=NO_PRESENCE,
    )
    server = ControlServer(paths.socket_path, app.handle_request, app)
    server.listen()
    app.start(server)
    try:
        with ThreadPoolExecutor(1) as pool:
            future = pool.submit(main, ["pause", "90m"])
            qtbot.waitUntil(future.done, timeout=5000)
            assert future.result() == 0
        assert "Paused until 11:30" in capsys.readouterr().out
        assert app.engine.paused_until == MONDAY_10 + timedelta(minutes=90)
        # The control channel reads a length itself (another client than our CLI).
        assert app.handle_request(Request("resume")).ok
        reply = app.handle_request(Request("pause", {"length": "45m"}))
        assert reply.ok and app.engine.paused_until == MONDAY_10 + timedelta(minutes=45)
        bad = app.handle_request(Request("pause", {"length": "45"}))
        assert not bad.ok and bad.code == "bad_request" and "45m for minutes" in bad.error
    finally:
        app.shutdown()
        server.close()
