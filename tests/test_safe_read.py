"""A person's files are read safely: a FIFO, a device, a folder or a huge file is one clear
message naming the file and the reason, at once, and is never written back to.

The loaders run in real `desk-break` processes (settings check, moves, the app itself) with
a time limit and a memory limit, so a loader that blocks on a FIFO or reads /dev/zero to the
end fails here in seconds instead of hanging the suite or the machine.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desk_break.core.catalog import load_catalog
from desk_break.paths import app_paths
from desk_break.safe_read import MAX_USER_FILE_BYTES, RefusedFile, read_user_file
from desk_break.settings.model import Settings
from desk_break.settings.store import load_settings, save_settings
from tests.xdisplay import AppProcess

MEMORY_LIMIT = 2 * 1024**3  # address space for a CLI child: /dev/zero read to the end hits it
COMMENTS = b"# a comment that goes on and on to make a very large settings file indeed\n"


def big_file(path: Path, size: int) -> bytes:
    """Valid TOML of `size` bytes, nearly all comments (tomlkit takes seconds per MB)."""
    body = b"version = 1\n" + COMMENTS * (size // len(COMMENTS) + 1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body[:size - 1] + b"\n")
    return path.read_bytes()


@pytest.fixture
def config() -> Path:
    folder = app_paths().config_dir
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def cli(*args: str, timeout: float = 15) -> tuple[subprocess.CompletedProcess[str], float]:
    """`desk-break ARGS` in its own process; the result and how long it took."""
    start = time.monotonic()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "desk_break", *args], capture_output=True, text=True,
            timeout=timeout, check=False, preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"`desk-break {' '.join(args)}` still running after {timeout} s")
    return result, time.monotonic() - start


# ---- the helper itself ---------------------------------------------------------------


def test_a_regular_file_is_read_whole_and_a_missing_one_says_so(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b"x = 1\n")
    assert read_user_file(path) == b"x = 1\n"
    exactly = tmp_path / "limit.toml"
    exactly.write_bytes(b"#" * MAX_USER_FILE_BYTES)
    assert len(read_user_file(exactly)) == MAX_USER_FILE_BYTES
    with pytest.raises(FileNotFoundError):
        read_user_file(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        ("fifo", "is a named pipe (FIFO), not a regular file"),
        ("folder", "is a folder, not a regular file"),
        ("socket", "is a socket, not a regular file"),
        ("/dev/zero", "is a character device, not a regular file"),
        ("/dev/urandom", "is a character device, not a regular file"),
        ("huge", "is larger than 1 MiB (1.0 MiB), too big for this file"),
    ],
)
def test_anything_but_a_small_regular_file_is_refused_at_once(
    tmp_path: Path, make: str, reason: str
) -> None:
    path = tmp_path / "settings.toml"
    held: list[socket.socket] = []
    if make == "fifo":
        os.mkfifo(path)
    elif make == "folder":
        path.mkdir()
    elif make == "socket":
        held.append(socket.socket(socket.AF_UNIX))
        held[0].bind(str(path))
    elif make == "huge":
        path.write_bytes(b"#" * (MAX_USER_FILE_BYTES + 1))
    else:
        path.symlink_to(make)  # a dotfile manager's link gone wrong
    start = time.monotonic()
    with pytest.raises(RefusedFile) as refused:
        read_user_file(path)
    assert time.monotonic() - start < 1
    assert refused.value.reason == reason
    assert str(refused.value) == f"{path}: {reason}"
    for s in held:
        s.close()


# ---- every loader, in a real process -------------------------------------------------


@pytest.fixture
def settings_path(config: Path) -> Path:
    return config / "settings.toml"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        ("fifo", "it is a named pipe (FIFO), not a regular file"),
        ("/dev/zero", "it is a character device, not a regular file"),
        ("/dev/urandom", "it is a character device, not a regular file"),
        ("huge", "it is larger than 1 MiB (18.0 MiB), too big for this file"),
    ],
)
def test_settings_check_names_the_file_and_the_reason_at_once(
    settings_path: Path, make: str, said: str
) -> None:
    if make == "fifo":
        os.mkfifo(settings_path)
    elif make == "huge":
        big_file(settings_path, 18 * 1024 * 1024)  # took tomlkit ~50 s
    else:
        settings_path.symlink_to(make)
    result, took = cli("settings", "check")
    assert result.returncode == 2, result
    assert f"{settings_path}: cannot read the file: {said}" in result.stderr
    assert took < 10, f"settings check took {took:.1f} s"


@pytest.mark.parametrize("make", ["fifo", "/dev/zero", "huge"])
def test_a_bad_moves_file_is_named_and_the_shipped_moves_still_list(
    config: Path, make: str
) -> None:
    moves = config / "moves.toml"
    if make == "fifo":
        os.mkfifo(moves)
    elif make == "huge":
        big_file(moves, 3 * 1024 * 1024)
    else:
        moves.symlink_to(make)
    result, took = cli("moves")
    assert result.returncode == 2, result
    assert f"{moves}: cannot be read: it " in result.stderr
    assert "Traceback" not in result.stderr
    assert took < 10


def test_the_app_starts_and_answers_with_a_fifo_for_its_settings(
    settings_path: Path,
) -> None:
    """The FIFO hung the app in open() while it held the instance lock: no status, no
    quit, and every later launch failed."""
    os.mkfifo(settings_path)
    app = AppProcess(None)
    try:
        app.start()  # fails after 20 s if it never answers
        status = app.status()
        problems = " ".join(status["settings_problems"])
        assert "named pipe (FIFO)" in problems and str(settings_path) in problems
        assert status["state"] in ("waiting", "outside_work_hours")
    finally:
        app.stop()
        _unblock(settings_path)
    assert settings_path.is_fifo()


def _unblock(fifo: Path) -> None:
    """Let a reader stuck in open() go (old code), so a failing test ends."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    os.close(fd)


