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
import sys
from collections.abc import Callable
from datetime import UTC, date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QMessageBox

from desk_break import __version__
from desk_break.core.catalog import Catalog
from desk_break.core.chooser import MoveChooser
from desk_break.core.clock import Clock
from desk_break.core.engine import BreakEngine
from desk_break.core.events import (
    Refused,
    State,
)
from desk_break.core.i18n import arg as fill
from desk_break.core.i18n import translate
from desk_break.core.intents import Intent, pause_choice
from desk_break.core.snapshot import engine_snapshot
from desk_break.core.status_text import status_line
from desk_break.ipc.protocol import BAD_REQUEST, REFUSED, Reply, Request
from desk_break.ipc.server import ControlServer
from desk_break.paths import AppPaths
from desk_break.platform.autostart import autostart_for_platform
from desk_break.platform.launcher import login_command
from desk_break.qt.actions import Entry, menu_entries
from desk_break.qt.app_breaks import AppBreaks
from desk_break.qt.app_windows import AppWindows
from desk_break.qt.icons import state_icon, state_icon_name
from desk_break.qt.presence import PresenceController, PresenceParts
from desk_break.qt.prewarm import BreakPrewarm, rehearse_break_window
from desk_break.qt.scheduler import EngineDriver
from desk_break.qt.settings_watcher import SettingsWatcher
from desk_break.qt.stats.launch import charts_installed
from desk_break.qt.surfaces import Surfaces
from desk_break.qt.timers import Timer, call_later
from desk_break.qt.tray import Tray
from desk_break.settings.catalog_check import catalog_problems
from desk_break.settings.model import Settings
from desk_break.settings.problem import Problem
from desk_break.settings.store import LoadResult, load_layered, save_settings
from desk_break.storage.history import HistoryStore
from desk_break.storage.recorder import EventRecorder

if TYPE_CHECKING:  # each loads on first use: none is needed to show the icon and wait
    from desk_break.qt.break_session import BreakSession
    from desk_break.qt.first_run import FirstRunNote
    from desk_break.qt.notice import Notice
    from desk_break.qt.preferences import PreferencesDialog
    from desk_break.qt.sound import Chime
    from desk_break.qt.status_window import StatusWindow

log = logging.getLogger(__name__)
# A pause length over the control channel is a short string ("45m"): anything else is
# refused before it is parsed (or quoted back at length).
PAUSE_ARG_ERROR = "'length' must be a pause length such as \"30m\", \"1h30m\" or \"indefinitely\""



