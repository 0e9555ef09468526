"""Screen locked holds breaks: logind's LockedHint and the screen savers, on fake services
that speak the real names, paths, signatures and signals, on private buses."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_break.platform.hold.screen_lock import (
    LogindLocked,
    ScreenLockDetector,
    ScreenSaverActive,
)
from tests.fake_dbus_services import FakeService, private_bus
from tests.platform.test_hold_services import (
    CINNAMON_SCREENSAVER,
    FREEDESKTOP_SCREENSAVER,
    GNOME_SCREENSAVER,
    LOGIND_SESSION_PATH,
    MATE_SCREENSAVER,
    XFCE_SCREENSAVER,
    logind_spec,
    screensaver_spec,
    set_locked_hint,
    set_screensaver,
)


@pytest.fixture
def system_bus() -> Iterator[str]:
    with private_bus() as address:
        yield address


@pytest.fixture
def session_bus() -> Iterator[str]:
    with private_bus() as address:
        yield address


def test_logind_locked_hint_holds_and_releases(qtbot: QtBot, system_bus: str) -> None:
    with FakeService(system_bus, logind_spec()) as logind:
        detector = LogindLocked(system_bus)
        assert detector.start()
        qtbot.waitUntil(lambda: detector.session_path == LOGIND_SESSION_PATH)
        assert not detector.active()
        with qtbot.waitSignal(detector.changed) as blocker:
            set_locked_hint(logind, True)
        assert blocker.args == [True] and detector.active()
        with qtbot.waitSignal(detector.changed) as blocker:
            set_locked_hint(logind, False)
        assert blocker.args == [False] and not detector.active()
        detector.stop()


def test_logind_already_locked_at_start_is_active(qtbot: QtBot, system_bus: str) -> None:
    with FakeService(system_bus, logind_spec(locked=True)):
        detector = LogindLocked(system_bus)
        with qtbot.waitSignal(detector.changed) as blocker:
            assert detector.start()
        assert blocker.args == [True]
        detector.stop()


def test_logind_is_followed_by_signals_not_polled(qtbot: QtBot, system_bus: str) -> None:
    with FakeService(system_bus, logind_spec()) as logind:
        detector = LogindLocked(system_bus)
        assert detector.start()
        qtbot.waitUntil(lambda: len(logind.calls()) >= 2)  # GetSession, then one Get
        before = logind.calls()
        with qtbot.waitSignal(detector.changed):
            set_locked_hint(logind, True)
        members = [c["member"] for c in logind.calls()[len(before):]]
        assert members == ["Get"]  # one read per change, nothing in between
        assert [c["member"] for c in before] == ["GetSession", "Get"]
        detector.stop()


def test_logind_missing_means_not_available(qtbot: QtBot, system_bus: str) -> None:
    assert not LogindLocked(system_bus).start()


def test_unreachable_bus_means_not_available(qtbot: QtBot, tmp_path: Path) -> None:
    assert not LogindLocked(f"unix:path={tmp_path}/no-bus").start()
    assert not ScreenLockDetector(f"unix:path={tmp_path}/a", f"unix:path={tmp_path}/b").start()


@pytest.mark.parametrize("which", [GNOME_SCREENSAVER, FREEDESKTOP_SCREENSAVER,
                                   XFCE_SCREENSAVER, MATE_SCREENSAVER, CINNAMON_SCREENSAVER],
                         ids=["gnome", "freedesktop", "xfce", "mate", "cinnamon"])
def test_screensaver_active_changed_holds_and_releases(
        qtbot: QtBot, system_bus: str, session_bus: str, which: tuple[str, str, str]) -> None:
    with FakeService(session_bus, screensaver_spec(which)) as saver:
        detector = ScreenLockDetector(system_bus, session_bus)
        assert detector.start()  # no logind on this system bus: the screen saver alone
        assert len(detector.parts) == 1
        qtbot.waitUntil(lambda: any(c["member"] == "GetActive" for c in saver.calls()))
        with qtbot.waitSignal(detector.changed) as blocker:
            set_screensaver(saver, which, True)
        assert blocker.args == [True]
        with qtbot.waitSignal(detector.changed) as blocker:
            set_screensaver(saver, which, False)
        assert blocker.args == [False]
        detector.stop()


def test_screensaver_missing_means_not_available(qtbot: QtBot, session_bus: str) -> None:
    assert not ScreenSaverActive(GNOME_SCREENSAVER, session_bus).start()


def test_a_hung_screensaver_never_blocks_start(qtbot: QtBot, session_bus: str) -> None:
    with FakeService(session_bus, screensaver_spec(GNOME_SCREENSAVER, active=True)) as saver:
        saver.pause()
        detector = ScreenSaverActive(GNOME_SCREENSAVER, session_bus)
        began = time.monotonic()
        assert detector.start()
        assert time.monotonic() - began < 0.5
        assert not detector.active()
        with qtbot.waitSignal(detector.changed) as blocker:
            saver.resume()  # the answer was only late
        assert blocker.args == [True]
        detector.stop()


def test_screensaver_that_quits_releases(qtbot: QtBot, session_bus: str) -> None:
    saver = FakeService(session_bus, screensaver_spec(GNOME_SCREENSAVER, active=True)).start()
    detector = ScreenSaverActive(GNOME_SCREENSAVER, session_bus)
    with qtbot.waitSignal(detector.changed):
        assert detector.start()
    with qtbot.waitSignal(detector.changed) as blocker:
        saver.stop()
    assert blocker.args == [False]
    detector.stop()


def test_either_source_holds_the_combined_detector(
        qtbot: QtBot, system_bus: str, session_bus: str) -> None:
    with FakeService(system_bus, logind_spec()) as logind, \
            FakeService(session_bus, screensaver_spec(FREEDESKTOP_SCREENSAVER)) as saver:
        detector = ScreenLockDetector(system_bus, session_bus)
        assert detector.start()
        assert len(detector.parts) == 2  # logind and org.freedesktop; no org.gnome here
        qtbot.waitUntil(lambda: any(c["member"] == "GetActive" for c in saver.calls()))
        qtbot.waitUntil(lambda: any(c["member"] == "Get" for c in logind.calls()))
        with qtbot.waitSignal(detector.changed) as blocker:
            set_screensaver(saver, FREEDESKTOP_SCREENSAVER, True)
        assert blocker.args == [True]
        logind_part, saver_part = detector.parts
        seen: list[bool] = []
        detector.changed.connect(seen.append)
        set_locked_hint(logind, True)
        qtbot.waitUntil(logind_part.active)
        set_screensaver(saver, FREEDESKTOP_SCREENSAVER, False)
        qtbot.waitUntil(lambda: not saver_part.active())
        assert detector.active() and seen == []  # still locked, as logind says
        with qtbot.waitSignal(detector.changed) as blocker:
            set_locked_hint(logind, False)
        assert blocker.args == [False]
        detector.stop()


def test_an_old_logind_is_asked_for_xdg_session_id(qtbot: QtBot, system_bus: str) -> None:
    with FakeService(system_bus, logind_spec(locked=True, knows_auto=False)) as logind:
        detector = LogindLocked(system_bus, session_id="2")
        with qtbot.waitSignal(detector.changed) as blocker:
            assert detector.start()
        assert blocker.args == [True]
        assert [c["args"] for c in logind.calls() if c["member"] == "GetSession"] == [
            ["auto"], ["2"]]
        detector.stop()


def test_outside_any_session_logind_holds_nothing(qtbot: QtBot, system_bus: str) -> None:
    with FakeService(system_bus, logind_spec(in_session=False)) as logind:
        detector = LogindLocked(system_bus)
        assert detector.start()
        qtbot.waitUntil(lambda: any(c["member"] == "GetSession" for c in logind.calls()))
        assert detector.session_path is None and not detector.active()
        detector.stop()
