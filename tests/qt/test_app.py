"""The composition root, offscreen, on a fake clock: what a person sees and what is recorded.

The app is built with its real parts (engine, the timer-driven driver, chooser,
catalog, SQLite history, settings store); only time is fake, and it is moved
by hand, then the driver is asked to catch up, as its timer would.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from desk_break.core.catalog import load_catalog
from desk_break.core.clock import FakeClock
from desk_break.core.events import State
from desk_break.ipc.protocol import Request
from desk_break.paths import AppPaths, app_paths
from desk_break.qt.app import DeskBreakApp
from desk_break.qt.break_window import BreakWindow
from desk_break.qt.presence import NO_PRESENCE
from desk_break.settings.store import load_settings
from desk_break.storage.history import HistoryStore

TZ = ZoneInfo("Europe/Berlin")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=TZ)

SETTINGS = """\
version = 1
# my own note: keep this
[breaks]
interval_minutes = 30
duration_seconds = 60
warning_seconds = 30
snooze_minutes = 5
max_snoozes = 1
"""


@pytest.fixture
def paths() -> AppPaths:
    p = app_paths()
    p.config_dir.mkdir(parents=True, exist_ok=True)
    p.settings_file.write_text(SETTINGS, encoding="utf-8")
    return p


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9)


def build(paths: AppPaths, clock: FakeClock) -> DeskBreakApp:
    catalog, problems = load_catalog(paths.user_moves_file)
    return DeskBreakApp(
        paths, clock, load_settings(paths.settings_file), catalog, list(problems),
        HistoryStore(paths.history_db), use_tray=False, show_first_run_note=False,
        presence=NO_PRESENCE,
    )


@pytest.fixture(autouse=True)
def quick_finish(monkeypatch: pytest.MonkeyPatch) -> None:
    """"Nice work" stays up 2 s for a person; a test need not wait that long."""
    monkeypatch.setattr(BreakWindow, "FINISH_DELAY_MS", 50)


@pytest.fixture
def app(qtbot: QtBot, paths: AppPaths, clock: FakeClock) -> Iterator[DeskBreakApp]:
    with started(paths, clock) as app:
        yield app


@contextmanager
def started(paths: AppPaths, clock: FakeClock) -> Iterator[DeskBreakApp]:
    """A running app for one test, shut down however the test ends."""
    app = build(paths, clock)
    app.start()
    try:
        yield app
    finally:
        app.shutdown()


def gone(window: BreakWindow) -> bool:
    """Closed, and maybe already freed (closed windows are deleted)."""
    return not shiboken6.isValid(window) or not window.isVisible()


def advance_to(app: DeskBreakApp, clock: FakeClock, when: datetime) -> None:
    clock.advance((when - clock.now()).total_seconds())
    app.driver.run(lambda e: e.tick())


def test_warning_notice_offers_snooze_and_it_moves_the_break(
    qtbot: QtBot, app: DeskBreakApp, clock: FakeClock
) -> None:
    assert app.status_window is not None and app.status_window.isVisible()
    assert app.status_window.status_label.text() == "Next break in 30 min (at 09:30)"
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=29, seconds=30))
    assert app.engine.state == State.WARNING
    assert app.notice.isVisible()
    assert app.notice.title.text() == "Break in 30 s"
    assert "60-second break" in app.notice.text.text()
    app.notice.button("snooze").click()
    assert not app.notice.isVisible()
    assert app.engine.next_break is not None
    assert app.engine.next_break.start == MONDAY_9 + timedelta(minutes=35)
    # The only snooze is used: the next warning offers no snooze, and says why.
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=34, seconds=30))
    assert not app.notice.button("snooze").isEnabled()
    assert "1 of 1" in app.notice.text.text() or "snooze" in app.notice.text.text().lower()


def test_a_due_break_opens_the_window_and_done_is_recorded_with_its_moves(
    qtbot: QtBot, app: DeskBreakApp, clock: FakeClock, paths: AppPaths
) -> None:
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=30))
    assert app.engine.state == State.IN_BREAK
    running = app.session
    assert running is not None and running.window.isVisible()
    assert 1 <= len(running.moves) <= 2
    assert all(m.position == "seated" for m in running.moves)
    assert app.snapshot()["icon"] == "break"
    running.window.done_clicked.emit()
    assert app.engine.state == State.WAITING
    qtbot.waitUntil(lambda: app.session is None)  # after "Nice work"
    qtbot.waitUntil(lambda: gone(running.window))
    rows = HistoryStore(paths.history_db).records()
    assert [(r.outcome, r.kind) for r in rows] == [("completed", "micro")]
    assert rows[0].moves == tuple(m.id for m in running.moves)
    assert app.engine.next_break is not None
    # Done at once: the break ended at 09:30, so the next is due one interval later.
    assert app.engine.next_break.start == MONDAY_9 + timedelta(minutes=60)


def test_countdown_reaching_zero_completes_the_break_then_the_window_closes(
    qtbot: QtBot, app: DeskBreakApp, clock: FakeClock, paths: AppPaths
) -> None:
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=30))
    running = app.session
    assert running is not None
    clock.advance(60)
    running.window.refresh()  # what its repaint timer does
    assert app.engine.state == State.WAITING
    assert [r.outcome for r in HistoryStore(paths.history_db).records()] == ["completed"]
    qtbot.waitUntil(lambda: gone(running.window), timeout=5000)


def test_when_the_engine_ends_the_break_first_the_window_still_finishes_gracefully(
    qtbot: QtBot, app: DeskBreakApp, clock: FakeClock, paths: AppPaths
) -> None:
    """The engine's timer at the planned end usually beats the window's 4 Hz countdown."""
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=30))
    running = app.session
    assert running is not None
    closed: list[bool] = []
    running.window.closed.connect(lambda: closed.append(True))
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=31))  # engine: planned end reached
    assert app.engine.state == State.WAITING
    assert [r.outcome for r in HistoryStore(paths.history_db).records()] == ["completed"]
    assert running.window.isVisible()  # not yanked away:
    assert running.window._cue.text() == "Nice work"  # it says well done first
    qtbot.waitUntil(lambda: closed == [True], timeout=3000)


def test_skip_from_the_window_records_a_skip(
    qtbot: QtBot, app: DeskBreakApp, clock: FakeClock, paths: AppPaths
) -> None:
    app.perform("break-now")
    running = app.session
    assert running is not None
    running.window.skip_clicked.emit()
    assert app.session is None
    assert [r.outcome for r in HistoryStore(paths.history_db).records()] == ["skipped"]


def test_control_requests_answer_like_the_cli_expects(app: DeskBreakApp) -> None:
    status = app.handle_request(Request("status"))
    assert status.ok
    for key in ("state", "next_break_at", "next_break_kind", "paused_until", "pid"):
        assert key in status.result
    assert status.result["state"] == "waiting"
    assert datetime.fromisoformat(status.result["next_break_at"]) == MONDAY_9 + timedelta(
        minutes=30
    )
    bad = app.handle_request(Request("pause", {"length": "a fortnight"}))
    assert not bad.ok and bad.code == "bad_request" and "30m" in bad.error
    assert app.handle_request(Request("snooze")).ok
    refused = app.handle_request(Request("snooze"))
    assert not refused.ok and refused.code == "refused"
    assert app.handle_request(Request("pause", {"length": "until-tomorrow"})).ok
    paused = app.handle_request(Request("status")).result
    assert paused["state"] == "paused"
    assert datetime.fromisoformat(paused["paused_until"]) == MONDAY_9 + timedelta(days=1)
    assert app.status_window is not None
    assert app.status_window.status_label.text() == "Paused until tomorrow 09:00"


def test_preferences_apply_saves_keeping_comments_and_reschedules_at_once(
    qtbot: QtBot, app: DeskBreakApp, paths: AppPaths
) -> None:
    app.perform("preferences")
    dialog = app.preferences
    assert dialog is not None and dialog.isVisible()
    app.perform("preferences")  # asking again raises the same dialog
    assert app.preferences is dialog
    new = dialog.original
    from dataclasses import replace

    changed = replace(new, breaks=replace(new.breaks, interval_minutes=20))
    dialog.settings_applied.emit(changed)
    text = paths.settings_file.read_text(encoding="utf-8")
    assert "# my own note: keep this" in text and "interval_minutes = 20" in text
    assert app.engine.next_break is not None
    assert app.engine.next_break.start == MONDAY_9 + timedelta(minutes=20)


def test_a_bad_settings_file_is_reported_once_and_left_alone(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    bad = SETTINGS.replace("interval_minutes = 30", "interval_minutes = 9000")
    paths.settings_file.write_text(bad, encoding="utf-8")
    with started(paths, clock) as app:
        assert app.status_window is not None
        message = app.status_window.message_label.text()
        assert str(paths.settings_file) in message
        assert "line 4" in message and "breaks.interval_minutes" in message and "9000" in message
        assert app.settings.breaks.interval_minutes == 30  # the default, for now
        assert app.settings.breaks.max_snoozes == 1  # the valid keys still apply
        assert paths.settings_file.read_text(encoding="utf-8") == bad


def test_after_a_restart_the_next_break_does_not_repeat_todays_last_moves(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    first = build(paths, clock)
    first.start()
    first.perform("break-now")
    assert first.session is not None
    taken = {m.id for m in first.session.moves}
    first.perform("done")
    first.shutdown()
    for _ in range(5):  # a restarted app remembers the day: no back-to-back repeat
        again = build(paths, clock)
        again.start()
        again.perform("break-now")
        assert again.session is not None
        assert not taken & {m.id for m in again.session.moves}
        taken = {m.id for m in again.session.moves}  # shown, then skipped: it counts as seen
        again.perform("skip")
        again.shutdown()


def test_a_hand_edit_reschedules_and_an_invalid_one_is_reported_not_applied(
    qtbot: QtBot, app: DeskBreakApp, paths: AppPaths
) -> None:
    assert app.engine.next_break is not None
    assert app.engine.next_break.start == MONDAY_9 + timedelta(minutes=30)
    edited = SETTINGS.replace("interval_minutes = 30", "interval_minutes = 45")
    paths.settings_file.write_text(edited, encoding="utf-8")
    qtbot.waitUntil(lambda: app.settings.breaks.interval_minutes == 45, timeout=5000)
    assert app.engine.next_break.start == MONDAY_9 + timedelta(minutes=45)

    paths.settings_file.write_text(edited.replace("= 45", "= -5"), encoding="utf-8")
    assert app.status_window is not None
    qtbot.waitUntil(lambda: "not applied" in app.status_window.message_label.text(), timeout=5000)
    assert "breaks.interval_minutes" in app.status_window.message_label.text()
    assert app.settings.breaks.interval_minutes == 45
    assert app.engine.next_break.start == MONDAY_9 + timedelta(minutes=45)


def test_pausing_during_the_warning_takes_the_notice_away(
    qtbot: QtBot, app: DeskBreakApp, clock: FakeClock
) -> None:
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=29, seconds=40))
    assert app.notice.isVisible()
    app.perform("pause", "30m")
    assert not app.notice.isVisible()  # its "Start now" must not start a break while paused


def test_closed_break_windows_are_freed(qtbot: QtBot, app: DeskBreakApp) -> None:
    windows = []
    for _ in range(3):
        app.perform("break-now")
        assert app.session is not None
        windows.append(app.session.window)
        app.perform("skip")
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in windows), timeout=3000)


def test_closing_the_window_from_its_title_bar_records_a_skip_with_its_moves(
    qtbot: QtBot, app: DeskBreakApp, paths: AppPaths
) -> None:
    app.perform("break-now")
    running = app.session
    assert running is not None
    running.window.close()  # what the window manager's X does
    assert app.engine.state == State.WAITING and app.session is None
    rows = HistoryStore(paths.history_db).records()
    assert [(r.outcome, r.moves) for r in rows] == [("skipped", tuple(m.id for m in running.moves))]


def test_a_history_write_failure_does_not_wedge_the_break(
    qtbot: QtBot, app: DeskBreakApp
) -> None:
    # Saving fails for real (not a lock): here SQLite refuses every write.
    db = app.history._db
    assert db is not None
    with app.history._db_lock:
        db.execute("PRAGMA query_only = ON")
    app.perform("break-now")
    running = app.session
    assert running is not None
    app.perform("skip")
    assert app.session is None and gone(running.window)
    assert app.status_window is not None
    assert "history" in app.status_window.message_label.text()
    app.perform("break-now")  # and the next break works normally
    assert app.session is not None and app.session.window.isVisible()


def test_a_history_locked_by_another_program_never_freezes_the_break(
    qtbot: QtBot, app: DeskBreakApp, paths: AppPaths
) -> None:
    import sqlite3
    import time

    browser = sqlite3.connect(paths.history_db)  # a DB browser with unsaved edits
    browser.execute("BEGIN IMMEDIATE")
    try:
        app.perform("break-now")
        started = time.monotonic()
        app.perform("skip")
        assert time.monotonic() - started < 0.5  # not sqlite's 5 s busy wait
        assert app.session is None
    finally:
        browser.rollback()
        browser.close()
    qtbot.waitUntil(
        lambda: [r.outcome for r in HistoryStore(paths.history_db).records()] == ["skipped"],
        timeout=5000,
    )


def test_a_snooze_that_became_impossible_says_why_in_the_window(
    qtbot: QtBot, app: DeskBreakApp, clock: FakeClock
) -> None:
    # Work ends 17:30. At 17:24:30 a 5-minute snooze still fits; 40 s later it no longer does.
    advance_to(app, clock, datetime(2026, 11, 23, 17, 24, 30, tzinfo=TZ))
    app.perform("break-now")
    running = app.session
    assert running is not None
    snooze = running.window._snooze_button
    assert snooze.isEnabled()
    clock.advance(40)
    snooze.click()
    assert app.engine.state == State.IN_BREAK  # nothing happened to the break...
    assert not snooze.isEnabled()  # ...and the window says why
    assert running.window._snooze_refusal.isVisible()
    assert running.window._snooze_refusal.text() == snooze.toolTip() != ""


def test_the_minute_heartbeat_keeps_the_status_text_current(
    app: DeskBreakApp, clock: FakeClock
) -> None:
    assert app.status_window is not None
    assert app.status_window.status_label.text() == "Next break in 30 min (at 09:30)"
    clock.advance(5 * 60)  # nothing happens in the engine for five minutes...
    app.driver._heartbeat.timeout.emit()  # ...but the driver's 60 s heartbeat runs
    assert app.status_window.status_label.text() == "Next break in 25 min (at 09:30)"


def agree(app: DeskBreakApp) -> None:
    """What `status --json` says about the break matches what is on screen."""
    snap = app.snapshot()
    session = app.session
    window_up = session is not None and session.window.isVisible()
    assert snap["break_window_open"] is window_up
    counting = window_up and session is not None and not session.ended
    assert (snap["state"] == "in_break") is counting, snap
    if counting:
        assert session is not None
        end = datetime.fromisoformat(snap["current_break"]["end"])
        left = (end - clock_of(app).now()).total_seconds()
        assert abs(left - session.window.seconds_left()) < 1.0
        assert snap["icon"] == "break"


def clock_of(app: DeskBreakApp) -> FakeClock:
    assert isinstance(app.clock, FakeClock)
    return app.clock


def test_moves_longer_than_a_very_short_break_are_finished_and_the_engine_agrees(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    paths.settings_file.write_text(
        SETTINGS.replace("duration_seconds = 60", "duration_seconds = 10"), encoding="utf-8"
    )
    with started(paths, clock) as app:
        app.perform("break-now")
        running = app.session
        assert running is not None
        moves_take = running.window.seconds_left()
        assert moves_take > 10  # no move is that short
        agree(app)
        clock.advance(10)
        app.driver.run(lambda e: e.tick())  # the configured length has passed...
        assert app.engine.state == State.IN_BREAK  # ...but the moves have not
        agree(app)
        assert running.window._cue.text() != "Nice work"
        assert HistoryStore(paths.history_db).records() == []  # nothing "completed" yet
        app.driver.run(lambda e: e.break_now())
        assert app.session is running  # no second window
        closed: list[bool] = []
        running.window.closed.connect(lambda: closed.append(True))
        clock.advance(moves_take - 10)
        app.driver.run(lambda e: e.tick())  # the engine and the window end together
        assert app.engine.state == State.WAITING
        assert running.window._cue.text() == "Nice work"
        agree(app)
        qtbot.waitUntil(lambda: closed == [True], timeout=3000)
        assert app.session is None
        agree(app)
        assert [r.outcome for r in HistoryStore(paths.history_db).records()] == ["completed"]


def test_a_suspend_shorter_than_the_break_keeps_window_and_engine_in_step(
    qtbot: QtBot, app: DeskBreakApp, clock: FakeClock, paths: AppPaths
) -> None:
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=30))
    running = app.session
    assert running is not None
    clock.advance(10)
    clock.suspend(20)  # the lid closed for 20 s of a 60 s break
    app.driver.run(lambda e: e.woke_up(20))
    running.window.refresh()
    assert app.engine.state == State.IN_BREAK
    agree(app)
    assert abs(running.window.seconds_left() - 30) < 1.0  # both counted the sleep
    clock.advance(30)
    running.window.refresh()  # the window's countdown runs out, at the engine's end too
    assert app.engine.state == State.WAITING
    assert [r.outcome for r in HistoryStore(paths.history_db).records()] == ["completed"]


def test_a_late_skip_from_a_finishing_window_does_not_skip_the_next_break(
    qtbot: QtBot, app: DeskBreakApp, clock: FakeClock, paths: AppPaths
) -> None:
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=30))
    running = app.session
    assert running is not None
    advance_to(app, clock, MONDAY_9 + timedelta(minutes=31))  # the engine ended it
    assert running.window.isVisible()  # "Nice work" is still up
    agree(app)
    nxt = app.engine.next_break
    running.window.skip_clicked.emit()  # a click that arrives late
    running.window.snooze_clicked.emit()
    assert app.engine.next_break == nxt  # the next break is untouched
    assert app.engine.snoozes_used == 0
    assert [r.outcome for r in HistoryStore(paths.history_db).records()] == ["completed"]


def test_quitting_mid_break_records_it_as_interrupted_not_skipped(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    with started(paths, clock) as app:
        app.perform("break-now")
        window = app.session.window if app.session is not None else None
        assert window is not None
    assert gone(window)
    assert [r.outcome for r in HistoryStore(paths.history_db).records()] == ["interrupted"]


def test_an_invalid_hand_edit_shows_in_status_json(
    qtbot: QtBot, app: DeskBreakApp, paths: AppPaths
) -> None:
    assert app.snapshot()["settings_problems"] == []
    paths.settings_file.write_text(SETTINGS.replace("= 30", "= -5", 1), encoding="utf-8")
    qtbot.waitUntil(lambda: app.snapshot()["settings_problems"] != [], timeout=5000)
    assert "breaks.interval_minutes" in app.snapshot()["settings_problems"][0]
    paths.settings_file.write_text(SETTINGS, encoding="utf-8")
    qtbot.waitUntil(lambda: app.snapshot()["settings_problems"] == [], timeout=5000)


def test_a_timed_pause_lasts_its_real_length_across_a_dst_change(
    qtbot: QtBot, paths: AppPaths
) -> None:
    # 02:45 CEST on the night clocks go back: 30 minutes later the clock says 02:15 CET.
    clock = FakeClock(datetime(2026, 10, 25, 2, 45, fold=0, tzinfo=TZ))
    with started(paths, clock) as app:
        app.perform("pause", "30m")
        until = app.engine.paused_until
        assert until is not None
        assert until.astimezone(UTC) - clock.now().astimezone(UTC) == timedelta(minutes=30)


def test_start_at_login_runs_this_installations_launcher_by_absolute_path(
        app: DeskBreakApp) -> None:
    from desk_break.platform.launcher import installed_launcher

    launcher = installed_launcher()  # the test venv's bin/desk-break
    assert launcher is not None
    app.autostart.set_enabled(True)
    entry = paths_config_home() / "autostart" / "io.github.desk_break.DeskBreak.desktop"
    written = entry.read_text(encoding="utf-8")
    assert f"Exec={launcher}\n" in written
    assert "Icon=io.github.desk_break.DeskBreak\n" in written


def paths_config_home() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"])


def test_fixing_a_bad_file_by_hand_clears_the_warning(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    bad = SETTINGS.replace("max_snoozes = 1", 'max_snoozes = "3"')
    paths.settings_file.write_text(bad, encoding="utf-8")
    with started(paths, clock) as app:
        assert app.status_window is not None
        assert "max_snoozes" in app.status_window.message_label.text()
        # Fixed to the very value the app fell back to: still news, the warning must go.
        paths.settings_file.write_text(bad.replace('"3"', "3"), encoding="utf-8")
        qtbot.waitUntil(lambda: app.snapshot()["settings_problems"] == [], timeout=5000)
        assert app.status_window.message_label.text() == ""


def test_a_failed_save_keeps_the_dialog_open_with_the_edits_unsaved(
    qtbot: QtBot, app: DeskBreakApp, paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desk_break.qt.app as app_module

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(app_module, "save_settings", full_disk)
    before = paths.settings_file.read_text(encoding="utf-8")
    app.perform("preferences")
    dialog = app.preferences
    assert dialog is not None
    dialog.breaks_page.interval.setValue(45)
    dialog.ok_button.click()
    assert dialog.isVisible()  # not closed as if saved
    assert dialog.apply_button.isEnabled()  # the edit is still unsaved
    assert app.settings.breaks.interval_minutes == 30
    assert paths.settings_file.read_text(encoding="utf-8") == before
    # A hand edit to the same value is then a real change, not ignored as "ours".
    paths.settings_file.write_text(before.replace("= 30", "= 45"), encoding="utf-8")
    qtbot.waitUntil(lambda: app.settings.breaks.interval_minutes == 45, timeout=5000)


# Offscreen Qt has no tray protocol to watch; on X11 and D-Bus the icon really shows.
@pytest.mark.qt_log_ignore("QObject::connect: No such signal QPlatformNativeInterface")
def test_when_the_tray_goes_away_the_status_window_appears_and_goes_back(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    tray_here = [True]
    catalog, problems = load_catalog(paths.user_moves_file)
    app = DeskBreakApp(
        paths, clock, load_settings(paths.settings_file), catalog, list(problems),
        HistoryStore(paths.history_db), use_tray=lambda: tray_here[0],
        show_first_run_note=False, presence=NO_PRESENCE,
    )
    app.start()
    try:
        assert app.surface == "tray" and app.status_window is None
        tray_here[0] = False  # the panel restarted, or the extension was disabled
        app.driver.minute_passed.emit()  # the heartbeat notices...
        assert app.surface == "window"
        assert app.status_window is not None and app.status_window.isVisible()
        assert app.status_window.status_label.text() == "Next break in 30 min (at 09:30)"
        tray_here[0] = True
        assert app.snapshot()["surface"] == "tray"  # ...and so does every status request
        assert app.status_window is None
    finally:
        app.shutdown()


def test_a_disabled_move_that_does_not_exist_is_reported_in_status(
    qtbot: QtBot, paths: AppPaths, clock: FakeClock
) -> None:
    paths.settings_file.write_text(
        SETTINGS + '\n[moves]\ndisabled = ["no-such-move"]\n', encoding="utf-8"
    )
    with started(paths, clock) as app:
        problems = app.snapshot()["settings_problems"]
        assert len(problems) == 1 and "moves.disabled" in problems[0]
        assert "no-such-move" in problems[0] and str(paths.settings_file) in problems[0]
        assert app.status_window is not None
        assert "no-such-move" in app.status_window.message_label.text()


def test_preferences_about_lists_what_is_watched_as_the_presence_page_promises(
    app: DeskBreakApp,
) -> None:
    app.perform("preferences")
    dialog = app.preferences
    assert dialog is not None
    shown = dialog.about_page.watching.text().splitlines()
    assert shown == app.presence.describe() and shown
    assert any(line.startswith("Idle time") for line in shown)
    assert dialog.about_page.watching.isVisibleTo(dialog.about_page)
