"""Timers are made in one place: named, with checked intervals, and fake in tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

import desk_break
from desk_break.qt import timers
from desk_break.qt.timers import FakeTimer, Timer, make_timer
from tests.conftest import FakeTimers

PACKAGE = Path(desk_break.__file__).parent
BARE_TIMER = re.compile(r"\bQTimer\s*(\(|\.singleShot\s*\()")
# Not converted yet (the lead converts these); each entry is to be removed, not added to.
NOT_YET_CONVERTED: set[str] = set()


def test_no_bare_qtimer_outside_the_factory() -> None:
    offenders = set()
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel == "qt/timers.py" or rel in NOT_YET_CONVERTED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if BARE_TIMER.search(code):
                offenders.add(f"{rel}:{number}: {line.strip()}")
    assert not offenders, "make timers with desk_break.qt.timers.make_timer:\n" + "\n".join(
        sorted(offenders)
    )


def test_the_lint_sees_both_spellings() -> None:
    assert BARE_TIMER.search("self._t = QTimer(self)")
    assert BARE_TIMER.search("QTimer.singleShot(0, self.quit)")
    assert not BARE_TIMER.search("from PySide6.QtCore import QTimer")
    assert not BARE_TIMER.search("def timer(self) -> QTimer:")


def test_intervals_are_checked_and_clamped(qtbot: QtBot) -> None:
    timer = make_timer("test-interval", None, 1.2)
    assert timer.interval() == 2  # rounded up: never early
    timer.setInterval(40 * 24 * 3600 * 1000)  # 40 days: more than Qt can wait
    assert timer.interval() == timers.MAX_INTERVAL_MS
    with pytest.raises(ValueError, match="0 ms or more"):
        timer.setInterval(-1)
    with pytest.raises(ValueError, match="0 ms or more"):
        timer.start(float("nan"))
    with pytest.raises(ValueError, match="needs a name"):
        Timer("")


def test_a_real_timer_fires_and_a_leaked_one_is_told_by_name(qtbot: QtBot) -> None:
    timer = make_timer("test-real", None, 0, single_shot=True)
    with qtbot.waitSignal(timer.timeout, timeout=1000):
        timer.start()
    assert "test-real" not in timers.active_timers()
    leaked = make_timer("test-leaked", None, 60_000)
    leaked.start()
    assert "test-leaked" in timers.active_timers()
    assert repr(leaked) == "<Timer 'test-leaked' 60000 ms>"
    leaked.stop()
    assert "test-leaked" not in timers.active_timers()
    assert "test-leaked" in timers.live_timers()
    leaked.deleteLater()
    qtbot.waitUntil(lambda: "test-leaked" not in timers.live_timers())


def test_a_fake_timer_fires_only_when_told(qtbot: QtBot, fake_timers: FakeTimers) -> None:
    fired: list[int] = []
    timer = make_timer("test-fake", None, 10, single_shot=True, on_timeout=lambda: fired.append(1))
    assert isinstance(timer, FakeTimer)
    with pytest.raises(RuntimeError, match="not running"):
        timer.fire()
    timer.start()
    with qtbot.assertNotEmitted(timer.timeout, wait=50):
        pass
    assert fired == [] and fake_timers.armed("test-fake")
    fake_timers.fire("test-fake")
    assert fired == [1] and not timer.isActive()  # single shot: done
    timer.setSingleShot(False)
    timer.start(25)
    assert timer.interval() == 25 and timer.remainingTime() == 25
    fake_timers.fire("test-fake")
    fake_timers.fire("test-fake")
    assert fired == [1, 1, 1] and timer.isActive()
    timer.stop()


def test_call_later_runs_once_and_frees_its_timer(qtbot: QtBot, fake_timers: FakeTimers) -> None:
    parent = make_timer("test-parent", None)  # any QObject
    calls: list[str] = []
    timers.call_later("test-later", parent, 0, lambda: calls.append("ran"))
    assert calls == []
    fake_timers.fire("test-later")
    assert calls == ["ran"]
    qtbot.waitUntil(lambda: "test-later" not in timers.live_timers())
    parent.deleteLater()


def test_a_timer_left_running_by_a_test_is_named(pytester: pytest.Pytester) -> None:
    """The autouse leak check in tests/conftest.py, run on a test that forgets a timer."""
    pytester.makeconftest(
        (Path(__file__).parents[1] / "conftest.py").read_text(encoding="utf-8")
    )
    pytester.makepyfile(
        """
        from desk_break.qt.timers import make_timer

        owners = []  # an object that was never shut down keeps its timer

        def test_forgets(qtbot):
            owners.append(make_timer("forgotten-poll", None, 60_000))
            owners[-1].start()

        def test_tidy(qtbot):
            timer = make_timer("tidy-poll", None, 60_000)
            timer.start()
            timer.stop()
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-W", "ignore")
    result.assert_outcomes(passed=2, errors=1)
    out = result.stdout.str()
    assert "AssertionError: timers still running after the test: ['forgotten-poll']" in out
    assert "tidy-poll" not in out
