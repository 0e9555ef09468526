"""The app's own windows besides the break: the warning notice, Preferences, the
first-run note, About.

A mixin of `DeskBreakApp` (app.py): each is made on first use and freed when it
closes, so the tray process carries none of them while it waits.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPixmapCache
from PySide6.QtWidgets import QMessageBox

from desk_break import __version__
from desk_break.core.catalog import Catalog
from desk_break.core.clock import Clock
from desk_break.core.events import BreakKind, Refused, WarningStarted
from desk_break.core.i18n import arg, translate
from desk_break.core.status_text import break_in
from desk_break.paths import AppPaths
from desk_break.platform.autostart import Autostart
from desk_break.qt.icons import svg_icon
from desk_break.qt.presence import PresenceController
from desk_break.settings.model import Settings
from desk_break.settings.store import LoadResult
from desk_break.storage.history import HistoryStore

if TYPE_CHECKING:  # each loads on first use
    from desk_break.qt.first_run import FirstRunNote
    from desk_break.qt.notice import Notice
    from desk_break.qt.preferences import PreferencesDialog
    from desk_break.qt.sound import Chime
    from desk_break.qt.surfaces import Surfaces

log = logging.getLogger(__name__)

FIRST_RUN_HOLD = "first_run_note"  # the held_by reason while the note is up


class AppWindows:
    """Opens and frees the app's secondary windows (attributes are `DeskBreakApp`'s)."""

    settings: Settings
    catalog: Catalog
    clock: Clock
    paths: AppPaths
    loaded: LoadResult
    autostart: Autostart
    history: HistoryStore
    presence: PresenceController
    preferences: PreferencesDialog | None
    test_chime: Chime | None
    first_run_note: FirstRunNote | None
    about_box: QMessageBox | None
    surfaces: Surfaces
    _notice: Notice | None

    def apply_settings(self, settings: Settings) -> None:
        raise NotImplementedError

    def refresh_status(self) -> None:
        raise NotImplementedError

    def _on_notice_action(self, key: str) -> None:
        raise NotImplementedError

    def _snooze_refusal(self) -> str | None:
        raise NotImplementedError

    @property
    def notice(self) -> Notice:
        if self._notice is None:
            from desk_break.qt.notice import Notice

            self._notice = Notice(avoid=lambda: self.surfaces.tray.icon.geometry())
            self._notice.action_chosen.connect(self._on_notice_action)
            # "Break in 27 s" follows the notice
            self._notice.ticked.connect(self.refresh_status)
        return self._notice

    def _hide_notice(self) -> None:
        if self._notice is not None:
            self._notice.hide()

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
                site=self.loaded.site,
                watching=self.presence.describe(),
            )
            dialog.setWindowIcon(svg_icon("active"))
            dialog.settings_applied.connect(self.apply_settings)
            dialog.sound_test_requested.connect(self.play_test_sound)
            dialog.forget_history_requested.connect(self.history.forget)
            dialog.finished.connect(self._on_preferences_closed)
            self.preferences = dialog
        self.preferences.show()
        self.preferences.raise_()
        self.preferences.activateWindow()

    def play_test_sound(self) -> None:
        from desk_break.qt.sound import Chime

        if self.test_chime is None:
            self.test_chime = Chime(True, self)  # type: ignore[arg-type]
        if not self.test_chime.audible:
            log.info("test sound: no audio output or QtMultimedia here")
        self.test_chime.play()

    def _on_preferences_closed(self) -> None:
        if self.preferences is not None:
            self.preferences.deleteLater()
            self.preferences = None
            # The dialog's icons and thumbnails are new QIcons each time it opens, and
            # Qt keeps their rendered pixmaps in its global cache under new keys until
            # it holds 10 MB: a tray app that runs for months would carry that for
            # nothing. What is still on screen is rendered again when it is next needed.
            QPixmapCache.clear()

    def show_statistics(self) -> Refused | None:
        """Start the statistics window's own process (it raises the one already open).
        Nothing of it runs here: this process never loads a charting library."""
        from desk_break.qt.stats import launch

        if not launch.charts_installed():
            return Refused(translate("Statistics", launch.INSTALL_HINT))
        if not launch.open_statistics():
            log_file = self.paths.log_file
            return Refused(f"Could not start the statistics window (details in {log_file})")
        return None

    def show_first_run_note(self) -> None:
        """The note comes before any break: breaks are held (HELD, "first-run note
        open") until it is acknowledged; one that came due meanwhile then gets its
        full warning, one held past `max_hold_minutes` is missed, as for any hold."""
        from desk_break.qt.first_run import FirstRunNote

        note = FirstRunNote()
        note.setWindowIcon(svg_icon("active"))
        note.finished.connect(self._on_first_run_note_done)
        self.first_run_note = note
        self.presence.hold_for(FIRST_RUN_HOLD, True)
        note.show()

    def note_first(self) -> Refused | None:
        """While the first-run note is up, "Take a break now" waits for it: refused, and
        the note raised. (Started anyway, the break's time ran out behind the note.)"""
        note = self.first_run_note
        if note is None or not note.isVisible():
            return None
        note.raise_()
        note.activateWindow()
        return Refused("Read the note before your first break and press OK first")

    def _on_first_run_note_done(self, _result: int = 0) -> None:
        from desk_break.qt.first_run import mark_first_run_note_shown

        mark_first_run_note_shown(self.paths.first_run_flag)
        self.presence.hold_for(FIRST_RUN_HOLD, False)

    def show_about(self) -> None:
        import html

        from desk_break.qt.first_run import NOT_MEDICAL_ADVICE
        from desk_break.qt.prefs.about_page import licence_text
        from desk_break.qt.prefs.common import wrappable_path

        def lines(rows: list[str]) -> str:
            return "<br>".join(html.escape(row) for row in rows)

        files = [
            arg(translate("About", "%1: %2"), name, wrappable_path(path))
            for name, path in (
                (translate("About", "Settings"), self.paths.settings_file),
                (translate("About", "History"), self.paths.history_db),
                (translate("About", "Log"), self.paths.log_file),
            )
        ]
        note = translate("FirstRun", NOT_MEDICAL_ADVICE)
        watches = translate("About", "What Desk Break watches here")
        yours = translate("About", "Your files")
        box = QMessageBox()
        box.setObjectName("about-box")
        box.setWindowTitle(translate("About", "About"))  # Qt adds " — Desk Break"
        box.setIconPixmap(svg_icon("active").pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            f"<b style='font-size: large'>Desk Break {html.escape(__version__)}</b><br>"
            + html.escape(translate("About", "Micro-breaks for your upper back."))
        )
        box.setInformativeText(
            f"<p>{html.escape(note)}</p>"
            f"<p><b>{html.escape(watches)}</b><br>{lines(self.presence.describe())}</p>"
            f"<p><b>{html.escape(yours)}</b><br>{lines(files)}</p>"
            f"<p>{licence_text()}</p>"
        )
        # QMessageBox wraps its text very narrow by default: give it a readable measure.
        box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 420px; }")
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        close = box.button(QMessageBox.StandardButton.Close)
        if close is not None:
            close.setIcon(QIcon())  # no stock icon, as in Preferences
        box.setModal(False)
        self.about_box = box
        box.show()

    def _on_warning(self, event: WarningStarted) -> None:
        from desk_break.qt.notice import Countdown

        upcoming = event.upcoming
        seconds = max(1, round((upcoming.start - self.clock.now()).total_seconds()))
        # The "App" context: these strings were DeskBreakApp's, and are translated there.
        if upcoming.kind == BreakKind.LONG:
            what = arg(
                translate("App", "A %1-minute break to move your back."), upcoming.seconds // 60
            )
        else:
            what = arg(translate("App", "A %1-second break to move your back."), upcoming.seconds)
        refusal = self._snooze_refusal()
        snooze_label = arg(translate("App", "Snooze %1 min"), self.settings.breaks.snooze_minutes)
        self.notice.pop(
            "",
            what + (f"\n{refusal}" if refusal else ""),
            [
                ("snooze", snooze_label, refusal is None),
                ("start", translate("App", "Start now"), True),
            ],
            seconds,
            Countdown(upcoming.start, self.clock.now, partial(break_in, upcoming.kind.value)),
        )
