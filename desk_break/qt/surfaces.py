"""Where the person finds Desk Break: the tray icon, or the status window where no
tray is, following the tray both ways as panels come and go.

Qt picks a tray icon's backend (StatusNotifierItem over D-Bus, or XEmbed) once,
when the icon is made, so moving into a tray that appeared means a fresh icon.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from desk_break.qt.actions import Entry
from desk_break.qt.icons import svg_icon
from desk_break.qt.timers import make_timer
from desk_break.qt.tray import Tray

if TYPE_CHECKING:
    from desk_break.qt.status_window import StatusWindow

log = logging.getLogger(__name__)

TRAY_POLL_MS = 5000  # only while there is no tray, to move into one when it appears


class Surfaces(QObject):
    """The tray and the no-tray status window; both render the same entries.

    Signals:
        intent_requested(str, str): an intent and its argument, from either surface.
        moved(): the app moved into a tray or out of one (the status wants a refresh).
    """

    intent_requested = Signal(str, str)
    moved = Signal()

    def __init__(
        self,
        entries: Callable[[], list[Entry]],
        use_tray: bool | Callable[[], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._entries = entries
        self._use_tray = use_tray
        self.tray = Tray(entries, self)
        self.tray.intent_requested.connect(self.intent_requested)
        self.status_window: StatusWindow | None = None
        self._icon = QIcon()
        self._text = ""
        self._poll = make_timer("tray-poll", self, TRAY_POLL_MS, on_timeout=self.check)

    @property
    def surface(self) -> str:
        """Where the person finds us: "tray" or "window"."""
        return "window" if self.status_window is not None else "tray"

    def show(self) -> None:
        if self._tray_available():
            self.tray.show()
        else:
            self._show_status_window()

    def shutdown(self) -> None:
        self._poll.stop()
        self.tray.hide()
        if self.status_window is not None:
            self.status_window.quitting = True
            self.status_window.close()

    def set_status(self, icon: QIcon, text: str) -> None:
        self._icon, self._text = icon, text
        self.tray.set_status(icon, text)
        if self.status_window is not None:
            self.status_window.set_status(icon, text)

    def tell(self, title: str, text: str) -> None:
        """A message for the person, where they will see it."""
        if self.status_window is not None:
            self.status_window.show_message(f"{title}\n{text}")
        else:
            self.tray.notify(title, text)

    def check(self) -> None:
        """Follow the tray both ways: into one that appeared, out of one that went away.

        Called every 5 s while there is no tray, by the driver's minute heartbeat
        while there is one, and before every status reply (so `status` never says
        "tray" for an icon nobody can see)."""
        available = self._tray_available()
        if available and self.status_window is not None:
            log.info("a system tray appeared: moving into it")
            self._poll.stop()
            self.tray.renew_icon()
            self.tray.show()
            self.status_window.quitting = True
            self.status_window.close()
            self.status_window.deleteLater()
            self.status_window = None
            self.moved.emit()
        elif not available and self.status_window is None:
            log.warning("the system tray went away (panel restarted or extension disabled)")
            self.tray.hide()
            self._show_status_window()
            self.moved.emit()

    def _tray_available(self) -> bool:
        if callable(self._use_tray):
            return self._use_tray()
        if self._use_tray is not None:
            return self._use_tray
        return QSystemTrayIcon.isSystemTrayAvailable()

    def _show_status_window(self) -> None:
        from desk_break.qt.status_window import StatusWindow  # only where there is no tray

        if self.status_window is None:
            self.status_window = StatusWindow(self._entries)
            self.status_window.setWindowIcon(svg_icon("active"))
            self.status_window.intent_requested.connect(self.intent_requested)
        self.status_window.set_status(self._icon, self._text)
        self.status_window.show()
        if self._use_tray is None:
            self._poll.start()  # only while there is no tray: to move into one
        log.warning("no system tray found: showing the status window")
