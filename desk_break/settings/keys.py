"""The declaration of every settings key: one `setting(...)` per key, in the model.

Each field of a table dataclass in `model.py` is declared with `setting()`, which
carries everything else the app needs to know about that key: its kind and bounds
(validation), the comment written into a fresh file, the Preferences label and
help, and the old names it had (migration). Everything else is derived from it by
walking the dataclasses (`all_keys()`): the validator, the commented file, the
Preferences bindings and the README's settings table. Adding a key costs one
field. Labels live here as plain text the shell reads; the model never shows them.
"""

from __future__ import annotations

from dataclasses import MISSING, Field, dataclass, field, fields
from typing import Any, Literal, TypeVar

T = TypeVar("T")

Kind = Literal["int", "bool", "path", "choice", "positions", "equipment", "ids", "ranges"]

SPEC = "desk_break.key"  # the dataclass field metadata entry holding a KeySpec


@dataclass(frozen=True)
class KeySpec:
    """What a key is, beyond its name and default."""

    kind: Kind
    comment: str  # written beside the key in a fresh file
    low: int | None = None  # inclusive bounds of an "int"
    high: int | None = None
    label: str = ""  # Preferences: the form label ("Break every:")
    help: str = ""  # Preferences: tooltip / note under the field
    suffix: str = ""  # Preferences: " min", " s"
    special: str = ""  # Preferences: spin box text shown at the low bound ("No warning")
    step: int = 1  # Preferences: spin box step
    old_names: tuple[str, ...] = ()  # names the key had before version `renamed_in`
    renamed_in: int = 0
    choices: tuple[str, ...] = ()  # the values a "choice" key may take


def setting(
    default: T,
    kind: Kind,
    comment: str,
    *,
    low: int | None = None,
    high: int | None = None,
    label: str = "",
    help: str = "",
    suffix: str = "",
    special: str = "",
    step: int = 1,
    old_names: tuple[str, ...] = (),
    renamed_in: int = 0,
    choices: tuple[str, ...] = (),
) -> T:
    """A dataclass field that declares one settings key (see the module doc)."""
    spec = KeySpec(
        kind, comment, low, high, label, help, suffix, special, step, old_names, renamed_in,
        choices,
    )
    if kind == "int" and (low is None or high is None):
        raise TypeError("an int key needs bounds")
    if kind == "choice" and default not in choices:
        raise TypeError("a choice key needs its choices, the default among them")
    result: T = field(default=default, metadata={SPEC: spec})
    return result


@dataclass(frozen=True)
class Key:
    """One key as the rest of the package sees it: where it lives and what it is."""

    table: str
    name: str
    default: Any
    spec: KeySpec

    @property
    def dotted(self) -> str:
        return f"{self.table}.{self.name}"

    @property
    def old_dotted(self) -> tuple[str, ...]:
        return tuple(f"{self.table}.{old}" for old in self.spec.old_names)


def _default(f: Field[Any]) -> Any:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    raise TypeError(f"settings field {f.name} has no default")


def table_keys(table: str, cls: type) -> tuple[Key, ...]:
    """The declared keys of one table dataclass, in declaration order."""
    return tuple(
        Key(table, f.name, _default(f), f.metadata[SPEC]) for f in fields(cls) if SPEC in f.metadata
    )
