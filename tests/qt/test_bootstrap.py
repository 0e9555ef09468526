"""Start-up failures, in real processes: one clear sentence with the path and the reason.

`desk-break` (the detaching launcher) shows what the app said, not an old log's
tail; the log has the same sentence. Offscreen Qt, the test's XDG dirs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desk_break.ipc import client
from desk_break.paths import AppPaths, app_paths
from tests.xdisplay import AppProcess

OLD_LINE = "2026-01-01 09:00:00,000 ERROR an old failure that has nothing to do with this start"


@pytest.fixture
def app() -> Iterator[AppProcess]:
    proc = AppProcess(None)
    yield proc
    paths = app_paths()
    with contextlib.suppress(OSError, ValueError):  # a start that should have failed did not
        client.send(paths.socket_path, "quit", timeout=2)


@pytest.fixture
def paths() -> AppPaths:
    paths = app_paths()
    paths.log_file.parent.mkdir(parents=True, exist_ok=True)
    paths.log_file.write_text(OLD_LINE + "\n", encoding="utf-8")
    return paths


def assert_one_clear_sentence(
    result: subprocess.CompletedProcess[str], sentence: str, paths: AppPaths, *, logged: bool = True
) -> None:
    assert result.returncode == 1, result
    assert sentence in result.stderr, result.stderr
    assert OLD_LINE not in result.stderr
    assert "Traceback" not in result.stderr
    if logged:
        assert sentence in paths.log_file.read_text(encoding="utf-8")


def make_file(path: Path) -> None:
    path.write_text("not a folder\n", encoding="utf-8")


def make_dir(path: Path) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.mkdir()


CASES: dict[str, tuple[Callable[[AppPaths], None], Callable[[AppPaths], str]]] = {
    "runtime folder is a file": (
        lambda p: make_file(p.runtime_dir),
        lambda p: f"Desk Break cannot start: the runtime folder {p.runtime_dir} "
        "is a file, not a folder.",
    ),
    "lock is a folder": (
        lambda p: make_dir(p.lock_file),
        lambda p: f"Desk Break cannot start: the instance lock {p.lock_file} "
        "is a folder, not a lock file.",
    ),
    "socket is a folder": (
        lambda p: make_dir(p.socket_path),
        lambda p: f"Desk Break cannot start: the control socket {p.socket_path} "
        "is a folder, not a socket.",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_launcher_shows_the_real_reason(app: AppProcess, paths: AppPaths, case: str) -> None:
    arrange, sentence = CASES[case]
    arrange(paths)
    result = app.cli()
    assert_one_clear_sentence(result, sentence(paths), paths)
    assert result.stderr.startswith("Desk Break stopped while starting (exit 1):")


def test_in_the_foreground_the_sentence_is_all_there_is(app: AppProcess, paths: AppPaths) -> None:
    make_file(paths.runtime_dir)
    result = app.cli("--foreground")
    sentence = (
        f"Desk Break cannot start: the runtime folder {paths.runtime_dir} is a file, not a folder."
    )
    assert_one_clear_sentence(result, sentence, paths)
    assert result.stderr.strip() == sentence


def test_a_runtime_folder_that_is_not_writable(app: AppProcess, paths: AppPaths) -> None:
    runtime = paths.runtime_dir
    if os.getuid() == 0:  # root writes anywhere, except into an immutable folder
        if shutil.which("chattr") is None:
            pytest.skip("chattr is needed to make a folder root cannot write")
        runtime.mkdir(mode=0o700)
        if subprocess.run(["chattr", "+i", str(runtime)], check=False).returncode != 0:
            pytest.skip("this file system cannot make a folder immutable")
        sentence = f"Desk Break cannot start: the runtime folder {runtime} is not writable."
        undo = ["chattr", "-i", str(runtime)]
    else:
        runtime.parent.chmod(0o500)
        sentence = (
            f"Desk Break cannot start: the runtime folder {runtime} "
            "cannot be created (permission denied)."
        )
        undo = ["chmod", "700", str(runtime.parent)]
    try:
        assert_one_clear_sentence(app.cli(), sentence, paths)
    finally:
        subprocess.run(undo, check=True)


@pytest.mark.skipif(os.getuid() != 0, reason="only root can give a folder to another user")
def test_a_runtime_folder_of_another_user(app: AppProcess, paths: AppPaths) -> None:
    paths.runtime_dir.mkdir(mode=0o700)
    os.chown(paths.runtime_dir, 65534, 65534)
    sentence = (
        f"Desk Break cannot start: the runtime folder {paths.runtime_dir} "
        "belongs to another user (uid 65534)."
    )
    assert_one_clear_sentence(app.cli(), sentence, paths)


def test_a_log_folder_that_is_a_file_is_said_on_stderr(app: AppProcess) -> None:
    paths = app_paths()
    log_dir = paths.log_file.parent
    log_dir.parent.mkdir(parents=True, exist_ok=True)
    make_file(log_dir)
    sentence = f"Desk Break cannot start: the log folder {log_dir} is a file, not a folder."
    result = app.cli()
    assert_one_clear_sentence(result, sentence, paths, logged=False)
    assert result.stderr.startswith("Desk Break stopped while starting (exit 1):")
