"""Pick one idle backend for this session, in Workrave's order: mutter, wayland, x11.

Each candidate is built only if the session could have it, then started; one whose
`start()` says False is dropped and the next is tried. X11's screen-saver counter
is used only when the session really is X11: under Xwayland it would see X11
clients' input only and call a person typing into a Wayland window idle.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject

from desk_break.platform.idle.base import IdleMonitor

log = logging.getLogger(__name__)

Factory = Callable[[Mapping[str, str], QObject | None], IdleMonitor]


def is_wayland_session(env: Mapping[str, str]) -> bool:
    return env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or bool(env.get("WAYLAND_DISPLAY"))


def is_x11_session(env: Mapping[str, str]) -> bool:
    """X11 for real: XDG_SESSION_TYPE says x11, or says nothing and only DISPLAY is set."""
    kind = env.get("XDG_SESSION_TYPE", "").lower()
    if kind == "x11":
        return bool(env.get("DISPLAY"))
    return kind in ("", "tty", "unspecified") and bool(env.get("DISPLAY")) and not (
        env.get("WAYLAND_DISPLAY"))


def _mutter(env: Mapping[str, str], parent: QObject | None) -> IdleMonitor:
    from desk_break.platform.idle.mutter import MutterIdleMonitor

    return MutterIdleMonitor(bus_address=env.get("DBUS_SESSION_BUS_ADDRESS"), parent=parent)


def _ext_idle_notify_factory(inhibitors_count_as_presence: bool) -> Factory:
    def _ext_idle_notify(env: Mapping[str, str], parent: QObject | None) -> IdleMonitor:
        from desk_break.platform.idle.ext_idle_notify import ExtIdleNotifyMonitor

        return ExtIdleNotifyMonitor(display=env.get("WAYLAND_DISPLAY"),
                                    inhibitors_count_as_presence=inhibitors_count_as_presence,
                                    parent=parent)

    return _ext_idle_notify


def _x11(env: Mapping[str, str], parent: QObject | None) -> IdleMonitor:
    from desk_break.platform.idle.x11 import X11IdleMonitor

    return X11IdleMonitor(display=env.get("DISPLAY"), parent=parent)


def _windows(env: Mapping[str, str], parent: QObject | None) -> IdleMonitor:
    from desk_break.platform.idle.windows import WindowsIdleMonitor

    return WindowsIdleMonitor(parent=parent)


def _macos(env: Mapping[str, str], parent: QObject | None) -> IdleMonitor:
    from desk_break.platform.idle.macos import MacIdleMonitor

    return MacIdleMonitor(parent=parent)


def candidates(
    env: Mapping[str, str],
    platform: str = sys.platform,
    inhibitors_count_as_presence: bool = True,
) -> list[Factory]:
    """The backends worth trying here, best first.

    `inhibitors_count_as_presence` matters to ext-idle-notify only (it picks the
    request); Mutter's and X11's counters always ignore inhibitors, so there the
    caller combines idle time with `InhibitorWatch` itself.
    """
    if platform == "win32":
        return [_windows]
    if platform == "darwin":
        return [_macos]
    found: list[Factory] = []
    if env.get("DBUS_SESSION_BUS_ADDRESS") or env.get("XDG_RUNTIME_DIR"):
        found.append(_mutter)  # GNOME on Wayland and on X11
    if is_wayland_session(env):
        found.append(_ext_idle_notify_factory(inhibitors_count_as_presence))
    if is_x11_session(env):
        found.append(_x11)
    return found


def choose_idle_monitor(
    env: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    parent: QObject | None = None,
    factories: list[Factory] | None = None,
    inhibitors_count_as_presence: bool = True,
) -> IdleMonitor | None:
    """The first backend that starts here (already started), or None: no idle detection."""
    if factories is None:
        factories = candidates(env, platform, inhibitors_count_as_presence)
    for factory in factories:
        try:
            monitor = factory(env, parent)
        except Exception:
            log.debug("idle backend %s could not be built", factory.__name__, exc_info=True)
            continue
        if monitor.start():
            log.info("idle detection: %s", monitor.source)
            return monitor
        log.debug("idle backend %s not available here", monitor.source)
        monitor.setParent(None)
    return None
