"""Site-wide defaults an organisation sets for everyone, and keys it locks.

The file is `desk-break/settings.toml` in the first folder of `$XDG_CONFIG_DIRS`
that has one (usually `/etc/xdg/desk-break/settings.toml`; the caller passes the
folders, see paths.py). It has the user file's format, and one key more at the top:

    locked = ["breaks.interval_minutes", "work_hours"]   # keys, or whole tables

Its values replace the built-in defaults; a user's file still changes any key that
is not locked. A locked key in the user's file is ignored, with a problem naming
both files. The site file is read, never written.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desk_break.core.i18n import arg, translate
from desk_break.safe_read import RefusedFile, read_user_file
from desk_break.settings.model import KEYS, KEYS_BY_NAME, TABLES, Settings, WorkHours
from desk_break.settings.problem import Problem
from desk_break.settings.scanner import key_lines, line_of
from desk_break.settings.schema import ParsedText, parse_text, settings_to_document
from desk_break.settings.validation import show, validate

__all__ = ["LOCKED", "SiteDefaults", "layer", "load_site", "site_file"]

LOCKED = "locked"
FILE_NAME = "settings.toml"


@dataclass(frozen=True)
class SiteDefaults:
    """What the organisation's file says: defaults, the keys it sets, the keys it locks."""

    path: Path | None = None
    settings: Settings = field(default_factory=Settings)
    set_keys: frozenset[str] = frozenset()  # keys the file gives a valid value
    locked: frozenset[str] = frozenset()
    problems: tuple[Problem, ...] = ()

    def is_locked(self, dotted: str) -> bool:
        return dotted.split("[")[0] in self.locked


def site_file(folders: Sequence[Path]) -> Path | None:
    """The most important site file that exists (XDG: earlier folders come first)."""
    for folder in folders:
        path = folder / FILE_NAME
        if path.exists():  # a folder or a FIFO there is reported, not skipped
            return path
    return None


def _set_keys(data: dict[str, Any] | None, problems: Sequence[Problem]) -> frozenset[str]:
    """Dotted keys the data gives a value that was used (not one with a problem)."""
    if not data:
        return frozenset()
    bad = {p.key.split("[")[0] for p in problems if p.key}
    found = set()
    for table, values in data.items():
        if table in TABLES and isinstance(values, dict):
            found |= {f"{table}.{name}" for name in values
                      if f"{table}.{name}" in KEYS_BY_NAME and f"{table}.{name}" not in bad}
    return frozenset(found)


def _locked_keys(value: object, path: Path, text: str) -> tuple[frozenset[str], list[Problem]]:
    line = line_of(LOCKED, key_lines(text))
    if not isinstance(value, list):
        return frozenset(), [Problem(path, line, LOCKED, arg(translate(
            "SettingsFile", 'must be a list of keys such as ["breaks.interval_minutes"], got %1'
        ), show(value)))]
    keys: set[str] = set()
    problems = []
    for i, item in enumerate(value):
        if isinstance(item, str) and item in KEYS_BY_NAME:
            keys.add(item)
        elif isinstance(item, str) and item in TABLES:  # a whole table
            keys |= {k.dotted for k in KEYS if k.table == item}
        else:
            problems.append(Problem(path, line, f"{LOCKED}[{i}]", arg(translate(
                "SettingsFile", "not a settings key or table: %1"), show(item))))
    return frozenset(keys), problems


def load_site(folders: Sequence[Path]) -> SiteDefaults:
    """The site defaults from the first site file in `folders`; none when there is none."""
    path = site_file(folders)
    if path is None:
        return SiteDefaults()
    try:  # a regular file of at most 1 MiB, as for the user's (desk_break/safe_read.py)
        text = read_user_file(path).decode("utf-8-sig")
    except RefusedFile as exc:
        return SiteDefaults(path, problems=(Problem(path, None, None, arg(translate(
            "SettingsFile", "cannot read the file: it %1"), exc.reason)),))
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        return SiteDefaults(path, problems=(Problem(path, None, None, arg(translate(
            "SettingsFile", "cannot read the file: %1"), reason)),))
    parsed = parse_text(text, path, extra=(LOCKED,))
    problems = list(parsed.problems)
    locked: frozenset[str] = frozenset()
    if parsed.document is not None and LOCKED in parsed.document:
        locked, found = _locked_keys(parsed.document.unwrap()[LOCKED], path, text)
        problems += found
    set_keys = _set_keys(parsed.data, parsed.problems)
    # A locked key with a bad value is locked at the built-in default: still fixed.
    return SiteDefaults(path, parsed.settings, set_keys, locked, tuple(problems))


def value_of(settings: Settings, dotted: str) -> Any:
    """The value of a dotted key ("breaks.interval_minutes", "work_hours.monday")."""
    table, name = dotted.split(".", 1)
    if table == "work_hours":
        return settings.work_hours.days.get(name, ())
    return getattr(getattr(settings, table), name)


def with_value(settings: Settings, dotted: str, value: Any) -> Settings:
    table, name = dotted.split(".", 1)
    if table == "work_hours":
        days = {**settings.work_hours.days, name: value}
        return replace(settings, work_hours=WorkHours(days))
    return replace(settings, **{table: replace(getattr(settings, table), **{name: value})})


def layer(site: SiteDefaults, user: ParsedText, user_path: Path, user_text: str
          ) -> tuple[Settings, list[Problem]]:
    """The settings to use: the site's, then what the user's file sets, except locked keys.

    Returns them with the problems the layering adds: a locked key set in the user's
    file (naming both files), and a rule between keys broken only by the two together.
    """
    problems: list[Problem] = []
    lines = key_lines(user_text)
    merged = site.settings
    user_keys = _set_keys(user.data, user.problems)
    for key in KEYS:  # declaration order: the problems come in file order
        dotted = key.dotted
        if dotted not in user_keys:
            continue
        if site.is_locked(dotted):
            if value_of(user.settings, dotted) != value_of(site.settings, dotted):
                problems.append(Problem(
                    user_path, line_of(dotted, lines), dotted,
                    arg(translate("SettingsFile", "is set by your organisation in %1 (locked "
                                  "there); the value here is ignored"), site.path)))
            continue
        merged = with_value(merged, dotted, value_of(user.settings, dotted))
    # The rules between keys (a warning longer than the interval, a night that runs
    # into the next day), for this combination of the two files.
    checked, found = validate(settings_to_document(merged).unwrap())
    for dotted, reason in found:
        mine = dotted.split("[")[0] in user_keys
        where = user_path if mine else site.path
        line = line_of(dotted, lines) if mine else None
        with_site = translate("SettingsFile", " (with the organisation's defaults in %1)")
        problems.append(Problem(where, line, dotted,
                                reason + (arg(with_site, site.path) if mine else "")))
    return (checked if found else merged), problems


def site_folders_from_env() -> list[Path]:
    """`$XDG_CONFIG_DIRS/desk-break`, for callers without an AppPaths (e.g. tests)."""
    env = os.environ.get("XDG_CONFIG_DIRS", "") or "/etc/xdg"
    return [Path(d) / "desk-break" for d in env.split(":") if os.path.isabs(d)]
