"""Only the person who runs Desk Break can control it: a real app process, and a real second
user (made for the test with useradd, acting through runuser) who is refused.

Two walls, each tested on its own: the runtime folder is 0700 (nobody else can reach the
socket), and the socket itself is 0700 (refused even where the folders above were opened).
Needs root, for useradd and runuser; skipped, saying so, otherwise.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk_break.ipc import client
from desk_break.paths import app_paths
from tests.xdisplay import AppProcess

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("useradd") is None or shutil.which("runuser") is None,
    reason="needs root with useradd and runuser, to make a second user for the test",
)

OTHER_USER = "dbtest-other"
# Plain Python, no Desk Break: the other user reaches nothing in our venv or worktree.
CONNECT = """
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(3)
try:
    s.connect(sys.argv[1])
except OSError as exc:
    print(type(exc).__name__)
    sys.exit(0)
s.sendall(b'{"v": 1, "cmd": "status"}\\n')
print("CONNECTED", s.recv(200))
"""


@pytest.fixture(scope="module")
def other_user() -> Iterator[pwd.struct_passwd]:
    made = False
    try:
        entry = pwd.getpwnam(OTHER_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
             "--shell", "/usr/sbin/nologin", OTHER_USER],
            check=True, capture_output=True,
        )
        entry = pwd.getpwnam(OTHER_USER)
        made = True
    assert entry.pw_uid != 0
    yield entry
    if made:
        subprocess.run(["userdel", OTHER_USER], check=False, capture_output=True)


def as_other_user(socket_path: Path) -> str:
    # The system's Python: ours may live under /root, which the other user cannot enter.
    python = "/usr/bin/python3"
    if not os.access(python, os.X_OK):
        pytest.skip("the other user needs /usr/bin/python3 to try the socket")
    result = subprocess.run(
        ["runuser", "-u", OTHER_USER, "--", python, "-c", CONNECT, str(socket_path)],
        capture_output=True, text=True, timeout=20, check=False, cwd="/",
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def app() -> Iterator[AppProcess]:
    paths = app_paths()
    # A runtime folder left open by someone (or an old version): the app closes it.
    paths.runtime_dir.mkdir(mode=0o755)
    paths.runtime_dir.chmod(0o755)
    process = AppProcess(None)
    process.start()
    yield process
    process.stop()


def test_the_runtime_folder_and_the_socket_are_this_users_alone(app: AppProcess) -> None:
    paths = app_paths()
    folder = paths.runtime_dir.lstat()
    assert stat.S_IMODE(folder.st_mode) == 0o700
    assert folder.st_uid == os.geteuid()
    sock = paths.socket_path.lstat()
    assert stat.S_ISSOCK(sock.st_mode)
    assert stat.S_IMODE(sock.st_mode) & 0o077 == 0, oct(sock.st_mode)
    assert client.send(paths.socket_path, "status").ok  # and we are served


def test_another_user_is_refused(app: AppProcess, other_user: pwd.struct_passwd) -> None:
    paths = app_paths()
    assert as_other_user(paths.socket_path) == "PermissionError"
    # Even with every folder above opened to them, the socket itself refuses them.
    opened = [paths.runtime_dir.parent, paths.runtime_dir]
    before = [stat.S_IMODE(p.stat().st_mode) for p in opened]
    try:
        for folder in opened:
            folder.chmod(0o711)
        assert as_other_user(paths.socket_path) == "PermissionError"
    finally:
        for folder, mode in zip(opened, before, strict=True):
            with contextlib.suppress(OSError):
                folder.chmod(mode)
    assert client.send(paths.socket_path, "status").ok
