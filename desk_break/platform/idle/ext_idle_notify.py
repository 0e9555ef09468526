"""KDE Plasma and wlroots compositors: `ext-idle-notify-v1` (NOT BUILT YET: not available).

The plan, for whoever finishes it: a second Wayland connection of our own through
pywayland (PySide6 has no QtWaylandClient bindings), its fd watched by a
QSocketNotifier; bind `ext_idle_notifier_v1` and `wl_seat`, and per threshold ask
for a notification: version 2's `get_input_idle_notification` ignores idle
inhibitors (a playing video), version 1's `get_idle_notification` honours them, so
`inhibitors_count_as_presence=True` picks v1. `idled` -> idle_reached, `resumed`
-> became_active. pywayland ships no generated protocols: they come from
wayland-protocols' staging/ext-idle-notify XML through pywayland's scanner.

Why it is not built: no compositor in Debian 12 speaks the protocol headless here
(sway 1.7 / wlroots 0.15, weston 10 and mutter 43 predate it; kwin_wayland 5.27
does, but pulls in most of Plasma), and the time went to the X11 and GNOME
backends, which are tested for real. `org.freedesktop.ScreenSaver.GetSessionIdleTime`
is no fallback: Plasma on Wayland answers 0.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from desk_break.platform.idle.base import IdleMonitor


class ExtIdleNotifyMonitor(IdleMonitor):
    """Reports "not available" until the protocol client is written (see above)."""

    source = "ext-idle-notify"

    def __init__(
        self,
        display: str | None = None,
        inhibitors_count_as_presence: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.display = display
        self.inhibitors_count_as_presence = inhibitors_count_as_presence

    def start(self) -> bool:
        return False

    def stop(self) -> None:
        pass

    def idle_seconds(self) -> float | None:
        return None
