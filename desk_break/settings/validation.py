"""Plain TOML data of the current layout -> `Settings`, with (key, reason) pairs.

Pure: no file, no text, no line numbers (`schema.py` adds those). The rules:
a bad value falls back to its own default and the other keys still count; each
key is checked by its declared kind and bounds (`model.KEYS`); then the rules
between keys: ranges that overlap across midnight, and a warning longer than the
time between breaks.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import time
from typing import Any

from desk_break.core.i18n import QT_TRANSLATE_NOOP, arg, translate, weekday_name
from desk_break.settings.keys import Kind
from desk_break.settings.model import (
    CHOICES,
    EQUIPMENT,
    INT_BOUNDS,
    KEYS,
    POSITIONS,
    SCHEMA_VERSION,
    TABLES,
    WEEKDAYS,
    Settings,
    WorkHours,
    WorkRange,
    default_week,
)

__all__ = ["Invalid", "parse_range", "ranges_field", "show", "validate"]

Found = list[tuple[str, str]]  # (dotted key, reason)


class Invalid(Exception):
    """A value that cannot be used; carries (dotted key, reason) pairs."""

    def __init__(self, problems: Found) -> None:
        super().__init__(problems)
        self.problems = problems


def show(value: object) -> str:
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
        import tomlkit  # only to word a problem
        from tomlkit.exceptions import TOMLKitError

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
    import difflib  # only for a misspelt key

    close = difflib.get_close_matches(name, list(candidates), n=1)
    return arg(translate("SettingsFile", "; did you mean '%1'?"), close[0]) if close else ""


def _str_field(value: object, key: str) -> str:
    if not isinstance(value, str):
        reason = arg(translate("SettingsFile", 'must be text (a path, or "" for none), got %1'),
                     show(value))
        raise Invalid([(key, reason)])
    return value


def _int_field(value: object, key: str) -> int:
    bounds = INT_BOUNDS[key]
    # bool is an int in Python, but `true` is not a number of minutes.
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and bounds.low <= value <= bounds.high
    ):
        return value
    reason = arg(translate("SettingsFile", "must be a whole number from %1 to %2, got %3"),
                 bounds.low, bounds.high, show(value))
    raise Invalid([(key, reason)])


def _choice_field(value: object, key: str) -> str:
    allowed = CHOICES[key]
    if isinstance(value, str) and value in allowed:
        return value
    hint = _did_you_mean(value, allowed) if isinstance(value, str) else ""
    wanted = translate("SettingsFile", " or ").join(f'"{c}"' for c in allowed)
    raise Invalid([(key, arg(translate("SettingsFile", "must be %1, got %2"), wanted,
                             show(value)) + hint)])


def _bool_field(value: object, key: str) -> bool:
    if not isinstance(value, bool):
        raise Invalid([(key, arg(translate("SettingsFile", "must be true or false, got %1"),
                                 show(value)))])
    return value


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# What a list of positions or equipment says when it is wrong, per noun.
_LIST_OF = {
    "position": QT_TRANSLATE_NOOP("SettingsFile", "must be a list of positions from: %1"),
    "equipment": QT_TRANSLATE_NOOP("SettingsFile", "must be a list of equipment from: %1"),
}
_UNKNOWN_ITEM = {
    "position": QT_TRANSLATE_NOOP("SettingsFile", "unknown position %1"),
    "equipment": QT_TRANSLATE_NOOP("SettingsFile", "unknown equipment %1"),
}


def _choice_list(
    value: object, key: str, allowed: tuple[str, ...], noun: str, *, allow_empty: bool
) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Invalid([(key, arg(translate("SettingsFile", _LIST_OF[noun]), _choices(allowed)))])
    problems: list[tuple[str, str]] = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or item not in allowed:
            hint = _did_you_mean(item, allowed) if isinstance(item, str) else ""
            hint = hint or arg(translate("SettingsFile", "; expected one of %1"),
                               _choices(allowed))
            unknown = arg(translate("SettingsFile", _UNKNOWN_ITEM[noun]), show(item))
            problems.append((f"{key}[{i}]", unknown + hint))
    if not value and not allow_empty:
        problems.append((key, translate(
            "SettingsFile",
            "needs at least one position (to turn long breaks off, set long_breaks.enabled)",
        )))
    if problems:
        raise Invalid(problems)
    return _unique(value)


def _positions_field(value: object, key: str) -> tuple[str, ...]:
    return _choice_list(value, key, POSITIONS, "position", allow_empty=False)


def _equipment_field(value: object, key: str) -> tuple[str, ...]:
    return _choice_list(value, key, EQUIPMENT, "equipment", allow_empty=True)


def _ids_field(value: object, key: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Invalid([(key, arg(translate(
            "SettingsFile", "must be a list of move ids (text), got %1"), show(value)))])
    problems = [
        (f"{key}[{i}]", arg(translate("SettingsFile", "must be a move id (text), got %1"),
                            show(item)))
        for i, item in enumerate(value)
        if not isinstance(item, str)
    ]
    if problems:
        raise Invalid(problems)
    # Unknown ids are kept on purpose: a move may come back in a later release.
    return _unique(value)


_RANGE_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")
_NOT_A_RANGE = QT_TRANSLATE_NOOP(
    "SettingsFile", 'must be a time range "HH:MM-HH:MM" such as "09:00-17:30", got %1'
)


def _clock(hours: str, minutes: str) -> time | None:
    h, m = int(hours), int(minutes)
    return time(h, m) if h < 24 and m < 60 else None


def parse_range(text: str) -> WorkRange:
    """One "HH:MM-HH:MM"; raises ValueError with a reason for a person."""
    match = _RANGE_RE.match(text)
    if match is None:
        raise ValueError(arg(translate("SettingsFile", _NOT_A_RANGE), show(text)))
    start = _clock(match[1], match[2])
    # "24:00" is the next midnight, allowed as an end only ("00:00-24:00" = the whole day).
    to_midnight = int(match[3]) == 24 and match[4] == "00"
    end = time(0, 0) if to_midnight else _clock(match[3], match[4])
    for given, parsed in ((f"{match[1]}:{match[2]}", start), (f"{match[3]}:{match[4]}", end)):
        if parsed is None:
            if given == "24:00":
                raise ValueError(translate(
                    "SettingsFile",
                    '"24:00" can only end a range ("00:00-24:00" is the whole day); '
                    'to start at midnight write "00:00"',
                ))
            raise ValueError(arg(translate(
                "SettingsFile", '"%1" is not a time of day (00:00 to 23:59, or 24:00 to end)'
            ), given))
    assert start is not None and end is not None
    if start == end and not (to_midnight and start == time(0, 0)):
        raise ValueError(arg(translate(
            "SettingsFile", "%1 is empty: it starts and ends at the same time"), show(text)))
    return WorkRange(start, end)


def _day_minutes(r: WorkRange) -> tuple[int, int]:
    """The range on a line of minutes from its day's midnight; overnight ends pass 1440."""
    start = r.start.hour * 60 + r.start.minute
    return start, start + r.minutes


