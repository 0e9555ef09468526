"""Get the first break window ready a little before the first break is due, not at it.

The tray app starts without the break window, its figure and their helpers (a
few MiB it does not need to wait; issue 13). Loading them when the break comes
made the first window appear ~120 ms after its due moment instead of ~30 ms:
about half of that is importing, the other half Qt's first-use work (fonts,
style, the figure's painting). So `BreakPrewarm`, `LEAD_S` before the next break
is due (or at once, when that is sooner), imports them and has a rehearsal
window painted off screen (never shown) and freed. Once done it is never done
again. One single-shot timer, re-armed only when the due moment moves: no
wakeup of its own beyond that one.
"""

from __future__ import annotations

import importlib
import logging
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QObject

from desk_break.core.catalog import Catalog
from desk_break.core.clock import Clock
from desk_break.core.moves import Move
from desk_break.qt.timers import make_timer

log = logging.getLogger(__name__)

LEAD_S = 15.0
PREWARM_TIMER = "break-window-prewarm"
MODULE = "desk_break.qt.break_session"  # the break window, figure, step cues and chime


class BreakPrewarm(QObject):
    """`rehearse` builds, paints off screen and frees one break window (the app's, with
    its catalog and settings); it runs once, after the import."""

    def __init__(self, rehearse: Callable[[], None], parent: QObject | None = None,
                 module: str = MODULE) -> None:
        super().__init__(parent)
        self._rehearse = rehearse
        self._module = module
        self._timer = make_timer(PREWARM_TIMER, self, single_shot=True, precise=False,
                                 on_timeout=self.load_now)
        self._aimed_at: datetime | None = None

    @property
    def loaded(self) -> bool:
        return self._module in sys.modules

    def follow(self, due: datetime | None, now: datetime) -> None:
        """Aim at the next break's due moment (None: no break planned)."""
        if self.loaded or due == self._aimed_at:
            return
        self._aimed_at = due
        if due is None:
            self._timer.stop()
            return
        wait_s = (due.astimezone(UTC) - now.astimezone(UTC)).total_seconds() - LEAD_S
        self._timer.start(max(0.0, wait_s) * 1000)

    def load_now(self) -> None:
        if self.loaded:
            return
        started = time.perf_counter()
        importlib.import_module(self._module)
        imported = time.perf_counter()
        try:
            self._rehearse()
        except Exception:  # a rehearsal only: the real window will say what is wrong
            log.exception("the break window rehearsal failed")
        log.debug("break window ready: imported in %.0f ms, rehearsed in %.0f ms",
                  (imported - started) * 1000, (time.perf_counter() - imported) * 1000)

    def stop(self) -> None:
        self._timer.stop()


def rehearse_break_window(moves: list[Move], catalog: Catalog, clock: Clock,
                          sound: bool) -> None:
    """One break window built and painted into a pixmap, never shown, then freed."""
    from desk_break.qt.break_window import BreakWindow

    if not moves:
        return
    window = BreakWindow(moves[:1], catalog, 60, "micro", clock, 5, None, sound)
    window.grab()
    window.deleteLater()
