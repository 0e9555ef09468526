"""Idle time per desktop: one backend per file, picked at run time by `choose_idle_monitor`.

For the app (composition root), in short:
- `monitor = choose_idle_monitor(os.environ, inhibitors_count_as_presence=...)` once at
  start; None means "no idle detection" (say so once in the log and About).
  `monitor.source` is the `idle_source` of `status --json`; `idle_seconds()` its
  `idle_seconds` (None when unknown: ext-idle-notify knows it only past a threshold).
- `monitor.set_thresholds([...])` whenever the plan changes; arm the short
  typing-pause threshold (2 s) only while a break is due: each pause in typing then
  costs a wakeup or two, which the idle-cost goal cannot afford all day.
- `idle_reached(t)` once per threshold per stretch; `became_active(away)` on return.
- `InhibitorWatch` (inhibitors.py) answers "is a video or presentation keeping the
  screen awake?" for the Mutter and X11 backends, whose counters ignore inhibitors.
Call `stop()` before quitting.
"""

from desk_break.platform.idle.base import IdleMonitor
from desk_break.platform.idle.choose import choose_idle_monitor

__all__ = ["IdleMonitor", "choose_idle_monitor"]
