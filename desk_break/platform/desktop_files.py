"""Put the desktop entry and the hicolor icons where a freedesktop desktop finds them.

The files ship in the wheel (`desk_break.resources.linux`, i.e. `packaging/linux/` in
the repository). `install` copies them into `$XDG_DATA_HOME` (usually `~/.local/share`):
`applications/<app id>.desktop`, with Exec naming this installation's launcher by
absolute path, and `icons/hicolor/<size>/apps/<app id>.png|svg`. A distribution
package or a Flatpak ships its own copies in the system data dirs; `entry_installed`
tells whether any is there, so first start installs only where nothing else did.
"""

from __future__ import annotations

import importlib.resources
import logging
import os
import sys
from collections.abc import Sequence
from importlib.abc import Traversable
from pathlib import Path

from desk_break.platform.launcher import APP_ID, in_flatpak, login_command

log = logging.getLogger(__name__)
# In our data folder once the first start has installed the files (or found a package's):
# `desk-break install-desktop-files --remove` is then not undone by the next start.
OFFERED_MARK = "desktop-files-installed"

DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 32, 48, 64, 128, 256)


def linux_root() -> Traversable:
    """`packaging/linux/` of the repository: the package `desk_break.resources.linux` once
    installed (found through importlib.resources), the folder itself in a checkout."""
    try:
        return importlib.resources.files("desk_break.resources.linux")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "packaging" / "linux"


def packaged_desktop_entry() -> str:
    """The shipped desktop entry's text (Name, Comment and their translations: one owner)."""
    return linux_root().joinpath(DESKTOP_FILE).read_text(encoding="utf-8")


def data_home() -> Path:
    env = os.environ.get("XDG_DATA_HOME", "")
    return Path(env) if os.path.isabs(env) else Path.home() / ".local" / "share"


def data_dirs() -> list[Path]:
    env = os.environ.get("XDG_DATA_DIRS", "") or "/usr/local/share:/usr/share"
    return [Path(d) for d in env.split(":") if os.path.isabs(d)]


def entry_installed() -> Path | None:
    """Where a desktop entry with our id already is (ours or a package's), else None."""
    for folder in (data_home(), *data_dirs()):
        path = folder / "applications" / DESKTOP_FILE
        if path.is_file():
            return path
    return None


def with_exec(entry: str, command: Sequence[str]) -> str:
    """The entry with its Exec (in [Desktop Entry]) set to `command`, other lines kept."""
    lines, group = [], None
    for line in entry.splitlines():
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            group = stripped[1:-1]
        if group == "Desktop Entry" and stripped.startswith("Exec="):
            line = "Exec=" + exec_line(command)
        lines.append(line)
    return "\n".join(lines) + "\n"


def _exec_quote(arg: str) -> str:
    """Quote one argument for a desktop entry's Exec key (spec: "The Exec key")."""
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    if arg and not (set(arg) & reserved):
        inner = arg
    else:
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        inner = f'"{escaped}"'
    # Exec is also a string value: a backslash is written as "\\" and "%" as "%%".
    return inner.replace("\\", "\\\\").replace("%", "%%")


def exec_line(command: Sequence[str]) -> str:
    """The value of an Exec key that runs `command`."""
    return " ".join(_exec_quote(a) for a in command)


def icon_files() -> list[tuple[Traversable, Path]]:
    """(shipped file, path under icons/hicolor/) for every icon."""
    hicolor = linux_root().joinpath("icons").joinpath("hicolor")
    pairs = [(hicolor.joinpath("scalable", "apps", f"{APP_ID}.svg"),
              Path("scalable", "apps", f"{APP_ID}.svg"))]
    for size in ICON_SIZES:
        folder = f"{size}x{size}"
        pairs.append((hicolor.joinpath(folder, "apps", f"{APP_ID}.png"),
                      Path(folder, "apps", f"{APP_ID}.png")))
    return pairs


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def install(command: Sequence[str], home: Path | None = None) -> list[Path]:
    """Write the entry and the icons under `home` (default $XDG_DATA_HOME); the paths written."""
    home = home or data_home()
    written = []
    entry = home / "applications" / DESKTOP_FILE
    _write(entry, with_exec(packaged_desktop_entry(), command).encode("utf-8"))
    written.append(entry)
    hicolor = home / "icons" / "hicolor"
    for shipped, rel in icon_files():
        _write(hicolor / rel, shipped.read_bytes())
        written.append(hicolor / rel)
    _refresh_caches(home)
    return written


def remove(home: Path | None = None) -> list[Path]:
    """Delete what `install` wrote; the paths removed."""
    home = home or data_home()
    targets = [home / "applications" / DESKTOP_FILE]
    targets += [home / "icons" / "hicolor" / rel for _, rel in icon_files()]
    removed = [p for p in targets if p.is_file()]
    for path in removed:
        path.unlink()
    _refresh_caches(home)
    return removed


def _refresh_caches(home: Path) -> None:
    """Touch the theme folder: icon caches compare its mtime. No cache file of our own is
    written into the user's theme (a stale one would hide icons added later)."""
    hicolor = home / "icons" / "hicolor"
    if hicolor.is_dir():
        os.utime(hicolor)


def offer_desktop_files(app_data_dir: Path) -> Path | None:
    """At the first start of a wheel or bundle install on a freedesktop system, install the
    desktop entry and icons, unless an entry with our id exists already (a distribution's
    package, a Flatpak's export, or ours). Never raises; the entry written, or None."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) or in_flatpak():
        return None
    mark = app_data_dir / OFFERED_MARK
    if mark.exists():
        return None
    try:
        found = entry_installed()
        written = None if found else install(login_command())[0]
        app_data_dir.mkdir(parents=True, exist_ok=True)
        mark.write_text(str(found or written) + "\n", encoding="utf-8")
    except OSError as exc:
        log.warning("could not install the desktop entry and icons: %s", exc)
        return None
    if written:
        log.info("installed the desktop entry %s and its icons", written)
    return written
