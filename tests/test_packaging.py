"""The wheel carries every package and the data the app loads at run time."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

import desk_break
from desk_break.assets import resource_root

REPO = Path(desk_break.__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _data_packages(package: str, folder: Path) -> set[str]:
    """`package` and every folder under it that Python could import (a name setuptools
    warns about unless it is listed): "16x16" is not such a name, "icons" is."""
    found = {package}
    for sub in folder.rglob("*"):
        rel = sub.relative_to(folder).parts
        if sub.is_dir() and "__pycache__" not in rel and all(p.isidentifier() for p in rel):
            found.add(".".join((package, *rel)))
    return found


def test_every_package_and_resource_folder_is_listed_for_the_wheel() -> None:
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "desk_break").rglob("__init__.py")
    }
    found |= _data_packages("desk_break.resources", REPO / "resources")
    found |= _data_packages("desk_break.resources.linux", REPO / "packaging" / "linux")
    assert found == listed


def _glob_match(rel: Path, pattern: str) -> bool:
    """setuptools' glob: "*" stays within one folder."""
    parts, pats = rel.parts, pattern.split("/")
    return len(parts) == len(pats) and all(fnmatch(p, q) for p, q in zip(parts, pats, strict=True))


MAPPED = (("desk_break.resources", REPO / "resources"),
          ("desk_break.resources.linux", REPO / "packaging" / "linux"))


@pytest.mark.parametrize(("package", "root"), MAPPED, ids=[m[0] for m in MAPPED])
def test_package_data_patterns_cover_every_shipped_resource(package: str, root: Path) -> None:
    data = PYPROJECT["tool"]["setuptools"]["package-data"]
    assert REPO / PYPROJECT["tool"]["setuptools"]["package-dir"][package] == root
    others = [m for m, _ in MAPPED if m != package and m.startswith(package + ".")]
    patterns = [  # each package's patterns, relative to `root`
        "/".join((*name[len(package) + 1:].split("."), pattern)).lstrip("/")
        for name, pats in data.items()
        if (name == package or name.startswith(package + "."))
        and not any(name == o or name.startswith(o + ".") for o in others)
        for pattern in pats
    ]
    files = [p.relative_to(root) for p in root.rglob("*") if p.is_file() and p.suffix != ".py"
             and "__pycache__" not in p.parts
             and not any((REPO / dict(MAPPED)[o]).exists() and p.is_relative_to(dict(MAPPED)[o])
                         for o in others)]
    assert files
    uncovered = [str(f) for f in files if not any(_glob_match(f, pat) for pat in patterns)]
    assert not uncovered


def test_the_app_finds_its_catalog_icons_and_chime() -> None:
    root = resource_root()
    for name in ("moves.toml", "chime.wav", "icons/active.svg", "icons/paused.svg",
                 "icons/outside.svg", "icons/break.svg"):
        assert root.joinpath(name).is_file(), name
