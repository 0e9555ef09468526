"""The clock carries the local zone, and notices cheaply when the system's zone changes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from desk_break.core.clock import FakeClock, SystemClock, ZoneSource, reload_local_zone

BERLIN = ZoneInfo("Europe/Berlin")
TOKYO = ZoneInfo("Asia/Tokyo")


def test_zone_files_changing_is_a_hint_and_the_zone_name_decides(tmp_path: Path) -> None:
    """A touched /etc/localtime (a tzdata update) with the same zone is not a change."""
    link = tmp_path / "localtime"
    link.symlink_to("/usr/share/zoneinfo/Europe/Berlin")
    answers: list[tzinfo | None] = [BERLIN, TOKYO]
    reads: list[int] = []

    def reload() -> tzinfo:
        reads.append(1)
        answer = answers[len(reads) - 1]
        if answer is None:
            raise ValueError("half-written /etc/localtime")
        return answer

    clock = SystemClock(BERLIN, reload=reload, source=ZoneSource([str(link)]))
    assert not clock.refresh_zone() and reads == []
    link.unlink()
    link.symlink_to("/usr/share/zoneinfo/Europe/Berlin")  # same zone, new inode
    assert not clock.refresh_zone() and reads == [1] and clock.tz == BERLIN
    link.unlink()
    link.symlink_to("/usr/share/zoneinfo/Asia/Tokyo")
    answers.insert(1, None)  # caught mid-change: tzlocal fails once
    assert not clock.refresh_zone() and clock.tz == BERLIN
    assert clock.refresh_zone() and clock.tz == TOKYO  # the next heartbeat looks again
    assert not clock.refresh_zone()


def test_the_fake_clock_changes_zone_when_someone_looks() -> None:
    clock = FakeClock(datetime(2024, 3, 4, 10, 0, tzinfo=BERLIN))
    assert not clock.refresh_zone()
    clock.set_tz(TOKYO)
    assert clock.tz == BERLIN and clock.now().hour == 10  # as the real one: not until it looks
    assert clock.refresh_zone()
    assert clock.tz == TOKYO and clock.now().hour == 18  # the same instant, a new wall time
    assert not clock.refresh_zone()
    clock.set_tz(ZoneInfo("Asia/Tokyo"))  # the same zone again is no change
    assert not clock.refresh_zone()


def test_tz_in_the_environment_is_seen_by_the_real_clock(
    set_system_tz: Callable[[str], None],
) -> None:
    set_system_tz("Europe/Berlin")
    clock = SystemClock(reload_local_zone())
    assert str(clock.tz) == "Europe/Berlin" and not clock.refresh_zone()
    set_system_tz("Asia/Tokyo")
    assert clock.refresh_zone() and str(clock.tz) == "Asia/Tokyo"
    assert clock.now().utcoffset() == TOKYO.utcoffset(clock.now().replace(tzinfo=None))
