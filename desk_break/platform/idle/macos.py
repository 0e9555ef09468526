"""macOS: `CGEventSourceSecondsSinceLastEventType` from CoreGraphics, through ctypes.

Asked for the combined session state and any input event type, it answers seconds
since the last keyboard, mouse or tablet event in this login session. The call
comes in as an argument so the backend is tested anywhere.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QObject

from desk_break.platform.idle.base import PollingIdleMonitor

K_CG_EVENT_SOURCE_STATE_COMBINED_SESSION_STATE = 0
K_CG_ANY_INPUT_EVENT_TYPE = 0xFFFFFFFF  # ~0 as a CGEventType (uint32)

SecondsSince = Callable[[int, int], float]


def _coregraphics_call() -> SecondsSince | None:
    if sys.platform != "darwin":
        return None
    path = ctypes.util.find_library("CoreGraphics") or ctypes.util.find_library(
        "ApplicationServices")
    if path is None:
        return None
    try:
        lib = ctypes.CDLL(path)
        fn = lib.CGEventSourceSecondsSinceLastEventType
    except (OSError, AttributeError):
        return None
    fn.restype = ctypes.c_double
    fn.argtypes = [ctypes.c_int32, ctypes.c_uint32]
    return lambda state, kind: float(fn(state, kind))


def seconds_idle(call: SecondsSince) -> float | None:
    """The call's answer, or None when it is not a sane number of seconds."""
    value = call(K_CG_EVENT_SOURCE_STATE_COMBINED_SESSION_STATE, K_CG_ANY_INPUT_EVENT_TYPE)
    if not math.isfinite(value) or value < 0:
        return None
    return value


class MacIdleMonitor(PollingIdleMonitor):
    """Idle time from macOS, polled only when a decision needs it (see base)."""

    source = "macos"

    def __init__(
        self,
        seconds_since: SecondsSince | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(None, monotonic, parent)
        self._call = seconds_since if seconds_since is not None else _coregraphics_call()

    def read_idle(self) -> float | None:
        return seconds_idle(self._call) if self._call is not None else None
