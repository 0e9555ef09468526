"""The break session: the first-run note is acknowledged before the first break opens."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import Catalog
from desk_break.core.clock import FakeClock
from tests.qt.break_window_fixtures import (  # noqa: F401  (the fixtures, by name)
    MOVES,
    catalog_fixture,
    clock_fixture,
    make_window_fixture,
)

# Qt raises a parentless Qt.Tool window when it shows it; the offscreen plugin
# says it cannot. Real platforms (xcb, Windows, macOS) can, silently.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


# ---- the first-run note comes first ----------------------------------------------


def _session(catalog: Catalog, clock: FakeClock, seconds: int = 30):
    from datetime import timedelta

    from desk_break.core.events import BreakKind, BreakStarted, PlannedBreak
    from desk_break.qt.break_session import BreakSession

    now = clock.now()
    planned = PlannedBreak(now, now + timedelta(seconds=seconds), BreakKind.MICRO, 1)
    event = BreakStarted(now, planned, 0, break_id=7, moves=tuple(MOVES))
    session = BreakSession(event, catalog, clock, snooze_minutes=5, snooze_refusal=None,
                           sound=False, minutes_today=3)
    session._event_planned = planned  # type: ignore[attr-defined]
    return session


def test_the_first_break_waits_for_the_note(
    qtbot: QtBot, catalog: Catalog, clock: FakeClock
) -> None:
    from desk_break.qt.first_run import FirstRunNote

    note = FirstRunNote()
    qtbot.addWidget(note)
    note.show()
    session = _session(catalog, clock)
    session.start()
    assert session.waiting_for_note
    assert not session.window.isVisible()  # not on top of the note

    clock.advance(8)  # the person reads the note
    note.ok_button.click()
    assert session.window.isVisible()
    assert session.window._countdown.text() == "2"  # the break's time went on meanwhile
    assert session.window.seconds_left() == pytest.approx(22)
    session.close_now()


def test_a_break_ended_while_the_note_is_up_never_shows(
    qtbot: QtBot, catalog: Catalog, clock: FakeClock
) -> None:
    from desk_break.core.events import BreakEnded, Outcome
    from desk_break.qt.first_run import FirstRunNote

    note = FirstRunNote()
    qtbot.addWidget(note)
    note.show()
    session = _session(catalog, clock)
    intents: list[tuple[str, int]] = []
    session.intent_requested.connect(lambda i, b: intents.append((i, b)))
    session.start()
    clock.advance(30)
    planned = session._event_planned
    session.ended_by_engine(BreakEnded(clock.now(), planned, Outcome.COMPLETED, planned.start,
                                       0, break_id=7))
    assert not session.window_open
    note.ok_button.click()
    assert not session.window.isVisible()
    assert intents == []  # no skip for a window that never opened


def test_without_a_note_the_break_opens_at_once(catalog: Catalog, clock: FakeClock) -> None:
    session = _session(catalog, clock)
    session.start()
    assert session.window.isVisible() and not session.waiting_for_note
    session.close_now()
