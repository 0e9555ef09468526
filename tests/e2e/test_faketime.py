"""The real app on a faked system clock (libfaketime, Debian's `faketime`): DST both ways
and the wall clock set ±3 h, in its own process, checked through `desk-break status`.

What libfaketime can and cannot do here (found out by running it, and from its source):

* It takes one offset and one rate for every clock it fakes. With the monotonic
  clocks faked too (the default), CLOCK_REALTIME, CLOCK_MONOTONIC and
  CLOCK_BOOTTIME all run at the rate, and it divides the timeouts of poll, ppoll,
  select and epoll_wait by the rate, so Qt's timers (the glib and the UNIX event
  dispatchers compute them from CLOCK_MONOTONIC and wait in poll) really do run
  fast: at x60 a 3-minute interval passes in 3 s and the breaks come on time.
  That is how the DST tests run: a real night of a clock change in 10 seconds.
* It cannot move the wall clock alone while speeding up time: a jump written to
  its timestamp file moves every faked clock by the same amount. A real clock
  set moves only CLOCK_REALTIME, so the jump test fakes the wall clock only
  (FAKETIME_DONT_FAKE_MONOTONIC=1, which leaves CLOCK_BOOTTIME real as well) and
  runs at real speed: Qt's timers then wait real time, so that test checks what
  `status` says at once, not a break coming hours later. (A rate other than 1
  with real monotonic clocks looks to the app like the clock being set all the
  time, since the wall clock then outruns boot time.)
* It cannot suspend the machine: wall and boot time gaining on monotonic time
  together is beyond it (all three share one offset, or only the wall moves).
  Suspends are covered on the injected clock (tests/core/test_clock_chaos.py,
  tests/qt/test_clock_chaos_qt.py).
* A zone change is not libfaketime's: the app sees TZ, /etc/localtime and
  /etc/timezone (tests/qt/test_scheduler_qt.py changes TZ under the real clock).
* An "@" start time inside the repeated hour of a fall-back night is read as its
  second occurrence (+01:00 in Berlin), so the fall-back test starts from an
  offset in seconds instead.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.xdisplay import AppProcess, wait_for

LIBFAKETIME = Path("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1")
INTERVAL = timedelta(minutes=2)
RATE = 60


def require_libfaketime() -> None:
    if not LIBFAKETIME.exists():
        pytest.fail(f"{LIBFAKETIME} is missing (run: bash packaging/setup.sh test)")


def write_settings(config_home: Path, interval: int) -> None:
    days = "\n".join(f'{d} = ["00:00-24:00"]' for d in (
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
    folder = config_home / "desk-break"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(
        f"version = 1\n[breaks]\ninterval_minutes = {interval}\nduration_seconds = 10\n"
        f"warning_seconds = 0\n[long_breaks]\nenabled = false\n[work_hours]\n{days}\n",
        encoding="utf-8",
    )


def faked_app(xdg_dirs: dict[str, Path], tz: str, env: dict[str, str]) -> AppProcess:
    require_libfaketime()
    flag = xdg_dirs["XDG_DATA_HOME"] / "desk-break" / "first-run-note-shown"
    flag.parent.mkdir(parents=True, exist_ok=True)
    flag.write_text("shown\n")
    app = AppProcess(None)  # offscreen: no X server needed to keep time
    # Only the app's own process is faked; the CLI that asks it runs on real time.
    app.cli_env = dict(app.env)  # type: ignore[attr-defined]
    app.env.update(TZ=tz, LD_PRELOAD=str(LIBFAKETIME), **env)
    return app


def ask(app: AppProcess) -> dict[str, Any]:
    """`desk-break status --json`, from a process that is not faked."""
    faked, app.env = app.env, app.cli_env  # type: ignore[attr-defined]
    try:
        return app.status()
    finally:
        app.env = faked


def when(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


@pytest.mark.parametrize(
    ("start", "before", "after"),
    [
        # Spring forward: 02:00 CET becomes 03:00 CEST.
        (datetime(2026, 3, 29, 0, 54, tzinfo=UTC), timedelta(hours=1), timedelta(hours=2)),
        # Fall back: 03:00 CEST becomes 02:00 CET.
        (datetime(2026, 10, 25, 0, 54, tzinfo=UTC), timedelta(hours=2), timedelta(hours=1)),
    ],
    ids=["spring-forward", "fall-back"],
)
def test_across_a_dst_night_every_break_comes_one_real_interval_after_the_last(
    xdg_dirs: dict[str, Path], start: datetime, before: timedelta, after: timedelta
) -> None:
    """Berlin, six minutes before the change, time running 60 times as fast."""
    write_settings(xdg_dirs["XDG_CONFIG_HOME"], int(INTERVAL.total_seconds() // 60))
    offset = int((start - datetime.now(UTC)).total_seconds())
    app = faked_app(xdg_dirs, "Europe/Berlin", {"FAKETIME": f"{offset:+d} x{RATE}"})
    app.start()
    try:
        pairs: set[tuple[str, str]] = set()  # (last break ended, next break at)
        started: dict[str, str] = {}  # a break seen running: its start, and the one announced
        announced: str | None = None
        deadline = time.monotonic() + 25
        while time.monotonic() < deadline:
            status = ask(app)
            last, nxt, cur = status["last_break"], status["next_break_at"], status["current_break"]
            if cur is not None and announced is not None:
                started[cur["start"]] = announced
            if nxt is not None:
                announced = nxt
            if last is not None and nxt is not None:
                pairs.add((last["ended_at"], nxt))
            offsets = {when(a).utcoffset() for pair in pairs for a in pair}
            if {before, after} <= offsets and len(started) >= 2:
                break
        assert {when(a).utcoffset() for p in pairs for a in p} >= {before, after}, pairs
        for ended, nxt in pairs:  # exact, in real time, across the change
            assert when(nxt).astimezone(UTC) - when(ended).astimezone(UTC) == INTERVAL, (ended, nxt)
        for began, promised in started.items():  # and each came when it was announced
            late = (when(began) - when(promised)).total_seconds()
            assert -1 <= late <= 20, (began, promised)  # 20 faked s: a third of a real second
        assert len(started) >= 2 and status["state"] in ("waiting", "in_break")
    finally:
        app.stop()


def midday_zone() -> str:
    """A zone where it is about noon now (Etc/GMT-5 is UTC+5), so ±3 h is the same day."""
    hours = 12 - datetime.now(UTC).hour
    return f"Etc/GMT{-hours:+d}" if hours else "Etc/GMT"


def test_the_wall_clock_set_3_hours_ahead_then_back_keeps_the_real_time_left(
    xdg_dirs: dict[str, Path], tmp_path: Path
) -> None:
    write_settings(xdg_dirs["XDG_CONFIG_HOME"], 30)
    rc = tmp_path / "faketime.rc"
    rc.write_text("+0\n")
    app = faked_app(xdg_dirs, midday_zone(), {
        "FAKETIME_TIMESTAMP_FILE": str(rc), "FAKETIME_NO_CACHE": "1",
        "FAKETIME_DONT_FAKE_MONOTONIC": "1",
    })
    app.start()
    try:
        first = ask(app)
        due = when(first["next_break_at"])
        assert first["state"] == "waiting"
        left = due - datetime.now(UTC)
        assert timedelta(minutes=29) < left <= timedelta(minutes=30)
        for offset, shift in (("+10800", 3), ("-10800", -3), ("+0", 0)):
            rc.write_text(f"{offset}\n")  # someone sets the clock
            status = ask(app)
            moved = when(status["next_break_at"]) - due
            assert abs(moved - timedelta(hours=shift)) < timedelta(seconds=2), (offset, status)
            assert status["state"] == "waiting" and status["break_window_open"] is False
            assert status["last_break"] is None  # nothing was taken, skipped or missed
        wait_for(lambda: ask(app)["state"] == "waiting", 1, "the app to stay calm")
    finally:
        app.stop()
