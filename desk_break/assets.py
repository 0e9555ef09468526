"""Where the shipped data lives (move catalog, icons, sounds).

Installed, `resources/` is the package `desk_break.resources` inside the wheel.
Run from a source checkout (cwd on sys.path shadows the installed mapping), it is
the `resources/` folder beside the package.
"""

from __future__ import annotations

import importlib.resources
from functools import cache
from importlib.abc import Traversable
from pathlib import Path


@cache
def resource_root() -> Traversable:
    try:
        return importlib.resources.files("desk_break.resources")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "resources"


def resource_text(name: str) -> str:
    return resource_root().joinpath(name).read_text(encoding="utf-8")


def resource_bytes(name: str) -> bytes:
    return resource_root().joinpath(name).read_bytes()
