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


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    log_dir: Path
    runtime_dir: Path

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


def app_paths() -> AppPaths:
    """Where Desk Break keeps its files for this user. Creates nothing."""
    return AppPaths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        runtime_dir=_runtime_dir(),
    )


def _runtime_dir() -> Path:
    base = os.environ.get("XDG_RUNTIME_DIR")
    if base and Path(base).is_dir():
        return Path(base) / APP_NAME
    # No per-user runtime dir (root on a bare machine, macOS, Windows): a
    # per-user folder in the temp dir, made private by ensure_private_dir.
    return Path(tempfile.gettempdir()) / f"{APP_NAME}-{_user_tag()}"


def _user_tag() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else os.environ.get("USERNAME", "user")


def ensure_private_dir(path: Path) -> Path:
    """Make `path` a directory only this user can enter (0700), refusing one owned by another."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
            raise PermissionError(f"{path} is not a private directory of this user")
        if stat.S_IMODE(info.st_mode) != 0o700:
            path.chmod(0o700)
    return path
