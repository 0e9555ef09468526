"""Turn the text of settings.toml into `Settings` and back, with problems a person can act on.

Pure: no file I/O (that is `store.py`), no Qt. The rules:

- A bad value falls back to its own default; the other keys still count.
- Text that is not TOML, or a `version` newer than ours, gives all defaults and
  one problem; the text is never "repaired" here.
- An older file is migrated step by step through `MIGRATIONS` before it is
  validated, so validation only ever knows the current layout.
- Writing updates a parsed document in place, so a hand-edited file keeps its
  comments, blank lines and key order; only values that differ are touched.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError, TOMLKitError
from tomlkit.items import InlineTable, Item

from desk_break.settings.model import (
    EQUIPMENT,
    INT_BOUNDS,
    POSITIONS,
    SCHEMA_VERSION,
    WEEKDAYS,
    BehaviourSettings,
    BreaksSettings,
    LongBreaksSettings,
    MovesSettings,
    Settings,
    WorkHours,
    WorkRange,
    default_week,
)

__all__ = [
    "MIGRATIONS",
    "ParsedText",
    "Problem",
    "parse_settings",
    "parse_text",
    "settings_to_document",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the settings file, precise enough to go and fix it."""

    file: Path | None
    line: int | None
    key: str | None  # dotted: "breaks.interval_minutes", "work_hours.monday[1]"
    reason: str

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                str(self.file) if self.file is not None else "",
                f"line {self.line}" if self.line is not None else "",
            )
            if part
        )
        return ": ".join(part for part in (where, self.key or "", self.reason) if part)


# --- validating plain values ------------------------------------------------------------


class _Invalid(Exception):
    """A value that cannot be used; carries (dotted key, reason) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems


def _show(value: object) -> str:
    """A value as it would look in the file, kept short."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, dict):
        return "a table"
    elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return "an array of tables"
    elif isinstance(value, list):
        try:
            text = tomlkit.item(value).as_string()
        except (TOMLKitError, TypeError, ValueError):
            return "a list"
    elif isinstance(value, int | float):
        text = repr(value)
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _choices(values: tuple[str, ...]) -> str:
    return ", ".join(values)


def _did_you_mean(name: str, candidates: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, list(candidates), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


Validator = Callable[[object, str], Any]


def _int_field(value: object, key: str) -> int:
    bounds = INT_BOUNDS[key]
    # bool is an int in Python, but `true` is not a number of minutes.
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and bounds.low <= value <= bounds.high
    ):
        return value
    wanted = f"a whole number from {bounds.low} to {bounds.high}"
    raise _Invalid([(key, f"must be {wanted}, got {_show(value)}")])


