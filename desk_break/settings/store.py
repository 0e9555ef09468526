"""Read and write settings.toml. The path always comes from the caller.

Loading never writes: a file we cannot use is reported, not repaired. Saving is
atomic (temp file, fsync, rename, fsync the folder: a kill -9 at any moment leaves
the old file or the new one, and the next save clears a killed save's temp file),
keeps the person's comments and order, and keeps a copy of a file it is about to
replace while that file is broken, so nothing a person typed is ever lost without
a trace.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_break.core.i18n import arg, translate
from desk_break.safe_read import RefusedFile, read_user_file
from desk_break.settings.model import TABLES, WEEKDAYS, Settings, WorkHours
from desk_break.settings.schema import (
    ParsedText,
    Problem,
    parse_document,
    parse_text,
    settings_to_document,
)
from desk_break.settings.site import SiteDefaults, layer, load_site

if TYPE_CHECKING:
    import tomlkit

__all__ = ["LoadResult", "check_settings", "load_layered", "load_settings", "save_settings"]

_NEW_FILE_MODE = 0o644


@dataclass(frozen=True)
class LoadResult:
    """What `load_settings` found: the settings to use and everything wrong with the file.

    With site-wide defaults (`site`), `settings` are the two files layered, `problems`
    include a rule broken by the two together, and `notices` say which values of the
    user's file a locked site key overrides (not problems: the rest of the file counts).
    The site file's own problems are `site.problems`.
    """

    path: Path
    settings: Settings
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None  # the file as written; None: no file, not TOML
    exists: bool = False
    site: SiteDefaults | None = None
    notices: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @cached_property
    def document(self) -> tomlkit.TOMLDocument | None:
        """The file as a tomlkit document, parsed on first use (saving edits it)."""
        return parse_document(self.text)


def _decode(data: bytes, path: Path) -> str | Problem:
    try:
        # A BOM (some Windows editors add one) is not part of the TOML.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        reason = arg(translate(
            "SettingsFile", "cannot read the file: it is not UTF-8 text (byte 0x%1)"
        ), f"{data[exc.start]:02x}")
        return Problem(path, line, None, reason)


def _unreadable(path: Path, exc: RefusedFile) -> Problem:
    # "cannot read the file: it is a named pipe (FIFO), not a regular file"
    return Problem(path, None, None, arg(translate("SettingsFile", "cannot read the file: it %1"),
                                         exc.reason))


def load_settings(path: Path, site: SiteDefaults | None = None) -> LoadResult:
    """The settings in `path` over the site defaults (`site`, see site.py) or the
    built-in ones; defaults for whatever is missing or wrong. Never writes."""
    result, parsed, text = _load_user(path)
    if site is None or site.path is None:
        return result if site is None else replace(result, site=site)
    if parsed is None or text is None:  # nothing usable in the user's file
        return replace(result, settings=site.settings, site=site)
    settings, found = layer(site, parsed, path, text)
    locks = [p for p in found if p.file == path and p.key and site.is_locked(p.key)]
    others = [p for p in found if p not in locks]
    return replace(result, settings=settings, problems=[*result.problems, *others],
                   site=site, notices=locks)


def load_layered(path: Path, site_dirs: Sequence[Path]) -> LoadResult:
    """`load_settings` over the organisation's file found in `site_dirs` (read afresh)."""
    return load_settings(path, load_site(site_dirs))


def _load_user(path: Path) -> tuple[LoadResult, ParsedText | None, str | None]:
    """The user's file alone. Only a regular file of at most 1 MiB is read
    (desk_break/safe_read.py): a FIFO, a device or a huge file is one problem, never a hang.
    """
    try:
        data = read_user_file(path)
    except FileNotFoundError:
        return LoadResult(path, Settings(), exists=False), None, None
    except RefusedFile as exc:
        problem = _unreadable(path, exc)
        return LoadResult(path, Settings(), [problem], exists=os.path.lexists(path)), None, None
    text = _decode(data, path)
    if isinstance(text, Problem):
        return LoadResult(path, Settings(), [text], exists=True), None, None
    parsed = parse_text(text, path)
    result = LoadResult(path, parsed.settings, parsed.problems, parsed.text, exists=True)
    return result, parsed, text


def check_settings(path: Path) -> list[Problem]:
    """Everything wrong with the file at `path` (none when it is fine or absent)."""
    return load_settings(path).problems


# --- saving -----------------------------------------------------------------------------


def _target(path: Path) -> Path:
    """Write through a symlink (dotfile managers link settings.toml) instead of replacing it."""
    return path.resolve() if path.is_symlink() else path


def _backup_name(path: Path, now: datetime) -> Path:
    return path.with_name(f"{path.name}.bad-{now:%Y%m%d-%H%M%S}")


def _keep_copy(path: Path, data: bytes, mode: int, now: datetime) -> Path:
    """Copy the current bytes beside `path`; an existing copy is never overwritten."""
    first = _backup_name(path, now)
    for n in range(10_000):
        candidate = first if n == 0 else first.with_name(f"{first.name}-{n}")
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        return candidate
    raise FileExistsError(f"too many copies of {path} already")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:  # e.g. Windows cannot open a folder; the rename is still done
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_prefix(path: Path, pid: int) -> str:
    return f".{path.name}.{pid}-"


