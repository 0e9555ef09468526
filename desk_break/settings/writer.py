"""`Settings` -> a TOML document: a fresh, commented file, or an edit of the person's own.

Writing updates a parsed document in place, so a hand-edited file keeps its
comments, blank lines and key order; only values that differ are touched. Every
comment in a fresh file comes from the key declarations (`model.KEYS`).
"""

from __future__ import annotations

from collections.abc import Collection, MutableMapping
from typing import Any

import tomlkit
from tomlkit.items import InlineTable, Item

from desk_break.settings.keys import Key
from desk_break.settings.migrations import file_version, migrate, set_version
from desk_break.settings.model import KEYS, SCHEMA_VERSION, TABLES, Settings
from desk_break.settings.validation import Invalid, ranges_field

__all__ = ["file_comment", "settings_to_document", "toml_value"]

_FILE_COMMENTS: tuple[str, ...] = (
    "Desk Break settings.",
    "",
    "A key you leave out keeps its default. Preferences keep your comments when",
    "they save. Check this file with:  desk-break settings check",
)

_BY_TABLE: dict[str, dict[str, Key]] = {table: {} for table in TABLES}
for _key in KEYS:
    _BY_TABLE[_key.table][_key.name] = _key


def file_comment(key: Key) -> str:
    """The comment written beside `key` in a fresh file: its text and its bounds."""
    spec = key.spec
    if spec.kind == "int" and spec.comment:
        return f"{spec.comment} ({spec.low}-{spec.high})"
    return spec.comment


def toml_value(value: Any) -> Any:
    """A settings value as plain TOML: tuples become lists, ranges their text."""
    if isinstance(value, tuple):
        return [toml_value(v) for v in value]
    if isinstance(value, list):
        return [toml_value(v) for v in value]
    if not isinstance(value, bool | int | str):
        return str(value)  # a WorkRange
    return value


def _toml_values(settings: Settings) -> dict[str, dict[str, Any]]:
    """Settings as plain TOML values, table by table, in the canonical order."""
    out: dict[str, dict[str, Any]] = {table: {} for table in TABLES}
    for key in KEYS:
        if key.table == "work_hours":
            value: Any = settings.work_hours.days.get(key.name, ())
        else:
            value = getattr(getattr(settings, key.table), key.name)
        out[key.table][key.name] = toml_value(value)
    return out


_DEFAULT_VALUES = _toml_values(Settings())


def _same(table: str, key: str, current: object, wanted: object) -> bool:
    """Whether the file already says `wanted`, so the key must not be touched."""
    if table == "work_hours":
        try:  # "9:00-17:30" in the file means the same as "09:00-17:30"
            ranges = ranges_field(current, f"{table}.{key}")
        except Invalid:
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
        for line in TABLES[name].file_comment:  # type: ignore[attr-defined]
            table.add(tomlkit.comment(line))
    width = max((len(f"{k} = {tomlkit.item(v).as_string()}") for k, v in values.items()), default=0)
    for key, value in values.items():
        item = _commented(value, file_comment(_BY_TABLE[name][key]))
        if item.trivia.comment:
            item.trivia.comment_ws = " " * (width - len(f"{key} = {item.as_string()}") + 2)
        table.add(key, item)
    return table


def _fresh_document(settings: Settings, defaults: dict[str, dict[str, Any]],
                    site_keys: Collection[str], keep: Collection[str]) -> tomlkit.TOMLDocument:
    doc = tomlkit.document()
    for line in _FILE_COMMENTS:
        doc.add(tomlkit.comment(line))
    doc.add(tomlkit.nl())
    doc.add("version", SCHEMA_VERSION)
    for name, values in _toml_values(settings).items():
        values = {  # a site default is not copied into the person's file: it may change
            k: v for k, v in values.items() if f"{name}.{k}" not in keep
            and not (f"{name}.{k}" in site_keys and _same(name, k, defaults[name][k], v))
        }
        if values:
            doc.add(name, _new_table(name, values, documented=True))
    return doc


def settings_to_document(
    settings: Settings,
    base: tomlkit.TOMLDocument | None = None,
    *,
    defaults: Settings | None = None,
    site_keys: Collection[str] = (),
    keep: Collection[str] = (),
) -> tomlkit.TOMLDocument:
    """A document that parses back to `settings` with no problems.

    With no `base`: a fresh file that documents every key. With a `base` (the file as
    it is now): a copy of it where only the values that differ are replaced, keys and
    tables that `settings` needs but the file lacks are added at the end, and keys
    the schema does not know are dropped. Comments, blank lines and order stay.
    A key the file leaves out already means its default, so it is only added when
    `settings` differs from that default. `base` itself is not changed.

    With site-wide defaults: `defaults` are the settings a key left out means (the
    site file's over the built-in ones), `site_keys` the keys that file sets, and
    `keep` the keys it locks: those are never written, changed or removed here.
    """
    default_values = _DEFAULT_VALUES if defaults is None else _toml_values(defaults)
    if base is None:
        return _fresh_document(settings, default_values, site_keys, keep)

    doc = tomlkit.parse(base.as_string())
    version, _ = file_version(doc)
    if version < SCHEMA_VERSION:
        doc, _notes = migrate(doc, version)
    if not _strictly_equal(doc.get("version"), SCHEMA_VERSION):
        set_version(doc, SCHEMA_VERSION)
    for name in [key for key in doc if key != "version" and key not in TABLES]:
        del doc[name]

    for name, values in _toml_values(settings).items():
        values = {k: v for k, v in values.items() if f"{name}.{k}" not in keep}
        differing = {
            k: v for k, v in values.items() if not _same(name, k, default_values[name][k], v)
        }
        current = doc.get(name)
        if not isinstance(current, MutableMapping):
            if current is not None:
                del doc[name]
            if differing:
                doc.add(name, _new_table(name, differing, documented=True))
            continue
        for key in [k for k in current if k not in values and f"{name}.{k}" not in keep]:
            del current[key]
        for key, value in values.items():
            if key in current:
                if not _same(name, key, _plain(current[key]), value):
                    current[key] = value  # tomlkit keeps the line's comment
            elif key in differing:
                inline = isinstance(current, InlineTable)
                comment = "" if inline else file_comment(_BY_TABLE[name][key])
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
