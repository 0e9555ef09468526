"""The tray app, started for real and waiting, has not loaded what it does not need yet.

Not a timing: a list. Each module below cost the waiting app memory (issue 13's
benchmark, tests/benchmarks/bench_idle.py) and is only needed later or never: the
break window and its figure when a break comes, Preferences when opened, tomlkit
to edit the settings file, the status window only where there is no tray. A new
top-level import that drags one of them back in fails here, by name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_real_display import write_settings_around_now
from tests.xdisplay import docked_windows, trayer, xvfb

pytestmark = pytest.mark.xvfb

PROBE = Path(__file__).resolve().parents[1] / "startup_probe.py"

# Allowed, though they cost memory: APScheduler runs the engine's wakeup because the
# product brief fixes the stack (APScheduler 3.x, the real one), and it brings asyncio,
# ssl, email, multiprocessing, concurrent.futures and importlib.metadata with it (about
# 5 MiB of PSS with APScheduler itself; README, Performance). The driver imports it on
# the loop's first turn, so it is loaded once the app waits: see the check below.
FIXED_BY_THE_BRIEF = (
    "apscheduler", "asyncio", "ssl", "email", "multiprocessing", "concurrent.futures",
    "importlib.metadata",
)

NOT_AT_START_UP = (
    # pulled in by dependencies, for nothing the waiting app does
    "hashlib", "plistlib", "html", "difflib",
    # ours and our dependencies', needed later or elsewhere
    "tomlkit", "icalendar", "pywayland", "PySide6.QtMultimedia", "PySide6.QtNetwork",
    "desk_break.qt.break_session", "desk_break.qt.break_window", "desk_break.qt.figure",
    "desk_break.qt.step_cues", "desk_break.qt.sound", "desk_break.qt.first_run",
    "desk_break.qt.preferences", "desk_break.qt.status_window", "desk_break.qt.notice",
    "desk_break.core.motion",
)


@pytest.fixture
def started(xdg_dirs: dict[str, Path], tmp_path: Path) -> Iterator[dict[str, object]]:
    write_settings_around_now(xdg_dirs["XDG_CONFIG_HOME"], interval=30)
    flag = xdg_dirs["XDG_DATA_HOME"] / "desk-break" / "first-run-note-shown"
    flag.parent.mkdir(parents=True, exist_ok=True)
    flag.write_text("shown\n")
    out = tmp_path / "loaded.json"
    with xvfb() as display, trayer(display):
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "XDG_SESSION_TYPE": "x11"}
        env.pop("WAYLAND_DISPLAY", None)
        result = subprocess.run([sys.executable, str(PROBE), str(out), "--after", "1"],
                                env=env, capture_output=True, text=True, timeout=60,
                                check=False)
        assert result.returncode == 0, result.stderr
        assert not docked_windows(display)  # it quit as Quit would
    yield json.loads(out.read_text(encoding="utf-8"))


def heavy_ones(modules: list[str]) -> list[str]:
    return [m for m in modules if any(m == h or m.startswith(h + ".") for h in NOT_AT_START_UP)]


def test_the_waiting_tray_app_has_not_loaded_what_it_needs_only_later(
    started: dict[str, object],
) -> None:
    modules = started["modules"]
    assert isinstance(modules, list)
    # It really started, in the tray, with its engine and presence detection running.
    assert {"desk_break.qt.tray", "desk_break.qt.scheduler", "desk_break.core.engine"} <= set(
        modules)
    # The engine's wakeup is APScheduler's job (the brief's stack), started by now.
    assert {"apscheduler.schedulers.qt", "desk_break.qt.apscheduler_qt"} <= set(modules)
    assert heavy_ones(modules) == []


def test_the_line_cache_does_not_hold_the_sources_of_what_was_imported(
    started: dict[str, object],
) -> None:
    """PySide6's import hook read every module's source through linecache, which kept
    it (~5 MiB); desk_break.qt.pyside_hook asks the file instead."""
    cached = started["line_cache"]
    assert isinstance(cached, list)
    ours = [path for path in cached if "desk_break" in path]
    assert ours == [] and len(cached) < 10, cached


def test_the_check_names_what_it_finds() -> None:
    """The filter itself: a submodule counts as its package, a look-alike does not."""
    assert heavy_ones(["tomlkit.api", "hashlib", "html5lib", "desk_break.qt.figure_ink",
                       "desk_break.qt.figure"]) == ["tomlkit.api", "hashlib",
                                                    "desk_break.qt.figure"]