def _bool_field(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise _Invalid([(key, f"must be true or false, got {_show(value)}")])
    return value


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _choice_list(
    value: object, key: str, allowed: tuple[str, ...], noun: str, *, allow_empty: bool
) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Invalid([(key, f"must be a list of {noun}s from: {_choices(allowed)}")])
    problems: list[tuple[str, str]] = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or item not in allowed:
            hint = _did_you_mean(item, allowed) if isinstance(item, str) else ""
            hint = hint or f"; expected one of {_choices(allowed)}"
            problems.append((f"{key}[{i}]", f"unknown {noun} {_show(item)}{hint}"))
    if not value and not allow_empty:
        problems.append(
            (key, f"needs at least one {noun} (to turn long breaks off, set long_breaks.enabled)")
        )
    if problems:
        raise _Invalid(problems)
    return _unique(value)


def _positions_field(value: object, key: str) -> tuple[str, ...]:
    return _choice_list(value, key, POSITIONS, "position", allow_empty=False)


def _equipment_field(value: object, key: str) -> tuple[str, ...]:
    return _choice_list(value, key, EQUIPMENT, "equipment", allow_empty=True)


def _ids_field(value: object, key: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Invalid([(key, f"must be a list of move ids (text), got {_show(value)}")])
    problems = [
        (f"{key}[{i}]", f"must be a move id (text), got {_show(item)}")
        for i, item in enumerate(value)
        if not isinstance(item, str)
    ]
    if problems:
        raise _Invalid(problems)
    # Unknown ids are kept on purpose: a move may come back in a later release.
    return _unique(value)


_RANGE_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_RANGE_EXAMPLE = '"HH:MM-HH:MM" such as "09:00-17:30"'


def _clock(hours: str, minutes: str) -> time | None:
    h, m = int(hours), int(minutes)
    return time(h, m) if h < 24 and m < 60 else None


def _parse_range(text: str) -> WorkRange:
    """One "HH:MM-HH:MM"; raises ValueError with a reason for a person."""
    match = _RANGE_RE.match(text)
    if match is None:
        raise ValueError(f"must be a time range {_RANGE_EXAMPLE}, got {_show(text)}")
    start = _clock(match[1], match[2])
    end = _clock(match[3], match[4])
    for given, parsed in ((f"{match[1]}:{match[2]}", start), (f"{match[3]}:{match[4]}", end)):
        if parsed is None:
            if int(given.split(":")[0]) == 24:
                raise ValueError(
                    f'"{given}" is not a time of day; to end at midnight write "00:00" '
                    "(an end before its start runs past midnight)"
                )
            raise ValueError(f'"{given}" is not a time of day (00:00 to 23:59)')
    assert start is not None and end is not None
    if start == end:
        raise ValueError(f"{_show(text)} is empty: it starts and ends at the same time")
    return WorkRange(start, end)


def _day_minutes(r: WorkRange) -> tuple[int, int]:
    """The range on a line of minutes from its day's midnight; overnight ends pass 1440."""
    start = r.start.hour * 60 + r.start.minute
    return start, start + r.minutes


def _ranges_field(value: object, key: str) -> tuple[WorkRange, ...]:
    if not isinstance(value, list):
        raise _Invalid(
            [(key, f'must be a list of time ranges like ["09:00-17:30"], got {_show(value)}')]
        )
    problems: list[tuple[str, str]] = []
    ranges: list[tuple[int, WorkRange]] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            problems.append(
                (f"{key}[{i}]", f"must be a time range {_RANGE_EXAMPLE}, got {_show(item)}")
            )
            continue
        try:
            ranges.append((i, _parse_range(item)))
        except ValueError as exc:
            problems.append((f"{key}[{i}]", str(exc)))
    if not problems:
        # Within one day: an overnight range only competes with ranges that start later
        # that same day; its tail after midnight belongs to the next calendar day.
        ordered = sorted(ranges, key=lambda pair: _day_minutes(pair[1]))
        for (_, earlier), (i, later) in itertools.pairwise(ordered):
            if _day_minutes(later)[0] < _day_minutes(earlier)[1]:
                problems.append((f"{key}[{i}]", f'"{later}" overlaps "{earlier}"'))
    if problems:
        raise _Invalid(problems)
    return tuple(r for _, r in ranges)


@dataclass(frozen=True)
class _Key:
    validate: Validator
    comment: str


def _bounded(key: str, text: str) -> _Key:
    bounds = INT_BOUNDS[key]
    return _Key(_int_field, f"{text} ({bounds.low}-{bounds.high})")


_WEEKDAY_KEY = _Key(_ranges_field, "")

# Every table and key the file may hold, in the order a fresh file lists them.
_SCHEMA: dict[str, dict[str, _Key]] = {
    "breaks": {
        "interval_minutes": _bounded(
            "breaks.interval_minutes", "minutes from the end of one break to the next"
        ),
        "duration_seconds": _bounded("breaks.duration_seconds", "length of a break, in seconds"),
        "warning_seconds": _bounded(
            "breaks.warning_seconds", "heads-up before a break, in seconds; 0 = none"
        ),
        "snooze_minutes": _bounded("breaks.snooze_minutes", "how long a snooze lasts"),
        "max_snoozes": _bounded("breaks.max_snoozes", "snoozes allowed in a row"),
    },
    "long_breaks": {
        "enabled": _Key(_bool_field, "false = micro-breaks only"),
        "every": _bounded("long_breaks.every", "every Nth break of a work day is a long one"),
        "duration_minutes": _bounded("long_breaks.duration_minutes", "length, in minutes"),
    },
    "work_hours": dict.fromkeys(WEEKDAYS, _WEEKDAY_KEY),
    "moves": {
        "positions": _Key(_positions_field, "allowed in long breaks"),
        "equipment": _Key(_equipment_field, "what you have at hand"),
        "disabled": _Key(_ids_field, "ids of moves never to choose"),
    },
    "behaviour": {
        "sound": _Key(_bool_field, "play sounds"),
    },
}

_TABLE_COMMENTS: dict[str, tuple[str, ...]] = {
    "breaks": ("Micro-breaks: a short upper-back move every so often while you work.",),
    "long_breaks": ("Now and then a longer break with more moves.",),
    "work_hours": (
        'Weekday = list of "HH:MM-HH:MM" ranges. An end before its start runs past',
        'midnight ("22:00-02:00"); [] = no work that day. A weekday left out keeps',
        "its default: Monday to Friday 09:00-17:30, weekend off.",
    ),
    "moves": (
        "Which moves long breaks may choose.",
        f"positions from: {_choices(POSITIONS)} (floor is opt-in)",
        f"equipment from: {_choices(EQUIPMENT)}",
    ),
    "behaviour": (),
}

_FILE_COMMENTS: tuple[str, ...] = (
    "Desk Break settings.",
    "",
    "A key you leave out keeps its default. Preferences keep your comments when",
    "they save. Check this file with:  desk-break settings check",
)

# Where each key lives, to say "it belongs in [behaviour]" for a key in the wrong place.
_HOME_TABLE: dict[str, str] = {key: table for table, keys in _SCHEMA.items() for key in keys}


def _unknown(key_path: str, name: str, here: list[str], value: object) -> tuple[str, str]:
    noun = "table" if isinstance(value, dict) else "key"
    home = _HOME_TABLE.get(name)
    table_of_key = key_path.rsplit(".", 1)[0] if "." in key_path else None
    if home is not None and home != table_of_key:
        return key_path, f"unknown {noun} here; '{name}' belongs in [{home}]"
    return key_path, f"unknown {noun}{_did_you_mean(name, here)}"


def _validate(data: dict[str, Any]) -> tuple[Settings, list[tuple[str, str]]]:
    """Plain data of the current layout -> Settings; bad values keep their defaults."""
    problems: list[tuple[str, str]] = []
    top_level = ["version", *_SCHEMA]
    for name, value in data.items():
        if name not in top_level:
            problems.append(_unknown(name, name, top_level, value))

    chosen: dict[str, dict[str, Any]] = {}
    for table, keys in _SCHEMA.items():
        chosen[table] = {}
        given = data.get(table)
        if given is None:
            continue
        if not isinstance(given, dict):
            problems.append((table, f"must be a table, got {_show(given)}"))
            continue
        for name, value in given.items():
            path = f"{table}.{name}"
            if name not in keys:
                problems.append(_unknown(path, name, list(keys), value))
                continue
            try:
                chosen[table][name] = keys[name].validate(value, path)
            except _Invalid as exc:
                problems.extend(exc.problems)

    settings = Settings(
        version=SCHEMA_VERSION,
        breaks=replace(BreaksSettings(), **chosen["breaks"]),
        long_breaks=replace(LongBreaksSettings(), **chosen["long_breaks"]),
        work_hours=WorkHours({**default_week(), **chosen["work_hours"]}),
        moves=replace(MovesSettings(), **chosen["moves"]),
        behaviour=replace(BehaviourSettings(), **chosen["behaviour"]),
    )
    return settings, problems


# --- line numbers -----------------------------------------------------------------------

_BARE_OR_QUOTED = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_HEADER_RE = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_KEY_RE = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART_RE = re.compile(_BARE_OR_QUOTED)

# Keys renamed by a migration, current name -> old name, so a problem with a migrated
# value still points at the line the person wrote.
_OLD_NAMES: dict[str, str] = {"breaks.interval_minutes": "breaks.interval"}


def _key_parts(dotted: str) -> tuple[str, ...]:
    parts = []
    for raw in _PART_RE.findall(dotted):
        if raw.startswith('"'):
            parts.append(str(json.loads(raw)))
        elif raw.startswith("'"):
            parts.append(raw[1:-1])
        else:
            parts.append(raw)
    return tuple(parts)


def _scan_keys(text: str) -> Iterator[tuple[tuple[str, ...], int]]:
    """(full dotted path, 1-based line) of every table header and key, in file order.

    A small scan, not a TOML parser: good enough for files people write; a key it
    cannot place simply has no line.
    """
    table: tuple[str, ...] = ()
    in_multiline: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_multiline is not None:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER_RE.match(line)
        if header is not None:
            table = _key_parts(header[1])
            yield table, number
            continue
        key = _KEY_RE.match(line)
        if key is not None:
            yield (*table, *_key_parts(key[1])), number
            rest = line[key.end() :]
            for quotes in ('"""', "'''"):
                if rest.count(quotes) % 2 == 1:
                    in_multiline = quotes


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The first line of every header and key, by its full dotted path."""
    lines: dict[tuple[str, ...], int] = {}
    for path, number in _scan_keys(text):
        lines.setdefault(path, number)
    return lines


def _repeated_key_line(text: str) -> int | None:
    """The line where a key is given a second time (tomlkit does not always say)."""
    seen: set[tuple[str, ...]] = set()
    for path, number in _scan_keys(text):
        if path in seen:
            return number
        seen.add(path)
    return None


def _line_of(key: str, lines: dict[tuple[str, ...], int]) -> int | None:
    """The line of `key`, else of its old name, else of the nearest enclosing table."""
    bare = re.sub(r"\[\d+\]$", "", key)
    exact = [tuple(bare.split("."))]
    if bare in _OLD_NAMES:
        exact.append(tuple(_OLD_NAMES[bare].split(".")))
    for parts in exact:
        if parts in lines:
            return lines[parts]
    parts = exact[0]
    while parts:
        if parts in lines:
            return lines[parts]
        parts = parts[:-1]
    return None


# --- migrations -------------------------------------------------------------------------

Migration = Callable[[tomlkit.TOMLDocument], list[tuple[str, str]]]


def _rename_key(table: MutableMapping[str, Any], old: str, new: str) -> None:
    """Rename in place, keeping the key's position and its comment."""
    container = getattr(table, "value", None)
    replace_in_place = getattr(container, "_replace", None)
    item = table.item(old) if hasattr(table, "item") else None
    if callable(replace_in_place) and isinstance(item, Item):
        replace_in_place(old, new, item)
    else:  # tomlkit without the private helper: same content, key moves to the end
        table[new] = table.pop(old)


def _migrate_0_to_1(doc: tomlkit.TOMLDocument) -> list[tuple[str, str]]:
    """Version 0 called `breaks.interval_minutes` `breaks.interval`."""
    breaks = doc.get("breaks")
    if not isinstance(breaks, MutableMapping) or "interval" not in breaks:
        return []
    if "interval_minutes" in breaks:
        del breaks["interval"]
        return [("breaks.interval", "old name of 'interval_minutes', which is also set; ignored")]
    _rename_key(breaks, "interval", "interval_minutes")
    return []


# From-version -> the step that takes a document to the next version, in place.
MIGRATIONS: dict[int, Migration] = {0: _migrate_0_to_1}


def _set_version(doc: tomlkit.TOMLDocument, version: int) -> None:
    doc["version"] = version  # a new key goes before the first table


def _migrate(doc: tomlkit.TOMLDocument, version: int) -> list[tuple[str, str]]:
    notes: list[tuple[str, str]] = []
    while version < SCHEMA_VERSION:
        notes.extend(MIGRATIONS[version](doc))
        version += 1
        _set_version(doc, version)
    return notes


def _file_version(doc: tomlkit.TOMLDocument) -> tuple[int, tuple[str, str] | None]:
    """The version a document declares (no key = 0), or the current one plus a problem."""
    raw = doc.get("version", 0)
    value = raw.unwrap() if isinstance(raw, Item) else raw
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return SCHEMA_VERSION, (
            "version",
            f"must be a whole number (this Desk Break writes {SCHEMA_VERSION}), got {_show(value)}",
        )
    return value, None


# --- parsing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedText:
    """Everything learned from one text: what to use, what is wrong, what was there."""

    settings: Settings
    problems: list[Problem] = field(default_factory=list)
    document: tomlkit.TOMLDocument | None = None  # as written, None when not TOML
    version: int | None = None  # as declared (no key = 0); None when not TOML or not a number

    @property
    def newer(self) -> bool:
        return self.version is not None and self.version > SCHEMA_VERSION


def _parse_error_reason(exc: ParseError) -> str:
    message = str(exc)
    message = re.sub(r" at line \d+ col \d+$", "", message)
    message = message.replace("Unexpected character: '\\x00'", "unexpected end of file")
    return f"not valid TOML: {message} (column {exc.col})"


def parse_text(text: str, file: Path | None) -> ParsedText:
    """Parse and validate; never raises for bad content."""
    try:
        document = tomlkit.parse(text)
    except ParseError as exc:
        return ParsedText(Settings(), [Problem(file, exc.line, None, _parse_error_reason(exc))])
    except (TOMLKitError, ValueError) as exc:  # e.g. a key given twice inside a table
        line = _repeated_key_line(text)
        return ParsedText(Settings(), [Problem(file, line, None, f"not valid TOML: {exc}")])

    lines = _key_lines(text)

    def problem(key: str, reason: str) -> Problem:
        return Problem(file, _line_of(key, lines), key, reason)

    version, version_problem = _file_version(document)
    if version_problem is not None:
        declared = None
        notes = [version_problem]
    else:
        declared = version
        notes = []
    if version > SCHEMA_VERSION:
        reason = (
            f"this file is for a newer Desk Break (settings version {version}; this one "
            f"understands up to {SCHEMA_VERSION}); using the defaults and leaving the file as it is"
        )
        return ParsedText(Settings(), [problem("version", reason)], document, declared)

    working = document
    if version < SCHEMA_VERSION:
        working = tomlkit.parse(text)  # migrate a copy: `document` stays as written
        notes.extend(_migrate(working, version))
    settings, found = _validate(working.unwrap())
    problems = [problem(key, reason) for key, reason in [*notes, *found]]
    problems.sort(key=lambda p: p.line if p.line is not None else len(text))  # file order
    return ParsedText(settings, problems, document, declared)


def parse_settings(text: str, file: Path | None) -> tuple[Settings, list[Problem]]:
    """Settings to use from `text`, and what is wrong with it (empty when nothing)."""
    parsed = parse_text(text, file)
    return parsed.settings, parsed.problems


# --- writing ----------------------------------------------------------------------------


def _toml_values(settings: Settings) -> dict[str, dict[str, Any]]:
    """Settings as plain TOML values, table by table, in the canonical order."""
    return {
        "breaks": {name: getattr(settings.breaks, name) for name in _SCHEMA["breaks"]},
        "long_breaks": {
            name: getattr(settings.long_breaks, name) for name in _SCHEMA["long_breaks"]
        },
        "work_hours": {
            day: [str(r) for r in settings.work_hours.days.get(day, ())] for day in WEEKDAYS
        },
        "moves": {name: list(getattr(settings.moves, name)) for name in _SCHEMA["moves"]},
        "behaviour": {name: getattr(settings.behaviour, name) for name in _SCHEMA["behaviour"]},
    }


_DEFAULT_VALUES = _toml_values(Settings())


def _same(table: str, key: str, current: object, wanted: object) -> bool:
    """Whether the file already says `wanted`, so the key must not be touched."""
    if table == "work_hours":
        try:  # "9:00-17:30" in the file means the same as "09:00-17:30"
            ranges = _ranges_field(current, f"{table}.{key}")
        except _Invalid:
            return False
        return [str(r) for r in ranges] == wanted
    return _strictly_equal(current, wanted)


def _strictly_equal(a: object, b: object) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_strictly_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b  # True == 1, but `true` is not `1`


def _commented(value: Any, comment: str) -> Item:
    item: Item = tomlkit.item(value)
    if comment:
        item.comment(comment)
        item.trivia.comment_ws = "  "
    return item


def _new_table(name: str, values: dict[str, Any], *, documented: bool) -> tomlkit.items.Table:
    table = tomlkit.table()
    if documented:
        for line in _TABLE_COMMENTS[name]:
            table.add(tomlkit.comment(line))
    width = max((len(f"{k} = {tomlkit.item(v).as_string()}") for k, v in values.items()), default=0)
    for key, value in values.items():
        item = _commented(value, _SCHEMA[name][key].comment)
        if item.trivia.comment:
            item.trivia.comment_ws = " " * (width - len(f"{key} = {item.as_string()}") + 2)
        table.add(key, item)
    return table


def _fresh_document(settings: Settings) -> tomlkit.TOMLDocument:
    doc = tomlkit.document()
    for line in _FILE_COMMENTS:
        doc.add(tomlkit.comment(line))
    doc.add(tomlkit.nl())
    doc.add("version", SCHEMA_VERSION)
    for name, values in _toml_values(settings).items():
        doc.add(name, _new_table(name, values, documented=True))
    return doc


def settings_to_document(
    settings: Settings, base: tomlkit.TOMLDocument | None = None
) -> tomlkit.TOMLDocument:
    """A document that parses back to `settings` with no problems.

    With no `base`: a fresh file that documents every key. With a `base` (the file as
    it is now): a copy of it where only the values that differ are replaced, keys and
    tables that `settings` needs but the file lacks are added at the end, and keys
    the schema does not know are dropped. Comments, blank lines and order stay.
    A key the file leaves out already means its default, so it is only added when
    `settings` differs from that default. `base` itself is not changed.
    """
    if base is None:
        return _fresh_document(settings)

    doc = tomlkit.parse(base.as_string())
    version, _ = _file_version(doc)
    if version < SCHEMA_VERSION:
        _migrate(doc, version)
    if not _strictly_equal(doc.get("version"), SCHEMA_VERSION):
        _set_version(doc, SCHEMA_VERSION)
    for name in [key for key in doc if key != "version" and key not in _SCHEMA]:
        del doc[name]

    for name, values in _toml_values(settings).items():
        differing = {
            k: v for k, v in values.items() if not _same(name, k, _DEFAULT_VALUES[name][k], v)
        }
        current = doc.get(name)
        if not isinstance(current, MutableMapping):
            if current is not None:
                del doc[name]
            if differing:
                doc.add(name, _new_table(name, differing, documented=True))
            continue
        for key in [k for k in current if k not in values]:
            del current[key]
        for key, value in values.items():
            if key in current:
                if not _same(name, key, _plain(current[key]), value):
                    current[key] = value  # tomlkit keeps the line's comment
            elif key in differing:
                inline = isinstance(current, InlineTable)
                comment = "" if inline else _SCHEMA[name][key].comment
                _add_after_last_key(current, key, _commented(value, comment))
    return doc


def _add_after_last_key(table: MutableMapping[str, Any], key: str, item: Any) -> None:
    """Add `key` right after the table's last key, not after its trailing comments:
    those usually introduce the next table ("# --- my work hours ---")."""
    body = getattr(getattr(table, "value", None), "body", None)
    last = None
    for entry_key, _entry in body or ():
        if entry_key is not None:
            last = entry_key.key
    insert_after = getattr(getattr(table, "value", None), "_insert_after", None)
    if last is None or insert_after is None:  # an empty table, or tomlkit changed inside
        table[key] = item
        return
    insert_after(last, key, item)


def _plain(value: object) -> object:
    return value.unwrap() if isinstance(value, Item) else value
