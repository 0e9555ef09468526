"""Where each key is in the text: a small line scanner, so problems can name a line.

tomlkit does not keep line numbers; this scan reads table headers and `key =`
lines the way people write them. A key it cannot place simply has no line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from desk_break.settings.model import KEYS

__all__ = ["key_lines", "line_of", "repeated_key_line", "scan_keys"]

_BARE_OR_QUOTED = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_HEADER_RE = re.compile(rf"^\s*\[\[?\s*({_DOTTED})\s*\]\]?")
_KEY_RE = re.compile(rf"^\s*({_DOTTED})\s*=")
_PART_RE = re.compile(_BARE_OR_QUOTED)

# Current name -> old names (from the declarations), so a problem with a migrated
# value still points at the line the person wrote.
_OLD_NAMES: dict[str, tuple[str, ...]] = {key.dotted: key.old_dotted for key in KEYS}


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


def scan_keys(text: str) -> Iterator[tuple[tuple[str, ...], int]]:
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


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The first line of every header and key, by its full dotted path."""
    lines: dict[tuple[str, ...], int] = {}
    for path, number in scan_keys(text):
        lines.setdefault(path, number)
    return lines


def repeated_key_line(text: str) -> int | None:
    """The line where a key is given a second time (tomlkit does not always say)."""
    seen: set[tuple[str, ...]] = set()
    for path, number in scan_keys(text):
        if path in seen:
            return number
        seen.add(path)
    return None


def line_of(key: str, lines: dict[tuple[str, ...], int]) -> int | None:
    """The line of `key`, else of its old name, else of the nearest enclosing table."""
    bare = re.sub(r"\[\d+\]$", "", key)
    exact = [tuple(bare.split("."))]
    exact.extend(tuple(old.split(".")) for old in _OLD_NAMES.get(bare, ()))
    for parts in exact:
        if parts in lines:
            return lines[parts]
    parts = exact[0]
    while parts:
        if parts in lines:
            return lines[parts]
        parts = parts[:-1]
    return None
