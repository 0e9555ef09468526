"""Windows: `GetLastInputInfo` against `GetTickCount`, both 32-bit millisecond ticks.

The tick count wraps every 2**32 ms (49.7 days). Subtracting modulo 2**32 gives
the right idle time across the wrap, as long as the idle stretch itself is shorter
than 49.7 days. The OS calls come in as arguments, so the arithmetic is tested
anywhere; on Windows the defaults reach user32/kernel32 through ctypes.
"""

from __future__ import annotations

import ctypes
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QObject

from desk_break.platform.idle.base import PollingIdleMonitor

TICK_MODULUS = 2**32


def idle_ms(last_input_tick: int, now_tick: int) -> int:
    """Milliseconds between two DWORD ticks, correct across the 49.7-day wrap."""
    return (now_tick - last_input_tick) % TICK_MODULUS


class _LastInputInfo(ctypes.Structure):
    _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]


def _win32_calls() -> tuple[Callable[[], int | None], Callable[[], int]] | None:
    """The real (GetLastInputInfo, GetTickCount) pair, or None off Windows."""
    if sys.platform != "win32":
        return None
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return None
    user32, kernel32 = windll.user32, windll.kernel32
    kernel32.GetTickCount.restype = ctypes.c_uint

    def last_input() -> int | None:
        info = _LastInputInfo()
        info.cbSize = ctypes.sizeof(info)
        if not user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        return int(info.dwTime)

    def tick_count() -> int:
        return int(kernel32.GetTickCount())

    return last_input, tick_count


class WindowsIdleMonitor(PollingIdleMonitor):
    """Idle time from Windows, polled only when a decision needs it (see base)."""

    source = "windows"

    def __init__(
        self,
        last_input_tick: Callable[[], int | None] | None = None,
        tick_count: Callable[[], int] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(None, monotonic, parent)
        if last_input_tick is None or tick_count is None:
            calls = _win32_calls()
            if calls is not None:
                last_input_tick, tick_count = calls
        self._last_input = last_input_tick
        self._tick_count = tick_count

    def read_idle(self) -> float | None:
        if self._last_input is None or self._tick_count is None:
            return None
        last = self._last_input()
        if last is None:
            return None
        return idle_ms(last, self._tick_count()) / 1000.0
