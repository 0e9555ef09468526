"""Start Desk Break when the person logs in: one small class per OS.

Each class takes its OS call (a folder, a registry accessor) as an argument, so the
tests check exactly what would be written without touching the real session.

- Linux and other freedesktop systems: `$XDG_CONFIG_HOME/autostart/<app id>.desktop`
  (freedesktop Desktop Application Autostart spec). The user file wins over a
  system-wide one in `$XDG_CONFIG_DIRS/*/autostart/`. Disabling removes our file,
  unless a system-wide entry would then start us anyway: then the user file stays
  with `Hidden=true`, which the spec defines as "not autostarted".
- Windows: a value under `HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`.
- macOS: `~/Library/LaunchAgents/<label>.plist` with `RunAtLoad`.
- Inside a Flatpak: the Background portal (autostart_portal.py).
"""

from __future__ import annotations

import importlib
import os
import plistlib
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from desk_break.platform.desktop_files import DESKTOP_FILE, packaged_desktop_entry, with_exec
from desk_break.platform.launcher import APP_ID, in_flatpak
from desk_break.safe_read import read_user_file

# Named by the application id, as the spec asks (desktops match it to the menu entry).
DESKTOP_FILE_NAME = DESKTOP_FILE
# What releases before 0.2 wrote; still read, and removed when we write ours.
LEGACY_DESKTOP_FILE_NAME = "desk-break.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE_NAME = "Desk Break"
MAC_LABEL = APP_ID
# Seconds GNOME-style sessions wait before starting us, so the panel and its tray
# exist when the tray icon is created.
AUTOSTART_DELAY_SECONDS = 10


@runtime_checkable
class Autostart(Protocol):
    """Whether the app starts at login. `set_enabled` may raise OSError."""

    supported: bool

    def is_enabled(self) -> bool: ...

    def set_enabled(self, enabled: bool) -> None: ...


# ---- Linux / freedesktop ----------------------------------------------------


def desktop_entry(command: Sequence[str], *, hidden: bool = False) -> str:
    """The text of our autostart entry: the shipped desktop entry (its name, comment,
    translations and installed icon name), Exec set to `command`, and the autostart keys."""
    lines = with_exec(packaged_desktop_entry(), command).rstrip("\n").splitlines()
    lines += [
        f"X-GNOME-Autostart-Delay={AUTOSTART_DELAY_SECONDS}",
        "X-GNOME-Autostart-enabled=true",
        "X-KDE-autostart-after=panel",
    ]
    if hidden:
        lines.append("Hidden=true")
    return "\n".join(lines) + "\n"


def _desktop_keys(text: str) -> dict[str, str]:
    """Keys of the [Desktop Entry] group (enough of the format to read our state)."""
    keys: dict[str, str] = {}
    group = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
            continue
        if group == "Desktop Entry" and "=" in line:
            key, _, value = line.partition("=")
            keys.setdefault(key.strip(), value.strip())
    return keys


