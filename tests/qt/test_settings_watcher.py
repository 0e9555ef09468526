"""The settings watcher: hand edits are picked up, invalid ones reported, our own saves ignored.

File changes are real (inotify through QFileSystemWatcher); the debounce is a fake
timer that the test fires once the watcher has armed it, so no test waits for it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from desk_break.qt.settings_watcher import DEBOUNCE_TIMER, SettingsWatcher
from desk_break.settings.model import BreaksSettings, Settings
from tests.conftest import FakeTimers

# ---- with a tiny stand-in loader: the watching mechanics alone ------------------


@dataclass
class FakeResult:
    settings: Settings
    ok: bool = True
    problems: list[str] = field(default_factory=list)


class IntervalLoader:
    """Reads a file holding just an interval in minutes, or "bad"."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, path: Path) -> FakeResult:
        self.calls += 1
        text = path.read_text(encoding="utf-8").strip()
        if not text.isdigit():
            return FakeResult(Settings(), ok=False, problems=[f"{path.name}: not a number"])
        return FakeResult(Settings(breaks=BreaksSettings(interval_minutes=int(text))))


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@pytest.fixture
def fake_file(tmp_path: Path) -> Path:
    path = tmp_path / "conf" / "settings.toml"
    path.parent.mkdir()
    path.write_text("30\n", encoding="utf-8")
    return path


@pytest.fixture
def watchers() -> Iterator[list[SettingsWatcher]]:
    made: list[SettingsWatcher] = []
    yield made
    for watcher in made:
        watcher.stop()


@pytest.fixture
def make_watcher(
    qtbot: QtBot, watchers: list[SettingsWatcher], fake_timers: FakeTimers
) -> Callable[..., SettingsWatcher]:
    def make(path: Path, current: Settings, loader: Any = None) -> SettingsWatcher:
        if loader is None:
            watcher = SettingsWatcher(path, current)
        else:
            watcher = SettingsWatcher(path, current, loader=loader)
        watchers.append(watcher)
        return watcher

    return make


@pytest.fixture
def settle(qtbot: QtBot, fake_timers: FakeTimers) -> Callable[[], None]:
    """The burst is over: once the file change armed the debounce, its time is up."""

    def fire() -> None:
        qtbot.waitUntil(lambda: fake_timers.armed(DEBOUNCE_TIMER), timeout=3000)
        fake_timers.fire(DEBOUNCE_TIMER)

    return fire


def test_atomic_replacements_are_followed(
    qtbot: QtBot, make_watcher: Any, fake_file: Path, settle: Any
) -> None:
    loader = IntervalLoader()
    watcher = make_watcher(fake_file, Settings(), loader)
    with qtbot.waitSignal(watcher.reloaded, timeout=3000) as blocker:
        _atomic_write(fake_file, "45\n")
        settle()
    assert blocker.args[0].settings.breaks.interval_minutes == 45
    # The inode changed; the next replacement is still seen.
    with qtbot.waitSignal(watcher.reloaded, timeout=3000) as blocker:
        _atomic_write(fake_file, "50\n")
        settle()
    assert blocker.args[0].settings.breaks.interval_minutes == 50
    assert watcher.current.breaks.interval_minutes == 50


def test_a_burst_of_writes_is_read_once(
    qtbot: QtBot, make_watcher: Any, fake_file: Path, settle: Any, fake_timers: FakeTimers
) -> None:
    loader = IntervalLoader()
    watcher = make_watcher(fake_file, Settings(), loader)
    fake_file.write_text("", encoding="utf-8")
    fake_file.write_text("4", encoding="utf-8")
    fake_file.write_text("40\n", encoding="utf-8")
    qtbot.waitUntil(lambda: fake_timers.armed(DEBOUNCE_TIMER), timeout=3000)
    for _ in range(20):  # let every change of the burst arrive: each restarts the debounce
        QCoreApplication.processEvents()
    assert loader.calls == 0  # nothing is read while the burst lasts
    with qtbot.waitSignal(watcher.reloaded, timeout=1000) as blocker:
        settle()
    assert blocker.args[0].settings.breaks.interval_minutes == 40
    assert loader.calls == 1