def ranges_field(value: object, key: str) -> tuple[WorkRange, ...]:
    if not isinstance(value, list):
        raise Invalid(
            [(key, arg(translate(
                "SettingsFile", 'must be a list of time ranges like ["09:00-17:30"], got %1'
            ), show(value)))]
        )
    problems: list[tuple[str, str]] = []
    ranges: list[tuple[int, WorkRange]] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            problems.append(
                (f"{key}[{i}]", arg(translate("SettingsFile", _NOT_A_RANGE), show(item)))
            )
            continue
        try:
            ranges.append((i, parse_range(item)))
        except ValueError as exc:
            problems.append((f"{key}[{i}]", str(exc)))
    if not problems:
        # Within one day: an overnight range only competes with ranges that start later
        # that same day; its tail after midnight belongs to the next calendar day.
        ordered = sorted(ranges, key=lambda pair: _day_minutes(pair[1]))
        for (_, earlier), (i, later) in itertools.pairwise(ordered):
            if _day_minutes(later)[0] < _day_minutes(earlier)[1]:
                overlap = arg(translate("SettingsFile", '"%1" overlaps "%2"'), later, earlier)
                problems.append((f"{key}[{i}]", overlap))
    if problems:
        raise Invalid(problems)
    return tuple(r for _, r in ranges)


_VALIDATORS: dict[Kind, Callable[[object, str], Any]] = {
    "int": _int_field,
    "bool": _bool_field,
    "path": _str_field,
    "choice": _choice_field,
    "positions": _positions_field,
    "equipment": _equipment_field,
    "ids": _ids_field,
    "ranges": ranges_field,
}

# table -> name -> validator, in the order a fresh file lists them.
SCHEMA: dict[str, dict[str, Callable[[object, str], Any]]] = {table: {} for table in TABLES}
for _key in KEYS:
    SCHEMA[_key.table][_key.name] = _VALIDATORS[_key.spec.kind]

# Where each key lives, to say "it belongs in [behaviour]" for a key in the wrong place.
_HOME_TABLE: dict[str, str] = {key.name: key.table for key in KEYS}


