"""The control channel's server end on a real local socket (offscreen Qt)."""

from __future__ import annotations

import contextlib
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desk_break.ipc import client
from desk_break.ipc.protocol import MAX_LINE_BYTES, TIMEOUT_SECONDS, Reply, Request
from desk_break.ipc.server import AlreadyRunning, ControlServer, InstanceGuard
from desk_break.paths import app_paths, ensure_private_dir
from tests.conftest import FakeTimers


@pytest.fixture
def sock_path() -> Path:
    paths = app_paths()
    ensure_private_dir(paths.runtime_dir)
    return paths.socket_path


def in_thread(qtbot: QtBot, fn: Callable[[], Any]) -> Any:
    """Run a blocking client call off the Qt thread while the event loop serves it."""
    with ThreadPoolExecutor(1) as pool:
        future: Future[Any] = pool.submit(fn)
        qtbot.waitUntil(future.done, timeout=5000)
        return future.result()


def raw_exchange(path: Path, payload: bytes) -> bytes:
    """What the server answers to `payload`. A request cut off at the size cap is answered,
    then the connection is reset (the rest of it is never read): the answer counts."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(5)
        s.connect(str(path))
        s.sendall(payload)
        data = b""
        with contextlib.suppress(ConnectionResetError):
            while chunk := s.recv(4096):
                data += chunk
        return data


def test_requests_reach_the_handler_and_replies_come_back(qtbot: QtBot, sock_path: Path) -> None:
    seen: list[Request] = []

    def handler(request: Request) -> Reply:
        seen.append(request)
        return Reply(True, {"echo": request.cmd, "args": request.args})

    server = ControlServer(sock_path, handler)
    server.listen()
    reply = in_thread(qtbot, lambda: client.send(sock_path, "pause", {"length": "1h"}))
    assert reply == Reply(True, {"echo": "pause", "args": {"length": "1h"}})
    assert seen == [Request("pause", {"length": "1h"})]
    # Only this user may connect: the socket and its folder are private.
    assert stat.S_IMODE(sock_path.parent.stat().st_mode) == 0o700
    server.close()


def test_malformed_input_gets_an_error_and_the_server_keeps_serving(
    qtbot: QtBot, sock_path: Path
) -> None:
    server = ControlServer(sock_path, lambda r: Reply(True, {"cmd": r.cmd}))
    server.listen()
    bad = in_thread(qtbot, lambda: raw_exchange(sock_path, b"{not json\n"))
    assert b'"ok":false' in bad and b"bad_request" in bad
    unknown = in_thread(qtbot, lambda: raw_exchange(sock_path, b'{"v":1,"cmd":"rm -rf"}\n'))
    assert b"unknown command" in unknown
    huge = in_thread(qtbot, lambda: raw_exchange(sock_path, b"x" * (MAX_LINE_BYTES + 10)))
    assert b"too long" in huge
    assert in_thread(qtbot, lambda: client.send(sock_path, "status")).ok


def test_a_handler_that_raises_answers_internal_error(qtbot: QtBot, sock_path: Path) -> None:
    def broken(_request: Request) -> Reply:
        raise RuntimeError("boom")

    server = ControlServer(sock_path, broken)
    server.listen()
    reply = in_thread(qtbot, lambda: client.send(sock_path, "status"))
    assert not reply.ok and reply.code == "internal" and "boom" in reply.error
    assert in_thread(qtbot, lambda: raw_exchange(sock_path, b"garbage\n")).startswith(b"{")


def test_stale_socket_is_replaced_but_a_live_one_is_never_stolen(
    qtbot: QtBot, sock_path: Path
) -> None:
    # A socket file left by a killed instance: nobody listens on it.
    dead = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dead.bind(str(sock_path))
    dead.close()
    assert sock_path.exists() and not client.is_answering(sock_path)
    live = ControlServer(sock_path, lambda r: Reply(True, {"who": "first"}))
    live.listen()
    # A second server must not take over the live socket.
    with ThreadPoolExecutor(1) as pool:
        # listen() probes with a blocking client; serve it from the loop meanwhile.
        second = ControlServer(sock_path, lambda r: Reply(True, {"who": "second"}))
        future = pool.submit(lambda: client.send(sock_path, "status"))
        qtbot.waitUntil(future.done, timeout=5000)
        assert future.result().result == {"who": "first"}
    assert sock_path.exists()
    del second


def test_no_client_means_not_running(sock_path: Path) -> None:
    with pytest.raises(client.NotRunning):
        client.send(sock_path, "status")


def test_instance_lock_is_exclusive_and_recovers_after_owner_dies(
    qtbot: QtBot, tmp_path: Path
) -> None:
    lock = app_paths().lock_file
    first = InstanceGuard(lock)
    first.acquire()
    with pytest.raises(AlreadyRunning):
        InstanceGuard(lock).acquire()
    first.release()
    # A lock file whose owner PID is gone (kill -9) is taken over.
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_OWNER, str(lock)], stdout=subprocess.PIPE
    )
    assert child.stdout is not None and child.stdout.readline().strip() == b"locked"
    child.kill()
    child.wait(timeout=10)
    assert lock.exists() and str(child.pid) in lock.read_text()
    InstanceGuard(lock).acquire()


KILLED_OWNER = """
import sys, time
from pathlib import Path
from desk_break.ipc.server import InstanceGuard
guard = InstanceGuard(Path(sys.argv[1]))
guard.acquire()
print("locked", flush=True)
time.sleep(60)
"""


def test_a_flood_of_idle_connections_cannot_make_the_server_deaf(
    qtbot: QtBot, sock_path: Path
) -> None:
    from desk_break.ipc.server import MAX_CONNECTIONS, _Connection

    server = ControlServer(sock_path, lambda r: Reply(True, {"cmd": r.cmd}))
    server.listen()
    idle = []
    for _ in range(MAX_CONNECTIONS * 3):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(str(sock_path))
        idle.append(s)
    qtbot.waitUntil(lambda: server.open_connections == MAX_CONNECTIONS)
    # Held, not closed: the newest client is still served (the oldest idle one gives way).
    assert in_thread(qtbot, lambda: client.send(sock_path, "status")).ok
    assert server.open_connections <= MAX_CONNECTIONS
    for s in idle:
        s.close()
    qtbot.waitUntil(lambda: not server.findChildren(_Connection), timeout=5000)
    assert in_thread(qtbot, lambda: client.send(sock_path, "status")).ok


def test_a_client_that_sends_nothing_is_cut_off_at_the_timeout(
    qtbot: QtBot, sock_path: Path, fake_timers: FakeTimers, caplog: pytest.LogCaptureFixture
) -> None:
    from desk_break.ipc.server import CONNECTION_TIMER, _Connection

    server = ControlServer(sock_path, lambda r: Reply(True, {"cmd": r.cmd}))
    server.listen()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as idle:
        idle.settimeout(5)
        idle.connect(str(sock_path))
        idle.sendall(b'{"v": 1, "cmd": "sta')  # half a request, then silence
        qtbot.waitUntil(lambda: fake_timers.armed(CONNECTION_TIMER))
        assert fake_timers.get(CONNECTION_TIMER).interval() == TIMEOUT_SECONDS * 1000
        assert server.findChildren(_Connection)
        fake_timers.fire(CONNECTION_TIMER)
        assert in_thread(qtbot, lambda: idle.recv(100)) == b""  # closed, nothing answered
    assert "no complete request in time" in caplog.text
    qtbot.waitUntil(lambda: not server.findChildren(_Connection))
    assert in_thread(qtbot, lambda: client.send(sock_path, "status")).ok is True
