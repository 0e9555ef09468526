"""Presence (the shell reports what its idle monitor and do-not-disturb detectors
see; with no idle monitor nothing here applies):

* Holds (`set_holds`): a break coming due while held enters HELD when its
  warning would start (no warning, no break). When the holds end, a break that
  came due meanwhile gets a full warning first (see the floor). Held longer than
  `max_hold_minutes`, or until its range ends, it is dropped as MISSED (counted,
  like a skip, so breaks never stack) and the cycle restarts then.
* Away (`idle_for`): idle at least as long as the pending break. A break that
  comes due while away enters AWAY: nothing pops up. On return (`came_back`),
  with `natural_breaks` on, time away inside the pending break's range and
  since the cycle's anchor that is at least the break's length is that break,
  taken (NATURAL, cause idle), and the cycle restarts at the return. Less is
  nothing. Either way nothing pops up in the quiet minute after a return (the
  floor), as after waking from sleep.
* Typing pause: when a warning or a break is due, it waits until the input has
  been quiet for `typing_pause_seconds` (`waiting_for_quiet`; the shell then asks
  its monitor and calls `input_quiet()`), giving up after 60 s.
* While a break runs, idle is ignored: the moves need no keyboard.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from desk_break.core.engine_core import QUIET_AFTER_WAKE, EngineCore, Result
from desk_break.core.events import Event, Refused, State
from desk_break.core.i18n import translate


class PresenceActions(EngineCore):
    """What the shell reports about the person: idle, return, quiet input, holds."""

    def set_input_known(self, known: bool) -> list[Event]:
        """An idle monitor reports to us (True), or none does: no typing pause then."""
        now = self._sync()
        self._presence.input_known = known
        if not known:
            self._presence.quiet_wait = None
        return self._advance(now, [])

    def idle_for(self, seconds: float) -> list[Event]:
        """The person has been idle this long (a threshold of the monitor was reached)."""
        now = self._sync()
        pr = self._presence
        since = now - timedelta(seconds=seconds)
        pr.idle_since = since if pr.idle_since is None else min(pr.idle_since, since)
        if seconds >= self.away_threshold and self._running is None:
            pr.away = True
        if pr.quiet_wait is not None and seconds >= self._typing_pause().total_seconds():
            pr.quiet_passed, pr.quiet_wait = pr.quiet_wait[0], None
        return self._advance(now, [])

    def input_quiet(self) -> list[Event]:
        """The input has been quiet for the typing pause: a waiting warning or break may come."""
        return self.idle_for(self._typing_pause().total_seconds())

    def came_back(self, idle_seconds: float) -> list[Event]:
        """Input again after `idle_seconds` of none: maybe a natural break, then a quiet minute."""
        now = self._sync()
        pr = self._presence
        since = now - timedelta(seconds=idle_seconds)
        was_away = pr.away or idle_seconds >= self.away_threshold
        pr.idle_since, pr.away = None, False
        events: list[Event] = []
        if was_away and self._running is None and self._pause is None:
            if self._settings.presence.natural_breaks:
                events += self._natural(now, since, "idle", since_anchor=True)
            self._cycle.raise_quiet(now + QUIET_AFTER_WAKE + self._warning_length())
        return self._advance(now, events)

    def set_holds(self, reasons: Iterable[str]) -> list[Event]:
        """Hold due breaks for these reasons (empty: hold none). See the module doc."""
        now = self._sync()
        holds = frozenset(reasons)
        pr = self._presence
        if not holds and pr.holds:
            # From the situation now, not the stored state: the driver may not have
            # ticked since the break came due.
            if self._derive(now)[0] is State.HELD:
                self._cycle.raise_floor(now + self._warning_length())
            pr.held_since = None
        pr.holds = holds
        return self._advance(now, [])

    def hold(self, reason: str) -> list[Event]:
        """Hold back due breaks for one more reason (e.g. a full-screen call)."""
        return self.set_holds(self._presence.holds | {reason})

    def release(self) -> Result:
        """Stop holding for every reason. A break that came due meanwhile gets a full warning."""
        if not self._presence.holds:
            self._sync()
            return Refused(translate("Engine", "Nothing is being held"))
        return self.set_holds(())

