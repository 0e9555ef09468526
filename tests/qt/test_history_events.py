"""Every engine outcome lands in the history file, through the running shell (the
real driver, recorder and SQLite store), with the fake clock."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from desk_break.core.clock import FakeClock
from desk_break.core.events import State
from desk_break.paths import AppPaths
from desk_break.storage.history import HistoryStore
from desk_break.storage.history_query import overview
from tests.qt.test_app import (  # noqa: F401  (fixtures)
    MONDAY_9,
    advance_to,
    build,
    clock,
    paths,
    quick_finish,
    started,
)

MONDAY = MONDAY_9.date()


def kinds(path: Path) -> list[tuple[str, str]]:
    store = HistoryStore(path)
    try:
        return [(e.kind, e.detail) for e in store.events()]
    finally:
        store.close()


def test_done_snooze_skip_and_a_quit_mid_break_each_leave_their_rows(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    with started(paths, clock) as app:
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=29, seconds=30))  # the warning
        app.perform("snooze")  # 5 min later
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=35))  # due: shown at once
        assert app.session is not None
        moves = tuple(m.id for m in app.session.moves)
        clock.advance(20)
        app.perform("done")
        app.perform("break-now")
        app.perform("skip")
        app.perform("break-now")  # running when the app quits
    rows = HistoryStore(paths.history_db).events()
    assert [(e.kind, e.work_day) for e in rows] == [
        ("warned", MONDAY), ("snoozed", MONDAY), ("due", MONDAY),
        ("started", MONDAY), ("completed", MONDAY),
        ("due", MONDAY), ("started", MONDAY), ("skipped", MONDAY),
        ("due", MONDAY), ("started", MONDAY), ("interrupted", MONDAY),
    ]
    snoozed, completed = rows[1], rows[4]
    assert snoozed.due_at == MONDAY_9 + timedelta(minutes=35)  # the new due time
    assert completed.moves == moves and completed.snoozes == 1
    assert completed.started_at == MONDAY_9 + timedelta(minutes=35)
    day = overview(paths.history_db, 1, MONDAY, 80, focus_of={}).days[0]
    assert (day.due, day.completed, day.skipped, day.snoozed) == (2, 1, 1, 1)
    assert day.minutes_moved == 20 / 60  # from its start to Done


def test_a_sleep_as_long_as_the_break_is_natural_with_its_cause(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    with started(paths, clock) as app:
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=29, seconds=40))
        clock.advance(600)  # asleep through the break
        app.driver.run(lambda e: e.woke_up(600))
    assert ("natural", "sleep") in kinds(paths.history_db)


def test_a_hold_that_lasts_too_long_is_held_then_missed_then_released_with_its_reason(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    with started(paths, clock) as app:
        app.driver.run(lambda e: e.hold("call"))
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=30))
        assert app.engine.state == State.HELD
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=75))  # held longer than 30 min
        app.driver.run(lambda e: e.release())
    rows = kinds(paths.history_db)
    held = rows.index(("held", "call"))
    assert rows[held - 1] == ("due", "")  # it came due, and was held back
    assert ("missed", "") in rows[held:]
    assert ("released", "call") in rows[held:]
    day = overview(paths.history_db, 1, MONDAY, 80, focus_of={}).days[0]
    assert day.missed == 1


def test_a_break_running_when_the_app_was_killed_shows_as_interrupted_at_the_next_start(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    app = build(paths, clock)
    app.start()
    app.perform("break-now")
    # Killed: no shutdown, no end event; the file has the start.
    app.driver.shutdown()
    app._close_break_window()
    app.history._closed = True
    assert [k for k, _ in kinds(paths.history_db)] == ["due", "started"]
    with started(paths, clock):
        pass
    assert [k for k, _ in kinds(paths.history_db)] == ["due", "started", "interrupted"]
