"""The composition root: builds every part, wires signals to intents, runs the loop.

Widgets emit intents (strings from core.intents); `DeskBreakApp.perform` turns
them into engine actions through the driver, and the driver's events come back
here to open windows, show notices and write history. Nothing else reaches
across parts.
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import sys
from dataclasses import dataclass
from datetime import UTC

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QSystemTrayIcon

from desk_break import __version__
from desk_break.core.catalog import Catalog
from desk_break.core.chooser import MoveChooser
from desk_break.core.clock import Clock
from desk_break.core.engine import BreakEngine
from desk_break.core.events import (
    BreakEnded,
    BreakKind,
    BreakSnoozed,
    BreakStarted,
    Outcome,
    Refused,
    State,
    WarningStarted,
)
from desk_break.core.intents import Intent, pause_choice
from desk_break.core.moves import Move
from desk_break.core.status_text import status_line
from desk_break.ipc.protocol import BAD_REQUEST, REFUSED, Reply, Request
from desk_break.ipc.server import ControlServer
from desk_break.paths import AppPaths
from desk_break.platform.autostart import autostart_for_platform
from desk_break.qt.actions import Entry, menu_entries
from desk_break.qt.break_window import BreakWindow
from desk_break.qt.first_run import (
    NOT_MEDICAL_ADVICE,
    FirstRunNote,
    mark_first_run_note_shown,
    needs_first_run_note,
)
from desk_break.qt.icons import state_icon, state_icon_name, svg_icon
from desk_break.qt.notice import Notice
from desk_break.qt.scheduler import EngineDriver
from desk_break.qt.settings_watcher import SettingsWatcher
from desk_break.qt.sound import Chime
from desk_break.qt.status_window import StatusWindow
from desk_break.qt.tray import Tray
from desk_break.settings.model import Settings
from desk_break.settings.store import LoadResult, load_settings, save_settings
from desk_break.storage.history import BreakRecord, HistoryStore

log = logging.getLogger(__name__)

FINISH_SLACK_S = 1.0  # the engine's end and the window's 4 Hz countdown may differ this much
TRAY_POLL_MS = 5000  # only while there is no tray, to move into one when it appears


@dataclass(frozen=True)
class _RunningBreak:
    window: BreakWindow
    moves: tuple[Move, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.moves)


class DeskBreakApp(QObject):
    """Owns the parts of a running Desk Break. Construct, then `start()`."""

    def __init__(
        self,
        paths: AppPaths,
        clock: Clock,
        loaded: LoadResult,
        catalog: Catalog,
        catalog_problems: list[object],
        history: HistoryStore,
        *,
        use_tray: bool | None = None,
        show_first_run_note: bool = True,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.clock = clock
        self.loaded = loaded
        self.settings: Settings = loaded.settings
        self.catalog = catalog
        self.catalog_problems = catalog_problems
        self.history = history
        self._use_tray = use_tray
        self._show_first_run_note = show_first_run_note

        self.engine = BreakEngine(self.settings, clock)
        self.driver = EngineDriver(self.engine, clock, self)
        self.chooser = MoveChooser(catalog, self.settings.moves, random.Random())
        today = clock.now().date()
        self.chooser.replay(
            today,
            [r.moves for r in history.records() if r.moves and r.ended_at.date() == today],
        )
        self.test_chime: Chime | None = None
        # The interpreter that runs us, by absolute path: a login session's PATH
        # seldom has a virtualenv's bin folder in it.
        self.autostart = autostart_for_platform(sys.platform, [sys.executable, "-m", "desk_break"])

        self.tray = Tray(self.entries, self)
        self.tray.intent_requested.connect(self.perform)
        self.status_window: StatusWindow | None = None
        self.notice = Notice()
        self.notice.action_chosen.connect(self._on_notice_action)
        self.preferences = None  # a PreferencesDialog while open
        self.first_run_note: FirstRunNote | None = None
        self.about_box: QMessageBox | None = None
        self.running_break: _RunningBreak | None = None
        self._done_asked = False
        self.server: ControlServer | None = None
        self.signal_wakeup: object = None  # keeps the SIGTERM/SIGINT wakeup alive

        self.watcher = SettingsWatcher(
            paths.settings_file, self.settings, self, started_invalid=bool(loaded.problems)
        )
        self.watcher.reloaded.connect(self._on_settings_reloaded)
        self.watcher.invalid.connect(self._on_settings_invalid)

        self.driver.changed.connect(self.refresh_status)
        self.driver.minute_passed.connect(self.refresh_status)  # no timer of our own
        self.driver.warning_started.connect(self._on_warning)
        self.driver.break_started.connect(self._on_break_started)
        self.driver.break_snoozed.connect(self._on_break_snoozed)
        self.driver.break_ended.connect(self._on_break_ended)

        self._tray_poll = QTimer(self)
        self._tray_poll.setInterval(TRAY_POLL_MS)
        self._tray_poll.timeout.connect(self._check_tray)

    # ---- life cycle -----------------------------------------------------------

    def start(self, server: ControlServer | None = None) -> None:
        self.server = server
        self.driver.start()
        self.refresh_status()  # the icon is set before the tray shows it
        if self._tray_available():
            self.tray.show()
        else:
            self._show_status_window()
        self._report_problems_once()
        if self._show_first_run_note and needs_first_run_note(self.paths.first_run_flag):
            QTimer.singleShot(0, self.show_first_run_note)
        log.info("Desk Break %s started (%s)", __version__, self.surface)

    def shutdown(self) -> None:
        self._tray_poll.stop()
        self.driver.shutdown()
        if self.running_break is not None:
            self.running_break.window.close_now()
        self.notice.hide()
        self.tray.hide()
        if self.status_window is not None:
            self.status_window.quitting = True
            self.status_window.close()
        if self.server is not None:
            self.server.close()
        self.history.close()
        log.info("Desk Break stopped")

    @property
    def surface(self) -> str:
        """Where the person finds us: "tray" or "window"."""
        return "tray" if self.tray.is_visible() else "window"

    def _tray_available(self) -> bool:
        if self._use_tray is not None:
            return self._use_tray
        return QSystemTrayIcon.isSystemTrayAvailable()

    def _show_status_window(self) -> None:
        if self.status_window is None:
            self.status_window = StatusWindow(self.entries)
            self.status_window.setWindowIcon(svg_icon("active"))
            self.status_window.intent_requested.connect(self.perform)
        self.refresh_status()
        self.status_window.show()
        if self._use_tray is None:
            self._tray_poll.start()
        log.warning("no system tray found: showing the status window")

    def _check_tray(self) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return
        log.info("a system tray appeared: moving into it")
        self._tray_poll.stop()
        self.tray.renew_icon()  # Qt chose the icon's backend (D-Bus or XEmbed) when it was made
        self.tray.show()
        if self.status_window is not None:
            self.status_window.quitting = True
            self.status_window.close()
            self.status_window.deleteLater()
            self.status_window = None
        self.refresh_status()

    # ---- status ---------------------------------------------------------------

    def entries(self) -> list[Entry]:
        return menu_entries(self.engine)

    def status_text(self) -> str:
        e = self.engine
        return status_line(
            e.state, self.clock.now(), e.next_break, e.paused_until, e.current_break
        )

    def refresh_status(self) -> None:
        if self.engine.state != State.WARNING:
            # Paused, rescheduled, woken from sleep...: the warning no longer applies.
            self.notice.hide()
        icon = state_icon(self.engine.state)
        text = self.status_text()
        self.tray.set_status(icon, text)
        if self.status_window is not None:
            self.status_window.set_status(icon, text)

    def snapshot(self) -> dict[str, object]:
        snap = dict(self.engine.snapshot())
        snap.update(
            status_line=self.status_text(),
            icon=state_icon_name(self.engine.state),
            surface=self.surface,
            pid=os.getpid(),
            version=__version__,
            break_window_open=self.running_break is not None,
            preferences_open=self.preferences is not None and self.preferences.isVisible(),
            settings_problems=[str(p) for p in self.loaded.problems],
        )
        return snap

    def _report_problems_once(self) -> None:
        problems = [str(p) for p in self.loaded.problems]
        problems += [str(p) for p in self.catalog_problems]
        problems += [self.history.problem] if self.history.problem else []
        if not problems:
            return
        for text in problems:
            log.error("%s", text)
        summary = "\n".join(problems[:3]) + ("\n…" if len(problems) > 3 else "")
        self._tell("Desk Break: check your settings", summary)

    def _tell(self, title: str, text: str) -> None:
        if self.status_window is not None:
            self.status_window.show_message(f"{title}\n{text}")
        else:
            self.tray.notify(title, text)

    # ---- intents ----------------------------------------------------------------

    def perform(self, intent: str, arg: str = "") -> Refused | None:
        """The one door for every request, whatever surface it came from."""
        log.info("intent %s %s", intent, arg)
        match Intent(intent):
            case Intent.BREAK_NOW:
                return self.driver.run(lambda e: e.break_now())
            case Intent.SNOOZE:
                return self.driver.run(lambda e: e.snooze())
            case Intent.SKIP:
                return self.driver.run(lambda e: e.skip())
            case Intent.DONE:
                self._done_asked = True  # the person (or the countdown) says it is done
                try:
                    return self.driver.run(lambda e: e.done())
                finally:
                    self._done_asked = False
            case Intent.RESUME:
                return self.driver.run(lambda e: e.resume())
            case Intent.PAUSE:
                choice = pause_choice(arg or "indefinitely")
                if choice.duration is not None:
                    # Elapsed time, not clock-face time: right across a DST change too.
                    now = self.clock.now()
                    until = (now.astimezone(UTC) + choice.duration).astimezone(now.tzinfo)
                    return self.driver.run(lambda e: e.pause(until))
                if choice.token == "until-tomorrow":
                    return self.driver.run(lambda e: e.pause_until_tomorrow())
                return self.driver.run(lambda e: e.pause(None))
            case Intent.PREFERENCES:
                self.show_preferences()
            case Intent.STATISTICS:
                return Refused("Statistics are not available in this version yet.")
            case Intent.ABOUT:
                self.show_about()
            case Intent.QUIT:
                QTimer.singleShot(0, self.quit)
        return None

    def quit(self) -> None:
        """Leave the event loop. Not QApplication.quit(): in Qt 6 that first asks every
        window to close, and the status window declines (it minimizes), cancelling the quit."""
        if self.status_window is not None:
            self.status_window.quitting = True
        app = QApplication.instance()
        if app is not None:
            app.exit(0)

    def handle_request(self, request: Request) -> Reply:
        """The control channel's handler (`desk-break status`, `snooze`, a second launch...)."""
        cmd = request.cmd
        if cmd == "status":
            return Reply(True, self.snapshot())
        if cmd in ("activate", "preferences"):
            QTimer.singleShot(0, self.show_preferences)
            return Reply(True, {"message": "Opened Preferences in the running Desk Break."})
        if cmd == "quit":
            QTimer.singleShot(0, self.quit)
            return Reply(True, {"message": "Desk Break is quitting."})
        arg = ""
        if cmd == "pause":
            arg = str(request.args.get("length", "indefinitely"))
            try:
                pause_choice(arg)
            except ValueError as exc:
                return Reply(False, code=BAD_REQUEST, error=str(exc))
        outcome = self.perform(cmd, arg)
        if isinstance(outcome, Refused):
            return Reply(False, code=REFUSED, error=outcome.reason)
        snap = self.snapshot()
        snap["message"] = self.status_text()
        return Reply(True, snap)

    # ---- engine events --------------------------------------------------------------

    def _snooze_refusal(self) -> str | None:
        refused = self.engine.can_snooze()
        return refused.reason if refused is not None else None

    def _on_warning(self, event: WarningStarted) -> None:
        upcoming = event.upcoming
        seconds = max(1, round((upcoming.start - self.clock.now()).total_seconds()))
        if upcoming.kind == BreakKind.LONG:
            what = f"A {upcoming.seconds // 60}-minute break to move your back."
        else:
            what = f"A {upcoming.seconds}-second break to move your back."
        refusal = self._snooze_refusal()
        snooze_label = f"Snooze {self.settings.breaks.snooze_minutes} min"
        self.notice.pop(
            f"Break in {seconds} seconds",
            what + (f"\n{refusal}" if refusal else ""),
            [("snooze", snooze_label, refusal is None), ("start", "Start now", True)],
            seconds,
        )

    def _on_notice_action(self, key: str) -> None:
        if key == "snooze":
            self.perform(Intent.SNOOZE)
        elif key == "start":
            self.perform(Intent.BREAK_NOW)

    def _on_break_started(self, event: BreakStarted) -> None:
        self.notice.hide()
        self._close_break_window()
        planned = event.planned
        moves = self.chooser.choose(planned.kind.value, planned.seconds, planned.work_day)
        window = BreakWindow(
            moves,
            self.catalog,
            planned.seconds,
            planned.kind.value,
            self.clock,
            self.settings.breaks.snooze_minutes,
            self._snooze_refusal(),
            self.settings.behaviour.sound,
        )
        running = _RunningBreak(window, tuple(moves))
        self.running_break = running
        window.done_clicked.connect(lambda: self.perform(Intent.DONE))
        window.snooze_clicked.connect(lambda w=window: self._snooze_from_window(w))
        window.skip_clicked.connect(lambda: self.perform(Intent.SKIP))
        window.countdown_finished.connect(lambda: self.perform(Intent.DONE))
        window.closed.connect(lambda r=running: self._on_window_closed(r))
        window.closed.connect(window.deleteLater)  # parentless: nothing else would free it
        window.start()

    def _snooze_from_window(self, window: BreakWindow) -> None:
        refused = self.perform(Intent.SNOOZE)
        if refused is not None:  # e.g. the end of work hours came closer since it opened
            window.refuse_snooze(refused.reason)

    def _on_window_closed(self, running: _RunningBreak) -> None:
        if self.running_break is running and self.engine.state == State.IN_BREAK:
            # Closed by the window manager: the person chose not to do it. The skip is
            # recorded with its moves; _on_break_ended then forgets the window.
            self.perform(Intent.SKIP)
        if self.running_break is running:
            self.running_break = None

    def _on_break_snoozed(self, event: BreakSnoozed) -> None:
        self.notice.hide()
        self._close_break_window()

    def _on_break_ended(self, event: BreakEnded) -> None:
        self.notice.hide()
        running, self.running_break = self.running_break, None
        if running is not None:
            if event.outcome != Outcome.COMPLETED:
                running.window.close_now()
            elif not self._done_asked and running.window.seconds_left() > FINISH_SLACK_S:
                # The engine's planned end came, but the moves run longer (a very short
                # break length): the window finishes the move and closes itself.
                pass
            else:
                # Whoever noticed first (the countdown, Done, or the engine's own timer at
                # the planned end), a completed break ends the same way: chime, "Nice
                # work", close.
                running.window.finish_and_close()
        record = BreakRecord(
            due_at=event.planned.start,
            started_at=event.started_at,
            ended_at=event.at,
            kind=event.planned.kind.value,
            outcome=event.outcome.value,
            snoozes=event.snoozes_used,
            moves=running.ids if running is not None and event.started_at is not None else (),
        )
        try:
            self.history.record(record)
        except sqlite3.Error as exc:  # a locked or full disk must not wedge the break
            log.error("could not record the break in %s: %s", self.history.path, exc)
            self._tell("Desk Break could not save this break to its history", str(exc))

    def _close_break_window(self) -> None:
        running, self.running_break = self.running_break, None
        if running is not None:
            running.window.close_now()

    # ---- settings ----------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Save (atomically, keeping comments and a copy of a bad file) and reschedule now."""
        self.watcher.expect_own_write(settings)
        try:
            backup = save_settings(self.paths.settings_file, settings, self.loaded)
        except (OSError, ValueError) as exc:
            log.error("could not save %s: %s", self.paths.settings_file, exc)
            self.watcher.set_current(self.settings)  # what we still run on
            message = f"Your settings were not saved: {exc}"
            if self.preferences is not None:
                # Called while the dialog's settings_applied is being emitted: it keeps
                # the edits as unsaved and stays open.
                self.preferences.report_save_failed(message)
            else:
                self._tell("Desk Break could not save your settings", str(exc))
            return
        self.loaded = load_settings(self.paths.settings_file)
        self._use_settings(self.loaded.settings)
        if backup is not None:
            self._tell("Desk Break saved your settings", f"Your old file was kept as {backup}.")

    def _use_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.chooser.update_settings(settings.moves)
        self.watcher.set_current(settings)
        self.driver.run(lambda e: e.apply_settings(settings))
        if self.preferences is not None:
            self.preferences.set_settings(settings)
        log.info("settings applied")

    def _on_settings_reloaded(self, loaded: LoadResult) -> None:
        log.info("settings file changed on disk: reloading")
        self.loaded = loaded
        self._use_settings(loaded.settings)
        if self.preferences is not None:
            self.preferences.show_problems(list(loaded.problems))  # fixed by hand: clear it
        if self.status_window is not None and loaded.ok:
            self.status_window.show_message("")

    def _on_settings_invalid(self, problems: list[object]) -> None:
        text = "\n".join(str(p) for p in problems)
        log.error("settings file edited with problems, not applied:\n%s", text)
        self._tell("Desk Break: your edit was not applied", text)
        if self.preferences is not None:
            self.preferences.show_problems(problems)

    # ---- windows ------------------------------------------------------------------------

    def show_preferences(self) -> None:
        from desk_break.qt.preferences import PreferencesDialog

        if self.preferences is None:
            dialog = PreferencesDialog(
                self.settings,
                self.catalog,
                self.clock.tz,
                self.paths,
                list(self.loaded.problems),
                self.autostart,
            )
            dialog.setWindowIcon(svg_icon("active"))
            dialog.settings_applied.connect(self.apply_settings)
            dialog.sound_test_requested.connect(self.play_test_sound)
            dialog.finished.connect(self._on_preferences_closed)
            self.preferences = dialog
        self.preferences.show()
        self.preferences.raise_()
        self.preferences.activateWindow()

    def play_test_sound(self) -> None:
        if self.test_chime is None:
            self.test_chime = Chime(True, self)
        if not self.test_chime.audible:
            log.info("test sound: no audio output or QtMultimedia here")
        self.test_chime.play()

    def _on_preferences_closed(self) -> None:
        if self.preferences is not None:
            self.preferences.deleteLater()
            self.preferences = None

    def show_first_run_note(self) -> None:
        note = FirstRunNote()
        note.setWindowIcon(svg_icon("active"))
        note.finished.connect(lambda _r: mark_first_run_note_shown(self.paths.first_run_flag))
        self.first_run_note = note
        note.show()

    def show_about(self) -> None:
        box = QMessageBox()
        box.setWindowTitle("About Desk Break")
        box.setIconPixmap(svg_icon("active").pixmap(64, 64))
        box.setText(f"<b>Desk Break {__version__}</b><br>Micro-breaks for your upper back.")
        box.setInformativeText(
            f"{NOT_MEDICAL_ADVICE}\n\nSettings: {self.paths.settings_file}\n"
            f"History: {self.paths.history_db}\nLog: {self.paths.log_file}"
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setModal(False)
        self.about_box = box
        box.show()
