"""Do-not-disturb detectors: each watches one reason to hold breaks (see base.HoldDetector).

`desktop_hold_detectors` picks, for this desktop, the detectors of the reasons
fullscreen, screen_locked and desktop_dnd, starts them, and returns the ones
that work here; the rest are simply absent (About can list what is there).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Mapping

from PySide6.QtCore import QObject

from desk_break.platform.hold.base import HoldDetector
from desk_break.platform.hold.desktop_dnd import GnomeDnd, NotificationsDnd, XfceDnd
from desk_break.platform.hold.fullscreen import KdeFullscreen, WindowsFullscreen, X11Fullscreen
from desk_break.platform.hold.gnome_fullscreen import GnomeIdleInhibitFullscreen
from desk_break.platform.hold.screen_lock import ScreenLockDetector

__all__ = ["DESKTOP_REASONS", "HoldDetector", "desktop_hold_detectors", "session_type"]

DESKTOP_REASONS = ("fullscreen", "screen_locked", "desktop_dnd")


def session_type(env: Mapping[str, str]) -> str | None:
    """The kind of graphical session: wayland, x11, or None.

    A Wayland session with Xwayland is Wayland (X11 clients there see only other
    X11 clients); an X server started from a console (XDG_SESSION_TYPE=tty) is X11.
    """
    if env.get("XDG_SESSION_TYPE", "").lower() == "wayland" or env.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "x11" if env.get("DISPLAY") else None


def current_desktops(env: Mapping[str, str]) -> set[str]:
    """XDG_CURRENT_DESKTOP's names, upper case ("ubuntu:GNOME" -> {"UBUNTU", "GNOME"})."""
    return {d.strip().upper() for d in env.get("XDG_CURRENT_DESKTOP", "").split(":") if d}


def _bus_address(env: Mapping[str, str], name: str) -> str | None:
    """The bus the env names, or None for the process's own (shared) connection."""
    address = env.get(name) or None
    return None if address == os.environ.get(name) else address


def _candidates(enabled: Mapping[str, bool], env: Mapping[str, str],
                own_windows: Collection[int], platform: str) -> list[HoldDetector]:
    session_bus = _bus_address(env, "DBUS_SESSION_BUS_ADDRESS")
    system_bus = _bus_address(env, "DBUS_SYSTEM_BUS_ADDRESS")
    desktops = current_desktops(env)
    kind = session_type(env)
    out: list[HoldDetector] = []
    if enabled.get("fullscreen", True):
        if platform == "win32":
            out.append(WindowsFullscreen())
        elif kind == "x11":
            out.append(X11Fullscreen(env.get("DISPLAY"), own_windows))
        elif kind == "wayland" and "KDE" in desktops:
            out.append(KdeFullscreen(session_bus))
        elif kind == "wayland" and "GNOME" in desktops:
            out.append(GnomeIdleInhibitFullscreen(session_bus))
    if platform in ("win32", "darwin"):
        return out
    if enabled.get("screen_locked", True):
        out.append(ScreenLockDetector(system_bus, session_bus, env.get("XDG_SESSION_ID")))
    if enabled.get("desktop_dnd", True):
        if "GNOME" in desktops:
            out.append(GnomeDnd(env, session_bus))
        elif "XFCE" in desktops:
            out.append(XfceDnd(session_bus))
        else:  # KDE Plasma, and other servers that keep Inhibited
            out.append(NotificationsDnd(session_bus))
    return out


def desktop_hold_detectors(enabled: Mapping[str, bool], env: Mapping[str, str], *,
                           own_windows: Collection[int] = (), platform: str = sys.platform,
                           parent: QObject | None = None) -> list[HoldDetector]:
    """The started detectors for fullscreen, screen_locked and desktop_dnd that work here.

    `enabled` maps a reason to its setting (a missing reason counts as on); `env` is
    the process environment (DISPLAY, WAYLAND_DISPLAY, XDG_SESSION_TYPE,
    XDG_CURRENT_DESKTOP, the D-Bus addresses). `own_windows` is the app's live set
    of X11 window ids, which never count as fullscreen. Each returned detector is
    running: read active() once, then follow changed(bool).
    """
    started: list[HoldDetector] = []
    for detector in _candidates(enabled, env, own_windows, platform):
        if detector.start():
            if parent is not None:
                detector.setParent(parent)
            started.append(detector)
    return started
