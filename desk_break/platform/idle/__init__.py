"""Idle time per desktop: one backend per file, picked at run time by `choose_idle_monitor`."""

from desk_break.platform.idle.base import IdleMonitor
from desk_break.platform.idle.choose import choose_idle_monitor

__all__ = ["IdleMonitor", "choose_idle_monitor"]
