"""Turn the text of settings.toml into `Settings`, with problems a person can act on.

Pure: no file I/O (that is `store.py`), no Qt. The pieces: `validation` (plain
values -> Settings), `scanner` (which line a key is on), `migrations` (older
layouts), `writer` (Settings -> a commented document). The rules:

- A bad value falls back to its own default; the other keys still count.
- Text that is not TOML, or a `version` newer than ours, gives all defaults and
  one problem; the text is never "repaired" here.
- An older file is migrated step by step (on a copy) before it is validated, so
  validation only ever knows the current layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError, TOMLKitError

from desk_break.core.i18n import arg, translate
from desk_break.settings.migrations import MIGRATIONS, file_version, migrate
from desk_break.settings.model import SCHEMA_VERSION, Settings
from desk_break.settings.problem import Problem
from desk_break.settings.scanner import key_lines, line_of, repeated_key_line
from desk_break.settings.validation import validate
from desk_break.settings.writer import settings_to_document

__all__ = [
    "MIGRATIONS",
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
    document: tomlkit.TOMLDocument | None = None  # as written, None when not TOML
    version: int | None = None  # as declared (no key = 0); None when not TOML or not a number
    data: dict[str, Any] | None = None  # plain values after migration; None when not used

    @property
    def newer(self) -> bool:
        return self.version is not None and self.version > SCHEMA_VERSION


def _parse_error_reason(exc: ParseError) -> str:
    message = str(exc)
    message = re.sub(r" at line \d+ col \d+$", "", message)
    message = message.replace("Unexpected character: '\\x00'", "unexpected end of file")
    return arg(translate("SettingsFile", "not valid TOML: %1 (column %2)"), message, exc.col)


def parse_text(text: str, file: Path | None, extra: tuple[str, ...] = ()) -> ParsedText:
    """Parse and validate; never raises for bad content. `extra`: top-level names
    the caller checks itself (the site file's `locked`)."""
    try:
        document = tomlkit.parse(text)
    except ParseError as exc:
        return ParsedText(Settings(), [Problem(file, exc.line, None, _parse_error_reason(exc))])
    except (TOMLKitError, ValueError) as exc:  # e.g. a key given twice inside a table
        line = repeated_key_line(text)
        reason = arg(translate("SettingsFile", "not valid TOML: %1"), exc)
        return ParsedText(Settings(), [Problem(file, line, None, reason)])

    lines = key_lines(text)

    def problem(key: str, reason: str) -> Problem:
        return Problem(file, line_of(key, lines), key, reason)

    version, version_problem = file_version(document)
    if version_problem is not None:
        declared = None
        notes = [version_problem]
    else:
        declared = version
        notes = []
    if version > SCHEMA_VERSION:
        reason = arg(translate(
            "SettingsFile",
            "this file is for a newer Desk Break (settings version %1; this one "
            "understands up to %2); using the defaults and leaving the file as it is",
        ), version, SCHEMA_VERSION)
        return ParsedText(Settings(), [problem("version", reason)], document, declared)

    working = document
    if version < SCHEMA_VERSION:  # on copies: `document` stays as written
        working, migrated = migrate(document, version)
        notes.extend(migrated)
    data = working.unwrap()
    settings, found = validate(data, extra)
    problems = [problem(key, reason) for key, reason in [*notes, *found]]
    problems.sort(key=lambda p: p.line if p.line is not None else len(text))  # file order
    return ParsedText(settings, problems, document, declared, data)


def parse_settings(text: str, file: Path | None) -> tuple[Settings, list[Problem]]:
    """Settings to use from `text`, and what is wrong with it (empty when nothing)."""
    parsed = parse_text(text, file)
    return parsed.settings, parsed.problems
