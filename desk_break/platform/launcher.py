"""How to start this very installation of Desk Break again: from a menu, at login, detached.

Three ways Desk Break gets installed, three answers:
- a PyInstaller bundle (`sys.frozen`): its own program, `dist/desk-break/desk-break`;
- a wheel (pip, pipx, a venv): the `desk-break` launcher script pip wrote into the
  scripts folder of the interpreter that runs us (`bin/` of the venv, `~/.local/bin`
  for `pip install --user`), found by absolute path because a login session's PATH
  seldom has that folder in it;
- a source checkout with no launcher: this interpreter with `-m desk_break`.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

APP_ID = "io.github.desk_break.DeskBreak"
SCRIPT_NAME = "desk-break.exe" if os.name == "nt" else "desk-break"


def is_frozen() -> bool:
    """A PyInstaller bundle: sys.executable is our program, not a Python."""
    return bool(getattr(sys, "frozen", False))


def in_flatpak() -> bool:
    """Inside a Flatpak sandbox (flatpak writes this file into every sandbox)."""
    return Path("/.flatpak-info").is_file()


def app_command(*args: str) -> list[str]:
    """argv that runs this installation's command line with `args` (e.g. --foreground)."""
    if is_frozen():
        return [sys.executable, *args]
    return [sys.executable, "-m", "desk_break", *args]


def installed_launcher() -> Path | None:
    """The `desk-break` script that belongs to the interpreter running us, if pip made one."""
    folders = [Path(sys.executable).parent]
    for scheme in (None, f"{os.name}_user"):
        try:
            path = sysconfig.get_path("scripts", scheme) if scheme else sysconfig.get_path(
                "scripts")
        except KeyError:
            continue
        folders.append(Path(path))
    for folder in folders:
        candidate = folder / SCRIPT_NAME
        if candidate.is_file() and os.access(candidate, os.X_OK) and _runs_us(candidate):
            return candidate
    return None


def _runs_us(script: Path) -> bool:
    """Whether the launcher's interpreter is ours (a `--user` script may name another Python)."""
    if os.name == "nt":
        return True
    try:
        with script.open("rb") as f:
            first = f.readline(4096)
    except OSError:
        return False
    if not first.startswith(b"#!"):
        return False
    named = first[2:].strip().split(b" ")[0].decode(errors="replace")
    try:
        return os.path.samefile(named, sys.executable) or Path(named).resolve() == Path(
            sys.executable).resolve()
    except OSError:
        return False


def login_command() -> list[str]:
    """argv for a desktop entry or a login item: the launcher where one exists."""
    if is_frozen():
        return [sys.executable]
    script = installed_launcher()
    if script is not None:
        return [str(script)]
    return [sys.executable, "-m", "desk_break"]