def _entry_starts_us(path: Path) -> bool:
    try:
        keys = _desktop_keys(read_user_file(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        return False
    if keys.get("Hidden", "false").lower() == "true":
        return False
    # GNOME and others honour this older switch too.
    return keys.get("X-GNOME-Autostart-enabled", "true").lower() != "false"


class XdgAutostart:
    """The freedesktop autostart entry. Folders are read from the environment per call."""

    supported = True

    def __init__(
        self,
        command: Sequence[str],
        *,
        config_home: Path | None = None,
        config_dirs: Sequence[Path] | None = None,
    ) -> None:
        self.command = tuple(command)
        self._config_home = config_home
        self._config_dirs = config_dirs

    def _home(self) -> Path:
        home = self._config_home
        if home is None:
            env = os.environ.get("XDG_CONFIG_HOME", "")
            home = Path(env) if os.path.isabs(env) else Path.home() / ".config"
        return home

    @property
    def user_file(self) -> Path:
        return self._home() / "autostart" / DESKTOP_FILE_NAME

    @property
    def legacy_user_file(self) -> Path:
        return self._home() / "autostart" / LEGACY_DESKTOP_FILE_NAME

    def system_files(self) -> list[Path]:
        dirs = self._config_dirs
        if dirs is None:
            env = os.environ.get("XDG_CONFIG_DIRS", "") or "/etc/xdg"
            dirs = [Path(d) for d in env.split(":") if os.path.isabs(d)]
        return [d / "autostart" / name for d in dirs
                for name in (DESKTOP_FILE_NAME, LEGACY_DESKTOP_FILE_NAME)]

    def _effective_file(self) -> Path | None:
        """The most important existing entry: the user's, else the first system-wide one."""
        for path in (self.user_file, self.legacy_user_file, *self.system_files()):
            if path.is_file():
                return path
        return None

    def _system_entry_starts_us(self) -> bool:
        """Whether the system-wide entry (the first one found) would start us on its own."""
        path = next((p for p in self.system_files() if p.is_file()), None)
        return path is not None and _entry_starts_us(path)

    def is_enabled(self) -> bool:
        path = self._effective_file()
        return path is not None and _entry_starts_us(path)

    def set_enabled(self, enabled: bool) -> None:
        if not enabled and not self._system_entry_starts_us():
            self.user_file.unlink(missing_ok=True)
        else:
            self._write(desktop_entry(self.command, hidden=not enabled))
        self.legacy_user_file.unlink(missing_ok=True)  # ours from before the app id

    def _write(self, text: str) -> None:
        path = self.user_file
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)


# ---- Windows ----------------------------------------------------------------


class RunKey(Protocol):
    """The HKCU Run key: read, write and delete one string value."""

    def read(self, name: str) -> str | None: ...

    def write(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


def _winreg() -> Any:
    """`winreg`, imported only on Windows when it is used."""
    return importlib.import_module("winreg")


class WinregRunKey:
    """The real HKCU Run key through `winreg` (imported only when used)."""

    def read(self, name: str) -> str | None:
        winreg = _winreg()

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                value, _kind = winreg.QueryValueEx(key, name)
        except FileNotFoundError:
            return None
        return str(value)

    def write(self, name: str, value: str) -> None:
        winreg = _winreg()

        with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        winreg = _winreg()

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, name)
        except FileNotFoundError:
            pass


class WindowsAutostart:
    """A REG_SZ value named "Desk Break" in the user's Run key."""

    supported = True

    def __init__(self, command: Sequence[str], run_key: RunKey | None = None) -> None:
        self.command = tuple(command)
        self._key: RunKey = run_key if run_key is not None else WinregRunKey()

    @property
    def command_line(self) -> str:
        return subprocess.list2cmdline(self.command)

    def is_enabled(self) -> bool:
        return bool(self._key.read(RUN_VALUE_NAME))

    def set_enabled(self, enabled: bool) -> None:
        if enabled:
            self._key.write(RUN_VALUE_NAME, self.command_line)
        else:
            self._key.delete(RUN_VALUE_NAME)


# ---- macOS ------------------------------------------------------------------


class LaunchAgentAutostart:
    """A per-user launchd agent that runs once at login (it is read at the next login)."""

    supported = True

    def __init__(
        self,
        command: Sequence[str],
        *,
        agents_dir: Path | None = None,
        label: str = MAC_LABEL,
    ) -> None:
        self.command = tuple(command)
        self.label = label
        self._agents_dir = agents_dir

    @property
    def plist_path(self) -> Path:
        folder = self._agents_dir or Path.home() / "Library" / "LaunchAgents"
        return folder / f"{self.label}.plist"

    def plist(self) -> dict[str, object]:
        return {
            "Label": self.label,
            "ProgramArguments": list(self.command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
            "LimitLoadToSessionType": "Aqua",
        }

    def is_enabled(self) -> bool:
        try:
            data = plistlib.loads(read_user_file(self.plist_path))
        except (OSError, plistlib.InvalidFileException, ValueError):
            return False
        return isinstance(data, dict) and not data.get("Disabled", False)

    def set_enabled(self, enabled: bool) -> None:
        path = self.plist_path
        if not enabled:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(plistlib.dumps(self.plist()))
        os.replace(tmp, path)


def _state_home() -> Path:
    env = os.environ.get("XDG_STATE_HOME", "")
    return Path(env) if os.path.isabs(env) else Path.home() / ".local" / "state"


# ---- fallback ---------------------------------------------------------------


class NullAutostart:
    """A platform we do not know how to start on: the option is shown as unavailable."""

    supported = False

    def is_enabled(self) -> bool:
        return False

    def set_enabled(self, enabled: bool) -> None:
        if enabled:
            raise OSError("Starting at login is not supported on this system")


def autostart_for_platform(platform: str, command: Sequence[str]) -> Autostart:
    """The autostart adapter for `sys.platform`; `command` is the argv that starts the app.

    Inside a Flatpak the sandbox cannot write the host's autostart folder: the
    Background portal does it, and the command is the sandbox's own (`desk-break`).
    """
    if platform.startswith("linux") and in_flatpak():
        from desk_break.platform.autostart_portal import PortalAutostart

        return PortalAutostart(["desk-break"], _state_home() / "desk-break" / "autostart")
    if platform.startswith("win"):
        return WindowsAutostart(command)
    if platform == "darwin":
        return LaunchAgentAutostart(command)
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos")):
        return XdgAutostart(command)
    return NullAutostart()