class DeskBreakApp(AppBreaks, AppWindows, QObject):
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
        use_tray: bool | Callable[[], bool] | None = None,
        show_first_run_note: bool = True,
        presence: PresenceParts | None = None,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.clock = clock
        self.loaded = loaded
        self.settings: Settings = loaded.settings
        self.catalog = catalog
        self.catalog_problems = catalog_problems
        self.history = history
        self._show_first_run_note = show_first_run_note

        self.chooser = MoveChooser(catalog, self.settings.moves, random.Random())
        self.engine = BreakEngine(
            self.settings, clock, compose=self._choose_moves, taken_on=self._taken_on
        )
        self.driver = EngineDriver(self.engine, clock, self)
        self.recorder = EventRecorder(history, self.engine, self._tell)
        self.driver.events_announced.connect(self.recorder.record)
        self.presence = PresenceController(self.driver, self.settings, clock, presence, self)
        self.presence.problem_found.connect(
            lambda text: self._tell(translate("App", "Desk Break: do not disturb"), text)
        )
        self._replayed_day: date | None = None
        self.test_chime: Chime | None = None
        # This installation's launcher (or bundle program) by absolute path: a login
        # session's PATH seldom has a virtualenv's bin folder in it.
        self.autostart = autostart_for_platform(sys.platform, login_command())

        self.surfaces = Surfaces(self.entries, use_tray, self)
        self.surfaces.intent_requested.connect(self.perform)
        self.surfaces.moved.connect(self.refresh_status)
        self._notice: Notice | None = None  # the warning's pop-up, made at the first warning
        self._presence_start: Timer | None = None
        self.prewarm = BreakPrewarm(  # the break window's code, loaded before it is due
            lambda: rehearse_break_window(
                list(self.catalog), self.catalog, self.clock, self.settings.behaviour.sound
            ),
            self,
        )
        self.preferences: PreferencesDialog | None = None  # while open
        self.first_run_note: FirstRunNote | None = None
        self.about_box: QMessageBox | None = None
        self.session: BreakSession | None = None  # the break on screen, until its window closes
        self._edit_problems: list[object] = []  # a hand edit that was refused
        self._move_problems = self._check_moves(loaded)  # e.g. an unknown id in `disabled`
        self.server: ControlServer | None = None
        self.signal_wakeup: object = None  # keeps the SIGTERM/SIGINT wakeup alive

        self.watcher = SettingsWatcher(
            paths.settings_file, self.settings, self, started_invalid=bool(loaded.problems),
            loader=lambda path: load_layered(path, paths.site_config_dirs),
        )
        self.watcher.reloaded.connect(self._on_settings_reloaded)
        self.watcher.invalid.connect(self._on_settings_invalid)

        self.driver.changed.connect(self.refresh_status)
        self.driver.minute_passed.connect(self.refresh_status)  # no timer of our own
        self.driver.minute_passed.connect(self.surfaces.check)  # a panel restarted, a tray gone
        self.driver.warning_started.connect(self._on_warning)
        self.driver.break_started.connect(self._on_break_started)
        self.driver.break_snoozed.connect(self._on_break_snoozed)
        self.driver.break_ended.connect(self._on_break_ended)

    # ---- life cycle -----------------------------------------------------------

    def start(self, server: ControlServer | None = None, *, presence_after_show: bool = False
              ) -> None:
        """`presence_after_show`: start idle and do-not-disturb detection on the loop's
        first turn, once the icon is on its way (it opened an X connection, asked D-Bus,
        read /proc... before the icon showed: a third of the time to dock)."""
        self.server = server
        self.history.close_unfinished()  # killed mid-break last time: interrupted
        self.history.prune(self.settings.statistics.keep_days, self.clock.now().date())
        # APScheduler (imported when it starts) on the first turn too, same flag.
        self.driver.start(scheduler_after_show=presence_after_show)
        if presence_after_show:
            self._presence_start = call_later("presence-start", self, 0, self._start_presence)
        else:
            self.presence.start()
        self.refresh_status()  # the icon is set before the tray shows it
        self.surfaces.show()
        self._report_problems_once()
        if self._show_first_run_note and not self.paths.first_run_flag.exists():
            call_later("first-run-note", self, 0, self.show_first_run_note)
        log.info("Desk Break %s started (%s)", __version__, self.surface)

    def _start_presence(self) -> None:
        self._presence_start = None  # fired: the timer frees itself
        self.presence.start()

    def shutdown(self) -> None:
        self.watcher.stop()
        self.prewarm.stop()
        if self._presence_start is not None:
            self._presence_start.stop()
        # Quitting (or logging out) mid-break is not the person skipping it.
        self.driver.run(lambda e: e.interrupt())
        self.presence.stop()
        self.driver.shutdown()
        self._close_break_window()
        self._hide_notice()
        self.surfaces.shutdown()
        if self.server is not None:
            self.server.close()
        self.history.close()
        log.info("Desk Break stopped")

    @property
    def surface(self) -> str:
        """Where the person finds us: "tray" or "window"."""
        return self.surfaces.surface

    @property
    def tray(self) -> Tray:
        return self.surfaces.tray

    @property
    def status_window(self) -> StatusWindow | None:
        return self.surfaces.status_window

    # ---- status ---------------------------------------------------------------

    def entries(self) -> list[Entry]:
        return menu_entries(self.engine, statistics_available=charts_installed())

    def status_text(self) -> str:
        e = self.engine
        return status_line(
            e.state, self.clock.now(), e.next_break, e.paused_until, e.current_break, e.held_by,
            e.waiting_for_quiet,
        )

    def refresh_status(self) -> None:
        if self.engine.state != State.WARNING:
            # Paused, rescheduled, woken from sleep...: the warning no longer applies.
            self._hide_notice()
        self.surfaces.set_status(state_icon(self.engine.state), self.status_text())
        upcoming = self.engine.next_break
        self.prewarm.follow(upcoming.start if upcoming else None, self.clock.now())

    def snapshot(self) -> dict[str, object]:
        # A clock set or a zone changed since the last heartbeat: say the real time now.
        self.driver.check_clocks_now()
        self.surfaces.check()
        snap = engine_snapshot(self.engine)
        snap.update(
            status_line=self.status_text(),
            icon=state_icon_name(self.engine.state),
            surface=self.surface,
            pid=os.getpid(),
            version=__version__,
            break_window_open=self.session is not None,
            preferences_open=self.preferences is not None and self.preferences.isVisible(),
            settings_problems=[
                str(p) for p in [*self.loaded.problems, *self.loaded.notices,
                                 *self._move_problems, *self._edit_problems]
            ],
            history_problem=self.history.problem,
            idle_seconds=self.presence.idle_seconds(),
            idle_source=self.presence.idle_source,
        )
        return snap

    def _report_problems_once(self) -> None:
        problems = [str(p) for p in [*self.loaded.problems, *self.loaded.notices,
                                     *self._move_problems]]
        problems += [str(p) for p in self.catalog_problems]
        settings_checkable = bool(problems)
        problems += [self.history.problem] if self.history.problem else []
        if not problems:
            return
        for text in problems:
            log.error("%s", text)
        # A balloon is read at a glance: how many, the first two with ~/ paths, and
        # where the whole list is.
        from desk_break.qt.prefs.common import home_short

        shown = [f"• {home_short(text)}" for text in problems[:2]]
        if len(problems) > len(shown):
            more = len(problems) - len(shown)
            shown.append(translate("App", "… and %n more", "", more))
        if settings_checkable:
            shown.append(translate("App", "See them all: desk-break settings check"))
        else:
            shown.append(fill(translate("App", "More in the log: %1"),
                             home_short(str(self.paths.log_file))))
        count = len(problems)
        title = translate("App", "Desk Break found %n problem(s)", "", count)
        self._tell(title, "\n".join(shown))

    def _tell(self, title: str, text: str) -> None:
        self.surfaces.tell(title, text)

    # ---- intents ----------------------------------------------------------------

    def perform(self, intent: str, arg: str = "", break_id: int | None = None) -> Refused | None:
        """The one door for every request, whatever surface it came from.

        `break_id` names the break a window's request is about; the engine refuses it
        once that break has ended."""
        log.info("intent %s %s%s", intent, arg, "" if break_id is None else f" #{break_id}")
        match Intent(intent):
            case Intent.BREAK_NOW:
                return self.note_first() or self.driver.run(lambda e: e.break_now())
            case Intent.SNOOZE:
                return self.driver.run(lambda e: e.snooze(break_id))
            case Intent.SKIP:
                return self.driver.run(lambda e: e.skip(break_id))
            case Intent.DONE:
                return self.driver.run(lambda e: e.done(break_id))
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
                return self.show_statistics()
            case Intent.ABOUT:
                self.show_about()
            case Intent.QUIT:
                call_later("quit", self, 0, self.quit)
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
            call_later("show-preferences", self, 0, self.show_preferences)
            message = translate("App", "Opened Preferences in the running Desk Break.")
            return Reply(True, {"message": message})
        if cmd == "quit":
            call_later("quit", self, 0, self.quit)
            return Reply(True, {"message": translate("App", "Desk Break is quitting.")})
        arg = ""
        if cmd == "pause":
            length = request.args.get("length", "indefinitely")
            if not isinstance(length, str) or len(length) > 40:
                return Reply(False, code=BAD_REQUEST, error=PAUSE_ARG_ERROR)
            arg = length
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

    # ---- settings ----------------------------------------------------------------------

    def apply_settings(self, settings: Settings) -> None:
        """Save (atomically, keeping comments and a copy of a bad file) and reschedule now."""
        self.watcher.expect_own_write(settings)
        try:
            backup = save_settings(self.paths.settings_file, settings, self.loaded)
        except (OSError, ValueError) as exc:
            log.error("could not save %s: %s", self.paths.settings_file, exc)
            self.watcher.set_current(self.settings)  # what we still run on
            message = fill(translate("App", "Your settings were not saved: %1"), exc)
            if self.preferences is not None:
                # Called while the dialog's settings_applied is being emitted: it keeps
                # the edits as unsaved and stays open.
                self.preferences.report_save_failed(message)
            else:
                self._tell(translate("App", "Desk Break could not save your settings"), str(exc))
            return
        self.loaded = load_layered(self.paths.settings_file, self.paths.site_config_dirs)
        self._move_problems = self._check_moves(self.loaded)
        self._use_settings(self.loaded.settings)
        if backup is not None:
            self._tell(
                translate("App", "Desk Break saved your settings"),
                fill(translate("App", "Your old file was kept as %1."), backup),
            )

    def _use_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.chooser.update_settings(settings.moves)
        self.watcher.set_current(settings)
        self.driver.run(lambda e: e.apply_settings(settings))
        self.presence.apply_settings(settings)
        if self.preferences is not None:
            self.preferences.set_settings(settings)
        log.info("settings applied")

    def _check_moves(self, loaded: LoadResult) -> list[Problem]:
        """The settings against the move catalog (what the file alone cannot tell)."""
        text = loaded.text
        return catalog_problems(loaded.settings, self.catalog, loaded.path, text)

    def _on_settings_reloaded(self, loaded: LoadResult) -> None:
        log.info("settings file changed on disk: reloading")
        self.loaded = loaded
        self._edit_problems = []
        self._move_problems = self._check_moves(loaded)
        for problem in self._move_problems:
            log.error("%s", problem)
        self._use_settings(loaded.settings)
        if self.preferences is not None:
            self.preferences.show_problems(list(loaded.problems))  # fixed by hand: clear it
        if self.status_window is not None and loaded.ok:
            self.status_window.show_message("")

    def _on_settings_invalid(self, problems: list[object]) -> None:
        text = "\n".join(str(p) for p in problems)
        log.error("settings file edited with problems, not applied:\n%s", text)
        self._edit_problems = list(problems)  # status --json says so too
        self._tell(translate("App", "Desk Break: your edit was not applied"), text)
        if self.preferences is not None:
            self.preferences.show_problems(problems)
