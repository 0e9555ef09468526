"""The core stays Qt-free, so every rule is testable without a display or waiting."""

from __future__ import annotations

import ast
from pathlib import Path

import desk_break

PACKAGE = Path(desk_break.__file__).parent
FORBIDDEN_IN_CORE = ("PySide6", "shiboken6", "apscheduler", "platformdirs", "tomlkit")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_no_qt_scheduler_or_platform_dirs() -> None:
    files = sorted((PACKAGE / "core").glob("*.py"))
    assert len(files) >= 8, "the core modules should all be here"
    offenders = {
        f"{path.name}: {name}"
        for path in files
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN_IN_CORE
        or name.startswith(("desk_break.qt", "desk_break.ipc", "desk_break.paths"))
    }
    assert not offenders


def test_platformdirs_is_asked_in_one_place_only() -> None:
    users = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "platformdirs" in imported_modules(path)
    )
    assert users == ["paths.py"]
