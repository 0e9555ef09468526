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
    assert f"the runtime file {gone} is gone" in caplog.text
    keeper.stop()
    assert not fake_timers.armed(KEEPALIVE_TIMER)
    server.close()
    guard.release()


def test_runtime_files_removed_under_a_running_app_are_put_back(
    qtbot: QtBot, fake_timers: FakeTimers, caplog: pytest.LogCaptureFixture
) -> None:
    """Without them a second launch would start a second instance: listen and lock again."""
    import shutil
    from concurrent.futures import ThreadPoolExecutor

    from desk_break.ipc import client
    from desk_break.ipc.server import AlreadyRunning
    from desk_break.qt.bootstrap import _put_back

    paths = app_paths()
    ensure_private_dir(paths.runtime_dir)
    guard = InstanceGuard(paths.lock_file)
    guard.acquire()
    server = ControlServer(paths.socket_path, lambda r: Reply(True, {"who": "first"}))
    server.listen()
    keeper = RuntimeFilesKeeper(
        [paths.runtime_dir, paths.lock_file, paths.socket_path],
        repair=lambda path: _put_back(path, paths, guard, server),
    )
    keeper.start()
    shutil.rmtree(paths.runtime_dir)  # a cleaner took the whole folder
    InstanceGuard(paths.lock_file).acquire()  # ...so a second instance could start: the bug
    InstanceGuard(paths.lock_file).release()
    shutil.rmtree(paths.runtime_dir)
    fake_timers.fire(KEEPALIVE_TIMER)
    assert "putting it back" in caplog.text
    assert str(os.getpid()) in paths.lock_file.read_text()
    with pytest.raises(AlreadyRunning):
        InstanceGuard(paths.lock_file).acquire()
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(client.send, paths.socket_path, "status")
        qtbot.waitUntil(future.done, timeout=5000)
    assert future.result().result == {"who": "first"}
    keeper.stop()
    server.close()
    guard.release()