def _unknown(key_path: str, name: str, here: list[str], value: object) -> tuple[str, str]:
    table = isinstance(value, dict)
    home = _HOME_TABLE.get(name)
    table_of_key = key_path.rsplit(".", 1)[0] if "." in key_path else None
    if home is not None and home != table_of_key:
        if table:
            text = translate("SettingsFile", "unknown table here; '%1' belongs in [%2]")
        else:
            text = translate("SettingsFile", "unknown key here; '%1' belongs in [%2]")
        return key_path, arg(text, name, home)
    if table:
        unknown = translate("SettingsFile", "unknown table")
    else:
        unknown = translate("SettingsFile", "unknown key")
    return key_path, unknown + _did_you_mean(name, here)


def _cross_midnight(chosen: dict[str, Any]) -> Found:
    """A day's range that starts inside the previous day's range running past midnight.

    The planner would quietly clip it away, so it is refused, and that day keeps its
    default. Sunday night runs into Monday.
    """
    problems: Found = []
    week = {**default_week(), **chosen}
    for d, day in enumerate(WEEKDAYS):
        before = WEEKDAYS[d - 1]
        tails = [r for r in week[before] if r.overnight]
        for i, r in enumerate(week[day]):
            start = _day_minutes(r)[0]
            for tail in tails:
                if start < _day_minutes(tail)[1] - 24 * 60:
                    problems.append(
                        (
                            f"work_hours.{day}[{i}]",
                            arg(translate(
                                "SettingsFile",
                                "\"%1\" overlaps %2's \"%3\", which runs past midnight into "
                                "%4; shorten one of them",
                            ), r, weekday_name(d - 1 if d else 6), tail, weekday_name(d)),
                        )
                    )
                    break
        if any(key.startswith(f"work_hours.{day}[") for key, _ in problems):
            chosen.pop(day, None)
    return problems


def _warning_fits(breaks: dict[str, Any]) -> Found:
    """A warning longer than the gap between breaks would start before the last break ends."""
    interval: int = breaks.get("interval_minutes", _DEFAULTS["breaks.interval_minutes"])
    warning: int = breaks.get("warning_seconds", _DEFAULTS["breaks.warning_seconds"])
    if warning <= interval * 60:
        return []
    breaks.pop("warning_seconds", None)
    return [
        (
            "breaks.warning_seconds",
            arg(translate(
                "SettingsFile",
                "the warning (%1 s) is longer than the time between breaks "
                "(interval_minutes = %2, %3 s); make it at most %3",
            ), warning, interval, interval * 60),
        )
    ]


_DEFAULTS: dict[str, Any] = {key.dotted: key.default for key in KEYS}


def validate(data: dict[str, Any], extra: tuple[str, ...] = ()) -> tuple[Settings, Found]:
    """Plain data of the current layout -> Settings; bad values keep their defaults.

    `extra`: top-level names the caller checks itself (the site file's `locked`)."""
    problems: Found = []
    top_level = ["version", *SCHEMA, *extra]
    for name, value in data.items():
        if name not in top_level:
            problems.append(_unknown(name, name, top_level, value))

    chosen: dict[str, dict[str, Any]] = {}
    for table, keys in SCHEMA.items():
        chosen[table] = {}
        given = data.get(table)
        if given is None:
            continue
        if not isinstance(given, dict):
            problems.append((table, f"must be a table, got {show(given)}"))
            continue
        for name, value in given.items():
            path = f"{table}.{name}"
            if name not in keys:
                problems.append(_unknown(path, name, list(keys), value))
                continue
            try:
                chosen[table][name] = keys[name](value, path)
            except Invalid as exc:
                problems.extend(exc.problems)
    problems.extend(_cross_midnight(chosen["work_hours"]))
    problems.extend(_warning_fits(chosen["breaks"]))

    tables: dict[str, Any] = {
        table: replace(cls(), **chosen[table])
        for table, cls in TABLES.items()
        if cls is not WorkHours
    }
    tables["work_hours"] = WorkHours({**default_week(), **chosen["work_hours"]})
    return Settings(version=SCHEMA_VERSION, **tables), problems


def file_version(doc: Mapping[str, Any]) -> tuple[int, tuple[str, str] | None]:
    """The version a document declares (no key = 0), or the current one plus a problem.
    `doc` is plain data (tomllib) or a tomlkit document (its items unwrap)."""
    raw = doc.get("version", 0)
    value = raw.unwrap() if hasattr(raw, "unwrap") else raw
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return SCHEMA_VERSION, (
            "version",
            arg(translate(
                "SettingsFile", "must be a whole number (this Desk Break writes %1), got %2"
            ), SCHEMA_VERSION, show(value)),
        )
    return value, None
