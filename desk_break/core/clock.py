"""Time comes into the core through a Clock, so tests can drive a week in milliseconds.

The real clock reads the system's local time zone on every call (the TZ variable
included), so a daylight-saving change or a time-zone change is seen at once.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    """What the core needs to know about time."""

    @property
    def tz(self) -> tzinfo:
        """The local zone, DST-aware (a ZoneInfo), used to place work hours on a date."""
        ...

    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware, in the local zone."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps and stops while the machine sleeps."""
        ...

    def boottime(self) -> float:
        """Seconds on a clock that never jumps and keeps counting during sleep."""
        ...


def local_zone() -> tzinfo:
    """The system's zone as a ZoneInfo (TZ honoured), for DST-correct wall times."""
    import tzlocal

    zone: tzinfo = tzlocal.get_localzone()
    return zone


class SystemClock:
    """The real clock, in the given zone (the app passes `local_zone()`)."""

    def __init__(self, tz: tzinfo) -> None:
        self._tz = tz

    @property
    def tz(self) -> tzinfo:
        return self._tz

    def now(self) -> datetime:
        return datetime.now(self._tz)

    def monotonic(self) -> float:
        return time.monotonic()

    def boottime(self) -> float:
        clock_id = getattr(time, "CLOCK_BOOTTIME", None)
        if clock_id is None:  # not Linux: monotonic is the best we have
            return time.monotonic()
        return time.clock_gettime(clock_id)


class FakeClock:
    """A clock tests move by hand. `advance` is active time; `suspend` is sleep time."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start time")
        self._utc = start.astimezone(UTC)
        self._tz: tzinfo = start.tzinfo
        self._monotonic = 1000.0
        self._boottime = 1000.0

    @property
    def tz(self) -> tzinfo:
        return self._tz

    def now(self) -> datetime:
        return self._utc.astimezone(self._tz)

    def monotonic(self) -> float:
        return self._monotonic

    def boottime(self) -> float:
        return self._boottime

    def advance(self, seconds: float) -> None:
        """Time passes while the machine is awake."""
        self._utc += timedelta(seconds=seconds)
        self._monotonic += seconds
        self._boottime += seconds

    def advance_to(self, when: datetime) -> None:
        """Awake time passes up to `when` exactly (no float rounding); never backwards."""
        step = when.astimezone(UTC) - self._utc
        if step < timedelta(0):
            raise ValueError("advance_to cannot go back in time; use jump_wall")
        self._utc += step
        self._monotonic += step.total_seconds()
        self._boottime += step.total_seconds()

    def suspend(self, seconds: float) -> None:
        """The machine sleeps: wall clock and boottime move, monotonic does not."""
        self._utc += timedelta(seconds=seconds)
        self._boottime += seconds

    def jump_wall(self, seconds: float) -> None:
        """Someone sets the system clock: only the wall clock moves."""
        self._utc += timedelta(seconds=seconds)

    def set_tz(self, tz: tzinfo) -> None:
        self._tz = tz

