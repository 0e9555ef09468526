"""Time comes into the core through a Clock, so tests can drive a week in milliseconds.

The clock carries the local zone (a ZoneInfo, so daylight saving is right on any
date). The zone itself changes when someone travels or runs `timedatectl
set-timezone`: `refresh_zone()` notices that cheaply (a stat of /etc/localtime and
/etc/timezone and a look at TZ; tzlocal, which caches, is asked again only when
one of them changed), and the Qt driver calls it on its once-a-minute heartbeat.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
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

    def refresh_zone(self) -> bool:
        """Look at the system's zone again; True when `tz` is now a different zone."""
        ...


def local_zone() -> tzinfo:
    """The system's zone as a ZoneInfo (TZ honoured), for DST-correct wall times."""
    import tzlocal

    zone: tzinfo = tzlocal.get_localzone()
    return zone


def reload_local_zone() -> tzinfo:
    """The system's zone read afresh (tzlocal caches the first answer for the process)."""
    import tzlocal

    zone: tzinfo = tzlocal.reload_localzone()
    return zone


ZONE_FILES = ("/etc/localtime", "/etc/timezone")


def _zone_key(tz: tzinfo) -> str:
    return str(getattr(tz, "key", None) or tz)


class ZoneSource:
    """Where the system's zone comes from, as a cheap fingerprint: TZ and a few stats.

    A changed fingerprint is only a hint (a package update touches /etc/localtime
    too); the zone is then read again and compared by name.
    """

    def __init__(self, files: Sequence[str] = ZONE_FILES) -> None:
        self._files = tuple(files)

    def fingerprint(self) -> tuple[object, ...]:
        parts: list[object] = [os.environ.get("TZ")]
        for name in self._files:
            try:  # the link itself (timedatectl replaces it) and what it points at
                own, info = os.lstat(name), os.stat(name)
                target = os.readlink(name) if os.path.islink(name) else ""
            except OSError:
                parts.append(None)
                continue
            parts.append((target, own.st_ino, own.st_mtime_ns, info.st_ino, info.st_mtime_ns))
        return tuple(parts)


class SystemClock:
    """The real clock, in the given zone (the app passes `local_zone()`).

    `reload` and `source` are the seams tests use to stand in for the system.
    """

    def __init__(
        self,
        tz: tzinfo,
        *,
        reload: Callable[[], tzinfo] = reload_local_zone,
        source: ZoneSource | None = None,
    ) -> None:
        self._tz = tz
        self._reload = reload
        self._source = source or ZoneSource()
        self._fingerprint = self._source.fingerprint()

    def refresh_zone(self) -> bool:
        fingerprint = self._source.fingerprint()
        if fingerprint == self._fingerprint:
            return False
        try:
            new = self._reload()
        except Exception:  # a half-written /etc/localtime: keep our zone, look again later
            return False
        self._fingerprint = fingerprint
        if _zone_key(new) == _zone_key(self._tz):
            return False
        self._tz = new
        return True

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
        self._system_tz: tzinfo | None = None

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
        """The system's zone changes (travel, `timedatectl set-timezone`).

        As with the real clock, `tz` follows only once someone looks:
        `refresh_zone()` (the driver's heartbeat) takes the new zone and says so.
        """
        self._system_tz = tz

    def refresh_zone(self) -> bool:
        new, self._system_tz = self._system_tz, None
        if new is None or _zone_key(new) == _zone_key(self._tz):
            return False
        self._tz = new
        return True
