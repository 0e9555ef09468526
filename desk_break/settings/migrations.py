"""Taking an older settings document to the current layout, one version at a time.

napari's shape: each step is registered with `@migrator(from_version, to_version)`
and runs on a copy of the document; only when it returns is the copy kept. A step
that raises leaves the document as the previous step left it, and the failure is
reported as a (key, reason) pair, never raised. Renamed keys are data: a key
declared with `old_names=..., renamed_in=N` is renamed by one generic step on the
way to version N, so a rename costs no code.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, MutableMapping
from typing import Any

import tomlkit
from tomlkit.items import Item

from desk_break.core.i18n import arg, translate
from desk_break.settings.model import KEYS, SCHEMA_VERSION
from desk_break.settings.validation import Found, file_version

__all__ = ["MIGRATIONS", "file_version", "migrate", "migrator", "rename_keys", "set_version"]

log = logging.getLogger(__name__)

Migration = Callable[[tomlkit.TOMLDocument], Found]

# From-version -> the step that takes a document from it to the next version, in place.
MIGRATIONS: dict[int, Migration] = {}


def migrator(from_version: int, to_version: int) -> Callable[[Migration], Migration]:
    """Register a step; steps go one version at a time, so the registry has no gaps."""
    if to_version != from_version + 1:
        raise ValueError(
            f"a migration goes one version at a time, not {from_version}->{to_version}"
        )

    def register(step: Migration) -> Migration:
        if from_version in MIGRATIONS:
            raise ValueError(f"two migrations from version {from_version}")
        MIGRATIONS[from_version] = step
        return step

    return register


def _rename_key(table: MutableMapping[str, Any], old: str, new: str) -> None:
    """Rename in place, keeping the key's position and its comment."""
    container = getattr(table, "value", None)
    replace_in_place = getattr(container, "_replace", None)
    item = table.item(old) if hasattr(table, "item") else None
    if callable(replace_in_place) and isinstance(item, Item):
        replace_in_place(old, new, item)
    else:  # tomlkit without the private helper: same content, key moves to the end
        table[new] = table.pop(old)


def rename_keys(doc: tomlkit.TOMLDocument, to_version: int) -> Found:
    """The generic step: every key declared `renamed_in=to_version` gets its new name."""
    notes: Found = []
    for key in KEYS:
        if key.spec.renamed_in != to_version:
            continue
        table = doc.get(key.table)
        if not isinstance(table, MutableMapping):
            continue
        for old in key.spec.old_names:
            if old not in table:
                continue
            if key.name in table:
                del table[old]
                reason = arg(translate(
                    "SettingsFile", "old name of '%1', which is also set; ignored"), key.name)
                notes.append((f"{key.table}.{old}", reason))
            else:
                _rename_key(table, old, key.name)
    return notes


@migrator(0, 1)
def _migrate_0_to_1(doc: tomlkit.TOMLDocument) -> Found:
    """Version 0 differs from 1 only by renames (`breaks.interval`), which are data."""
    return []


def set_version(doc: tomlkit.TOMLDocument, version: int) -> None:
    doc["version"] = version  # a new key goes before the first table


def migrate(
    doc: tomlkit.TOMLDocument,
    version: int,
    target: int = SCHEMA_VERSION,
    steps: dict[int, Migration] | None = None,
) -> tuple[tomlkit.TOMLDocument, Found]:
    """`doc` taken from `version` towards `target`, and what to tell the person.

    `doc` itself is not changed. Each step runs on a copy; a step that raises
    stops the migration there (the result is the document as the last good step
    left it) and comes back as a problem on `version`.
    """
    registry = MIGRATIONS if steps is None else steps
    notes: Found = []
    current = doc
    while version < target:
        copy = tomlkit.parse(current.as_string())
        try:
            step_notes = registry[version](copy)
            step_notes += rename_keys(copy, version + 1)
        except Exception as exc:
            log.exception("settings migration %d -> %d failed", version, version + 1)
            reason = arg(translate(
                "SettingsFile",
                "could not update this file from settings version %1 to %2 "
                "(%3); it is read as it is and left unchanged",
            ), version, version + 1, f"{type(exc).__name__}: {exc}")
            notes.append(("version", reason))
            return current, notes
        notes.extend(step_notes)
        version += 1
        set_version(copy, version)
        current = copy
    return current, notes
