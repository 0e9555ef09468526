"""The wheel carries every package and the data the app loads at run time."""

from __future__ import annotations

import tomllib
from pathlib import Path

import desk_break
from desk_break.assets import resource_root

REPO = Path(desk_break.__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_in_the_tree_is_listed_for_the_wheel() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "desk_break").rglob("__init__.py")
    }
    assert found | {"desk_break.resources"} == listed


def test_package_data_patterns_cover_every_shipped_resource() -> None:
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["desk_break.resources"]
    root = REPO / "resources"
    files = [p for p in root.rglob("*") if p.is_file() and p.suffix != ".py"
             and "__pycache__" not in p.parts]
    assert files
    uncovered = [
        str(p.relative_to(root)) for p in files
        if not any(p.relative_to(root).match(pattern) for pattern in patterns)
    ]
    assert not uncovered


def test_the_app_finds_its_catalog_icons_and_chime() -> None:
    root = resource_root()
    for name in ("moves.toml", "chime.wav", "icons/active.svg", "icons/paused.svg",
                 "icons/outside.svg", "icons/break.svg"):
        assert root.joinpath(name).is_file(), name