def _clear_dead_temps(path: Path) -> None:
    """Remove the temp files of saves that were killed (kill -9, power loss) before their
    rename: each carries its writer's PID, and one whose writer is gone is litter."""
    if os.name != "posix":  # os.kill(pid, 0) is no liveness probe on Windows
        return
    pattern = re.compile(re.escape(f".{path.name}.") + r"(\d+)-[^/]*\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        found = pattern.fullmatch(name)
        if found is None or int(found.group(1)) == os.getpid():
            continue
        try:
            os.kill(int(found.group(1)), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                os.unlink(path.parent / name)
        except OSError:  # alive, another user's: not ours to touch
            pass


def _write_atomic(path: Path, text: str, mode: int) -> None:
    fd, tmp_name = tempfile.mkstemp(
        prefix=_temp_prefix(path, os.getpid()), suffix=".tmp", dir=path.parent
    )
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)
    _clear_dead_temps(path)


def _merge(ours: Settings, previous: Settings, disk: Settings) -> Settings:
    """Per key: what the caller changed since `previous`, else what is on disk now."""

    def pick(mine: Any, before: Any, now: Any) -> Any:
        return now if mine == before else mine

    tables: dict[str, Any] = {}
    for table in (name for name, cls in TABLES.items() if cls is not WorkHours):
        mine, before, now = (getattr(s, table) for s in (ours, previous, disk))
        tables[table] = replace(
            mine,
            **{
                f.name: pick(getattr(mine, f.name), getattr(before, f.name), getattr(now, f.name))
                for f in fields(mine)
            },
        )
    days = {
        day: pick(
            ours.work_hours.days.get(day, ()),
            previous.work_hours.days.get(day, ()),
            disk.work_hours.days.get(day, ()),
        )
        for day in WEEKDAYS
    }
    return replace(ours, work_hours=WorkHours(days), **tables)


def save_settings(
    path: Path,
    settings: Settings,
    previous: LoadResult | None = None,
    *,
    now: datetime | None = None,
    site: SiteDefaults | None = None,
) -> Path | None:
    """Write `settings` to `path` atomically; return the copy kept of a broken file, if any.

    The file as it is on disk now is the base, so hand-written comments, blank lines
    and order survive and only changed values are rewritten. If that file cannot be
    used as it stands (not UTF-8, not TOML, any problem, a newer version), it is first
    copied to `settings.toml.bad-YYYYMMDD-HHMMSS` (then -1, -2, ... never overwriting).

    `previous` is the load the caller's settings were edited from (the Preferences
    dialog's starting point). When given and the file changed on disk since, keys the
    caller left as they were in `previous` keep the value on disk now, so a hand edit
    made meanwhile is not undone. Reload afterwards to see the merged result.

    With site-wide defaults (`site`, else `previous.site`), a key left out of the file
    means the site's value, so only values that differ from it are added, and a
    locked key is left in the file exactly as it is (its value is ignored anyway).

    Nothing is written when the file already says exactly this. Raises OSError when the
    file exists but cannot be read (it could not be copied first) or cannot be written,
    and ValueError for settings that would not load back cleanly (out of bounds).
    """
    if site is None and previous is not None:
        site = previous.site
    if site is not None and site.path is None:
        site = None
    target = _target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        # A FIFO, device, folder or huge file raises RefusedFile (an OSError): it is
        # never replaced, since it could not be read, so it could not be kept.
        data: bytes | None = read_user_file(target)
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        data, mode = None, _NEW_FILE_MODE

    base: tomlkit.TOMLDocument | None = None
    current_text: str | None = None
    broken = False
    if data is not None:
        decoded = _decode(data, target)
        if isinstance(decoded, Problem):
            broken = True
        else:
            current_text = decoded
            on_disk = parse_text(decoded, target)
            broken = bool(on_disk.problems)
            if on_disk.document is not None and not on_disk.newer:
                base = on_disk.document
            if previous is not None and not broken:
                disk = on_disk.settings
                if site is not None:
                    disk = layer(site, on_disk, target, decoded)[0]
                settings = _merge(settings, previous.settings, disk)

    if site is None:
        document = settings_to_document(settings, base)
    else:
        document = settings_to_document(settings, base, defaults=site.settings,
                                        site_keys=site.set_keys | site.locked, keep=site.locked)
    text = document.as_string()
    if current_text is not None and "\r\n" in current_text:
        # A Windows-edited file stays CRLF: new lines would otherwise come in as LF.
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    _refuse_if_invalid(text)
    if text == current_text and not broken:
        return None
    backup = None
    if broken and data is not None:
        backup = _keep_copy(target, data, mode, now or datetime.now())
    _write_atomic(target, text, mode)
    return backup


def _refuse_if_invalid(text: str) -> None:
    problems = parse_text(text, None).problems
    if problems:
        details = "; ".join(str(p) for p in problems)
        raise ValueError(f"refusing to save settings that would not load back: {details}")
