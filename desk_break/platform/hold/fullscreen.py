"""Hold breaks while the active window is fullscreen: a film, a game, a presentation.

- X11: the window manager names the active window in `_NET_ACTIVE_WINDOW` on the
  root, and a fullscreen window carries `_NET_WM_STATE_FULLSCREEN` in its
  `_NET_WM_STATE`. The root's PropertyNotify says which window is active; on that
  window we listen to structure changes only (going fullscreen resizes it), not to
  its properties: the focused app rewrites `_NET_WM_USER_TIME` on every key press,
  which would wake us for each one. All on an X connection of our own, whose
  socket a QSocketNotifier watches: nothing polls. Before a break is due the
  state is read once more (`check_now`). Only in a real X11 session (under
  Xwayland only X clients would be seen).
- Wayland: no client may look at other windows. KDE Plasma sets
  `org.freedesktop.Notifications` `Inhibited` while a window is fullscreen, so
  that is read (shared with desktop_dnd).
- Windows: `SHQueryUserNotificationState` says busy (a fullscreen app), running
  Direct3D fullscreen, or presentation mode. Windows sends no event for it, so it
  is read when the lead asks (check_now, before a break) and, while it holds, on
  a slow timer, so the end is seen.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Collection
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QSocketNotifier
from Xlib import X, error
from Xlib.display import Display
from Xlib.xobject.drawable import Window

from desk_break.core.i18n import translate
from desk_break.platform.hold.base import HoldDetector
from desk_break.platform.hold.dbus_watch import NotificationsInhibited
from desk_break.qt.timers import make_timer

log = logging.getLogger(__name__)


class X11Fullscreen(HoldDetector):
    """The active X11 window is fullscreen. Signals: changed(bool).

    `own_windows` is read at every check (pass the live set the app keeps): our own
    break window may well be fullscreen, and must not hold the break it shows.
    """

    reason: ClassVar[str] = "fullscreen"

    def __init__(self, display: str | None = None, own_windows: Collection[int] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._display_name = display
        self.own_windows = own_windows
        self._display: Display | None = None
        self._root: Window | None = None
        self._notifier: QSocketNotifier | None = None
        self._watched = 0  # the active window we listen to (0: none)
        self._atoms: dict[str, int] = {}
        self.wakeups = 0  # times the X socket woke us: the cost of watching

    @property
    def running(self) -> bool:
        return self._display is not None

    @property
    def active_window(self) -> int:
        """The active window's id as last seen (0: none)."""
        return self._watched

    def start(self) -> bool:
        """False without an X server or an EWMH window manager that names the active window."""
        if self._display is not None:
            return True
        self._set_problem(None)
        try:
            display = Display(self._display_name)
        except (error.DisplayError, OSError) as exc:
            log.debug("no X display for the fullscreen detector: %s", exc)
            return False
        try:
            atoms = {name: display.intern_atom(name) for name in (
                "_NET_SUPPORTED", "_NET_ACTIVE_WINDOW", "_NET_WM_STATE",
                "_NET_WM_STATE_FULLSCREEN")}
            root = display.screen().root
            supported = root.get_full_property(atoms["_NET_SUPPORTED"], X.AnyPropertyType)
            if supported is None or atoms["_NET_ACTIVE_WINDOW"] not in supported.value:
                log.debug("the window manager does not maintain _NET_ACTIVE_WINDOW")
                display.close()
                return False
            root.change_attributes(event_mask=X.PropertyChangeMask)
        except error.XError as exc:
            log.debug("the fullscreen detector cannot read the root window: %s", exc)
            display.close()
            return False
        self._display, self._root, self._atoms = display, root, atoms
        self._notifier = QSocketNotifier(display.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._follow_active()
        self._drain()
        return True

    def stop(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.activated.disconnect(self._drain)
            self._notifier = None
        if self._display is not None:
            with contextlib.suppress(error.ConnectionClosedError, OSError):
                self._display.close()
        self._display, self._root, self._watched = None, None, 0
        super().stop()

    def check_now(self) -> None:
        if self._display is not None:
            self._guarded(self._follow_active)

    # ---- X events ------------------------------------------------------------------

    def _drain(self, *_args: Any) -> None:
        """Handle every event that has come (or was read while we made requests)."""
        self.wakeups += 1
        self._guarded(self._handle_pending)

    def _handle_pending(self) -> None:
        while self._display is not None and self._display.pending_events():
            event = self._display.next_event()
            if event.type == X.PropertyNotify:
                if event.window.id == self._root_id() and event.atom == self._atoms[
                        "_NET_ACTIVE_WINDOW"]:
                    self._follow_active()
            elif (
                event.type in (X.ConfigureNotify, X.MapNotify, X.UnmapNotify)
                and self._watched
                and event.window.id == self._watched
            ):
                self._read_state()  # resized: maybe into or out of fullscreen

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except (error.ConnectionClosedError, OSError) as exc:
            log.info("the X connection of the fullscreen detector closed: %s", exc)
            self._set_active(False)  # nothing to see any more: release, and say so
            self.stop()
            self._set_problem(translate(
                "Presence", "The connection to the X display was lost, so a fullscreen "
                "window no longer holds breaks until Desk Break restarts."))
        except error.XError as exc:  # a window gone between two requests: read again later
            log.debug("fullscreen detector: %s", exc)

    def _root_id(self) -> int:
        return int(self._root.id) if self._root is not None else 0

    def _follow_active(self) -> None:
        """Listen to the window that is active now (and no longer to the one before)."""
        assert self._display is not None and self._root is not None
        prop = self._root.get_full_property(self._atoms["_NET_ACTIVE_WINDOW"],
                                            X.AnyPropertyType)
        active = int(prop.value[0]) if prop is not None and len(prop.value) else 0
        if active != self._watched:
            if self._watched:
                self._select(self._watched, 0)
            if active:
                # Before reading, so no change is lost; structure, not properties.
                self._select(active, X.StructureNotifyMask)
            self._watched = active
        self._read_state()

    def _select(self, window_id: int, mask: int) -> None:
        assert self._display is not None
        window = self._display.create_resource_object("window", window_id)
        window.change_attributes(event_mask=mask, onerror=error.CatchError(error.BadWindow))

    def _read_state(self) -> None:
        assert self._display is not None
        fullscreen = False
        if self._watched and self._watched not in self.own_windows:
            window = self._display.create_resource_object("window", self._watched)
            try:
                prop = window.get_full_property(self._atoms["_NET_WM_STATE"], X.AnyPropertyType)
            except error.BadWindow:
                prop = None
            fullscreen = bool(prop is not None
                              and self._atoms["_NET_WM_STATE_FULLSCREEN"] in prop.value)
        self._set_active(fullscreen)


class KdeFullscreen(NotificationsInhibited):
    """Wayland on KDE Plasma: the notification server is inhibited while a window is
    fullscreen (or the screen is shared)."""

    reason: ClassVar[str] = "fullscreen"


# ---- Windows --------------------------------------------------------------------------

QUNS_BUSY = 2  # a fullscreen application (or a game in exclusive mode)
QUNS_RUNNING_D3D_FULL_SCREEN = 3
QUNS_PRESENTATION_MODE = 4
HOLDING_STATES = frozenset({QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_PRESENTATION_MODE})
WHILE_HELD_RECHECK_MS = 15_000


def shell_notification_state() -> Callable[[], int] | None:
    """SHQueryUserNotificationState through ctypes, or None off Windows."""
    if sys.platform != "win32":
        return None
    import ctypes

    function = ctypes.windll.shell32.SHQueryUserNotificationState

    def query() -> int:
        state = ctypes.c_int(0)
        result = function(ctypes.byref(state))
        if result != 0:
            raise OSError(f"SHQueryUserNotificationState failed: {result & 0xFFFFFFFF:#010x}")
        return int(state.value)

    return query


class WindowsFullscreen(HoldDetector):
    """Windows says the person is busy with something fullscreen. Signals: changed(bool)."""

    reason: ClassVar[str] = "fullscreen"

    def __init__(self, query: Callable[[], int] | None = None,
                 recheck_ms: int = WHILE_HELD_RECHECK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = query if query is not None else shell_notification_state()
        self._recheck = make_timer(
            "fullscreen-recheck", self, recheck_ms, on_timeout=self.check_now
        )
        self._running = False

    def start(self) -> bool:
        if self._query is None:
            return False
        try:
            self._query()
        except OSError as exc:
            log.debug("SHQueryUserNotificationState: %s", exc)
            return False
        self._running = True
        self.check_now()
        return True

    def stop(self) -> None:
        self._running = False
        self._recheck.stop()
        super().stop()

    @property
    def rechecking(self) -> bool:
        """Whether the slow timer runs (only while held: Windows sends no event)."""
        return self._recheck.isActive()

    def check_now(self) -> None:
        if not self._running or self._query is None:
            return
        try:
            busy = self._query() in HOLDING_STATES
        except OSError as exc:
            log.debug("SHQueryUserNotificationState: %s", exc)
            busy = False
        self._set_active(busy)
        if busy and not self._recheck.isActive():
            self._recheck.start()
        elif not busy:
            self._recheck.stop()

