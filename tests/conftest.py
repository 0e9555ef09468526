"""One place that points every standard folder at a temp dir, so no test touches $HOME.

Tests that use `qtbot` or `qapp` are marked `gui` automatically, so the core suite
runs with `-m "not gui"` and no display. GUI tests run on the offscreen platform
unless they are marked `xvfb` (those get a real X server from tests/xdisplay.py).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# CI explores the same examples every run (a red build is then always about the
# change); developers' runs keep exploring new ones.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

pytest_plugins = ["pytester"]  # tests/qt/test_timers.py runs the leak check on a sample test

# Offscreen unless a test session was started with a real DISPLAY on purpose.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def xdg_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Path]]:
    """Every XDG folder in a temp dir. The runtime dir is short: Unix sockets cap paths at 108."""
    runtime = Path(tempfile.mkdtemp(prefix="dbrt-"))
    runtime.chmod(0o700)
    dirs = {
        "XDG_CONFIG_HOME": tmp_path / "config",
        "XDG_DATA_HOME": tmp_path / "data",
        "XDG_STATE_HOME": tmp_path / "state",
        "XDG_CACHE_HOME": tmp_path / "cache",
        "XDG_RUNTIME_DIR": runtime,
        # No organisation's settings from this machine's /etc/xdg (settings/site.py).
        "XDG_CONFIG_DIRS": tmp_path / "etc-xdg",
    }
    for name, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(path))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    yield dirs
    for child in sorted(runtime.rglob("*"), reverse=True):
        with contextlib.suppress(OSError):
            child.rmdir() if child.is_dir() else child.unlink()
    with contextlib.suppress(OSError):
        runtime.rmdir()


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read English whatever the machine's language; a test that wants German sets
    LANGUAGE itself. The core's translate hook is back to English after every test."""
    monkeypatch.setenv("LANGUAGE", "en")
    yield
    from desk_break.core import i18n

    i18n.install(None)
    translation = sys.modules.get("desk_break.qt.translation")
    qt_core = sys.modules.get("PySide6.QtCore")
    if translation is not None and qt_core is not None and qt_core.QCoreApplication.instance():
        translation.install_translators({"LANGUAGE": "en"})  # Qt's own words too


# Leaks known and owned elsewhere, each with its fix; remove an entry once fixed.
KNOWN_TIMER_LEAKS: dict[str, str] = {}


@pytest.fixture(autouse=True)
def no_leaked_timers() -> Iterator[None]:
    """A named timer made during a test and still armed after every fixture's teardown is
    a leak (something was not shut down): the test fails naming it. Core tests never
    import Qt, and this does not make them."""
    timers = sys.modules.get("desk_break.qt.timers")
    before = {id(t) for t in list(timers._registry)} if timers is not None else set()
    yield
    timers = sys.modules.get("desk_break.qt.timers")
    if timers is None:
        return
    leaked = [t for t in list(timers._registry) if id(t) not in before and timers._alive(t)]
    armed = sorted(t.name for t in leaked if t.isActive() and t.name not in KNOWN_TIMER_LEAKS)
    for t in leaked:  # stop them, so one leak does not set off timers in later tests
        t.stop()
    assert not armed, f"timers still running after the test: {armed}"


class FakeTimers:
    """What the `fake_timers` fixture gives a test: fire a named timer when it says so.

    Only the timers made during this test count (other tests' leftovers do not).
    """

    def __init__(self, listing: Callable[[], list[Any]]) -> None:
        self._listing = listing

    def named(self, name: str) -> list[Any]:
        return [t for t in self._listing() if t.name == name]

    def get(self, name: str) -> Any:
        """The one live timer called `name` (fails if there are none or several)."""
        found = self.named(name)
        assert len(found) == 1, f"expected one timer named {name!r}, found {found}"
        return found[0]

    def fire(self, name: str) -> None:
        """Fire the one armed timer called `name`, as if its time had come."""
        armed = [t for t in self.named(name) if t.isActive()]
        assert len(armed) == 1, f"expected one armed timer named {name!r}, found {armed}"
        armed[0].fire()

    def armed(self, name: str) -> bool:
        return any(t.isActive() for t in self.named(name))


@pytest.fixture
def fake_timers() -> Iterator[FakeTimers]:
    """Timers made during the test never fire by themselves (desk_break/qt/timers.py)."""
    from desk_break.qt import timers

    with timers.fake_timers() as listing:
        yield FakeTimers(listing)


@pytest.fixture
def set_system_tz() -> Iterator[Callable[[str], None]]:
    """Set TZ for this process, as a zone change would; afterwards TZ and tzlocal's
    cache are as they were, so later tests see the machine's zone."""
    import tzlocal

    before = os.environ.get("TZ")

    def set_tz(name: str) -> None:
        os.environ["TZ"] = name

    yield set_tz
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    tzlocal.reload_localzone()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if {"qtbot", "qapp", "fake_timers"} & set(fixtures) or item.get_closest_marker("xvfb"):
            item.add_marker(pytest.mark.gui)
