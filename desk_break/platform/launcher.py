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


# Runs the package from the folder it was loaded from, whatever the child's working
# folder holds: `python -m desk_break` would put the working folder first on sys.path,
# so a `desk_break/` folder there (another checkout) would run instead of this one.
_RUN_THIS = (
    "import runpy, sys; sys.path.insert(0, {root!r}); "
    "runpy.run_module('desk_break', run_name='__main__', alter_sys=True)"
)


def app_command(*args: str) -> list[str]:
    """argv that runs this installation's command line with `args` (e.g. --foreground)."""
    if is_frozen():
        return [sys.executable, *args]
    root = str(Path(__file__).resolve().parents[2])  # the folder holding desk_break/
    return [sys.executable, "-P", "-c", _RUN_THIS.format(root=root), *args]


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