# ---- nothing is written back ----------------------------------------------------------


@pytest.fixture
def fifo_settings(settings_path: Path) -> Iterator[Path]:
    os.mkfifo(settings_path)
    yield settings_path
    _unblock(settings_path)


def test_saving_over_a_fifo_refuses_and_leaves_it(fifo_settings: Path) -> None:
    loaded = load_settings(fifo_settings)
    assert loaded.settings == Settings() and not loaded.ok
    with pytest.raises(OSError, match="named pipe"):
        save_settings(fifo_settings, Settings(), loaded)
    assert fifo_settings.is_fifo()
    assert [p.name for p in fifo_settings.parent.iterdir()] == ["settings.toml"]


def test_saving_over_a_huge_file_refuses_and_leaves_every_byte(settings_path: Path) -> None:
    before = big_file(settings_path, MAX_USER_FILE_BYTES + 4096)
    start = time.monotonic()
    loaded = load_settings(settings_path)
    assert time.monotonic() - start < 1
    assert [str(p) for p in loaded.problems] == [
        f"{settings_path}: cannot read the file: it is larger than 1 MiB (1.0 MiB), "
        "too big for this file"
    ]
    with pytest.raises(OSError, match="larger than 1 MiB"):
        save_settings(settings_path, Settings(), loaded)
    assert settings_path.read_bytes() == before
    assert [p.name for p in settings_path.parent.iterdir()] == ["settings.toml"]


def test_the_moves_loader_refuses_a_folder_and_keeps_the_shipped_moves(config: Path) -> None:
    (config / "moves.toml").mkdir()
    catalog, problems = load_catalog(config / "moves.toml")
    assert [str(p) for p in problems] == [
        f"{config / 'moves.toml'}: cannot be read: it is a folder, not a regular file"
    ]
    assert len(catalog) > 0


def test_a_settings_file_swapped_for_a_fifo_while_running_is_reported_at_once(
    qtbot: Any, settings_path: Path, fake_timers: Any
) -> None:
    """The running app re-reads the file when it changes: a FIFO there must not freeze it."""
    from desk_break.qt.settings_watcher import SettingsWatcher

    settings_path.write_text("version = 1\n", encoding="utf-8")
    watcher = SettingsWatcher(settings_path, Settings())
    reported: list[list[Any]] = []
    watcher.invalid.connect(reported.append)
    fifo = settings_path.with_name("swap.fifo")
    os.mkfifo(fifo)
    os.replace(fifo, settings_path)
    done = threading.Event()

    def unblock_old_code() -> None:  # a reader stuck in open() gets an empty file
        while not done.wait(2):
            _unblock(settings_path)

    helper = threading.Thread(target=unblock_old_code, daemon=True)
    helper.start()
    start = time.monotonic()
    try:
        watcher.check_now()
    finally:
        took = time.monotonic() - start
        done.set()
        helper.join(5)
        watcher.stop()
    assert took < 1, f"the watcher was blocked for {took:.1f} s"
    assert reported and "named pipe (FIFO)" in str(reported[0][0])
    assert settings_path.is_fifo()
