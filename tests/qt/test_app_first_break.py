"""The first breaks of a new person, in the whole app on a fake clock: the
not-medical-advice note comes before any break, and "Nice work" sums up the day
from the history file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import load_catalog
from desk_break.core.clock import FakeClock
from desk_break.core.events import Refused, State
from desk_break.core.intents import Intent
from desk_break.paths import AppPaths
from desk_break.qt.app import DeskBreakApp
from desk_break.qt.break_window import BreakWindow
from desk_break.qt.presence import NO_PRESENCE
from desk_break.settings.store import load_settings
from desk_break.storage.history import HistoryStore
from tests.qt.test_app import MONDAY_9, advance_to, gone
from tests.qt.test_app import clock as clock  # the app tests' fake clock and settings
from tests.qt.test_app import paths as paths


@pytest.fixture(autouse=True)
def quick_finish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BreakWindow, "FINISH_DELAY_MS", 50)


def running_app(paths: AppPaths, clock: FakeClock, *, note: bool) -> DeskBreakApp:
    catalog, problems = load_catalog(paths.user_moves_file)
    app = DeskBreakApp(
        paths, clock, load_settings(paths.settings_file), catalog, list(problems),
        HistoryStore(paths.history_db), use_tray=False, show_first_run_note=note,
        presence=NO_PRESENCE,
    )
    app.start()
    return app


@pytest.fixture
def new_person(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> Iterator[DeskBreakApp]:
    """The app's first start: no flag file, so the note comes up."""
    app = running_app(paths, clock, note=True)
    try:
        qtbot.waitUntil(lambda: app.first_run_note is not None
                        and app.first_run_note.isVisible())
        yield app
    finally:
        app.shutdown()


def test_no_break_opens_while_the_note_is_up_and_the_due_one_comes_after_ok(
    qtbot: QtBot, new_person: DeskBreakApp, clock: FakeClock, paths: AppPaths
) -> None:
    app = new_person
    note = app.first_run_note
    assert note is not None
    assert app.engine.held_by == ("first_run_note",)
    assert app.status_text().startswith("Next break in 30 min")  # nothing is due yet
    # The person leaves the note up past the first break's time: no warning, no window.
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=29, seconds=30))
    assert not app.notice.isVisible()
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=31))
    assert app.engine.state == State.HELD
    assert app.session is None
    assert app.status_text() == "Holding breaks: first-run note open"
    assert app.snapshot()["held_by"] == ["first_run_note"]
    assert HistoryStore(paths.history_db).records() == []  # not a break lost (yet)
    # OK: the break that came due gets its full warning, then opens.
    note.ok_button.click()
    assert app.engine.held_by == ()
    assert paths.first_run_flag.exists()
    assert app.engine.state == State.WARNING and app.notice.isVisible()
    assert app.notice.title.text() == "Break in 30 s"  # the whole warning, from now
    assert app.session is None
    advance_to(app, clock, clock.now() + timedelta(seconds=30))
    assert app.engine.state == State.IN_BREAK
    assert app.session is not None and app.session.window.isVisible()
    assert not app.session.waiting_for_note


def test_take_a_break_now_waits_for_the_note_instead_of_running_out_behind_it(
    qtbot: QtBot, new_person: DeskBreakApp, clock: FakeClock, paths: AppPaths
) -> None:
    app = new_person
    note = app.first_run_note
    assert note is not None
    refused = app.perform(Intent.BREAK_NOW)  # the tray menu or `desk-break break-now`
    assert isinstance(refused, Refused)
    assert "press OK" in refused.reason
    assert app.engine.state != State.IN_BREAK and app.session is None
    assert note.isVisible()
    advance_to(app, clock, clock.now() + timedelta(seconds=20))  # reading the note
    note.ok_button.click()
    assert app.perform(Intent.BREAK_NOW) is None
    assert app.engine.state == State.IN_BREAK
    assert app.session is not None and app.session.window.isVisible()
    assert not app.session.waiting_for_note  # its whole time is in front of the person


def test_a_note_left_up_past_the_longest_hold_costs_that_break_not_the_day(
    qtbot: QtBot, new_person: DeskBreakApp, clock: FakeClock, paths: AppPaths
) -> None:
    """The same rule as any hold: held past max_hold_minutes (30), the break is missed,
    recorded once, and the cycle starts again; nothing stacks up."""
    app = new_person
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=30))
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=61))
    assert [r.outcome for r in HistoryStore(paths.history_db).records()] == ["missed"]
    assert app.session is None and not app.notice.isVisible()
    assert app.first_run_note is not None
    app.first_run_note.ok_button.click()
    assert app.engine.state == State.WAITING
    assert app.engine.next_break is not None
    assert app.engine.next_break.start == MONDAY_9 + timedelta(minutes=90)


def test_a_later_start_holds_nothing(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> None:
    paths.first_run_flag.parent.mkdir(parents=True, exist_ok=True)
    paths.first_run_flag.write_text("shown\n")
    app = running_app(paths, clock, note=True)
    try:
        assert app.first_run_note is None and app.engine.held_by == ()
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=30))
        assert app.session is not None and app.session.window.isVisible()
    finally:
        app.shutdown()


def test_nice_work_counts_the_minutes_of_today_from_history(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    """Two breaks done today (one before a restart): the second's summary says 2 min."""
    app = running_app(paths, clock, note=False)
    try:
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=30))
        first = app.session
        assert first is not None
        assert first.window._minutes_today == 0.0  # nothing done yet today
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=31))  # ran its 60 s
        assert "1 minute of breaks today" in first.window._summary.text()
        qtbot.waitUntil(lambda: gone(first.window))
    finally:
        app.shutdown()
    app = running_app(paths, clock, note=False)  # a restart: only the file remembers
    try:
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=61))
        second = app.session
        assert second is not None
        assert second.window._minutes_today == pytest.approx(1.0)
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=62))
        assert "2 minutes of breaks today" in second.window._summary.text()
    finally:
        app.shutdown()
