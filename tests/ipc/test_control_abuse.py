"""The control socket under abuse, against a real `desk-break` process (offscreen Qt).

A status-bar script that leaks connections, a client that sends 10 MB, one that trickles
a byte at a time, one that half-closes, nested JSON, 200 status calls at once: after (and
during) each, the next `status` is answered within a second. One app serves the whole
module (it takes seconds to start); each test leaves it as it found it.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from desk_break.ipc import client
from desk_break.ipc.protocol import MAX_LINE_BYTES
from tests.xdisplay import AppProcess

STATUS_BOUND = 1.0  # seconds: what a person (or a status bar) waits for an answer


class RunningApp:
    def __init__(self, root: Path) -> None:
        runtime = Path(tempfile.mkdtemp(prefix="dbab-"))
        runtime.chmod(0o700)
        env = {name: str(root / name.lower()) for name in (
            "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "HOME",
        )}
        env["XDG_RUNTIME_DIR"] = str(runtime)
        self.runtime = runtime
        self.socket = runtime / "desk-break" / "control.sock"
        self.log = root / "xdg_state_home" / "desk-break" / "log" / "desk-break.log"
        self.process = AppProcess(None, env)

    def status_within(self, bound: float = STATUS_BOUND) -> float:
        """Ask `status` as `desk-break status` does; fail unless answered within `bound`."""
        start = time.monotonic()
        try:
            reply = client.send(self.socket, "status", timeout=bound)
        except (OSError, ValueError) as exc:
            pytest.fail(f"status not answered ({type(exc).__name__}: {exc})")
        took = time.monotonic() - start
        assert reply.ok and reply.result["state"], reply
        assert took < bound, f"status took {took:.2f} s"
        return took

    def connect(self) -> socket.socket:
        """Connect as a script would, waiting (as the real client does) while a full
        listen queue answers EAGAIN: that is busy, not a refusal."""
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(5)
        client._connect(s, self.socket, time.monotonic() + 5)
        return s

    def exchange(self, payload: bytes, *, half_close: bool = False) -> bytes:
        with self.connect() as s:
            s.sendall(payload)
            if half_close:
                s.shutdown(socket.SHUT_WR)
            data = b""
            with contextlib.suppress(ConnectionResetError):
                while chunk := s.recv(65536):
                    data += chunk
            return data


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    running = RunningApp(tmp_path_factory.mktemp("abuse"))
    running.process.start()
    yield running
    running.process.stop()
    with contextlib.suppress(OSError):
        for child in sorted(running.runtime.rglob("*"), reverse=True):
            child.rmdir() if child.is_dir() else child.unlink()
        running.runtime.rmdir()


@pytest.fixture(autouse=True)
def still_alive(app: RunningApp) -> Iterator[None]:
    yield
    assert app.process.proc is not None and app.process.proc.poll() is None, "the app died"
    app.status_within()


def test_200_idle_connections_held_open_do_not_lock_anyone_out(app: RunningApp) -> None:
    idle = [app.connect() for _ in range(200)]
    try:
        app.status_within()
        app.status_within()
        # A second launch hands over to the running app instead of failing.
        second = app.process.cli("preferences", timeout=10)
        assert second.returncode == 0, second.stderr
    finally:
        for s in idle:
            s.close()


def test_a_10_mb_line_is_cut_off_early_and_status_answers_meanwhile(app: RunningApp) -> None:
    sent = 0
    answer = b""
    started = threading.Event()
    result: dict[str, object] = {}

    def flood() -> None:
        nonlocal sent, answer
        chunk = b"x" * 65536
        with app.connect() as s:
            s.settimeout(10)
            try:
                while sent < 10 * 1024 * 1024:
                    sent += s.send(chunk)
                    started.set()
                result["dropped"] = False
            except OSError as exc:  # EPIPE / ECONNRESET: the server hung up on us
                result["dropped"] = type(exc).__name__
            with contextlib.suppress(OSError):
                answer = s.recv(4096)

    thread = threading.Thread(target=flood)
    thread.start()
    try:
        assert started.wait(5)
        app.status_within()
    finally:
        thread.join(15)
    assert not thread.is_alive()
    assert result["dropped"], f"the server took all {sent} bytes"
    assert sent < 4 * 1024 * 1024, f"the server read {sent} bytes before dropping the sender"
    if answer:  # the reply may be lost to the reset; when it arrives it says why
        assert b"request too long" in answer


def test_slow_clients_trickling_bytes_do_not_hold_up_status(app: RunningApp) -> None:
    slow = [app.connect() for _ in range(80)]
    try:
        for s in slow:
            s.sendall(b'{"v": 1, ')
        for s in slow:  # still sending, a byte at a time
            with contextlib.suppress(OSError):
                s.sendall(b'"')
        app.status_within()
    finally:
        for s in slow:
            s.close()


def test_a_half_closed_client_is_answered_and_frees_its_place(app: RunningApp) -> None:
    # `printf '...\n' | nc -N`: a whole line, then the end of input: answered.
    reply = app.exchange(b'{"v": 1, "cmd": "status"}\n', half_close=True)
    assert json.loads(reply)["ok"] is True
    # A whole request without its newline, then the end of input: the end ends the line.
    reply = app.exchange(b'{"v": 1, "cmd": "status"}', half_close=True)
    assert json.loads(reply)["ok"] is True
    # Half a request, then the end of input: an error reply, and the place is freed.
    broken = json.loads(app.exchange(b'{"v": 1, "cm', half_close=True))
    assert broken["ok"] is False and broken["code"] == "bad_request"
    half = [app.connect() for _ in range(80)]
    try:
        for s in half:
            s.shutdown(socket.SHUT_WR)
        app.status_within()
    finally:
        for s in half:
            s.close()


MALFORMED = [
    b"[" * 5000,
    b'{"v": 1, "cmd": "status", "args": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    b'{"a":' * 3000 + b"1" + b"}" * 3000,
    b"1" * 5000,  # an integer of over 4300 digits: ValueError, not JSONDecodeError
    b'{"v": ' + b"9" * 4000 + b', "cmd": "status"}',
    b'{"v": 1e999, "cmd": "status"}',
    b'{"v": NaN, "cmd": "status"}',
    b'{"v": 1, "cmd": "' + b"x" * 60000 + b'"}',  # quoted back whole, it was too long to send
    b'{"v": 1, "cmd": ["status"]}',
    b'{"v": 1, "cmd": null}',
    b'{"v": 1, "cmd": "status", "args": "all"}',
    b'{"v": 1, "cmd": "pause", "args": {"length": 1e308}}',
    b'{"v": 1, "cmd": "pause", "args": {"length": "' + b"9" * 5000 + b'h"}}',
    b'{"v": 1, "cmd": "pause", "args": {"length": [[[[[]]]]]}}',
    b'{"v": 1, "cmd": "pause", "args": {"length": ' + b"[" * 900 + b"]" * 900 + b"}}",
    b"\x00\xff\xfe\r\x1b[2J",
    b"",
    b'"just a string"',
    b"{}",
]


@pytest.mark.parametrize("payload", MALFORMED, ids=lambda p: repr(p[:24]))
def test_every_malformed_request_gets_an_error_reply(app: RunningApp, payload: bytes) -> None:
    assert len(payload) <= MAX_LINE_BYTES
    raw = app.exchange(payload + b"\n")
    assert raw.endswith(b"\n") and raw.count(b"\n") == 1, raw[:200]
    reply = json.loads(raw)
    assert reply["v"] == 1 and reply["ok"] is False, reply
    assert reply["code"] == "bad_request", reply
    assert isinstance(reply["error"], str) and 0 < len(reply["error"]) < 400, reply
    app.status_within()


def test_the_log_says_malformed_and_never_shows_a_traceback(app: RunningApp) -> None:
    app.exchange(b"[" * 5000 + b"\n")
    log = app.log.read_text(encoding="utf-8")
    assert "malformed control request: not a JSON line: nested too deeply" in log
    assert "Traceback" not in log and "RecursionError" not in log


def test_200_status_calls_at_once_are_all_answered(app: RunningApp) -> None:
    def ask(_: int) -> bool:
        return client.send(app.socket, "status", timeout=10).ok

    with ThreadPoolExecutor(200) as pool:
        answers = list(pool.map(ask, range(200)))
    assert answers.count(True) == 200
    app.status_within()


def test_file_descriptors_stay_bounded_under_a_flood(app: RunningApp) -> None:
    assert app.process.proc is not None
    fds = Path(f"/proc/{app.process.proc.pid}/fd")
    before = len(os.listdir(fds))
    idle = [app.connect() for _ in range(300)]
    try:
        app.status_within()
        during = len(os.listdir(fds))
    finally:
        for s in idle:
            s.close()
    assert during - before <= 80, (before, during)
