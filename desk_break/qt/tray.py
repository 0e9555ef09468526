"""The tray icon and its menu. Emits intents; decides nothing.

Signals:
    intent_requested(str, str): an Intent value and its argument (pause token or "").
    message_clicked(): the person clicked the last notification balloon.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtDBus import QDBusConnection
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from desk_break.core.i18n import arg, translate
from desk_break.qt.actions import Entry


def fill_menu(menu: QMenu, entries: list[Entry], emit: Callable[[str, str], None]) -> None:
    """(Re)build `menu` from `entries`. Shared by the tray and the status window's Pause button."""
    for action in menu.actions():
        sub = action.menu()
        if sub is not None:  # clear() leaves submenus alive: free them, or they pile up
            sub.deleteLater()
    menu.clear()
    menu.setToolTipsVisible(True)
    for entry in entries:
        if entry.children:
            sub = menu.addMenu(entry.label)
            sub.setEnabled(entry.enabled)
            fill_menu(sub, list(entry.children), emit)
            continue
        if entry.intent.value in ("preferences", "quit"):
            menu.addSeparator()
        action = menu.addAction(entry.label)
        action.setEnabled(entry.enabled)
        action.setObjectName(f"action-{entry.intent.value}-{entry.arg}".rstrip("-"))
        if entry.reason:
            action.setToolTip(entry.reason)
        action.triggered.connect(
            lambda _checked=False, i=entry.intent.value, a=entry.arg: emit(i, a)
        )


def status_notifier_watcher_present() -> bool:
    """What Qt asks when it makes a tray icon: is a StatusNotifierWatcher on the session
    bus? Then the icon (and its notifications) go over D-Bus, else XEmbed."""
    bus = QDBusConnection.sessionBus()
    interface = bus.interface() if bus.isConnected() else None
    if interface is None:
        return False
    reply = interface.isServiceRegistered("org.kde.StatusNotifierWatcher")
    return bool(reply.isValid() and reply.value())


class Tray(QObject):
    intent_requested = Signal(str, str)
    message_clicked = Signal()

    def __init__(self, entries: Callable[[], list[Entry]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries = entries
        self._status = ""
        self.status_action: QAction | None = None
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.icon = self._new_icon()
        self.rebuild_menu()

    def _new_icon(self) -> QSystemTrayIcon:
        # Qt's choice of backend, made now (see renew_icon): over D-Bus a notification's
        # body goes to org.freedesktop.Notifications, whose servers read it as markup.
        self._markup_notifications = status_notifier_watcher_present()
        icon = QSystemTrayIcon(self)
        icon.setContextMenu(self.menu)
        icon.activated.connect(self._on_activated)
        icon.messageClicked.connect(self.message_clicked)
        return icon

    def renew_icon(self) -> None:
        """Swap in a fresh QSystemTrayIcon with the same icon and tooltip, before showing it.

        Qt picks the icon's backend once, when a QSystemTrayIcon is constructed: a
        StatusNotifierItem over D-Bus if a StatusNotifierWatcher is on the session bus
        then (KDE, GNOME with AppIndicator), else XEmbed. One made while there was no
        tray would never register with a watcher that appears later.
        """
        old = self.icon
        self.icon = self._new_icon()
        self.icon.setIcon(old.icon())
        self.icon.setToolTip(old.toolTip())
        old.hide()
        old.deleteLater()

    def rebuild_menu(self) -> None:
        fill_menu(self.menu, self._entries(), self.intent_requested.emit)
        # The status line first, disabled: GNOME's AppIndicator shows no tooltips, so
        # "Next break in 12 min (at 10:42)" must be readable in the menu itself.
        self.status_action = QAction(self._status, self.menu)
        self.status_action.setObjectName("action-status")
        self.status_action.setEnabled(False)
        actions = self.menu.actions()
        if actions:
            self.menu.insertAction(actions[0], self.status_action)
            self.menu.insertSeparator(actions[0])
        else:
            self.menu.addAction(self.status_action)

    def set_status(self, icon: QIcon, tooltip: str) -> None:
        """Update only what changed: each change is a round trip to the tray host."""
        if icon.cacheKey() != self.icon.icon().cacheKey():
            self.icon.setIcon(icon)
        text = arg(translate("Tray", "Desk Break — %1"), tooltip)
        if text != self.icon.toolTip():
            self.icon.setToolTip(text)
        if tooltip != self._status:
            self._status = tooltip
            if self.status_action is not None:
                self.status_action.setText(tooltip)

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def is_visible(self) -> bool:
        return self.icon.isVisible()

    def notify(self, title: str, text: str, seconds: int = 10) -> None:
        """Show `text` as it is: it quotes the person's files (a key, a move, a path).

        Qt's own balloon (XEmbed trays) shows plain text; a notification server reached
        over D-Bus reads the body as markup ("body-markup"), so there it is escaped.
        The title is never markup in either.
        """
        body = _escape_markup(text) if self._markup_notifications else text
        self.icon.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, seconds * 1000)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A left click opens the same menu; people expect the tray icon to do something.
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            geometry = self.icon.geometry()
            self.menu.popup(geometry.bottomLeft() if geometry.isValid() else self.menu.pos())


def _escape_markup(text: str) -> str:
    """`html.escape(text, quote=False)`, without the html package: its entity tables
    (html.entities) cost the waiting app about 0.5 MiB for three replacements."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
