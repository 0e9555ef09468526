"""Every engine outcome lands in the history file, through the running shell (the
real driver, recorder and SQLite store), with the fake clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_break.core.clock import FakeClock
from desk_break.core.events import State
from desk_break.paths import AppPaths
from desk_break.qt.prefs.history_page import HistoryPage
from desk_break.storage.event_row import EventRow
from desk_break.storage.history import HistoryStore
from desk_break.storage.history_query import overview
from tests.qt.test_app import MONDAY_9, SETTINGS, TZ, advance_to, build, started
from tests.qt.test_app import clock as clock  # the app tests' fake clock and settings
from tests.qt.test_app import paths as paths
from tests.qt.test_app import quick_finish as quick_finish  # autouse: "Nice work" is brief

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


def test_time_away_through_the_due_time_is_away_then_a_natural_break_caused_by_idle(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    with started(paths, clock) as app:
        app.driver.run(lambda e: e.set_input_known(True))
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=28))
        app.driver.run(lambda e: e.idle_for(120))  # away since 09:26
        advance_to(app, clock, MONDAY_9 + timedelta(minutes=31))
        assert app.engine.state == State.AWAY
        clock.advance(120)
        app.driver.run(lambda e: e.came_back(420))
    rows = kinds(paths.history_db)
    assert rows[:2] == [("due", ""), ("away", "")]
    assert ("natural", "idle") in rows[2:] and ("back", "") in rows[2:]
    day = overview(paths.history_db, 1, MONDAY, 80, focus_of={}).days[0]
    assert (day.due, day.natural, day.goal_met) == (1, 1, True)


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


def test_forget_history_in_preferences_asks_first_and_then_every_break_is_gone(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers: list[bool] = [False, True]
    monkeypatch.setattr(HistoryPage, "ask", classmethod(lambda cls, parent: answers.pop(0)))
    with started(paths, clock) as app:
        app.perform("break-now")
        app.perform("done")
        app.show_preferences()
        assert app.preferences is not None
        page = app.preferences.history_page
        page.forget_button.click()  # "Cancel"
        assert app.history.wait_saved(5)
        assert len(app.history.events()) == 3
        page.forget_button.click()  # "Yes"
        assert app.history.wait_saved(5)
        assert app.history.events() == []
        assert page.forgotten.text() == "History forgotten."
        assert app.history.breaks_ended_on(MONDAY) == 0
    assert kinds(paths.history_db) == []


def test_keep_days_prunes_old_days_at_start_and_zero_keeps_everything(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    old = MONDAY_9 - timedelta(days=40)
    store = HistoryStore(paths.history_db)
    store.record(EventRow(at=old, kind="skipped", work_day=old.date(), break_kind="micro",
                          due_at=old, snoozes=0))
    store.close()
    with started(paths, clock) as app:  # keep_days = 0: forever
        assert app.history.wait_saved(5)
        assert len(app.history.events()) == 1
    paths.settings_file.write_text(SETTINGS + "[statistics]\nkeep_days = 30\n", encoding="utf-8")
    with started(paths, clock) as app:
        assert app.history.wait_saved(5)
        assert app.history.events() == []
    assert overview(paths.history_db, 60, MONDAY, 80, focus_of={}).totals.due == 0


def test_a_corrupt_history_is_kept_aside_a_new_one_started_and_the_person_told(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    paths.history_db.parent.mkdir(parents=True, exist_ok=True)
    paths.history_db.write_bytes(b"not a database, just bytes " * 200)
    with started(paths, clock) as app:
        assert app.status_window is not None  # no tray here: the status window tells
        message = app.status_window.message_label.text()
        assert "could not be read" in message and "history.sqlite3.corrupt-" in message
        assert "settings check" not in message  # not a settings problem
        assert "history.sqlite3.corrupt-" in str(app.snapshot()["history_problem"])
        app.perform("break-now")
        app.perform("done")
    kept = list(paths.history_db.parent.glob("history.sqlite3.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"not a database")
    assert [k for k, _ in kinds(paths.history_db)] == ["due", "started", "completed"]


def test_a_simulated_week_of_use_shows_up_in_stats_json_and_the_csv(
    qtbot: QtBot, paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """Last week, Monday to Friday, through the running app; then the CLI reads it."""
    import csv
    import io
    import json

    from desk_break.cli import main
    from desk_break.core.clock import local_zone

    today = datetime.now(local_zone()).date()
    monday = today - timedelta(days=today.weekday() + 7)
    clock = FakeClock(datetime(monday.year, monday.month, monday.day, 8, 0, tzinfo=TZ))
    plans = {  # per weekday, what the person does with each of six breaks
        0: "dsdddd", 1: "dddddd", 2: "sssddd", 3: "dzdddd", 4: "dddddd",
    }
    expected: dict[str, tuple[int, int, int, int]] = {}
    with started(paths, clock) as app:
        for weekday, plan in plans.items():
            day = monday + timedelta(days=weekday)
            advance_to(app, clock, datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ))
            for action in plan:
                upcoming = app.engine.next_break
                assert upcoming is not None and upcoming.work_day == day
                advance_to(app, clock, upcoming.start)
                assert app.engine.state == State.IN_BREAK
                if action == "z":  # snoozed from the window, done when it comes back
                    app.perform("snooze")
                    again = app.engine.next_break
                    assert again is not None
                    advance_to(app, clock, again.start)
                clock.advance(30)
                app.perform("done" if action in "dz" else "skip")
            expected[day.isoformat()] = (
                len(plan), plan.count("d") + plan.count("z"), plan.count("s"), plan.count("z"))
    capsys.readouterr()
    assert main(["stats", "--days", "14", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    days = {d["date"]: d for d in out["days"]}
    assert len(out["days"]) == 14
    for date_text, (due, done, skipped, snoozed) in expected.items():
        d = days[date_text]
        assert (d["due"], d["completed"], d["skipped"], d["snoozed"]) == (
            due, done, skipped, snoozed), date_text
        assert d["minutes_moved"] == round(done * 0.5, 1)
        assert d["goal_met"] == (done * 100 >= 80 * due)
    others = [d for text, d in days.items() if text not in expected]
    assert all(d["due"] == 0 and not d["goal_met"] for d in others)  # the weekend, this week
    assert out["totals"]["completed"] == 26 and out["totals"]["due"] == 30
    assert out["totals"]["best_streak"] == 2  # Mon (5 of 6) and Tue; Wed broke it; Thu-Fri
    assert out["totals"]["current_streak"] == 2  # the weekend and this week: nothing due
    assert main(["export", "--csv", "-"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    for date_text, (due, done, skipped, snoozed) in expected.items():
        kinds_that_day = [r["kind"] for r in rows if r["work_day"] == date_text]
        assert kinds_that_day.count("completed") == done
        assert kinds_that_day.count("skipped") == skipped
        assert kinds_that_day.count("started") == due + snoozed  # a snoozed one shows twice
