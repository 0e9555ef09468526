"""Runtime files stay fresh: the socket's and lock's atime move every few hours."""

from __future__ import annotations

import os

import pytest
from pytestqt.qtbot import QtBot

from desk_break.ipc.keepalive import KEEPALIVE_MS, KEEPALIVE_TIMER, RuntimeFilesKeeper
from desk_break.ipc.protocol import Reply
from desk_break.ipc.server import ControlServer, InstanceGuard
from desk_break.paths import app_paths, ensure_private_dir
from tests.conftest import FakeTimers

DAY_AGO_NS = 24 * 3600 * 10**9


def test_the_socket_and_lock_atime_move_when_the_timer_fires(
    qtbot: QtBot, fake_timers: FakeTimers, caplog: pytest.LogCaptureFixture
) -> None:
    paths = app_paths()
    ensure_private_dir(paths.runtime_dir)
    guard = InstanceGuard(paths.lock_file)
    guard.acquire()
    server = ControlServer(paths.socket_path, lambda r: Reply(True))
    server.listen()
    files = [paths.socket_path, paths.lock_file]
    keeper = RuntimeFilesKeeper(files)
    keeper.start()
    assert fake_timers.get(KEEPALIVE_TIMER).interval() == KEEPALIVE_MS < 6 * 3600 * 1000
    old = {}
    for path in files:  # as if untouched for a day: a session cleaner would take them
        info = path.stat()
        os.utime(path, ns=(info.st_mtime_ns - DAY_AGO_NS, info.st_mtime_ns))
        old[path] = path.stat()
    fake_timers.fire(KEEPALIVE_TIMER)
    for path in files:
        now = path.stat()
        assert now.st_atime_ns > old[path].st_atime_ns + DAY_AGO_NS // 2, path
        assert now.st_mtime_ns == old[path].st_mtime_ns, path  # only the access time
    assert fake_timers.armed(KEEPALIVE_TIMER)  # and again in a few hours
    # A file that is gone is logged, and the others are still kept.
    gone = paths.runtime_dir / "gone"
    RuntimeFilesKeeper([gone, paths.lock_file]).touch()
    assert f"cannot keep the runtime file {gone} fresh" in caplog.text
    keeper.stop()
    assert not fake_timers.armed(KEEPALIVE_TIMER)
    server.close()
    guard.release()
