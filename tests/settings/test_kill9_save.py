"""Kill -9 at any moment during a settings save: the file is the old one or the new one.

A real process (tests/settings/kill9_saver.py) saves settings.toml through the real
store over and over and is killed with SIGKILL at a random moment, 100 rounds and
more. After every kill the file must be exactly one of the texts a finished save
can leave (never a mix, never empty, the person's comments still there), it must
load with no problem, and no `.bad-` copy is made of a file that was never broken.
The temp files of the killed saves are litter in the person's config folder: the
next save clears them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from desk_break.settings.store import load_settings, save_settings

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 120

HAND_WRITTEN = """\
# mine -- keep this comment
version = 1

[breaks]
interval_minutes = 20   # every 20 min
duration_seconds = 60

# --- my hours ---
[work_hours]
monday = ["08:00-12:00", "13:00-17:00"]
"""


def flip_once(path: Path) -> bytes:
    """What one save of the worker does, here in the test: the texts it can leave."""
    loaded = load_settings(path)
    breaks = loaded.settings.breaks
    minutes = 21 if breaks.interval_minutes == 20 else 20
    save_settings(path, replace(loaded.settings, breaks=replace(breaks, interval_minutes=minutes)),
                  loaded)
    return path.read_bytes()


def texts_saves_leave(folder: Path, start: str | None) -> set[bytes]:
    probe = folder / "settings.toml"
    probe.parent.mkdir(parents=True, exist_ok=True)
    if start is not None:
        probe.write_text(start, encoding="utf-8")
    seen = {probe.read_bytes()} if start is not None else set()
    for _ in range(4):
        seen.add(flip_once(probe))
    return seen


def litter(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_kill_9_at_random_moments_never_leaves_a_mixed_empty_or_uncommented_file(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "desk-break"
    folder.mkdir()
    path = folder / "settings.toml"
    from_hand = texts_saves_leave(tmp_path / "probe-hand", HAND_WRITTEN)
    from_nothing = texts_saves_leave(tmp_path / "probe-fresh", None)
    assert len(from_hand) == 2 and len(from_nothing) == 2  # 20 and 21, each way
    for text in from_hand:  # the person's comments survive every save
        assert b"# mine -- keep this comment" in text and b"# --- my hours ---" in text
    allowed = from_hand | from_nothing

    seed = int.from_bytes(os.urandom(4)) if not os.environ.get("CI") else 12
    saver = subprocess.Popen(
        [sys.executable, "-m", "tests.settings.kill9_saver", str(path), str(seed)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert saver.stdin is not None and saver.stdout is not None
    assert saver.stdout.readline().strip() == "ready"
    mid_save = finished = 0
    try:
        for n in range(ROUNDS):
            fresh = n % 10 == 0  # every tenth round starts with no file at all
            if fresh:
                path.unlink(missing_ok=True)
            elif n % 10 == 5:
                path.write_text(HAND_WRITTEN, encoding="utf-8")
            before = set(litter(folder))
            absent_before = not path.exists()
            saver.stdin.write("round\n")
            saver.stdin.flush()
            reply = saver.stdout.readline().split()
            assert reply[0] == "killed", reply
            finished += int(reply[1])
            mid_save += bool(set(litter(folder)) - before)
            where = f"round {n} (seed {seed})"
            if not path.exists():
                assert absent_before, f"{where}: the settings file is gone"
                continue
            data = path.read_bytes()
            assert data, f"{where}: the settings file is empty"
            assert data in allowed, f"{where}: not a text a whole save leaves:\n{data.decode()}"
            loaded = load_settings(path)
            assert loaded.ok, (where, loaded.problems)
            assert loaded.settings.breaks.interval_minutes in (20, 21)
    finally:
        saver.stdin.close()
        saver.wait(timeout=10)
    # The kills really landed inside saves, not only between them.
    assert mid_save >= 10, (mid_save, finished)
    assert finished >= 30, (mid_save, finished)  # ...and after whole saves
    assert not [p for p in folder.iterdir() if ".bad-" in p.name]  # never taken for broken

    flip_once(path)  # the app's next save (Preferences, OK)
    assert litter(folder) == [], "temp files of killed saves are left in the config folder"
