"""A settings saver to be killed with SIGKILL at random moments (tests/settings/test_kill9_save.py).

Run as `python -m tests.settings.kill9_saver SETTINGS_FILE SEED`. It imports the
real store once, then for every line `round` on stdin forks a worker that does
what Preferences does when OK is pressed, over and over: load the file, flip
`breaks.interval_minutes` between 20 and 21, save it through
`desk_break.settings.store.save_settings` (tomlkit writer, temp file, fsync,
rename, fsync the folder). After a random 0-25 ms (more than several whole
saves) the worker gets SIGKILL wherever it is, and this prints
`killed SAVES` (the saves it finished) once the worker is reaped. The worker is
a fork, so a round costs no interpreter start and 100 rounds take a second or two.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

from desk_break.settings.store import load_settings, save_settings


def flip_forever(path: Path, done_fd: int) -> None:
    while True:
        loaded = load_settings(path)
        breaks = loaded.settings.breaks
        minutes = 21 if breaks.interval_minutes == 20 else 20
        edited = replace(loaded.settings, breaks=replace(breaks, interval_minutes=minutes))
        save_settings(path, edited, loaded)
        os.write(done_fd, b".")


def one_round(path: Path, rng: random.Random) -> int:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(read_fd)
        try:
            flip_forever(path, write_fd)
        finally:
            os._exit(1)
    os.close(write_fd)
    time.sleep(rng.uniform(0, 0.025))  # the random moment: this is what the helper is for
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    saves = 0
    while chunk := os.read(read_fd, 4096):
        saves += len(chunk)
    os.close(read_fd)
    return saves


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "round":
            break
        print(f"killed {one_round(path, rng)}", flush=True)


if __name__ == "__main__":
    main()
