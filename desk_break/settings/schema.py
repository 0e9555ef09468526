"""Turn the text of settings.toml into `Settings`, with problems a person can act on.

Pure: no file I/O (that is `store.py`), no Qt. The pieces: `validation` (plain
values -> Settings), `scanner` (which line a key is on), `migrations` (older
layouts), `writer` (Settings -> a commented document). The rules:

- A bad value falls back to its own default; the other keys still count.
- Text that is not TOML, or a `version` newer than ours, gives all defaults and
  one problem; the text is never "repaired" here.
- An older file is migrated step by step (on a copy) before it is validated, so
  validation only ever knows the current layout.

A current file that is valid TOML is read with the standard library's `tomllib`;
tomlkit (which keeps comments and order, about 2 MiB in memory) is loaded only to
edit the file, migrate an older one, or word a syntax error: the tray app then
starts and waits without it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk_break.core.i18n import arg, translate
from desk_break.settings.model import SCHEMA_VERSION, Settings
from desk_break.settings.problem import Problem
from desk_break.settings.scanner import key_lines, line_of, repeated_key_line
from desk_break.settings.validation import file_version, validate

if TYPE_CHECKING:
    import tomlkit
    from tomlkit.exceptions import ParseError

__all__ = [
    "ParsedText",
    "Problem",
    "parse_settings",
    "parse_text",
    "settings_to_document",
]


@dataclass(frozen=True)
class ParsedText:
    """Everything learned from one text: what to use, what is wrong, what was there."""

    settings: Settings
    problems: list[Problem] = field(default_factory=list)
    text: str | None = None  # as written, None when not TOML
    version: int | None = None  # as declared (no key = 0); None when not TOML or not a number
    data: dict[str, Any] | None = None  # plain values after migration; None when not used

    @property
    def newer(self) -> bool:
        return self.version is not None and self.version > SCHEMA_VERSION

    @cached_property
    def document(self) -> tomlkit.TOMLDocument | None:
        """The text as a tomlkit document (comments and order kept), parsed on first use."""
        return parse_document(self.text)


def parse_document(text: str | None) -> tomlkit.TOMLDocument | None:
    """`text` as a tomlkit document; None for no text or text tomlkit will not parse."""
    if text is None:
        return None
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        return tomlkit.parse(text)
    except (TOMLKitError, ValueError):
        return None


def settings_to_document(
    settings: Settings, base: tomlkit.TOMLDocument | None = None, **options: Any
) -> tomlkit.TOMLDocument:
    """See `writer.settings_to_document` (loaded on first use: it needs tomlkit)."""
    from desk_break.settings.writer import settings_to_document as write

    return write(settings, base, **options)


def _parse_error_reason(exc: ParseError) -> str:
    message = str(exc)
    message = re.sub(r" at line \d+ col \d+$", "", message)
    message = message.replace("Unexpected character: '\\x00'", "unexpected end of file")
    return arg(translate("SettingsFile", "not valid TOML: %1 (column %2)"), message, exc.col)


def parse_text(text: str, file: Path | None, extra: tuple[str, ...] = ()) -> ParsedText:
    """Parse and validate; never raises for bad content. `extra`: top-level names
    the caller checks itself (the site file's `locked`)."""
    try:
        values = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):  # e.g. nested 1000 deep
        return _parse_with_tomlkit(text, file, extra)  # its messages say where and why
    version, version_problem = file_version(values)
    if version != SCHEMA_VERSION:
        return _parse_with_tomlkit(text, file, extra)  # newer: its message; older: migrations
    notes = [version_problem] if version_problem is not None else []
    declared = None if version_problem is not None else version
    return _validated(values, notes, text, file, declared, extra)


def _validated(
    values: dict[str, Any],
    notes: list[tuple[str, str]],
    text: str,
    file: Path | None,
    declared: int | None,
    extra: tuple[str, ...],
) -> ParsedText:
    settings, found = validate(values, extra)
    lines = key_lines(text)
    problems = [Problem(file, line_of(key, lines), key, reason) for key, reason in [*notes, *found]]
    problems.sort(key=lambda p: p.line if p.line is not None else len(text))  # file order
    return ParsedText(settings, problems, text, declared, values)


def _parse_with_tomlkit(text: str, file: Path | None, extra: tuple[str, ...]) -> ParsedText:
    import tomlkit
    from tomlkit.exceptions import ParseError, TOMLKitError

    from desk_break.settings.migrations import migrate

    try:
        document = tomlkit.parse(text)
    except ParseError as exc:
        return ParsedText(Settings(), [Problem(file, exc.line, None, _parse_error_reason(exc))])
    except (TOMLKitError, ValueError) as exc:  # e.g. a key given twice inside a table
        line = repeated_key_line(text)
        reason = arg(translate("SettingsFile", "not valid TOML: %1"), exc)
        return ParsedText(Settings(), [Problem(file, line, None, reason)])

    version, version_problem = file_version(document)
    notes = [version_problem] if version_problem is not None else []
    declared = None if version_problem is not None else version
    if version > SCHEMA_VERSION:
        reason = arg(translate(
            "SettingsFile",
            "this file is for a newer Desk Break (settings version %1; this one "
            "understands up to %2); using the defaults and leaving the file as it is",
        ), version, SCHEMA_VERSION)
        newer = ParsedText(
            Settings(), [Problem(file, line_of("version", key_lines(text)), "version", reason)],
            text, declared,
        )
        newer.__dict__["document"] = document  # already parsed: the cached_property's slot
        return newer
    working = document
    if version < SCHEMA_VERSION:  # on copies: `document` stays as written
        working, migrated = migrate(document, version)
        notes.extend(migrated)
    parsed = _validated(working.unwrap(), notes, text, file, declared, extra)
    parsed.__dict__["document"] = document
    return parsed


def parse_settings(text: str, file: Path | None) -> tuple[Settings, list[Problem]]:
    """Settings to use from `text`, and what is wrong with it (empty when nothing)."""
    parsed = parse_text(text, file)
    return parsed.settings, parsed.problems
