"""The one place that asks platformdirs where things go.

Everything else receives an `AppPaths` value, so tests (which point XDG_* at temp
dirs) and the code agree on every location without any global state.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desk_break import APP_NAME

# Set by the detaching launcher (cli.py) for the app it starts: the app's stderr is
# then the launcher's pipe, for start-up failures only (see qt/bootstrap.py).
DETACHED_ENV = "DESK_BREAK_DETACHED"


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path
    runtime_dir: Path
    # Where an organisation's settings.toml may be, most important first
    # ($XDG_CONFIG_DIRS/desk-break on Linux; settings/site.py reads the first found).
    site_config_dirs: tuple[Path, ...] = ()

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def user_moves_file(self) -> Path:
        return self.config_dir / "moves.toml"

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "desk-break.log"

    @property
    def first_run_flag(self) -> Path:
        return self.data_dir / "first-run-note-shown"

    @property
    def lock_file(self) -> Path:
        return self.runtime_dir / "instance.lock"

    @property
    def socket_path(self) -> Path:
        return self.runtime_dir / "control.sock"

    @property
    def stats_log_file(self) -> Path:
        """The statistics window's own log (another process: not the tray app's file)."""
        return self.log_dir / "statistics.log"

    @property
    def stats_lock_file(self) -> Path:
        """Held by the one statistics window process."""
        return self.runtime_dir / "statistics.lock"

    @property
    def stats_socket_path(self) -> Path:
        """Where the statistics window answers ("activate" raises it)."""
        return self.runtime_dir / "statistics.sock"


def app_paths() -> AppPaths:
    """Where Desk Break keeps its files for this user. Creates nothing."""
    return AppPaths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        runtime_dir=_runtime_dir(),
        site_config_dirs=tuple(
            Path(p) for p in platformdirs.site_config_dir(
                APP_NAME, appauthor=False, multipath=True).split(os.pathsep) if p),
    )


def _runtime_dir() -> Path:
    base = os.environ.get("XDG_RUNTIME_DIR")
    flatpak_id = os.environ.get("FLATPAK_ID", "")
    if base and flatpak_id and Path(base, "app", flatpak_id).is_dir():
        # Inside Flatpak each `flatpak run` is a sandbox of its own; this folder is the
        # one they (and the host) share, so `desk-break status` finds the running app.
        return Path(base) / "app" / flatpak_id / APP_NAME
    if base and Path(base).is_dir():
        return Path(base) / APP_NAME
    # No per-user runtime dir (root on a bare machine, macOS, Windows): a
    # per-user folder in the temp dir, made private by ensure_private_dir.
    return Path(tempfile.gettempdir()) / f"{APP_NAME}-{_user_tag()}"


def _user_tag() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else os.environ.get("USERNAME", "user")


class UnusablePath(OSError):
    """A file or folder Desk Break needs but cannot use; `str()` is half a sentence.

    "the runtime folder /run/user/1000/desk-break is a file, not a folder": the
    start-up error says that, with "Desk Break cannot start: " in front.
    """

    def __init__(self, what: str, path: Path, reason: str) -> None:
        super().__init__(f"{what} {path} {reason}")
        self.what = what
        self.path = path
        self.reason = reason


def ensure_private_dir(path: Path, what: str = "the runtime folder") -> Path:
    """Make `path` a directory only this user can enter (0700), refusing one owned by another.

    Raises UnusablePath, naming the folder and why it cannot be used.
    """
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except FileExistsError:
        raise UnusablePath(what, path, "is a file, not a folder") from None
    except NotADirectoryError:
        raise UnusablePath(what, path, "cannot be created: a folder above it is a file") from None
    except OSError as exc:
        raise UnusablePath(what, path, f"cannot be created ({os_reason(exc)})") from None
    if os.name == "posix":
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise UnusablePath(what, path, "is a symbolic link, not a private folder")
        if info.st_uid != os.getuid():
            raise UnusablePath(what, path, f"belongs to another user (uid {info.st_uid})")
        if stat.S_IMODE(info.st_mode) != 0o700:
            try:
                path.chmod(0o700)
            except OSError as exc:
                reason = f"cannot be made private ({os_reason(exc)})"
                raise UnusablePath(what, path, reason) from None
        if not os.access(path, os.W_OK | os.X_OK):
            raise UnusablePath(what, path, "is not writable")
    return path


def os_reason(exc: OSError) -> str:
    """'permission denied' from an OSError, without the errno and path noise."""
    return (exc.strerror or type(exc).__name__).lower()
