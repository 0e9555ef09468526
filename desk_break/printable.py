"""What the command line writes: the person's data shown, never obeyed by the terminal.

A move name from moves.toml, a key from settings.toml, a row of an imported history
file can hold terminal escapes (ESC starts colour, title and clear-screen sequences;
CR overwrites a line) or bidirectional overrides that make a line read differently
from what it holds. Every command prints through `say`.
"""

from __future__ import annotations

import re
from typing import TextIO

__all__ = ["printable", "say"]

# C0 and C1 controls but tab and newline, and the bidirectional marks and overrides.
_NOT_SHOWN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` as a terminal shows it literally: each such character becomes its \\uXXXX
    escape, which is also how JSON writes it, so --json output stays valid JSON."""
    return _NOT_SHOWN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def say(text: object, file: TextIO | None = None) -> None:
    """print(), for everything the command line writes: never raw control characters."""
    print(printable(str(text)), file=file)
