"""The Preferences dialog: every setting a person can change, checked as they type.

The dialog edits a copy. Apply and OK hand a valid `Settings` to whoever listens
(the composition root saves it and reschedules); Cancel, Escape and closing put
every field back. What blocks saving is exactly what the settings file validator
refuses (the whole draft is run through it), plus the catalog check (not every
seated move may be off): that is explained beside its field and OK/Apply stay
disabled until it is fixed. The dialog's own advice (an overnight range running
into the next day's, no move fitting the long-break choices) is shown as a
heads-up and never blocks, since a file saying the same loads and runs.
The pages live in `desk_break.qt.prefs`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from datetime import date, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QCursor,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desk_break.core.catalog import Catalog
from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate
from desk_break.platform.autostart import Autostart
from desk_break.qt.prefs import sidebar
from desk_break.qt.prefs.about_page import AboutPage
from desk_break.qt.prefs.banner import ProblemsBanner
from desk_break.qt.prefs.behaviour_page import BehaviourPage
from desk_break.qt.prefs.breaks_page import BreaksPage, LongBreaksPage
from desk_break.qt.prefs.common import Page, page_icon, problem_line, problem_table
from desk_break.qt.prefs.fields import GeneratedPage
from desk_break.qt.prefs.history_page import HistoryPage
from desk_break.qt.prefs.hours_page import WorkHoursPage
from desk_break.qt.prefs.last_page import LastPage
from desk_break.qt.prefs.locks import lock_controls
from desk_break.qt.prefs.moves_page import MovesPage
from desk_break.qt.sound import find_player
from desk_break.settings import schema
from desk_break.settings.catalog_check import catalog_problems
from desk_break.settings.model import Settings
from desk_break.settings.site import SiteDefaults, value_of, with_value
from desk_break.settings.store import _merge as merge_edits

__all__ = ["PreferencesDialog", "ProblemsBanner", "file_problems", "problem_line"]

# A page larger than this scrolls (the Moves list scrolls inside itself): the dialog
# is sized to its pages' content up to here, so a page of five fields is not lost in it.
MAX_PAGE = QSize(720, 560)
# Room left around the dialog for the title bar and frame the window manager adds.
FRAME_ALLOWANCE = QSize(40, 60)


def file_problems(settings: Settings) -> list[schema.Problem]:
    """What the settings file validator would say about `settings` written out.

    The same check the store runs before it saves, so the dialog blocks exactly
    what a save would refuse.
    """
    return schema.parse_text(schema.settings_to_document(settings).as_string(), None).problems


class PreferencesDialog(QDialog):
    """Edits a copy of the settings; hands back a valid one on Apply/OK.

    Whoever saves does it inside its (direct) slot for `settings_applied`; if that
    fails it calls `report_save_failed` before the emit returns. Only an emit with
    no failure reported makes the draft the new starting point (and lets OK close).

    Signals:
        settings_applied(Settings): Apply or OK with valid, changed values.
        sound_test_requested(): "Test sound" was clicked.
        forget_history_requested(): the person confirmed "Forget history…".
    """

    settings_applied = Signal(object)
    sound_test_requested = Signal()
    forget_history_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        tz: tzinfo,
        paths: Any,
        load_problems: Sequence[Any],
        autostart: Autostart,
        parent: QWidget | None = None,
        *,
        opener: Callable[[QUrl], Any] = QDesktopServices.openUrl,
        today: Callable[[], date] | None = None,
        player: Callable[[], str | None] = find_player,
        which: Callable[[str], str | None] = shutil.which,
        state_dir: Path | None = None,
        site: SiteDefaults | None = None,
        watching: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        # Where the page to reopen on is kept: the app's data folder unless told.
        self._last_page = LastPage(
            state_dir if state_dir is not None else getattr(paths, "data_dir", None)
        )
        self.setWindowTitle(translate("Preferences", "Preferences"))  # Qt adds " — Desk Break"
        self.setObjectName("preferences")
        self._original = settings
        self._locked = sorted(site.locked) if site is not None else []  # fixed by the site
        self._paths = paths
        self._loading = False
        self._errors: list[str] = []
        self._warnings: list[str] = []
        self._blocked = False  # the settings file would refuse the draft
        self._handing_over = False  # settings_applied is being emitted
        self._save_failure: str | None = None
        self._reloaded_while_handing_over = False

        self.breaks_page = BreaksPage(tz, today)
        self.long_breaks_page = LongBreaksPage()
        self.work_hours_page = WorkHoursPage()
        self.moves_page = MovesPage(catalog)
        self.behaviour_page = BehaviourPage(autostart, player)
        self.presence_page = GeneratedPage(
            "presence",
            QT_TRANSLATE_NOOP("Preferences", "Presence"),
            "monitor",
            (
                ("presence", ""),
                ("do_not_disturb", translate("Preferences", "Hold a due break while")),
            ),
            translate(
                "Preferences",
                "A break waits while you are away or typing, and is held (not skipped) "
                "during a call, a presentation or a meeting. About lists what this "
                "desktop lets Desk Break see.",
            ),
        )
        self.history_page = HistoryPage()
        self.about_page = AboutPage(paths, opener, which, watching)
        self._catalog = catalog
        self.pages: list[Page] = [
            self.breaks_page,
            self.long_breaks_page,
            self.work_hours_page,
            self.moves_page,
            self.behaviour_page,
            self.presence_page,
            self.history_page,
            self.about_page,
        ]
        self.behaviour_page.sound_test_requested.connect(self.sound_test_requested)
        self.history_page.forget_requested.connect(self.forget_history_requested)

        self.banner = ProblemsBanner()
        color = self.palette().color(QPalette.ColorRole.WindowText)
        self.nav = sidebar.page_list(self.pages, color)
        self.stack = QStackedWidget()
        for page in self.pages:
            # Every page scrolls, so the dialog's minimum stays small and its buttons
            # stay on a small or scaled screen (1920x1080 at 200 % is 960x540).
            scroll = QScrollArea()
            scroll.setObjectName(f"preferences-{page.key}-scroll")
            scroll.setWidget(page)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields
            self.stack.addWidget(scroll)
            page.changed.connect(self._refresh)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Apply
            | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.ok_button, self.apply_button, self.cancel_button):
            button.setIcon(QIcon())  # Fusion's stock ticks and crosses look dated
            button.setMinimumWidth(88)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)
        self.status = QLabel()
        self.status.setObjectName("preferences-status")
        self.status.setWordWrap(True)
        self.save_error = QLabel()
        self.save_error.setObjectName("preferences-save-error")
        self.save_error.setWordWrap(True)
        self.save_error.setTextFormat(Qt.TextFormat.PlainText)
        self.save_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_error.setStyleSheet(
            "#preferences-save-error { background: #fde7e9; color: #5c0a0a;"
            " border: 1px solid #d9868c; border-radius: 4px; padding: 6px; font-weight: bold; }"
        )
        self.save_error.hide()

        body = QHBoxLayout()
        body.setSpacing(16)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.buttons)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        layout.addWidget(self.save_error)
        layout.addLayout(bottom)
        if self._locked:  # before sizing: the notes take room
            lock_controls(self, self._locked, site.path if site is not None else None)
        self._fitted = False
        self._fit_to(self.screen())

        self._load(settings)
        self.behaviour_page.load_autostart()
        self._refresh()
        self.show_problems(load_problems)
        self.nav.setCurrentRow(self._row_of(self._last_page.read()))

    # ---- public -------------------------------------------------------------

    @property
    def original(self) -> Settings:
        """The settings the dialog started from (or last applied)."""
        return self._original

    def draft(self) -> Settings:
        """What the fields say now, valid or not."""
        settings = self._original
        for page in self.pages:
            settings = page.apply(settings)
        for dotted in self._locked:  # e.g. "Copy Monday to all weekdays" onto a locked day
            settings = with_value(settings, dotted, value_of(self._original, dotted))
        return settings

    def errors(self) -> list[str]:
        """What blocks saving: what the settings file would refuse."""
        return list(self._errors)

    def warnings(self) -> list[str]:
        """Heads-ups shown beside their fields; they never block saving."""
        return list(self._warnings)

    def set_settings(self, settings: Settings) -> None:
        """Make `settings` (reloaded from disk) the new starting point, keeping unsaved edits.

        A field the person changed since the old starting point keeps its edited
        value; every other field shows what `settings` says.
        """
        if self._handing_over:
            self._reloaded_while_handing_over = True
        shown = merge_edits(self.draft(), self._original, settings)
        self._original = settings
        self._load(shown)
        self._refresh()

    def report_save_failed(self, message: str) -> None:
        """The listener of `settings_applied` could not save: keep the edits as unsaved.

        Called from inside that slot, before the emit returns. The draft does not
        become the starting point (Apply stays on), the problems banner stays, OK
        does not close, and `message` is shown above the buttons.
        """
        self._save_failure = message
        self.save_error.setText(message)
        self.save_error.show()
        self.save_error.setAccessibleName(message)

    def show_problems(self, problems: Sequence[Any]) -> None:
        """The banner about a settings file that could not be used as it is; [] hides it."""
        self.banner.set_problems(list(problems), self._paths.settings_file.name)

    def show_page(self, key: str) -> None:
        for row, page in enumerate(self.pages):
            if page.key == key:
                self.nav.setCurrentRow(row)
                return
        raise KeyError(key)

    def current_page(self) -> str:
        return self.pages[self.stack.currentIndex()].key

    def apply(self) -> bool:
        """Hand over the edited settings if they are valid; True when all of it took."""
        self._refresh()
        if self._blocked:
            return False
        draft = self.draft()
        saved = draft == self._original or self._hand_over(draft)
        ok = self.behaviour_page.apply_autostart()
        self._refresh()
        return saved and ok

    def _hand_over(self, draft: Settings) -> bool:
        """Emit `settings_applied`; True unless the listener reported a failed save."""
        self._save_failure = None
        self._reloaded_while_handing_over = False
        self._handing_over = True
        try:
            self.settings_applied.emit(draft)
        finally:
            self._handing_over = False
        if self._save_failure is not None:
            return False
        if not self._reloaded_while_handing_over:
            # (Otherwise the listener already handed back what it saved, via set_settings.)
            self._original = draft
        # Saving replaced a file that had problems (keeping a copy): the banner is done.
        self.banner.hide()
        self._clear_save_failure()
        return True

    def _clear_save_failure(self) -> None:
        self._save_failure = None
        self.save_error.clear()
        self.save_error.hide()

    def accept(self) -> None:
        if self.apply():
            self.moves_page.stop_preview()
            super().accept()

    def reject(self) -> None:
        """Cancel: put every field back as it was at the start or the last Apply."""
        self._load(self._original)
        self.behaviour_page.load_autostart()
        self._clear_save_failure()  # the edits it was about are gone
        self._refresh()
        self.moves_page.stop_preview()
        super().reject()

    def done(self, result: int) -> None:
        self._last_page.write(self.current_page())
        super().done(result)

    def preferred_size(self) -> QSize:
        """What the content asks for: the largest page (up to MAX_PAGE) beside the page
        list, with the banner and the button row."""
        page = QSize(0, 0)
        for each in self.pages:
            page = page.expandedTo(each.sizeHint())
        page = page.boundedTo(MAX_PAGE)
        layout = self._layout
        margins = layout.contentsMargins()
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        nav_height = sidebar.natural_height(self.nav)
        bottom = max(self.buttons.sizeHint().height(), self.status.sizeHint().height())
        height = max(page.height(), nav_height) + layout.spacing() + bottom
        if not self.banner.isHidden():
            height += self.banner.sizeHint().height() + layout.spacing()
        width = sidebar.WIDTH + 16 + page.width() + scrollbar
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def fitting_size(self, available: QRect, minimum: QSize) -> QSize:
        """The size the content asks for, shrunk to what fits `available` (a screen's
        free area), but never below `minimum`."""
        room = available.size() - FRAME_ALLOWANCE
        return self.preferred_size().boundedTo(room).expandedTo(minimum)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted and not event.spontaneous():
            # Before QDialog places itself: on the parent's screen, else the cursor's.
            parent = self.parentWidget()
            screen = parent.screen() if parent is not None else None
            self._fit_to(screen or QGuiApplication.screenAt(QCursor.pos()) or self.screen())
            self._fitted = True
        super().showEvent(event)

    # ---- internals ----------------------------------------------------------

    def _fit_to(self, screen: Any) -> None:
        if screen is not None:
            self.resize(self.fitting_size(screen.availableGeometry(), self.minimumSizeHint()))

    def _row_of(self, key: str | None) -> int:
        keys = [page.key for page in self.pages]
        return keys.index(key) if key in keys else 0

    def _load(self, settings: Settings) -> None:
        self._loading = True
        try:
            for page in self.pages:
                page.load(settings)
        finally:
            self._loading = False

    def _refresh(self) -> None:
        if self._loading:
            return
        draft = self.draft()
        # Of the catalog's findings only "every seated move is off" blocks here: an id
        # the catalog lacks cannot be fixed in this dialog (and may be a future move).
        blocking = [p for p in catalog_problems(draft, self._catalog) if p.key == "moves.disabled"]
        problems = file_problems(draft) + blocking
        self._errors = []
        self._warnings = []
        color = self.palette().color(QPalette.ColorRole.WindowText)
        for row, page in enumerate(self.pages):
            found = page.check(draft, [p for p in problems if problem_table(p) in page.tables])
            self._errors.extend(found.errors)
            self._warnings.extend(found.warnings)
            item = self.nav.item(row)
            item.setIcon(page_icon("warning" if found.errors else page.icon_kind, color))
            item.setToolTip("\n".join([*found.errors, *found.warnings]))
        claimed = {table for page in self.pages for table in page.tables}
        self._errors.extend(problem_line(p) for p in problems if problem_table(p) not in claimed)
        dirty = draft != self._original or self.behaviour_page.autostart_dirty()
        self._blocked = bool(problems)
        valid = not problems
        self.ok_button.setEnabled(valid)
        self.apply_button.setEnabled(valid and dirty)
        self.status.setText(self._status_text())

    def _status_text(self) -> str:
        if self._errors:
            more = len(self._errors) - 1
            if more:
                return arg(
                    translate(
                        "Preferences", "Fix this to save: %1 (and %n more marked ⚠)", "", more
                    ),
                    self._errors[0],
                )
            return arg(translate("Preferences", "Fix this to save: %1"), self._errors[0])
        if self._warnings:
            more = len(self._warnings) - 1
            if more:
                return arg(
                    translate("Preferences", "Heads-up: %1 (and %n more)", "", more),
                    self._warnings[0],
                )
            return arg(translate("Preferences", "Heads-up: %1"), self._warnings[0])
        return ""