def test_own_save_is_not_reported(
    qtbot: QtBot, make_watcher: Any, fake_file: Path, settle: Any
) -> None:
    loader = IntervalLoader()
    watcher = make_watcher(fake_file, Settings(), loader)
    ours = Settings(breaks=BreaksSettings(interval_minutes=20))
    watcher.expect_own_write(ours)
    with qtbot.assertNotEmitted(watcher.reloaded), qtbot.assertNotEmitted(watcher.invalid):
        _atomic_write(fake_file, "20\n")
        settle()
        assert loader.calls == 1
    assert watcher.current == ours

    watcher.expect_own_write()  # no settings: the next valid content is adopted silently
    with qtbot.assertNotEmitted(watcher.reloaded):
        _atomic_write(fake_file, "25\n")
        settle()
        assert loader.calls == 2
    assert watcher.current.breaks.interval_minutes == 25


def test_invalid_is_reported_once_then_valid_again_is_reported(
    qtbot: QtBot, make_watcher: Any, fake_file: Path, settle: Any
) -> None:
    loader = IntervalLoader()
    watcher = make_watcher(fake_file, Settings(), loader)
    with (
        qtbot.waitSignal(watcher.invalid, timeout=3000) as blocker,
        qtbot.assertNotEmitted(watcher.reloaded),
    ):
        _atomic_write(fake_file, "bad\n")
        settle()
    assert blocker.args == [["settings.toml: not a number"]]
    # Fixed back to what the app runs on: still reported, so a warning can be cleared.
    with qtbot.waitSignal(watcher.reloaded, timeout=3000) as blocker:
        _atomic_write(fake_file, "30\n")
        settle()
    assert blocker.args[0].settings == Settings()


def test_deleting_the_file_changes_nothing_and_recreating_is_seen(
    qtbot: QtBot, make_watcher: Any, fake_file: Path, settle: Any
) -> None:
    loader = IntervalLoader()
    watcher = make_watcher(fake_file, Settings(), loader)
    fake_file.unlink()
    watcher.check_now()
    assert loader.calls == 0
    with qtbot.waitSignal(watcher.reloaded, timeout=3000) as blocker:
        fake_file.write_text("15\n", encoding="utf-8")
        settle()
    assert blocker.args[0].settings.breaks.interval_minutes == 15


# ---- with the real store --------------------------------------------------------


def test_real_hand_edit_is_picked_up(
    qtbot: QtBot, make_watcher: Any, tmp_path: Path, settle: Any
) -> None:
    from desk_break.settings.store import load_settings, save_settings

    path = tmp_path / "settings.toml"
    save_settings(path, Settings())
    watcher = make_watcher(path, load_settings(path).settings)
    text = path.read_text(encoding="utf-8")
    assert "interval_minutes = 30" in text
    with qtbot.waitSignal(watcher.reloaded, timeout=3000) as blocker:
        path.write_text(
            text.replace("interval_minutes = 30", "interval_minutes = 25  # by hand"),
            encoding="utf-8",
        )
        settle()
    result = blocker.args[0]
    assert result.ok
    assert result.settings.breaks.interval_minutes == 25
    assert result.settings == replace(
        Settings(), breaks=replace(Settings().breaks, interval_minutes=25)
    )


def test_real_invalid_hand_edit_is_reported_not_applied(
    qtbot: QtBot, make_watcher: Any, tmp_path: Path, settle: Any
) -> None:
    from desk_break.settings.store import load_settings, save_settings

    path = tmp_path / "settings.toml"
    save_settings(path, Settings())
    watcher = make_watcher(path, load_settings(path).settings)
    text = path.read_text(encoding="utf-8")
    with (
        qtbot.waitSignal(watcher.invalid, timeout=3000) as blocker,
        qtbot.assertNotEmitted(watcher.reloaded),
    ):
        path.write_text(
            text.replace("interval_minutes = 30", "interval_minutes = -3"), encoding="utf-8"
        )
        settle()
    problems = blocker.args[0]
    assert problems
    assert any("interval_minutes" in str(p) for p in problems)
    assert watcher.current == Settings()


def test_real_own_save_is_not_reported(
    qtbot: QtBot, make_watcher: Any, tmp_path: Path, settle: Any
) -> None:
    from desk_break.settings.store import load_settings, save_settings

    path = tmp_path / "settings.toml"
    save_settings(path, Settings())
    loaded = load_settings(path)
    reads: list[Any] = []

    def counting_loader(p: Path) -> Any:
        reads.append(p)
        return load_settings(p)

    watcher = make_watcher(path, loaded.settings, counting_loader)
    ours = replace(Settings(), breaks=replace(Settings().breaks, snooze_minutes=9))
    watcher.expect_own_write(ours)
    with qtbot.assertNotEmitted(watcher.reloaded), qtbot.assertNotEmitted(watcher.invalid):
        save_settings(path, ours, loaded)
        settle()
        assert len(reads) == 1
    assert watcher.current == ours
